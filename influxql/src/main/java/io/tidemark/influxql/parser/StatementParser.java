package io.tidemark.influxql.parser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.tidemark.influxql.ParseException;
import io.tidemark.influxql.ast.AlterRetentionPolicyStatement;
import io.tidemark.influxql.ast.CreateContinuousQueryStatement;
import io.tidemark.influxql.ast.CreateDatabaseStatement;
import io.tidemark.influxql.ast.CreateRetentionPolicyStatement;
import io.tidemark.influxql.ast.CreateSubscriptionStatement;
import io.tidemark.influxql.ast.CreateUserStatement;
import io.tidemark.influxql.ast.DeleteSeriesStatement;
import io.tidemark.influxql.ast.Dimension;
import io.tidemark.influxql.ast.DropContinuousQueryStatement;
import io.tidemark.influxql.ast.DropDatabaseStatement;
import io.tidemark.influxql.ast.DropMeasurementStatement;
import io.tidemark.influxql.ast.DropRetentionPolicyStatement;
import io.tidemark.influxql.ast.DropSeriesStatement;
import io.tidemark.influxql.ast.DropShardStatement;
import io.tidemark.influxql.ast.DropSubscriptionStatement;
import io.tidemark.influxql.ast.DropUserStatement;
import io.tidemark.influxql.ast.ExplainStatement;
import io.tidemark.influxql.ast.Expr;
import io.tidemark.influxql.ast.GrantAdminStatement;
import io.tidemark.influxql.ast.GrantStatement;
import io.tidemark.influxql.ast.InfluxDurations;
import io.tidemark.influxql.ast.KillQueryStatement;
import io.tidemark.influxql.ast.ListLiteral;
import io.tidemark.influxql.ast.Measurement;
import io.tidemark.influxql.ast.Privilege;
import io.tidemark.influxql.ast.Query;
import io.tidemark.influxql.ast.RegexLiteral;
import io.tidemark.influxql.ast.RevokeAdminStatement;
import io.tidemark.influxql.ast.RevokeStatement;
import io.tidemark.influxql.ast.SelectStatement;
import io.tidemark.influxql.ast.SetPasswordUserStatement;
import io.tidemark.influxql.ast.ShowContinuousQueriesStatement;
import io.tidemark.influxql.ast.ShowDatabasesStatement;
import io.tidemark.influxql.ast.ShowDiagnosticsStatement;
import io.tidemark.influxql.ast.ShowFieldKeyCardinalityStatement;
import io.tidemark.influxql.ast.ShowFieldKeysStatement;
import io.tidemark.influxql.ast.ShowGrantsForUserStatement;
import io.tidemark.influxql.ast.ShowMeasurementCardinalityStatement;
import io.tidemark.influxql.ast.ShowMeasurementsStatement;
import io.tidemark.influxql.ast.ShowQueriesStatement;
import io.tidemark.influxql.ast.ShowRetentionPoliciesStatement;
import io.tidemark.influxql.ast.ShowSeriesCardinalityStatement;
import io.tidemark.influxql.ast.ShowSeriesStatement;
import io.tidemark.influxql.ast.ShowShardGroupsStatement;
import io.tidemark.influxql.ast.ShowShardsStatement;
import io.tidemark.influxql.ast.ShowStatsStatement;
import io.tidemark.influxql.ast.ShowSubscriptionsStatement;
import io.tidemark.influxql.ast.ShowTagKeyCardinalityStatement;
import io.tidemark.influxql.ast.ShowTagKeysStatement;
import io.tidemark.influxql.ast.ShowTagValuesCardinalityStatement;
import io.tidemark.influxql.ast.ShowTagValuesStatement;
import io.tidemark.influxql.ast.ShowUsersStatement;
import io.tidemark.influxql.ast.SortField;
import io.tidemark.influxql.ast.Source;
import io.tidemark.influxql.ast.Statement;
import io.tidemark.influxql.ast.StringLiteral;
import io.tidemark.influxql.ast.TagKeyMatch;
import io.tidemark.influxql.parser.SelectParser.TargetRequirement;

/**
 * Recursive-descent parser for InfluxQL 1.8 queries: one method per statement, each assuming its keyword prefix was
 * consumed by the {@link StatementTree}. Error texts and positions match InfluxDB's parser.
 *
 * <p>Not thread-safe; create one per parse.
 */
