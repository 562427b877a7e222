package io.tidemark.server.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.fs.RealFs;
import io.tidemark.common.metrics.MetricRegistry;
import io.tidemark.common.result.Series;
import io.tidemark.common.result.StatementResult;
import io.tidemark.http.Credentials;
import io.tidemark.http.QueryRequest;
import io.tidemark.http.WriteOutcome;
import io.tidemark.http.WriteRequest;
import io.tidemark.meta.LocalMetaStore;
import io.tidemark.meta.RetentionPolicyInfo;
import io.tidemark.query.QueryEngine;
import io.tidemark.query.QueryLimits;
import io.tidemark.server.write.PointsWriter;
import io.tidemark.server.write.ShardTarget;
import io.tidemark.server.write.WriteLimits;
import io.tidemark.storage.Store;
import io.tidemark.storage.StoreConfig;
import io.tidemark.storage.api.PointBatch;
import io.tidemark.storage.api.ShardWriteException;
import io.tidemark.storage.api.WriteResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DELETE, DROP SERIES and DROP MEASUREMENT run through the {@link StatementExecutor} on a real store and metadata,
 * checked by what SHOW MEASUREMENTS, SHOW SERIES and SELECT answer afterwards.
 */
class SeriesDeleterTest {
    private static final Instant NOW = Instant.parse("2021-03-20T00:00:00Z");
    /** 2021-03-04T00:00:00Z and 2021-03-13T00:00:00Z: two different 7-day shard groups. */
    private static final long T1 = 1_614_816_000L;
    private static final long T2 = 1_615_593_600L;
    private static final long NANOS = 1_000_000_000L;

    @TempDir
    Path dir;
    private LocalMetaStore meta;
    private Store store;
    private QueryManager queries;
    private PointsWriter writer;
    private StatementExecutor executor;

    @BeforeEach
    void open() throws Exception {
        meta = LocalMetaStore.open(new RealFs(), dir.resolve("meta"), "test");
        store = Store.open(StoreConfig.defaults(dir.resolve("data"), dir.resolve("wal")), new RealFs(),
                new MetricRegistry());
        ShardTarget target = new ShardTarget() {
            @Override
            public void ensureShard(long shardId, String database, String rp) throws ShardWriteException {
                try {
                    store.createShard(shardId, database, rp);
                } catch (IOException e) {
                    throw new ShardWriteException(e.getMessage(), e);
                }
            }

            @Override
            public CompletableFuture<WriteResult> write(long shardId, PointBatch batch) throws ShardWriteException {
                return store.writeAsync(shardId, batch);
            }
        };
        InstantSource clock = InstantSource.fixed(NOW);
        writer = new PointsWriter(meta, target, new WriteLimits(Duration.ofSeconds(10), false, 65_535), clock,
                new MetricRegistry());
        queries = new QueryManager(0, Duration.ZERO, Duration.ZERO, new MetricRegistry(), "test");
        NodeStatistics noStatistics = new NodeStatistics() {
            @Override
            public List<Series> showStats(String module) {
                return List.of();
            }

            @Override
            public List<Series> showDiagnostics(String module) {
                return List.of();
            }
        };
        ShardDropper dropper = new ShardDropper() {
            @Override
            public void dropShards(RetentionPolicyInfo retentionPolicy) {
                throw new AssertionError("not used by these tests");
            }

            @Override
            public void dropShard(long shardId) {
                throw new AssertionError("not used by these tests");
            }
        };
        executor = new StatementExecutor(meta, dropper, new SeriesDeleter(meta, store), noStatistics,
                new QueryEngine(meta, store, QueryLimits.UNLIMITED, clock), queries, clock, true);
        assertThat(query(null, "CREATE DATABASE db; CREATE RETENTION POLICY other ON db DURATION 0s REPLICATION 1"))
                .allSatisfy(r -> assertThat(r.error()).isNull());
        for (String rp : new String[] {null, "other"}) {
            write(rp, "cpu,host=a,region=east usage=1,procs=10i " + T1,
                    "cpu,host=a,region=east usage=2,procs=11i " + T2,
                    "cpu,host=b,region=east usage=3,procs=12i " + T1,
                    "cpu,host=b,region=east usage=4,procs=13i " + T2,
                    "cpu,host=c,region=west usage=5,procs=14i " + T1,
                    "mem,host=a free=100i " + T1,
                    "mem,host=b free=200i " + T2,
                    "my\\ disk,host=a used=0.5 " + T1,
                    "load,host=a value=1 " + T2);
        }
    }

