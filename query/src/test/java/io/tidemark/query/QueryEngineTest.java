package io.tidemark.query;

import static io.tidemark.query.QueryAssertions.assertBody;
import static io.tidemark.query.QueryAssertions.assertChunks;
import static io.tidemark.query.QueryAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.common.result.StatementResult;
import io.tidemark.influxql.InfluxQLParser;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's contract: which statements it runs, errors, limits and chunking. */
class QueryEngineTest {
    private static final String DB = "db";

    @TempDir
    static Path dir;
    private static TestNode node;

    @BeforeAll
    static void load() throws Exception {
        node = new TestNode(dir);
        node.createDatabase(DB);
        node.load(DB, """
                cpu,host=a v=1 1614816000
                cpu,host=a v=2 1614816060
                cpu,host=a v=3 1614816120
                cpu,host=b v=4 1614816000
                cpu,host=b v=5 1614816060
                dst v=1 1572696000
                dst v=2 1572759000
                dst v=3 1572845400
                dst v=4 1572849000
                """);
    }

    @AfterAll
    static void close() throws Exception {
        node.close();
    }

    @Test
    void handlesSelectAndTheShowStatementsOfTheData() throws Exception {
        QueryEngine engine = node.engine();
        for (String q : List.of("SELECT v FROM cpu", "SHOW MEASUREMENTS", "SHOW SERIES", "SHOW TAG KEYS",
                "SHOW TAG VALUES WITH KEY = host", "SHOW FIELD KEYS", "SHOW SERIES CARDINALITY",
                "SHOW MEASUREMENT EXACT CARDINALITY", "SHOW TAG KEY CARDINALITY",
                "SHOW TAG VALUES CARDINALITY WITH KEY = host", "SHOW FIELD KEY CARDINALITY", "SHOW SHARDS",
                "SHOW SHARD GROUPS", "EXPLAIN SELECT v FROM cpu", "EXPLAIN ANALYZE SELECT v FROM cpu")) {
            assertThat(engine.handles(InfluxQLParser.parseStatement(q))).as(q).isTrue();
        }
        for (String q : List.of("SHOW DATABASES", "CREATE DATABASE x", "SHOW RETENTION POLICIES ON x",
                "DROP SERIES FROM cpu", "SHOW USERS")) {
            assertThat(engine.handles(InfluxQLParser.parseStatement(q))).as(q).isFalse();
        }
        assertThatThrownBy(() -> engine.execute(InfluxQLParser.parseStatement("SHOW DATABASES"),
                new QueryContext(0, DB, "", false, 0), r -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void databaseAndRetentionPolicyErrors() throws Exception {
        assertError(node, "", "SELECT v FROM cpu", "database name required");
        assertError(node, "nope", "SELECT v FROM cpu", "database not found: nope");
        assertError(node, DB, "SELECT v FROM nope..cpu", "database not found: nope");
        assertError(node, DB, "SELECT v FROM \"db\".\"nope\".cpu", "retention policy not found: nope");
        assertError(node, "", "SHOW TAG KEYS", "database name required");
        assertError(node, "nope", "SHOW TAG VALUES WITH KEY = host", "database not found: nope");
        assertError(node, "nope", "SHOW SERIES", "database not found: nope");
    }

    @Test
    void compileErrorsHaveInfluxDbsTexts() throws Exception {
        assertError(node, DB, "SELECT frobnicate(v) FROM cpu", "undefined function frobnicate()");
        assertError(node, DB, "SELECT mean(v, 2) FROM cpu", "invalid number of arguments for mean, expected 1, got 2");
        assertError(node, DB, "SELECT v, mean(v) FROM cpu", "mixing aggregate and non-aggregate queries is not supported");
        assertError(node, DB, "SELECT max(v), min(v), host FROM cpu",
                "mixing multiple selector functions with tags or fields is not supported");
        assertError(node, DB, "SELECT v FROM cpu WHERE time > 0 GROUP BY time(1m)",
                "GROUP BY requires at least one aggregate function");
        assertError(node, DB, "SELECT top(v, 2), max(v) FROM cpu",
                "selector function top() cannot be combined with other functions");
        assertError(node, DB, "SELECT distinct(v), v FROM cpu",
                "aggregate function distinct() cannot be combined with other functions or fields");
        assertError(node, DB, "SELECT percentile(v, 'x') FROM cpu", "expected float argument in percentile()");
        // Expressions in errors read as InfluxDB 1.8 prints them: floats with three decimals.
        assertError(node, DB, "SELECT top(v, 1.5) FROM cpu", "expected integer as last argument in top(), found 1.500");
        assertError(node, DB, "SELECT top(v, 2.5, 2) FROM cpu", "only fields or tags are allowed in top(), found 2.500");
        assertError(node, DB, "SELECT v FROM cpu fill(none)", "fill(none) must be used with a function");
        assertError(node, DB, "SELECT time FROM cpu", "at least 1 non-time field must be queried");
        assertError(node, DB, "SELECT mean(v) FROM cpu GROUP BY time(1m), time(2m)",
                "multiple time dimensions not allowed");
        assertError(node, DB, "SELECT v FROM cpu WHERE time > 'soon'",
                "invalid operation: time and *influxql.StringLiteral are not compatible");
        assertError(node, DB, "SELECT v FROM cpu WHERE time > '2021-02-30'", "invalid timestamp string");
        assertError(node, DB, "SELECT mean(v) FROM cpu WHERE mean(v) > 1", "invalid function call in condition: mean(v)");
    }

    @Test
    void unsupportedFeaturesFailExplicitly() throws Exception {
        assertError(node, DB, "SELECT derivative(v) FROM cpu",
                "function derivative() is not supported by this version of Tidemark");
        assertError(node, DB, "SELECT mean(v) FROM (SELECT v FROM cpu)",
                "subqueries are not supported by this version of Tidemark");
        assertError(node, DB, "SELECT v INTO other FROM cpu",
                "SELECT ... INTO is not supported by this version of Tidemark");
    }

    @Test
    void aFailedStatementStopsTheRest() throws Exception {
        List<StatementResult> results = node.query("SELECT nope(v) FROM cpu; SELECT v FROM cpu", DB);
        assertThat(results).extracting(StatementResult::error)
                .containsExactly("undefined function nope()", "not executed");
    }

    @Test
    void limitsStopStatementsWithInfluxDbsTexts() throws Exception {
        try (TestNode limited = new TestNode(dir.resolve("limited"),
                InstantSource.fixed(Instant.parse("2021-06-01T00:00:00Z")), new QueryLimits(3, 1, 5))) {
            limited.createDatabase(DB);
            limited.load(DB, """
                    one v=1 1614816000
                    one v=2 1614816060
                    one v=3 1614816120
                    one v=4 1614816180
                    two,k=a v=1 1614816000
                    two,k=b v=1 1614816000
                    """);
            assertError(limited, DB, "SELECT v FROM one", "max-select-point limit exceeed: (4/3)");
            // Values are counted as rows consume them, not as storage hands them over in batches.
            assertBody(limited, DB, "SELECT v FROM one LIMIT 2", """
                    {"results":[{"statement_id":0,"series":[{"name":"one","columns":["time","v"],"values":[
                    ["2021-03-04T00:00:00Z",1],["2021-03-04T00:01:00Z",2]]}]}]}""");
            assertError(limited, DB, "SELECT v FROM two", "max-select-series limit exceeded: (2/1)");
            assertError(limited, DB, "SELECT count(v) FROM one WHERE time >= '2021-03-04T00:00:00Z' AND "
                    + "time < '2021-03-04T01:00:00Z' GROUP BY time(1m)", "max-select-buckets limit exceeded: (60/5)");
            assertBody(limited, DB, "SELECT count(v) FROM one WHERE time >= '2021-03-04T00:00:00Z' AND "
                    + "time < '2021-03-04T00:03:00Z' GROUP BY time(1m)", """
                    {"results":[{"statement_id":0,"series":[{"name":"one","columns":["time","count"],"values":[
                    ["2021-03-04T00:00:00Z",1],["2021-03-04T00:01:00Z",1],["2021-03-04T00:02:00Z",1]]}]}]}""");
        }
    }

    @Test
    void anInterruptedThreadStopsTheQuery() throws Exception {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> node.engine().execute(InfluxQLParser.parseStatement("SELECT v FROM cpu"),
                    new QueryContext(0, DB, "", false, 0), r -> { }))
                    .isInstanceOf(QueryException.class).hasMessage("query interrupted");
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt stays set for the caller").isTrue();
        }
    }

    @Test
    void chunksCutSeriesEveryChunkSizeRowsAndAtEachGroup() throws Exception {
        assertChunks(node, DB, "SELECT v FROM cpu GROUP BY host", 2, """
                [{"results":[{"statement_id":0,"series":[{"name":"cpu","tags":{"host":"a"},"columns":["time","v"],
                 "values":[["2021-03-04T00:00:00Z",1],["2021-03-04T00:01:00Z",2]],"partial":true}],"partial":true}]},
                 {"results":[{"statement_id":0,"series":[{"name":"cpu","tags":{"host":"a"},"columns":["time","v"],
                 "values":[["2021-03-04T00:02:00Z",3]]}],"partial":true}]},
                 {"results":[{"statement_id":0,"series":[{"name":"cpu","tags":{"host":"b"},"columns":["time","v"],
                 "values":[["2021-03-04T00:00:00Z",4],["2021-03-04T00:01:00Z",5]]}]}]}]""");
        assertChunks(node, DB, "SELECT v FROM cpu WHERE host = 'zzz'", 2, """
                [{"results":[{"statement_id":0}]}]""");
    }

    @Test
    void chunkedResultsAreStreamedBeforeTheStatementEnds() throws Exception {
        List<StatementResult> seen = new ArrayList<>();
        node.engine().execute(InfluxQLParser.parseStatement("SELECT v FROM cpu"), new QueryContext(3, DB, "", true, 1),
                seen::add);
        assertThat(seen).hasSize(5);
        assertThat(seen).allMatch(r -> r.statementId() == 3);
        assertThat(seen.subList(0, 4)).allMatch(StatementResult::partial);
        assertThat(seen.getLast().partial()).isFalse();
    }

    @Test
    void theDayOfTheUsDaylightSavingChangeHas25Hours() throws Exception {
        assertBody(node, DB, "SELECT count(v) FROM dst WHERE time >= '2019-11-02T00:00:00Z' AND "
                + "time < '2019-11-05T00:00:00Z' GROUP BY time(1d) tz('America/Chicago')", """
                {"results":[{"statement_id":0,"series":[{"name":"dst","columns":["time","count"],"values":[
                ["2019-11-01T00:00:00-05:00",0],["2019-11-02T00:00:00-05:00",1],
                ["2019-11-03T00:00:00-05:00",2],["2019-11-04T00:00:00-06:00",1]]}]}]}""");
    }

    @Test
    void timeZonesShiftBucketsAndStayInTheResults() throws Exception {
        assertBody(node, DB, "SELECT count(v) FROM cpu WHERE time >= '2021-03-03' AND time < '2021-03-05' "
                + "GROUP BY time(1d) tz('America/Chicago')", """
                {"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["time","count"],"values":[
                ["2021-03-03T00:00:00-06:00",5],["2021-03-04T00:00:00-06:00",0]]}]}]}""");
    }
}
