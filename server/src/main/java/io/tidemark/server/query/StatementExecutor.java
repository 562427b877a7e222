package io.tidemark.server.query;

import io.tidemark.common.GoDuration;
import io.tidemark.common.result.Series;
import io.tidemark.common.result.StatementResult;
import io.tidemark.http.QueryRejectedException;
import io.tidemark.http.QueryRequest;
import io.tidemark.http.QueryService;
import io.tidemark.influxql.InfluxQLParser;
import io.tidemark.influxql.ParseException;
import io.tidemark.influxql.ast.AlterRetentionPolicyStatement;
import io.tidemark.influxql.ast.CreateDatabaseStatement;
import io.tidemark.influxql.ast.CreateRetentionPolicyStatement;
import io.tidemark.influxql.ast.DeleteSeriesStatement;
import io.tidemark.influxql.ast.DropDatabaseStatement;
import io.tidemark.influxql.ast.DropMeasurementStatement;
import io.tidemark.influxql.ast.DropRetentionPolicyStatement;
import io.tidemark.influxql.ast.DropSeriesStatement;
import io.tidemark.influxql.ast.DropShardStatement;
import io.tidemark.influxql.ast.KillQueryStatement;
import io.tidemark.influxql.ast.Query;
import io.tidemark.influxql.ast.ShowDatabasesStatement;
import io.tidemark.influxql.ast.ShowDiagnosticsStatement;
import io.tidemark.influxql.ast.ShowQueriesStatement;
import io.tidemark.influxql.ast.ShowRetentionPoliciesStatement;
import io.tidemark.influxql.ast.ShowStatsStatement;
import io.tidemark.influxql.ast.Statement;
import io.tidemark.meta.DatabaseInfo;
import io.tidemark.meta.MetaClient;
import io.tidemark.meta.MetaCommand;
import io.tidemark.meta.MetaData;
import io.tidemark.meta.MetaException;
import io.tidemark.meta.MetaUnavailableException;
import io.tidemark.meta.RetentionPolicyInfo;
import io.tidemark.meta.RetentionPolicySpec;
import io.tidemark.query.QueryContext;
import io.tidemark.query.QueryEngine;
import io.tidemark.query.QueryException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs InfluxQL statements on one node: reads (SELECT, the SHOW statements about data and shards) through the
 * {@link QueryEngine}; database and retention-policy statements, SHOW STATS and SHOW DIAGNOSTICS here; DELETE, DROP
 * SERIES and DROP MEASUREMENT through the {@link SeriesDeleter}. Every other statement gets an error saying it is
 * not supported yet (never a made-up result).
 *
 * <p>After a statement fails, the following ones are not run and each gets {@code "not executed"}. (InfluxDB
 * 1.x also reports the failing statement's own error as {@code "not executed"}, losing it; Tidemark keeps it.)
 * Thread-safe: all state is in the metadata client, the shard dropper and the series deleter.
 */
public final class StatementExecutor implements QueryService {
    private static final Duration META_TIMEOUT = Duration.ofSeconds(10);
    private static final List<String> RP_COLUMNS = List.of("name", "duration", "shardGroupDuration", "replicaN",
            "default");

    private final MetaClient meta;
    private final ShardDropper shards;
    private final SeriesDeleter deleter;
    private final NodeStatistics statistics;
    private final QueryEngine engine;
    private final QueryManager queries;
    private final InstantSource clock;
    private final boolean retentionAutoCreate;

    public StatementExecutor(MetaClient meta, ShardDropper shards, SeriesDeleter deleter, NodeStatistics statistics,
                             QueryEngine engine, QueryManager queries, InstantSource clock,
                             boolean retentionAutoCreate) {
        this.clock = clock;
        this.meta = meta;
        this.engine = engine;
        this.queries = queries;
        this.shards = shards;
        this.deleter = deleter;
        this.statistics = statistics;
        this.retentionAutoCreate = retentionAutoCreate;
    }

    @Override
    public void execute(QueryRequest request, Consumer<StatementResult> sink) throws QueryRejectedException {
        Query query;
        try {
            query = InfluxQLParser.parse(request.query(), request.params());
        } catch (ParseException e) {
            throw new QueryRejectedException(400, "error parsing query: " + e.getMessage());
        }
        QueryManager.Running running;
        try {
            running = queries.start(request.query(), request.database());
        } catch (QueryManager.QueryLimitException e) {
            sink.accept(StatementResult.error(0, e.getMessage()));
            return;
        }
        try {
            run(query, request, running, sink);
        } finally {
            running.finish();
        }
    }

    private void run(Query query, QueryRequest request, QueryManager.Running running,
                     Consumer<StatementResult> out) {
        // A query stopped by query-timeout ends like a killed one inside the engine; InfluxDB names the cause.
        Consumer<StatementResult> sink = r -> out.accept(r.error() != null && running.timedOut()
                && running.killed() ? StatementResult.error(r.statementId(), "query-timeout limit exceeded") : r);
        boolean failed = false;
        for (int id = 0; id < query.statements().size(); id++) {
            if (failed) {
                sink.accept(StatementResult.error(id, "not executed"));
                continue;
            }
            Statement statement = query.statements().get(id);
            if (engine.handles(statement)) {
                failed = !read(id, statement, request, sink);
                continue;
            }
            StatementResult result;
            try {
                result = execute(id, statement, request);
            } catch (StatementException e) {
                result = StatementResult.error(id, e.getMessage());
            }
            failed = result.error() != null;
            if (!failed && request.viaGet() && changesMetadata(statement)) {
                result = new StatementResult(id, result.series(), List.of(readOnlyWarning(statement)), null, false);
            }
            sink.accept(result);
        }
    }

    /**
     * The statements InfluxDB 1.8 runs through GET with a deprecation warning (its coordinator's
     * {@code ReadOnlyWarning}); DELETE and KILL QUERY get none.
     */
    private static boolean changesMetadata(Statement s) {
        return s instanceof CreateDatabaseStatement || s instanceof DropDatabaseStatement
                || s instanceof CreateRetentionPolicyStatement || s instanceof AlterRetentionPolicyStatement
                || s instanceof DropRetentionPolicyStatement || s instanceof DropMeasurementStatement
                || s instanceof DropSeriesStatement || s instanceof DropShardStatement;
    }

    private static StatementResult.Message readOnlyWarning(Statement s) {
        return new StatementResult.Message("warning",
                "deprecated use of '" + s + "' in a read only context, please use a POST request instead");
    }

    /** A read statement, run by the query engine; its results may come in several chunks. */
    private boolean read(int id, Statement statement, QueryRequest request, Consumer<StatementResult> sink) {
        boolean[] ok = {true};
        try {
            engine.execute(statement, new QueryContext(id, request.database(), request.retentionPolicy(),
                    request.chunked(), request.chunkSize()), r -> {
                        if (r.error() != null) {
                            ok[0] = false;
                        }
                        sink.accept(r);
                    });
        } catch (QueryException e) {
            sink.accept(StatementResult.error(id, e.getMessage()));
            return false;
        }
        return ok[0];
    }

    private StatementResult execute(int id, Statement statement, QueryRequest request) throws StatementException {
        return switch (statement) {
            case CreateDatabaseStatement s -> {
                requireValidName(s.name());
                if (!s.retentionPolicyName().isEmpty()) {
                    requireValidName(s.retentionPolicyName());
                }
                RetentionPolicySpec spec = s.retentionPolicyCreate()
                        ? new RetentionPolicySpec(s.retentionPolicyName().isEmpty() ? "autogen" : s.retentionPolicyName(),
                        s.retentionPolicyDuration() == null ? Duration.ZERO : s.retentionPolicyDuration(),
                        s.retentionPolicyShardGroupDuration(),
                        s.retentionPolicyReplication() == null ? 1 : s.retentionPolicyReplication())
                        : (retentionAutoCreate ? RetentionPolicySpec.autogen() : null);
                apply(new MetaCommand.CreateDatabase(s.name(), spec));
                yield StatementResult.ok(id);
            }
            case DropDatabaseStatement s -> {
                DatabaseInfo db = meta.data().database(s.name());
                apply(new MetaCommand.DropDatabase(s.name()));
                if (db != null) {
                    for (RetentionPolicyInfo rp : db.retentionPolicies()) {
                        shards.dropShards(rp);
                    }
                }
                yield StatementResult.ok(id);
            }
            case ShowDatabasesStatement s -> {
                List<List<Object>> rows = new ArrayList<>();
                for (DatabaseInfo db : meta.data().databases()) {
                    rows.add(List.of(db.name()));
                }
                yield StatementResult.of(id, List.of(Series.of("databases", List.of("name"), rows)));
            }
            case CreateRetentionPolicyStatement s -> {
                requireValidName(s.name());
                apply(new MetaCommand.CreateRetentionPolicy(s.database(), new RetentionPolicySpec(s.name(),
                        s.duration(), s.shardGroupDuration(), s.replication()), s.isDefault()));
                yield StatementResult.ok(id);
            }
            case AlterRetentionPolicyStatement s -> {
                apply(new MetaCommand.UpdateRetentionPolicy(s.database(), s.name(), null, s.duration(),
                        s.shardGroupDuration(), s.replication(), s.isDefault()));
                yield StatementResult.ok(id);
            }
            case DropRetentionPolicyStatement s -> {
                RetentionPolicyInfo rp = meta.data().retentionPolicy(s.database(), s.name());
                apply(new MetaCommand.DropRetentionPolicy(s.database(), s.name()));
                if (rp != null && rp.name().equals(s.name())) {
                    shards.dropShards(rp);
                }
                yield StatementResult.ok(id);
            }
            case ShowRetentionPoliciesStatement s -> showRetentionPolicies(id, s, request);
            case DropShardStatement s -> {
                java.time.Instant now = clock.instant();
                apply(new MetaCommand.DropShard(s.id(), now.getEpochSecond() * 1_000_000_000L + now.getNano()));
                shards.dropShard(s.id());
                yield StatementResult.ok(id);
            }
            case DeleteSeriesStatement s -> deletion(id, () -> deleter.delete(s, request.database(), nowNanos()));
            case DropSeriesStatement s ->
                    deletion(id, () -> deleter.dropSeries(s, request.database(), nowNanos()));
            case DropMeasurementStatement s -> deletion(id, () -> deleter.dropMeasurement(s, request.database()));
            case ShowQueriesStatement s -> StatementResult.of(id, List.of(Series.of(null,
                    List.of("qid", "query", "database", "duration", "status"), queries.show())));
            case KillQueryStatement s -> {
                // ON host names a node of a cluster; a single node, as InfluxDB's, is every host there is.
                try {
                    queries.kill(s.queryId());
                } catch (QueryManager.QueryLimitException e) {
                    throw new StatementException(e.getMessage());
                }
                yield StatementResult.ok(id);
            }
            case ShowStatsStatement s -> StatementResult.of(id, statistics.showStats(emptyToNull(s.module())));
            case ShowDiagnosticsStatement s ->
                    StatementResult.of(id, statistics.showDiagnostics(emptyToNull(s.module())));
            default -> throw new StatementException("statement is not supported by this version of Tidemark: "
                    + statement);
        };
    }

    /**
     * InfluxDB's rule for the names of databases and retention policies ({@code meta.ValidName}), which name
     * directories: not empty, not {@code .} or {@code ..}, no {@code /} or {@code \}, every character printable
     * (letters, marks, numbers, punctuation, symbols, the ASCII space).
     */
    private static void requireValidName(String name) throws StatementException {
        boolean valid = !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0
                && name.indexOf('\\') < 0 && name.codePoints().allMatch(StatementExecutor::printable);
        if (!valid) {
            throw new StatementException("invalid name");
        }
    }

    /** Go's {@code unicode.IsPrint}. */
    private static boolean printable(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    private StatementResult showRetentionPolicies(int id, ShowRetentionPoliciesStatement s, QueryRequest request)
            throws StatementException {
        String dbName = s.database().isEmpty() ? request.database() : s.database();
        if (dbName == null || dbName.isEmpty()) {
            throw new StatementException("database name required");
        }
        MetaData data = meta.data();
        DatabaseInfo db = data.database(dbName);
        if (db == null) {
            throw new StatementException("database not found: " + dbName);
        }
        List<List<Object>> rows = new ArrayList<>();
        for (RetentionPolicyInfo rp : db.retentionPolicies()) {
            rows.add(List.of(rp.name(), GoDuration.format(rp.duration()), GoDuration.format(rp.shardGroupDuration()),
                    (long) rp.replicaN(), rp.name().equals(db.defaultRetentionPolicy())));
        }
        return StatementResult.of(id, List.of(Series.of(null, RP_COLUMNS, rows)));
    }

    private static StatementResult deletion(int id, Deletion deletion) throws StatementException {
        try {
            deletion.run();
        } catch (QueryException e) {
            throw new StatementException(e.getMessage());
        }
        return StatementResult.ok(id);
    }

    private long nowNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private void apply(MetaCommand command) throws StatementException {
        try {
            meta.execute(command, META_TIMEOUT);
        } catch (MetaException e) {
            throw new StatementException(e.getMessage());
        } catch (MetaUnavailableException e) {
            throw new StatementException(e.getMessage());
        }
    }

    /** One of the {@link SeriesDeleter}'s statements. */
    private interface Deletion {
        void run() throws QueryException;
    }

    /** A statement that failed; the message is what the client sees in the result's {@code error}. */
    private static final class StatementException extends Exception {
        StatementException(String message) {
            super(message);
        }
    }
}