    @AfterEach
    void close() throws Exception {
        queries.close();
        store.close();
        meta.close();
    }

    private void write(String rp, String... lines) {
        WriteOutcome o = writer.write(new WriteRequest("db", rp, "s", null,
                String.join("\n", lines).getBytes(StandardCharsets.UTF_8), Credentials.NONE)).join();
        assertThat(o).isEqualTo(WriteOutcome.ok(lines.length));
    }

    private List<StatementResult> query(String db, String q) throws Exception {
        return query(db, null, q);
    }

    private List<StatementResult> query(String db, String rp, String q) throws Exception {
        List<StatementResult> out = new ArrayList<>();
        executor.execute(new QueryRequest(q, db, rp, Map.of(), false, 0, Credentials.NONE, false), out::add);
        return out;
    }

    /** The result of a single statement on database db. */
    private StatementResult run(String q) throws Exception {
        List<StatementResult> results = query("db", q);
        assertThat(results).hasSize(1);
        return results.getFirst();
    }

    private void ok(String q) throws Exception {
        assertThat(run(q)).isEqualTo(StatementResult.ok(0));
    }

    private String error(String q) throws Exception {
        StatementResult r = run(q);
        assertThat(r.error()).as(q).isNotNull();
        return r.error();
    }

    /** The rows of the single series of a result, or none. */
    private List<List<Object>> rows(String rp, String q) throws Exception {
        List<StatementResult> results = query("db", rp, q);
        assertThat(results).hasSize(1);
        StatementResult r = results.getFirst();
        assertThat(r.error()).as(q).isNull();
        if (r.series().isEmpty()) {
            return List.of();
        }
        assertThat(r.series()).hasSize(1);
        return r.series().getFirst().values();
    }

    private List<Object> seriesKeys(String rp) throws Exception {
        return rows(rp, "SHOW SERIES").stream().map(row -> row.get(0)).toList();
    }

    private List<Object> measurements() throws Exception {
        return rows(null, "SHOW MEASUREMENTS").stream().map(row -> row.get(0)).toList();
    }

    /** Per host, the number of usage values in cpu. */
    private Map<String, Long> countsByHost(String rp) throws Exception {
        StatementResult r = query("db", rp, "SELECT count(usage) FROM cpu GROUP BY host").getFirst();
        assertThat(r.error()).isNull();
        Map<String, Long> out = new TreeMap<>();
        for (Series s : r.series()) {
            out.put(s.tags().get("host"), (Long) s.values().getFirst().get(1));
        }
        return out;
    }

    @Test
    void deleteRemovesTheValuesOfTheSelectedSeriesInTheTimeRangeInEveryRetentionPolicy() throws Exception {
        ok("DELETE FROM cpu WHERE host = 'a' AND time < '2021-03-10T00:00:00Z'");

        for (String rp : new String[] {null, "other"}) {
            assertThat(countsByHost(rp)).isEqualTo(Map.of("a", 1L, "b", 2L, "c", 1L));
            assertThat(rows(rp, "SELECT usage, procs FROM cpu WHERE host = 'a'"))
                    .containsExactly(List.of(T2 * NANOS, 2.0, 11L));
            // host=a still has a value in the second shard group.
            assertThat(seriesKeys(rp)).contains("cpu,host=a,region=east");
        }

        ok("DELETE FROM cpu WHERE host = 'a'");
        for (String rp : new String[] {null, "other"}) {
            assertThat(countsByHost(rp)).isEqualTo(Map.of("b", 2L, "c", 1L));
            assertThat(seriesKeys(rp)).doesNotContain("cpu,host=a,region=east").contains("cpu,host=b,region=east",
                    "mem,host=a", "load,host=a");
        }
    }