public final class StatementParser {
    private static final StatementTree LANGUAGE = buildLanguage();

    private final TokenStream in;
    private final TerminalParser terms;
    private final SelectParser select;

    public StatementParser(String text, BoundParameters params) {
        this.in = new TokenStream(text, params);
        this.terms = new TerminalParser(in);
        this.select = new SelectParser(in, terms, new ExpressionParser(in, terms));
    }

    /** Parses {@code ;}-separated statements up to the end of the text (empty statements are allowed). */
    public Query parseQuery() throws ParseException {
        List<Statement> statements = new ArrayList<>();
        boolean semi = true;
        while (true) {
            Lexeme l = in.scanIgnoreWhitespace();
            if (l.token() == Token.EOF) {
                return new Query(statements);
            } else if (l.token() == Token.SEMICOLON) {
                semi = true;
            } else {
                if (!semi) {
                    throw TerminalParser.unexpected(l, ";");
                }
                in.unscan();
                statements.add(parseStatement());
                semi = false;
            }
        }
    }

    /** Parses one statement at the current position; like InfluxDB, ignores whatever follows it. */
    public Statement parseStatement() throws ParseException {
        return LANGUAGE.parse(this, in);
    }

    /** Parses one expression at the current position; ignores whatever follows it. */
    public Expr parseExpr() throws ParseException {
        return select.expressions().parseExpr();
    }

    /** The statement keywords, registered in InfluxDB's order (which its error messages list). */
    private static StatementTree buildLanguage() {
        StatementTree root = new StatementTree();
        root.handle(Token.SELECT, p -> p.select.parseSelect(TargetRequirement.NOT_REQUIRED));
        root.handle(Token.DELETE, StatementParser::parseDelete);

        StatementTree show = root.group(Token.SHOW);
        show.group(Token.CONTINUOUS).handle(Token.QUERIES, p -> new ShowContinuousQueriesStatement());
        show.handle(Token.DATABASES, p -> new ShowDatabasesStatement());
        show.handle(Token.DIAGNOSTICS, p -> new ShowDiagnosticsStatement(p.parseOptionalForModule()));
        StatementTree field = show.group(Token.FIELD);
        field.handle(Token.KEY, StatementParser::parseShowFieldKeyCardinality);
        field.handle(Token.KEYS, StatementParser::parseShowFieldKeys);
        show.group(Token.GRANTS).handle(Token.FOR, p -> new ShowGrantsForUserStatement(p.terms.parseIdent()));
        show.group(Token.MEASUREMENT).handle(Token.EXACT, p -> p.parseShowMeasurementCardinality(true));
        show.group(Token.MEASUREMENT).handle(Token.CARDINALITY, p -> p.parseShowMeasurementCardinality(false));
        show.handle(Token.MEASUREMENTS, StatementParser::parseShowMeasurements);
        show.handle(Token.QUERIES, p -> new ShowQueriesStatement());
        show.group(Token.RETENTION).handle(Token.POLICIES, StatementParser::parseShowRetentionPolicies);
        show.handle(Token.SERIES, StatementParser::parseShowSeries);
        show.group(Token.SHARD).handle(Token.GROUPS, p -> new ShowShardGroupsStatement());
        show.handle(Token.SHARDS, p -> new ShowShardsStatement());
        show.handle(Token.STATS, p -> new ShowStatsStatement(p.parseOptionalForModule()));
        show.handle(Token.SUBSCRIPTIONS, p -> new ShowSubscriptionsStatement());
        StatementTree tag = show.group(Token.TAG);
        tag.handle(Token.KEY, StatementParser::parseShowTagKeyCardinality);
        tag.handle(Token.KEYS, StatementParser::parseShowTagKeys);
        tag.handle(Token.VALUES, StatementParser::parseShowTagValues);
        show.handle(Token.USERS, p -> new ShowUsersStatement());

        StatementTree create = root.group(Token.CREATE);
        create.group(Token.CONTINUOUS).handle(Token.QUERY, StatementParser::parseCreateContinuousQuery);
        create.handle(Token.DATABASE, StatementParser::parseCreateDatabase);
        create.handle(Token.USER, StatementParser::parseCreateUser);
        create.group(Token.RETENTION).handle(Token.POLICY, StatementParser::parseCreateRetentionPolicy);
        create.handle(Token.SUBSCRIPTION, StatementParser::parseCreateSubscription);

        StatementTree drop = root.group(Token.DROP);
        drop.group(Token.CONTINUOUS).handle(Token.QUERY, StatementParser::parseDropContinuousQuery);
        drop.handle(Token.DATABASE, p -> new DropDatabaseStatement(p.terms.parseIdent()));
        drop.handle(Token.MEASUREMENT, p -> new DropMeasurementStatement(p.terms.parseIdent()));
        drop.group(Token.RETENTION).handle(Token.POLICY, StatementParser::parseDropRetentionPolicy);
        drop.handle(Token.SERIES, StatementParser::parseDropSeries);
        drop.handle(Token.SHARD, p -> new DropShardStatement(p.terms.parseUInt64()));
        drop.handle(Token.SUBSCRIPTION, StatementParser::parseDropSubscription);
        drop.handle(Token.USER, p -> new DropUserStatement(p.terms.parseIdent()));

        root.handle(Token.EXPLAIN, StatementParser::parseExplain);
        root.handle(Token.GRANT, StatementParser::parseGrant);
        root.handle(Token.REVOKE, StatementParser::parseRevoke);
        root.group(Token.ALTER, Token.RETENTION).handle(Token.POLICY, StatementParser::parseAlterRetentionPolicy);
        root.group(Token.SET, Token.PASSWORD).handle(Token.FOR, StatementParser::parseSetPassword);
        root.group(Token.KILL).handle(Token.QUERY, StatementParser::parseKillQuery);
        return root;
    }

