package io.tidemark.query;

import static io.tidemark.query.QueryAssertions.assertBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.result.Series;
import io.tidemark.common.result.StatementResult;
import io.tidemark.influxql.InfluxQLParser;
import io.tidemark.influxql.ast.SelectStatement;
import io.tidemark.query.memory.MemoryAccount;
import io.tidemark.query.select.SelectExecutor;
import io.tidemark.query.series.IndexSeriesSelector;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code max-query-memory}: a statement whose buffers exceed it fails with a statement error (the rest of the
 * response as usual), the same statement under a larger limit gives the right answer, selectors that keep a bounded
 * number of points and chunked responses run under a small limit, and every statement gives back all it charged.
 */
class QueryMemoryTest {
    private static final String DB = "db";
    private static final Instant NOW = Instant.parse("2021-06-01T00:00:00Z");
    private static final InstantSource CLOCK = InstantSource.fixed(NOW);
    private static final long NOW_NANOS = NOW.getEpochSecond() * 1_000_000_000L;
    /** 2021-03-04T00:00:00Z. */
    private static final long BASE = 1_614_816_000L;
    /** Values of the series of m, one per second: v = 0 .. POINTS - 1, k = v mod 7. */
    private static final int POINTS = 20_000;
    /** Series of wide, each with one value per second. */
    private static final int WIDE_SERIES = 50;
    private static final int WIDE_POINTS = 400;
    private static final long SMALL = 256L << 10;
    private static final long LARGE = 64L << 20;
    private static final String ERROR = "max-query-memory limit exceeded: \\(\\d+/" + SMALL + " bytes\\)";

    @TempDir
    static Path dir;
    /** The data under a limit of 256 KiB. */
    private static TestNode small;
    /** The same data under 64 MiB. */
    private static TestNode large;

