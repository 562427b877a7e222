package io.tidemark.influxql.parser;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.tidemark.influxql.ParseException;
import io.tidemark.influxql.ast.BinaryExpr;
import io.tidemark.influxql.ast.Call;
import io.tidemark.influxql.ast.Dimension;
import io.tidemark.influxql.ast.Expr;
import io.tidemark.influxql.ast.Field;
import io.tidemark.influxql.ast.FillOption;
import io.tidemark.influxql.ast.IntegerLiteral;
import io.tidemark.influxql.ast.Measurement;
import io.tidemark.influxql.ast.NumberLiteral;
import io.tidemark.influxql.ast.Operator;
import io.tidemark.influxql.ast.ParenExpr;
import io.tidemark.influxql.ast.RegexLiteral;
import io.tidemark.influxql.ast.SelectStatement;
import io.tidemark.influxql.ast.SortField;
import io.tidemark.influxql.ast.Source;
import io.tidemark.influxql.ast.StringLiteral;
import io.tidemark.influxql.ast.SubQuery;
import io.tidemark.influxql.ast.Target;

/**
 * Parses SELECT statements and the clauses SHOW statements share with them (FROM sources, WHERE, GROUP BY,
 * ORDER BY).
 *
 * <p>Not thread-safe; confined to one parse.
 */
final class SelectParser {
    /** Whether a SELECT must, may, or (as a subquery) may carry an INTO clause. */
    enum TargetRequirement {
        REQUIRED,
        NOT_REQUIRED,
        SUBQUERY
    }

    /** Zone names Java knows; Go resolves tz() names against the IANA database the same way. */
    private static final Set<String> ZONE_IDS = ZoneId.getAvailableZoneIds();

    private final TokenStream in;
    private final TerminalParser terms;
    private final ExpressionParser exprs;

    SelectParser(TokenStream in, TerminalParser terms, ExpressionParser exprs) {
        this.in = in;
        this.terms = terms;
        this.exprs = exprs;
    }

    ExpressionParser expressions() {
        return exprs;
    }

    /** Assumes SELECT was consumed. */
    SelectStatement parseSelect(TargetRequirement tr) throws ParseException {
        SelectStatement.Builder b = SelectStatement.builder();
        b.fields(parseFields());
        b.target(parseTarget(tr));
        Lexeme from = in.scanIgnoreWhitespace();
        if (from.token() != Token.FROM) {
            throw TerminalParser.unexpected(from, "FROM");
        }
        b.sources(parseSources(true));
        b.condition(parseCondition());
        b.dimensions(parseDimensions());
        parseFill(b);
        b.sortFields(parseOrderBy());
        b.limit(terms.parseOptionalTokenAndInt(Token.LIMIT));
        b.offset(terms.parseOptionalTokenAndInt(Token.OFFSET));
        b.sLimit(terms.parseOptionalTokenAndInt(Token.SLIMIT));
        b.sOffset(terms.parseOptionalTokenAndInt(Token.SOFFSET));
        b.location(parseLocation());
        return b.build();
    }

    private List<Field> parseFields() throws ParseException {
        List<Field> fields = new ArrayList<>();
        while (true) {
            fields.add(parseField());
            if (in.scan().token() != Token.COMMA) {
                in.unscan();
                return fields;
            }
        }
    }

    private Field parseField() throws ParseException {
        Expr expr = exprs.parseRegex();
        if (expr == null) {
            Pos pos = in.scanIgnoreWhitespace().pos();
            in.unscan();
            expr = exprs.parseExpr();
            Operator bad = lastBooleanOperator(expr, null);
            if (bad != null) {
                throw ParseException.of("invalid operator " + bad.symbol() + " in SELECT clause at line "
                        + (pos.line() + 1) + ", char " + (pos.column() + 1)
                        + "; operator is intended for WHERE clause");
            }
        }
        String alias = "";
        if (terms.accept(Token.AS)) {
            alias = terms.parseIdent();
        }
        in.consumeWhitespace();
        return new Field(expr, alias);
    }