    // ---- DELETE / DROP SERIES ----

    /** Assumes DELETE was consumed. */
    private Statement parseDelete() throws ParseException {
        SourcesAndCondition sc = parseSourcesAndCondition();
        return new DeleteSeriesStatement(sc.sources(), sc.condition());
    }

    /** Assumes DROP SERIES was consumed. */
    private Statement parseDropSeries() throws ParseException {
        SourcesAndCondition sc = parseSourcesAndCondition();
        return new DropSeriesStatement(sc.sources(), sc.condition());
    }

    private record SourcesAndCondition(List<Source> sources, Expr condition) {
    }

    /** {@code [FROM measurements] [WHERE cond]}, at least one of them, measurements unqualified. */
    private SourcesAndCondition parseSourcesAndCondition() throws ParseException {
        Lexeme first = in.scanIgnoreWhitespace();
        List<Source> sources = List.of();
        if (first.token() == Token.FROM) {
            sources = select.parseSources(false);
            String error = null;
            for (Source s : sources) {
                if (s instanceof Measurement m) {
                    // Deletes apply to the current database across all retention policies.
                    if (!m.database().isEmpty()) {
                        error = "database not supported";
                    }
                    if (!m.retentionPolicy().isEmpty()) {
                        error = "retention policy not supported";
                    }
                }
            }
            if (error != null) {
                throw TerminalParser.at(error, Pos.START);
            }
        } else {
            in.unscan();
        }
        Expr condition = select.parseCondition();
        if (condition == null && sources.isEmpty()) {
            throw TerminalParser.unexpected(first, "FROM", "WHERE");
        }
        return new SourcesAndCondition(sources, condition);
    }

    // ---- SHOW ----

    private String parseOptionalOn() throws ParseException {
        return terms.accept(Token.ON) ? terms.parseIdent() : "";
    }

    private List<Source> parseOptionalFrom() throws ParseException {
        return terms.accept(Token.FROM) ? select.parseSources(false) : List.of();
    }

    private String parseOptionalForModule() throws ParseException {
        return terms.accept(Token.FOR) ? terms.parseString() : "";
    }

    /** Assumes SHOW RETENTION POLICIES was consumed. */
    private Statement parseShowRetentionPolicies() throws ParseException {
        return new ShowRetentionPoliciesStatement(parseOptionalOn());
    }