    @BeforeAll
    static void load() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < POINTS; i++) {
            lines.append("m,host=a v=").append(i).append(",k=").append(i % 7).append("i ").append(BASE + i)
                    .append('\n');
        }
        for (int s = 0; s < WIDE_SERIES; s++) {
            for (int i = 0; i < WIDE_POINTS; i++) {
                lines.append("wide,host=h").append(s).append(" v=").append(i).append(' ').append(BASE + i)
                        .append('\n');
            }
        }
        small = node("small", SMALL, lines.toString());
        large = node("large", LARGE, lines.toString());
    }

    private static TestNode node(String name, long limit, String lines) throws Exception {
        TestNode n = new TestNode(dir.resolve(name), CLOCK, new QueryLimits(0, 0, 0, limit));
        n.createDatabase(DB);
        n.load(DB, lines);
        return n;
    }

    @AfterAll
    static void close() throws Exception {
        small.close();
        large.close();
    }

    @Test
    void aggregatesKeepingEveryValueFailOverTheLimitWithAStatementError() throws Exception {
        for (String q : List.of("SELECT median(v) FROM m", "SELECT percentile(v, 90) FROM m",
                "SELECT distinct(v) FROM m", "SELECT count(distinct(v)) FROM m", "SELECT mode(k) FROM m",
                "SELECT stddev(v) FROM m GROUP BY time(1s)")) {
            // The body the HTTP layer sends with status 200: the statement's result carries the error.
            Object body = QueryAssertions.body(small, DB, q);
            assertThat(body).as(q).isInstanceOfSatisfying(Map.class, b -> {
                assertThat(b.keySet()).containsExactly("results");
                assertThat((List<?>) b.get("results")).singleElement().isInstanceOfSatisfying(Map.class, r -> {
                    assertThat(r.keySet()).containsExactlyInAnyOrder("statement_id", "error");
                    assertThat(r.get("statement_id")).isEqualTo(0L);
                    assertThat((String) r.get("error")).matches(ERROR);
                });
            });
        }
        // As for InfluxDB's limits, the statements after the failed one are not executed.
        List<StatementResult> results = small.query("SELECT median(v) FROM m; SELECT count(v) FROM m", DB);
        assertThat(results.get(0).error()).matches(ERROR);
        assertThat(results.get(1).error()).isEqualTo("not executed");
    }

    @Test
    void theSameAggregatesUnderALargerLimitGiveTheRightAnswers() throws Exception {
        assertBody(large, DB, "SELECT median(v) FROM m", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","median"],
                 "values":[["1970-01-01T00:00:00Z",9999.5]]}]}]}""");
        assertBody(large, DB, "SELECT percentile(v, 90) FROM m", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","percentile"],
                 "values":[["2021-03-04T04:59:59Z",17999]]}]}]}""");
        assertBody(large, DB, "SELECT count(distinct(v)), mode(k) FROM m", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","count","mode"],
                 "values":[["1970-01-01T00:00:00Z",20000,0]]}]}]}""");
        List<StatementResult> distinct = large.query("SELECT distinct(v) FROM m", DB);
        assertThat(distinct.getFirst().error()).isNull();
        List<List<Object>> values = distinct.getFirst().series().getFirst().values();
        assertThat(values).hasSize(POINTS);
        assertThat(values.getFirst().get(1)).isEqualTo(0.0);
        assertThat(values.getLast().get(1)).isEqualTo((double) POINTS - 1);
    }

    @Test
    void selectorsKeepingNPointsRunUnderASmallLimit() throws Exception {
        assertBody(small, DB, "SELECT top(v, 3) FROM m", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","top"],
                 "values":[["2021-03-04T05:33:17Z",19997],["2021-03-04T05:33:18Z",19998],
                 ["2021-03-04T05:33:19Z",19999]]}]}]}""");
        assertBody(small, DB, "SELECT bottom(v, 2) FROM m", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","bottom"],
                 "values":[["2021-03-04T00:00:00Z",0],["2021-03-04T00:00:01Z",1]]}]}]}""");
        assertBody(small, DB, "SELECT count(v), mean(v), max(v) FROM m", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","count","mean","max"],
                 "values":[["1970-01-01T00:00:00Z",20000,9999.5,19999]]}]}]}""");
        List<StatementResult> sample = small.query("SELECT sample(v, 5) FROM m", DB);
        assertThat(sample.getFirst().error()).isNull();
        assertThat(sample.getFirst().series().getFirst().values()).hasSize(5);
    }

    @Test
    void aChunkedResponseStreamsItsRowsUnderALimitTheUnchunkedOneExceeds() throws Exception {
        String q = "SELECT * FROM wide GROUP BY *";
        assertThat(small.query(q, DB).getFirst().error()).matches(ERROR);

        List<StatementResult> chunks = small.query(q, DB, "", true, 100);
        assertThat(chunks).allSatisfy(r -> assertThat(r.error()).isNull());
        long rows = 0;
        Set<Map<String, String>> series = new HashSet<>();
        for (StatementResult r : chunks) {
            for (Series s : r.series()) {
                rows += s.values().size();
                series.add(s.tags());
            }
        }
        assertThat(rows).isEqualTo((long) WIDE_SERIES * WIDE_POINTS);
        assertThat(series).hasSize(WIDE_SERIES);
        assertThat(small.query("SELECT v FROM m", DB, "", true, 1000)).allSatisfy(r -> assertThat(r.error()).isNull())
                .flatExtracting(r -> r.series().getFirst().values()).hasSize(POINTS);
    }

    @Test
    void everyStatementGivesBackAllItCharged() throws Exception {
        String range = " WHERE time >= '2021-03-04T00:00:00Z' AND time < '2021-03-04T00:10:00Z'";
        List<String> queries = List.of("SELECT median(v) FROM m", "SELECT percentile(v, 50) FROM m GROUP BY time(1m)",
                "SELECT distinct(v) FROM m" + range + " GROUP BY time(1m)", "SELECT count(distinct(k)) FROM m",
                "SELECT mode(k), spread(v), stddev(v) FROM m", "SELECT top(v, host, 2) FROM wide",
                "SELECT bottom(v, 5), host FROM wide", "SELECT sample(v, 10) FROM wide GROUP BY host",
                "SELECT integral(v) FROM wide" + range + " GROUP BY time(1m)",
                "SELECT count(v), first(v) FROM wide" + range + " GROUP BY time(10s), host fill(0)",
                "SELECT * FROM wide GROUP BY *", "SELECT v FROM wide ORDER BY time DESC LIMIT 3",
                "SELECT v, k FROM m WHERE k = 3 SLIMIT 1",
                // No rank in any 1s window: the first empty window ends the output with groups still held.
                "SELECT percentile(v, 1) FROM wide" + range + " GROUP BY time(1s), host");
        SelectExecutor executor = new SelectExecutor(large.store(), new IndexSeriesSelector(large.store()),
                QueryLimits.UNLIMITED);
        for (String q : queries) {
            for (boolean chunked : new boolean[] {false, true}) {
                MemoryAccount account = MemoryAccount.unlimited();
                List<StatementResult> out = new ArrayList<>();
                executor.execute((SelectStatement) InfluxQLParser.parseStatement(q),
                        new QueryContext(0, DB, "", chunked, 7), large.metaData(), NOW_NANOS, out::add, account);
                assertThat(out).as(q).isNotEmpty().allSatisfy(r -> assertThat(r.error()).isNull());
                assertThat(account.peakBytes()).as(q).isPositive();
                assertThat(account.heldBytes()).as("%s (chunked: %s)", q, chunked).isZero();
            }
        }
    }

    @Test
    void chunkedRowsAreNotHeld() throws Exception {
        SelectExecutor executor = new SelectExecutor(large.store(), new IndexSeriesSelector(large.store()),
                QueryLimits.UNLIMITED);
        long[] peaks = new long[2];
        for (int i = 0; i < 2; i++) {
            MemoryAccount account = MemoryAccount.unlimited();
            executor.execute((SelectStatement) InfluxQLParser.parseStatement("SELECT v FROM m"),
                    new QueryContext(0, DB, "", i == 1, 100), large.metaData(), NOW_NANOS, r -> { }, account);
            peaks[i] = account.peakBytes();
        }
        // Unchunked, the 20,000 rows are held until the result is handed on; chunked, 100 at a time.
        assertThat(peaks[1] * 50).as("chunked %d, unchunked %d", peaks[1], peaks[0]).isLessThan(peaks[0]);
    }
}