    @Test
    void timeBoundsAreInclusiveAndNowIsTheStatementClock() throws Exception {
        ok("DELETE FROM cpu WHERE time >= '2021-03-04T00:00:00Z' AND time <= '2021-03-04T00:00:00Z'");
        assertThat(countsByHost(null)).isEqualTo(Map.of("a", 1L, "b", 1L));

        // now() is 2021-03-20: everything of the last 10 days, i.e. the second shard group.
        ok("DELETE FROM cpu WHERE region = 'east' AND time > now() - 10d");
        assertThat(countsByHost(null)).isEmpty();
        assertThat(seriesKeys(null)).doesNotContain("cpu,host=a,region=east", "cpu,host=b,region=east",
                "cpu,host=c,region=west");
    }

    @Test
    void deleteWithoutFromCoversEveryMeasurementAndRegexSourcesMatchNames() throws Exception {
        ok("DELETE FROM /^(m|l)/ WHERE host = 'a'");
        assertThat(seriesKeys(null)).containsExactly("cpu,host=a,region=east", "cpu,host=b,region=east",
                "cpu,host=c,region=west", "mem,host=b");

        ok("DELETE WHERE time < '2021-03-10T00:00:00Z'");
        assertThat(seriesKeys(null)).containsExactly("cpu,host=a,region=east", "cpu,host=b,region=east",
                "mem,host=b");
        assertThat(measurements()).containsExactly("cpu", "mem");
    }

    @Test
    void measurementNamesAreMatchedUnescaped() throws Exception {
        ok("DELETE FROM \"my disk\" WHERE host = 'a'");
        assertThat(measurements()).containsExactly("cpu", "load", "mem");
        write(null, "my\\ disk,host=a used=0.7 " + T1);
        ok("DROP MEASUREMENT \"my disk\"");
        assertThat(measurements()).containsExactly("cpu", "load", "mem");
    }

    @Test
    void aFieldInTheWhereClauseIsRefusedBeforeAnythingIsDeleted() throws Exception {
        // The earliest shard holds host=a alone, which the tags decide; host=b in later shards needs the field.
        write(null, "cpu,host=a,region=east usage=0.5,procs=9i 1609459200");
        // InfluxDB names the shard whose series could not be decided (here the earliest's, shard 5, or the next's).
        assertThat(error("DELETE FROM cpu WHERE usage > 1")).isEqualTo(
                "shard 5: fields not supported in WHERE clause during deletion");
        assertThat(error("DELETE FROM cpu WHERE host = 'a' OR usage > 1")).matches(
                "shard [1-4]: fields not supported in WHERE clause during deletion");
        assertThat(error("DROP SERIES FROM cpu WHERE procs::integer = 10")).isEqualTo(
                "shard 5: fields not supported in WHERE clause during deletion");
        assertThat(countsByHost(null)).isEqualTo(Map.of("a", 3L, "b", 2L, "c", 1L));
        assertThat(countsByHost("other")).isEqualTo(Map.of("a", 2L, "b", 2L, "c", 1L));

        // A name that is a field of no measurement is a tag that no series has: it equals "".
        ok("DELETE FROM cpu WHERE rack = ''");
        assertThat(countsByHost(null)).isEmpty();
    }