    /** Assumes SHOW SERIES was consumed. */
    private Statement parseShowSeries() throws ParseException {
        boolean exact = terms.accept(Token.EXACT);
        if (terms.accept(Token.CARDINALITY)) {
            CardinalityClauses c = parseCardinalityClauses();
            return new ShowSeriesCardinalityStatement(c.database, exact, c.sources, c.condition, c.dimensions,
                    c.limit, c.offset);
        }
        String database = parseOptionalOn();
        List<Source> sources = parseOptionalFrom();
        Expr condition = select.parseCondition();
        List<SortField> sortFields = select.parseOrderBy();
        long limit = terms.parseOptionalTokenAndInt(Token.LIMIT);
        long offset = terms.parseOptionalTokenAndInt(Token.OFFSET);
        return new ShowSeriesStatement(database, sources, condition, sortFields, limit, offset);
    }

    /** The clauses after {@code ... CARDINALITY}: {@code [ON db] [FROM ..] [WHERE ..] [GROUP BY ..] [LIMIT] [OFFSET]}. */
    private record CardinalityClauses(String database, List<Source> sources, Expr condition,
            List<Dimension> dimensions, long limit, long offset) {
    }

    private CardinalityClauses parseCardinalityClauses() throws ParseException {
        String database = parseOptionalOn();
        List<Source> sources = parseOptionalFrom();
        Expr condition = select.parseCondition();
        List<Dimension> dimensions = select.parseDimensions();
        long limit = terms.parseOptionalTokenAndInt(Token.LIMIT);
        long offset = terms.parseOptionalTokenAndInt(Token.OFFSET);
        return new CardinalityClauses(database, sources, condition, dimensions, limit, offset);
    }

    /** Assumes SHOW MEASUREMENT EXACT or SHOW MEASUREMENT CARDINALITY was consumed. */
    private Statement parseShowMeasurementCardinality(boolean exact) throws ParseException {
        if (exact) {
            expect(Token.CARDINALITY);
        }
        CardinalityClauses c = parseCardinalityClauses();
        return new ShowMeasurementCardinalityStatement(c.database, exact, c.sources, c.condition, c.dimensions,
                c.limit, c.offset);
    }

    /** Assumes SHOW MEASUREMENTS was consumed. */
    private Statement parseShowMeasurements() throws ParseException {
        String database = parseOptionalOn();
        Measurement source = null;
        if (terms.accept(Token.WITH)) {
            terms.parseTokens(Token.MEASUREMENT);
            Lexeme op = in.scanIgnoreWhitespace();
            if (op.token() != Token.EQ && op.token() != Token.EQREGEX) {
                throw TerminalParser.unexpected(op, "=", "=~");
            }
            source = (Measurement) select.parseSource(false);
        }
        Expr condition = select.parseCondition();
        List<SortField> sortFields = select.parseOrderBy();
        long limit = terms.parseOptionalTokenAndInt(Token.LIMIT);
        long offset = terms.parseOptionalTokenAndInt(Token.OFFSET);
        return new ShowMeasurementsStatement(database, source, condition, sortFields, limit, offset);
    }

    /** {@code [EXACT] CARDINALITY} after {@code SHOW TAG KEY} / {@code SHOW FIELD KEY}; returns exact. */
    private boolean parseExactCardinality() throws ParseException {
        boolean exact = terms.accept(Token.EXACT);
        Lexeme l = in.scanIgnoreWhitespace();
        if (l.token() != Token.CARDINALITY) {
            throw exact ? TerminalParser.unexpected(l, "CARDINALITY")
                    : TerminalParser.unexpected(l, "EXACT", "CARDINALITY");
        }
        return exact;
    }

    /** Assumes SHOW TAG KEY was consumed. */
    private Statement parseShowTagKeyCardinality() throws ParseException {
        boolean exact = parseExactCardinality();
        CardinalityClauses c = parseCardinalityClauses();
        return new ShowTagKeyCardinalityStatement(c.database, exact, c.sources, c.condition, c.dimensions, c.limit,
                c.offset);
    }

    /** Assumes SHOW FIELD KEY was consumed. */
    private Statement parseShowFieldKeyCardinality() throws ParseException {
        boolean exact = parseExactCardinality();
        CardinalityClauses c = parseCardinalityClauses();
        return new ShowFieldKeyCardinalityStatement(c.database, exact, c.sources, c.condition, c.dimensions,
                c.limit, c.offset);
    }

