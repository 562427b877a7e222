package io.tidemark.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.FieldType;
import io.tidemark.common.result.StatementResult;
import io.tidemark.influxql.InfluxQLParser;
import io.tidemark.influxql.ast.Statement;
import io.tidemark.storage.Store;
import io.tidemark.storage.api.SeriesCursor;
import io.tidemark.storage.api.ShardException;
import io.tidemark.storage.api.ShardIndexReader;
import io.tidemark.storage.api.ShardReader;
import io.tidemark.storage.api.TagFilter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statements in descending time order answer the same whether storage reads latest first
 * ({@link ShardReader#readDescending} of the store) or the engine reverses ascending reads (the interface's
 * buffering default), over several shards whose values sit in TSM files, the cache, overwrites of filed values and
 * tombstones. Randomized: re-run a failure with {@code -Dtests.seed=<seed>}.
 */
class DescendingSelectTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final String DB = "db";
    private static final long START = 1614816000L;
    private static final int HOSTS = 4;
    private static final String RANGE = " WHERE time >= '2021-03-04T00:00:00Z' AND time < '2021-03-04T06:00:00Z'";

    @TempDir
    static Path dir;
    private static TestNode node;
    private static QueryEngine buffering;
    /** host -> time (s) -> usage, the last written; for the latest point of each host. */
    private static final Map<Integer, TreeMap<Long, Double>> usage = new TreeMap<>();

    /** The store's reads and index, without its descending reads: the interface default buffers ascending ones. */
    private record AscendingOnly(Store store) implements ShardReader, ShardIndexReader {
        @Override
        public SeriesCursor read(long shardId, byte[] seriesKey, String field, long minTimeNanos,
                long maxTimeNanos) throws ShardException {
            return store.read(shardId, seriesKey, field, minTimeNanos, maxTimeNanos);
        }

        @Override
        public List<String> measurements(long shardId) throws ShardException {
            return store.measurements(shardId);
        }

        @Override
        public List<byte[]> seriesKeys(long shardId, String measurementEscaped) throws ShardException {
            return store.seriesKeys(shardId, measurementEscaped);
        }

        @Override
        public Map<String, FieldType> fieldTypes(long shardId, String measurement) throws ShardException {
            return store.fieldTypes(shardId, measurement);
        }

        @Override
        public List<String> tagKeys(long shardId, String measurement) throws ShardException {
            return store.tagKeys(shardId, measurement);
        }

        @Override
        public List<String> tagValues(long shardId, String measurement, String tagKey) throws ShardException {
            return store.tagValues(shardId, measurement, tagKey);
        }

        @Override
        public List<byte[]> selectSeries(long shardId, String measurement, TagFilter filter)
                throws ShardException {
            return store.selectSeries(shardId, measurement, filter);
        }

        @Override
        public long seriesCardinality(long shardId) throws ShardException {
            return store.seriesCardinality(shardId);
        }

        @Override
        public long seriesCardinality(long shardId, String measurement) throws ShardException {
            return store.seriesCardinality(shardId, measurement);
        }

        @Override
        public long[] seriesKeyHashes(long shardId, String measurement) throws ShardException {
            return store.seriesKeyHashes(shardId, measurement);
        }
    }

    @BeforeAll
    static void load() throws Exception {
        Random rnd = new Random(SEED);
        InstantSource clock = InstantSource.fixed(Instant.parse("2021-06-01T00:00:00Z"));
        node = new TestNode(dir, clock, QueryLimits.UNLIMITED);
        node.createDatabase(DB);
        // One-hour shard groups: the data spans six shards.
        node.createRetentionPolicy(DB, "hourly", Duration.ZERO, Duration.ofHours(1), true);
        // Four hours go to files, with some points overwritten and some deleted afterwards; two more stay in
        // the cache. A field is an integer in the first shards and a float in the later ones.
        write(rnd, 0, 4 * 3600);
        node.flush();
        write(rnd, 3 * 3600, 6 * 3600);
        for (long shard : node.store().shardIds()) {
            long from = (START + 3600 + rnd.nextInt(3 * 3600)) * 1_000_000_000L;
            node.store().delete(shard, "cpu", new TagFilter.Eq("host", "h" + rnd.nextInt(HOSTS)), from,
                    from + rnd.nextInt(1800) * 1_000_000_000L);
        }
        write(rnd, 5 * 3600, 6 * 3600);
        buffering = new QueryEngine(node.meta(), new AscendingOnly(node.store()), QueryLimits.UNLIMITED, clock);
    }

    /** Points every 60 s (one in ten missing) for each host in [from, to) seconds after START. */
    private static void write(Random rnd, int from, int to) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int h = 0; h < HOSTS; h++) {
            for (long t = from; t < to; t += 60) {
                if (rnd.nextInt(10) == 0) {
                    continue;
                }
                double u = rnd.nextInt(1000) / 10.0;
                lines.append("cpu,host=h").append(h).append(",dc=d").append(h % 2).append(" usage=").append(u);
                if (rnd.nextBoolean()) {
                    lines.append(",idle=").append(rnd.nextInt(100)).append('i');
                }
                if (rnd.nextInt(3) == 0) {
                    lines.append(",s=\"v").append(rnd.nextInt(5)).append('"');
                }
                if (rnd.nextInt(4) == 0) {
                    lines.append(",b=").append(rnd.nextBoolean());
                }
                // "mixed" is an integer field before 02:00 and a float after, each type in its own shards.
                lines.append(",mixed=").append(t < 2 * 3600 ? rnd.nextInt(50) + "i" : Double.toString(rnd.nextInt(50)
                        / 4.0));
                lines.append(' ').append(START + t).append('\n');
                usage.computeIfAbsent(h, k -> new TreeMap<>()).put(START + t, u);
            }
        }
        node.load(DB, "hourly", lines.toString(), "s");
    }

    @AfterAll
    static void close() throws Exception {
        node.close();
    }

    private static List<StatementResult> run(QueryEngine engine, String q) throws Exception {
        List<StatementResult> out = new ArrayList<>();
        Statement s = InfluxQLParser.parse(q).statements().getFirst();
        try {
            engine.execute(s, new QueryContext(0, DB, "", false, 0), out::add);
        } catch (QueryException e) {
            out.add(StatementResult.error(0, e.getMessage()));
        }
        return out;
    }

    @Test
    void descendingStatementsAnswerAsWithBufferedReads() throws Exception {
        String[] queries = {
            "SELECT * FROM cpu ORDER BY time DESC",
            "SELECT * FROM cpu GROUP BY host ORDER BY time DESC LIMIT 1",
            "SELECT * FROM cpu GROUP BY * ORDER BY time DESC LIMIT 3 OFFSET 2",
            "SELECT * FROM cpu ORDER BY time DESC OFFSET 7",
            "SELECT usage, idle FROM cpu WHERE usage > 50 ORDER BY time DESC LIMIT 5",
            "SELECT usage FROM cpu WHERE host = 'h1' AND time > '2021-03-04T01:30:00Z' AND time < "
                    + "'2021-03-04T04:10:00Z' ORDER BY time DESC",
            "SELECT s, b FROM cpu GROUP BY dc ORDER BY time DESC LIMIT 7",
            "SELECT mixed FROM cpu WHERE host = 'h2' ORDER BY time DESC",
            "SELECT mixed::integer, mixed::float FROM cpu GROUP BY host ORDER BY time DESC LIMIT 200",
            "SELECT usage * 2 + idle FROM cpu WHERE idle < 30 GROUP BY host ORDER BY time DESC LIMIT 4",
            "SELECT max(usage), last(idle), first(s), count(b) FROM cpu" + RANGE
                    + " GROUP BY time(1h), host ORDER BY time DESC",
            "SELECT last(*) FROM cpu GROUP BY host ORDER BY time DESC",
            "SELECT first(usage), last(usage) FROM cpu" + RANGE + " GROUP BY time(30m) ORDER BY time DESC LIMIT 3",
            "SELECT top(usage, 3), idle FROM cpu GROUP BY host ORDER BY time DESC",
            "SELECT mean(usage) FROM cpu" + RANGE + " GROUP BY time(20m) fill(previous) ORDER BY time DESC",
            "SELECT bottom(idle, host, 2) FROM cpu ORDER BY time DESC",
            "SELECT sum(idle), min(mixed) FROM cpu" + RANGE + " GROUP BY time(10m) ORDER BY time DESC LIMIT 20",
        };
        int rows = 0;
        for (String q : queries) {
            List<StatementResult> expected = run(buffering, q);
            List<StatementResult> actual = run(node.engine(), q);
            assertThat(actual).as("seed %d: %s", SEED, q).isEqualTo(expected);
            assertThat(actual.getFirst().error()).as(q).isNull();
            for (StatementResult r : actual) {
                rows += r.series().stream().mapToInt(s -> s.values().size()).sum();
            }
        }
        assertThat(rows).as("the statements select something").isGreaterThan(1000);
    }

    @Test
    void theLatestPointOfEachHostIsItsLastWrite() throws Exception {
        List<StatementResult> r = run(node.engine(), "SELECT usage FROM cpu GROUP BY host ORDER BY time DESC LIMIT 1");
        assertThat(r.getFirst().series()).hasSize(HOSTS);
        for (int h = 0; h < HOSTS; h++) {
            String host = "h" + h;
            var series = r.getFirst().series().stream().filter(x -> x.tags().get("host").equals(host))
                    .findFirst().orElseThrow();
            Map.Entry<Long, Double> last = usage.get(h).lastEntry();
            assertThat(series.values()).as("seed %d, h%d", SEED, h).hasSize(1);
            assertThat(series.values().getFirst()).containsExactly(last.getKey() * 1_000_000_000L, last.getValue());
        }
    }
}