    /**
     * The comparison or logical operator InfluxDB reports for a SELECT field: the last one met in a pre-order walk
     * that does not descend below a reported operator.
     */
    private static Operator lastBooleanOperator(Expr e, Operator found) {
        return switch (e) {
            case BinaryExpr b when b.op().isComparisonOrLogical() -> b.op();
            case BinaryExpr b -> lastBooleanOperator(b.rhs(), lastBooleanOperator(b.lhs(), found));
            case ParenExpr p -> lastBooleanOperator(p.expr(), found);
            case Call c -> {
                Operator f = found;
                for (Expr arg : c.args()) {
                    f = lastBooleanOperator(arg, f);
                }
                yield f;
            }
            default -> found;
        };
    }

    private Target parseTarget(TargetRequirement tr) throws ParseException {
        Lexeme l = in.scanIgnoreWhitespace();
        if (l.token() != Token.INTO) {
            if (tr == TargetRequirement.REQUIRED) {
                throw TerminalParser.unexpected(l, "INTO");
            }
            in.unscan();
            return null;
        }
        List<String> idents = new ArrayList<>(terms.parseSegmentedIdents());
        if (idents.size() < 3 && in.peekRune() == ':') {
            terms.parseTokens(Token.COLON, Token.MEASUREMENT);
            idents.add("");
        }
        return new Target(switch (idents.size()) {
            case 1 -> new Measurement("", "", idents.get(0), null);
            case 2 -> new Measurement("", idents.get(0), idents.get(1), null);
            default -> new Measurement(idents.get(0), idents.get(1), idents.get(2), null);
        });
    }

    List<Source> parseSources(boolean subqueries) throws ParseException {
        List<Source> sources = new ArrayList<>();
        while (true) {
            sources.add(parseSource(subqueries));
            if (in.scanIgnoreWhitespace().token() != Token.COMMA) {
                in.unscan();
                return sources;
            }
        }
    }

    Source parseSource(boolean subqueries) throws ParseException {
        RegexLiteral re = exprs.parseRegex();
        if (re != null) {
            return new Measurement("", "", "", re);
        }
        if (subqueries) {
            if (in.scanIgnoreWhitespace().token() == Token.LPAREN) {
                terms.parseTokens(Token.SELECT);
                SelectStatement stmt = parseSelect(TargetRequirement.SUBQUERY);
                terms.parseTokens(Token.RPAREN);
                return new SubQuery(stmt);
            }
            in.unscan();
        }
        List<String> idents = terms.parseSegmentedIdents();
        if (idents.size() == 3) {
            return new Measurement(idents.get(0), idents.get(1), idents.get(2), null);
        }
        re = exprs.parseRegex();
        if (idents.size() == 1) {
            return re != null ? new Measurement("", idents.get(0), "", re) : new Measurement("", "", idents.get(0), null);
        }
        return re != null ? new Measurement(idents.get(0), idents.get(1), "", re)
                : new Measurement("", idents.get(0), idents.get(1), null);
    }

    Expr parseCondition() throws ParseException {
        if (!terms.accept(Token.WHERE)) {
            return null;
        }
        return exprs.parseExpr();
    }

    List<Dimension> parseDimensions() throws ParseException {
        if (!terms.accept(Token.GROUP)) {
            return List.of();
        }
        Lexeme by = in.scanIgnoreWhitespace();
        if (by.token() != Token.BY) {
            throw TerminalParser.unexpected(by, "BY");
        }
        List<Dimension> dimensions = new ArrayList<>();
        while (true) {
            dimensions.add(parseDimension());
            if (in.scan().token() != Token.COMMA) {
                in.unscan();
                return dimensions;
            }
        }
    }

    private Dimension parseDimension() throws ParseException {
        RegexLiteral re = exprs.parseRegex();
        if (re != null) {
            return new Dimension(re);
        }
        Expr expr = exprs.parseExpr();
        in.consumeWhitespace();
        return new Dimension(expr);
    }