    /** Assumes SHOW TAG KEYS was consumed. */
    private Statement parseShowTagKeys() throws ParseException {
        String database = parseOptionalOn();
        List<Source> sources = parseOptionalFrom();
        Expr condition = select.parseCondition();
        List<SortField> sortFields = select.parseOrderBy();
        long limit = terms.parseOptionalTokenAndInt(Token.LIMIT);
        long offset = terms.parseOptionalTokenAndInt(Token.OFFSET);
        long sLimit = terms.parseOptionalTokenAndInt(Token.SLIMIT);
        long sOffset = terms.parseOptionalTokenAndInt(Token.SOFFSET);
        return new ShowTagKeysStatement(database, sources, condition, sortFields, limit, offset, sLimit, sOffset);
    }

    /** Assumes SHOW TAG VALUES was consumed. */
    private Statement parseShowTagValues() throws ParseException {
        Lexeme l = in.scanIgnoreWhitespace();
        if (l.token() == Token.EXACT) {
            return parseShowTagValuesCardinality(true);
        } else if (l.token() == Token.CARDINALITY) {
            return parseShowTagValuesCardinality(false);
        }
        in.unscan();
        String database = parseOptionalOn();
        List<Source> sources = parseOptionalFrom();
        TagKey key = parseTagKeyExpr();
        Expr condition = select.parseCondition();
        List<SortField> sortFields = select.parseOrderBy();
        long limit = terms.parseOptionalTokenAndInt(Token.LIMIT);
        long offset = terms.parseOptionalTokenAndInt(Token.OFFSET);
        return new ShowTagValuesStatement(database, sources, key.op, key.expr, condition, sortFields, limit,
                offset);
    }

    /** Assumes SHOW TAG VALUES EXACT or SHOW TAG VALUES CARDINALITY was consumed. */
    private Statement parseShowTagValuesCardinality(boolean exact) throws ParseException {
        if (exact) {
            expect(Token.CARDINALITY);
        }
        String database = parseOptionalOn();
        List<Source> sources = parseOptionalFrom();
        TagKey key = parseTagKeyExpr();
        Expr condition = select.parseCondition();
        List<Dimension> dimensions = select.parseDimensions();
        long limit = terms.parseOptionalTokenAndInt(Token.LIMIT);
        long offset = terms.parseOptionalTokenAndInt(Token.OFFSET);
        return new ShowTagValuesCardinalityStatement(database, exact, sources, key.op, key.expr, condition,
                dimensions, limit, offset);
    }

    private record TagKey(TagKeyMatch op, Expr expr) {
    }

    /** The required {@code WITH KEY (= k | != k | =~ /re/ | !~ /re/ | IN (k, ...))}. */
    private TagKey parseTagKeyExpr() throws ParseException {
        terms.parseTokens(Token.WITH, Token.KEY);
        Lexeme l = in.scanIgnoreWhitespace();
        switch (l.token()) {
            case IN -> {
                Lexeme open = in.scanIgnoreWhitespace();
                if (open.token() != Token.LPAREN) {
                    throw TerminalParser.unexpected(open, "(");
                }
                List<String> keys = terms.parseIdentList();
                Lexeme close = in.scanIgnoreWhitespace();
                if (close.token() != Token.RPAREN) {
                    throw TerminalParser.unexpected(close, ")");
                }
                return new TagKey(TagKeyMatch.IN, new ListLiteral(keys));
            }
            case EQ, NEQ -> {
                String key = terms.parseIdent();
                return new TagKey(l.token() == Token.EQ ? TagKeyMatch.EQ : TagKeyMatch.NEQ, new StringLiteral(key));
            }
            case EQREGEX, NEQREGEX -> {
                RegexLiteral re = select.expressions().parseRegex();
                if (re == null) {
                    throw TerminalParser.unexpected(in.scanIgnoreWhitespace(), "regex");
                }
                return new TagKey(l.token() == Token.EQREGEX ? TagKeyMatch.EQREGEX : TagKeyMatch.NEQREGEX, re);
            }
            default -> throw TerminalParser.unexpected(l, "IN", "=", "=~");
        }
    }