    @Test
    void dropSeriesRemovesWholeSeriesAndRefusesTime() throws Exception {
        ok("DROP SERIES FROM cpu WHERE host = 'a'");
        for (String rp : new String[] {null, "other"}) {
            assertThat(seriesKeys(rp)).doesNotContain("cpu,host=a,region=east").contains("cpu,host=b,region=east",
                    "mem,host=a");
            assertThat(countsByHost(rp)).isEqualTo(Map.of("b", 2L, "c", 1L));
        }

        ok("DROP SERIES WHERE host = 'b'");
        assertThat(seriesKeys(null)).containsExactly("cpu,host=c,region=west", "load,host=a", "mem,host=a",
                "my\\ disk,host=a");

        ok("DROP SERIES FROM mem");
        assertThat(measurements()).containsExactly("cpu", "load", "my disk");

        assertThat(error("DROP SERIES FROM cpu WHERE time > 0")).isEqualTo(
                "DROP SERIES doesn't support time in WHERE clause");
        assertThat(error("DROP SERIES WHERE host = 'c' AND time < now()")).isEqualTo(
                "DROP SERIES doesn't support time in WHERE clause");
        assertThat(seriesKeys(null)).contains("cpu,host=c,region=west");
    }

    @Test
    void dropMeasurementRemovesItFromEveryShardAndAllowsANewFieldType() throws Exception {
        ok("DROP MEASUREMENT mem");
        assertThat(measurements()).containsExactly("cpu", "load", "my disk");
        assertThat(rows("other", "SHOW MEASUREMENTS")).extracting(row -> row.get(0))
                .containsExactly("cpu", "load", "my disk");
        assertThat(rows(null, "SELECT * FROM mem")).isEmpty();
        assertThat(seriesKeys("other")).noneMatch(k -> k.toString().startsWith("mem,"));

        write(null, "mem,host=a free=\"plenty\" " + T1);
        assertThat(rows(null, "SELECT free FROM mem")).containsExactly(List.of(T1 * NANOS, "plenty"));
    }

    @Test
    void deletingNothingSucceeds() throws Exception {
        ok("DELETE FROM nosuch WHERE time < now()");
        ok("DELETE FROM cpu WHERE host = 'nosuch'");
        ok("DELETE FROM cpu WHERE time > '2030-01-01T00:00:00Z'");
        ok("DELETE FROM cpu WHERE time > '2021-03-05T00:00:00Z' AND time < '2021-03-04T00:00:00Z'");
        ok("DROP SERIES FROM /^nosuch/");
        ok("DROP MEASUREMENT nosuch");
        assertThat(query(null, "CREATE DATABASE empty")).containsExactly(StatementResult.ok(0));
        assertThat(query("empty", "DELETE WHERE host = 'a'; DROP SERIES FROM cpu; DROP MEASUREMENT cpu"))
                .containsExactly(StatementResult.ok(0), StatementResult.ok(1), StatementResult.ok(2));
        assertThat(countsByHost(null)).isEqualTo(Map.of("a", 2L, "b", 2L, "c", 1L));
        assertThat(measurements()).containsExactly("cpu", "load", "mem", "my disk");
    }

    @Test
    void theDatabaseMustExistAndIsNamedInTheError() throws Exception {
        for (String q : List.of("DELETE FROM cpu WHERE host = 'a'", "DROP SERIES FROM cpu",
                "DROP MEASUREMENT cpu")) {
            assertThat(query(null, q)).containsExactly(StatementResult.error(0, "database not found: "));
            assertThat(query("nope", q)).containsExactly(StatementResult.error(0, "database not found: nope"));
        }
        // The database is checked before the time clause.
        assertThat(query(null, "DROP SERIES WHERE time > 0"))
                .containsExactly(StatementResult.error(0, "database not found: "));
        assertThat(countsByHost(null)).isEqualTo(Map.of("a", 2L, "b", 2L, "c", 1L));
    }

    @Test
    void valuesFlushedToFilesAreDeletedToo() throws Exception {
        for (long shard : store.shardIds()) {
            store.flush(shard);
        }
        write(null, "cpu,host=a,region=east usage=9,procs=19i " + (T1 + 60));
        ok("DELETE FROM cpu WHERE host = 'a' AND time <= '2021-03-04T00:01:00Z'");
        assertThat(rows(null, "SELECT usage FROM cpu WHERE host = 'a'"))
                .containsExactly(List.of(T2 * NANOS, 2.0));
    }
}