    private void parseFill(SelectStatement.Builder b) throws ParseException {
        Lexeme l = in.scanIgnoreWhitespace();
        in.unscan();
        if (l.token() != Token.IDENT || !l.literal().toLowerCase(Locale.ROOT).equals("fill")) {
            return;
        }
        if (!(exprs.parseExpr() instanceof Call fill)) {
            throw ParseException.of("fill must be a function call");
        }
        if (fill.args().size() != 1) {
            throw ParseException.of("fill requires an argument, e.g.: 0, null, none, previous, linear");
        }
        Expr arg = fill.args().getFirst();
        switch (arg.toString()) {
            case "null" -> b.fill(FillOption.NULL, null);
            case "none" -> b.fill(FillOption.NONE, null);
            case "previous" -> b.fill(FillOption.PREVIOUS, null);
            case "linear" -> b.fill(FillOption.LINEAR, null);
            default -> {
                switch (arg) {
                    case IntegerLiteral i -> b.fill(FillOption.NUMBER, i.value());
                    case NumberLiteral n -> b.fill(FillOption.NUMBER, n.value());
                    default -> throw ParseException.of("expected number argument in fill()");
                }
            }
        }
    }

    List<SortField> parseOrderBy() throws ParseException {
        if (!terms.accept(Token.ORDER)) {
            return List.of();
        }
        Lexeme by = in.scanIgnoreWhitespace();
        if (by.token() != Token.BY) {
            throw TerminalParser.unexpected(by, "BY");
        }
        List<SortField> fields = new ArrayList<>();
        Lexeme l = in.scanIgnoreWhitespace();
        switch (l.token()) {
            case ASC, DESC -> fields.add(new SortField("", l.token() == Token.ASC));
            case IDENT -> {
                in.unscan();
                SortField f = parseSortField();
                if (!l.literal().equals("time")) {
                    throw ParseException.of("only ORDER BY time supported at this time");
                }
                fields.add(f);
            }
            default -> throw TerminalParser.unexpected(l, "identifier", "ASC", "DESC");
        }
        while (true) {
            if (in.scanIgnoreWhitespace().token() != Token.COMMA) {
                in.unscan();
                break;
            }
            fields.add(parseSortField());
        }
        if (fields.size() > 1) {
            throw ParseException.of("only ORDER BY time supported at this time");
        }
        return fields;
    }

    private SortField parseSortField() throws ParseException {
        String name = terms.parseIdent();
        Lexeme l = in.scanIgnoreWhitespace();
        if (l.token() != Token.ASC && l.token() != Token.DESC) {
            in.unscan();
            return new SortField(name, true);
        }
        return new SortField(name, l.token() == Token.ASC);
    }

    private ZoneId parseLocation() throws ParseException {
        Lexeme l = in.scanIgnoreWhitespace();
        in.unscan();
        if (l.token() != Token.IDENT || !l.literal().toLowerCase(Locale.ROOT).equals("tz")) {
            return null;
        }
        if (!(exprs.parseExpr() instanceof Call tz)) {
            throw ParseException.of("tz must be a function call");
        }
        if (tz.args().size() != 1) {
            throw ParseException.of("tz requires exactly one argument");
        }
        if (!(tz.args().getFirst() instanceof StringLiteral name)) {
            throw ParseException.of("expected string argument in tz()");
        }
        return loadLocation(name.value());
    }

    /** Go's {@code time.LoadLocation}: "" and "UTC" are UTC, "Local" the host zone, else an IANA zone name. */
    private static ZoneId loadLocation(String name) throws ParseException {
        if (name.isEmpty() || name.equals("UTC")) {
            return ZoneId.of("UTC");
        }
        if (name.equals("Local")) {
            return ZoneId.systemDefault();
        }
        if (ZONE_IDS.contains(name)) {
            return ZoneId.of(name);
        }
        throw ParseException.of("unable to find time zone " + name);
    }
}