    /** Assumes SHOW FIELD KEYS was consumed. */
    private Statement parseShowFieldKeys() throws ParseException {
        String database = parseOptionalOn();
        List<Source> sources = parseOptionalFrom();
        List<SortField> sortFields = select.parseOrderBy();
        long limit = terms.parseOptionalTokenAndInt(Token.LIMIT);
        long offset = terms.parseOptionalTokenAndInt(Token.OFFSET);
        return new ShowFieldKeysStatement(database, sources, sortFields, limit, offset);
    }

    // ---- databases and retention policies ----

    /** Assumes CREATE DATABASE was consumed. */
    private Statement parseCreateDatabase() throws ParseException {
        String name = terms.parseIdent();
        if (!terms.accept(Token.WITH)) {
            return CreateDatabaseStatement.named(name);
        }
        Lexeme l = in.scanIgnoreWhitespace();
        if (l.token() != Token.DURATION && l.token() != Token.NAME && l.token() != Token.REPLICATION
                && l.token() != Token.SHARD) {
            throw TerminalParser.unexpected(l, "DURATION", "NAME", "REPLICATION", "SHARD");
        }
        in.unscan();
        Duration duration = null;
        Integer replication = null;
        Duration shardDuration = Duration.ZERO;
        String rpName = "";
        if (terms.accept(Token.DURATION)) {
            duration = terms.parseDuration();
        }
        if (terms.accept(Token.REPLICATION)) {
            replication = terms.parseInt(1, Integer.MAX_VALUE);
        }
        if (terms.accept(Token.SHARD)) {
            expect(Token.DURATION);
            shardDuration = terms.parseDuration();
        }
        if (terms.accept(Token.NAME)) {
            rpName = terms.parseIdent();
        }
        return new CreateDatabaseStatement(name, true, duration, replication, shardDuration, rpName);
    }

    /** Assumes CREATE RETENTION POLICY was consumed. */
    private Statement parseCreateRetentionPolicy() throws ParseException {
        String name = terms.parseIdent();
        expect(Token.ON);
        String database = terms.parseIdent();
        expect(Token.DURATION);
        Duration duration = terms.parseDuration();
        expect(Token.REPLICATION);
        int replication = terms.parseInt(1, Integer.MAX_VALUE);
        Duration shardDuration = Duration.ZERO;
        if (terms.accept(Token.SHARD)) {
            expect(Token.DURATION);
            shardDuration = parseShardDuration();
        }
        boolean isDefault = terms.accept(Token.DEFAULT);
        return new CreateRetentionPolicyStatement(name, database, duration, replication, shardDuration, isDefault);
    }

    /** A shard group duration, which unlike a retention duration cannot be INF. Assumes SHARD DURATION consumed. */
    private Duration parseShardDuration() throws ParseException {
        Lexeme l = in.scanIgnoreWhitespace();
        if (l.token() == Token.INF) {
            throw TerminalParser.at("invalid duration INF for shard duration", l.pos());
        }
        in.unscan();
        return terms.parseDuration();
    }

    /** Assumes ALTER RETENTION POLICY was consumed. */
    private Statement parseAlterRetentionPolicy() throws ParseException {
        Lexeme l = in.scanIgnoreWhitespace();
        String name;
        if (l.token() == Token.DEFAULT) {
            name = "default";
        } else if (l.token() == Token.IDENT) {
            name = l.literal();
        } else {
            throw TerminalParser.unexpected(l, "identifier");
        }
        expect(Token.ON);
        String database = terms.parseIdent();

        Duration duration = null;
        Integer replication = null;
        Duration shardDuration = null;
        boolean isDefault = false;
        Set<Token> found = EnumSet.noneOf(Token.class);
        loop:
        while (true) {
            Lexeme opt = in.scanIgnoreWhitespace();
            if (found.contains(opt.token())) {
                throw TerminalParser.at("found duplicate " + opt.token().text() + " option", opt.pos());
            }
            switch (opt.token()) {
                case DURATION -> duration = terms.parseDuration();
                case REPLICATION -> replication = terms.parseInt(1, Integer.MAX_VALUE);
                case SHARD -> {
                    expect(Token.DURATION);
                    shardDuration = parseShardDuration();
                }
                case DEFAULT -> isDefault = true;
                default -> {
                    if (found.isEmpty()) {
                        throw TerminalParser.unexpected(opt, "DURATION", "REPLICATION", "SHARD", "DEFAULT");
                    }
                    in.unscan();
                    break loop;
                }
            }
            found.add(opt.token());
        }
        return new AlterRetentionPolicyStatement(name, database, duration, replication, shardDuration, isDefault);
    }

    /** Assumes DROP RETENTION POLICY was consumed. */
    private Statement parseDropRetentionPolicy() throws ParseException {
        String name = terms.parseIdent();
        expect(Token.ON);
        return new DropRetentionPolicyStatement(name, terms.parseIdent());
    }

    // ---- users and privileges ----

    /** Assumes CREATE USER was consumed. */
    private Statement parseCreateUser() throws ParseException {
        String name = terms.parseIdent();
        terms.parseTokens(Token.WITH, Token.PASSWORD);
        String password = terms.parseString();
        if (!terms.accept(Token.WITH)) {
            return new CreateUserStatement(name, password, false);
        }
        // Only the admin privilege can be set on creation.
        terms.parseTokens(Token.ALL, Token.PRIVILEGES);
        return new CreateUserStatement(name, password, true);
    }

    /** Assumes SET PASSWORD FOR was consumed. */
    private Statement parseSetPassword() throws ParseException {
        String name = terms.parseIdent();
        expect(Token.EQ);
        return new SetPasswordUserStatement(name, terms.parseString());
    }

    private Privilege parsePrivilege() throws ParseException {
        Lexeme l = in.scanIgnoreWhitespace();
        switch (l.token()) {
            case READ -> {
                return Privilege.READ;
            }
            case WRITE -> {
                return Privilege.WRITE;
            }
            case ALL -> {
                if (in.scanIgnoreWhitespace().token() != Token.PRIVILEGES) {
                    in.unscan();
                }
                return Privilege.ALL_PRIVILEGES;
            }
            default -> throw TerminalParser.unexpected(l, "READ", "WRITE", "ALL [PRIVILEGES]");
        }
    }

    /** Assumes GRANT was consumed. */
    private Statement parseGrant() throws ParseException {
        Privilege privilege = parsePrivilege();
        Lexeme l = in.scanIgnoreWhitespace();
        if (l.token() == Token.ON) {
            String database = terms.parseIdent();
            expect(Token.TO);
            return new GrantStatement(privilege, database, terms.parseIdent());
        } else if (l.token() == Token.TO && privilege == Privilege.ALL_PRIVILEGES) {
            return new GrantAdminStatement(terms.parseIdent());
        }
        throw privilege == Privilege.ALL_PRIVILEGES && l.token() != Token.TO
                ? TerminalParser.unexpected(l, "ON", "TO") : TerminalParser.unexpected(l, "ON");
    }

    /** Assumes REVOKE was consumed. */
    private Statement parseRevoke() throws ParseException {
        Privilege privilege = parsePrivilege();
        Lexeme l = in.scanIgnoreWhitespace();
        if (l.token() == Token.ON) {
            String database = terms.parseIdent();
            expect(Token.FROM);
            return new RevokeStatement(privilege, database, terms.parseIdent());
        } else if (l.token() == Token.FROM && privilege == Privilege.ALL_PRIVILEGES) {
            return new RevokeAdminStatement(terms.parseIdent());
        }
        throw privilege == Privilege.ALL_PRIVILEGES && l.token() != Token.FROM
                ? TerminalParser.unexpected(l, "ON", "FROM") : TerminalParser.unexpected(l, "ON");
    }

    // ---- queries, continuous queries, subscriptions, EXPLAIN ----

    /** Assumes KILL QUERY was consumed. */
    private Statement parseKillQuery() throws ParseException {
        long id = terms.parseUInt64();
        String host = terms.accept(Token.ON) ? terms.parseIdent() : "";
        return new KillQueryStatement(id, host);
    }

    /** Assumes EXPLAIN was consumed. */
    private Statement parseExplain() throws ParseException {
        boolean analyze = terms.accept(Token.ANALYZE);
        expect(Token.SELECT);
        return new ExplainStatement(select.parseSelect(TargetRequirement.NOT_REQUIRED), analyze);
    }

    /** Assumes CREATE CONTINUOUS QUERY was consumed. */
    private Statement parseCreateContinuousQuery() throws ParseException {
        String name = terms.parseIdent();
        expect(Token.ON);
        String database = terms.parseIdent();
        Duration every = Duration.ZERO;
        Duration forDuration = Duration.ZERO;
        if (terms.accept(Token.RESAMPLE)) {
            if (terms.accept(Token.EVERY)) {
                every = parseResampleDuration();
            }
            if (terms.accept(Token.FOR)) {
                forDuration = parseResampleDuration();
            }
            if (every.isZero() && forDuration.isZero()) {
                throw TerminalParser.unexpected(in.scanIgnoreWhitespace(), "EVERY", "FOR");
            }
        }
        terms.parseTokens(Token.BEGIN, Token.SELECT);
        SelectStatement source = select.parseSelect(TargetRequirement.REQUIRED);

        if (!source.isRawQuery()) {
            String intervalError = null;
            Duration interval = Duration.ZERO;
            try {
                interval = source.groupByInterval();
            } catch (IllegalArgumentException e) {
                intervalError = e.getMessage();
            }
            if (interval.isZero() || intervalError != null) {
                // Step back over the trailing whitespace and last token to report what followed the SELECT.
                in.unscan();
                in.unscan();
                Lexeme l = in.scanIgnoreWhitespace();
                List<String> expected = new ArrayList<>(List.of("GROUP BY time(...)"));
                if (intervalError != null) {
                    expected.add(intervalError);
                }
                throw TerminalParser.unexpected(l, expected);
            }
        }
        expect(Token.END);
        validateResample(source, every, forDuration);
        return new CreateContinuousQueryStatement(name, database, source, every, forDuration);
    }

    private Duration parseResampleDuration() throws ParseException {
        Lexeme l = in.scanIgnoreWhitespace();
        if (l.token() != Token.DURATIONVAL) {
            throw TerminalParser.unexpected(l, "duration");
        }
        return TerminalParser.parseDurationLiteral(l);
    }

    private static void validateResample(SelectStatement source, Duration every, Duration forDuration)
            throws ParseException {
        Duration interval;
        try {
            interval = source.groupByInterval();
        } catch (IllegalArgumentException e) {
            throw ParseException.of(e.getMessage());
        }
        if (!forDuration.isZero()) {
            if (!every.isZero() && every.compareTo(interval) > 0) {
                interval = every;
            }
            if (interval.compareTo(forDuration) > 0) {
                throw ParseException.of("FOR duration must be >= GROUP BY time duration: must be a minimum of "
                        + InfluxDurations.format(interval) + ", got " + InfluxDurations.format(forDuration));
            }
        }
    }

    /** Assumes DROP CONTINUOUS QUERY was consumed. */
    private Statement parseDropContinuousQuery() throws ParseException {
        String name = terms.parseIdent();
        expect(Token.ON);
        return new DropContinuousQueryStatement(name, terms.parseIdent());
    }

    /** Assumes CREATE SUBSCRIPTION was consumed. */
    private Statement parseCreateSubscription() throws ParseException {
        String name = terms.parseIdent();
        expect(Token.ON);
        String database = terms.parseIdent();
        expectAdjacent(Token.DOT);
        String rp = terms.parseIdent();
        expect(Token.DESTINATIONS);
        Lexeme mode = in.scanIgnoreWhitespace();
        if (mode.token() != Token.ALL && mode.token() != Token.ANY) {
            throw TerminalParser.unexpected(mode, "ALL", "ANY");
        }
        List<String> destinations = terms.parseStringList();
        return new CreateSubscriptionStatement(name, database, rp, destinations, mode.token().text());
    }

    /** Assumes DROP SUBSCRIPTION was consumed. */
    private Statement parseDropSubscription() throws ParseException {
        String name = terms.parseIdent();
        expect(Token.ON);
        String database = terms.parseIdent();
        expectAdjacent(Token.DOT);
        return new DropSubscriptionStatement(name, database, terms.parseIdent());
    }

    private void expect(Token t) throws ParseException {
        Lexeme l = in.scanIgnoreWhitespace();
        if (l.token() != t) {
            throw TerminalParser.unexpected(l, t.text());
        }
    }

    /** Like {@link #expect} but whitespace is not skipped. */
    private void expectAdjacent(Token t) throws ParseException {
        Lexeme l = in.scan();
        if (l.token() != t) {
            throw TerminalParser.unexpected(l, t.text());
        }
    }
}
