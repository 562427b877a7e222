package io.tidemark.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.FieldType;
import io.tidemark.common.result.StatementResult;
import io.tidemark.influxql.InfluxQLParser;
import io.tidemark.influxql.ast.Statement;
import io.tidemark.storage.Store;
import io.tidemark.storage.api.RangeStatistics;
import io.tidemark.storage.api.ForwardingSeriesCursor;
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
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * count, min, max, first, last, sum, mean and spread answered from storage statistics give exactly what reading every
 * value gives (same rows, times, value types, bits), over several shards and series whose values sit in TSM files, the
 * cache, overwrites of filed values and tombstones; and the statistics are used where they can be. The reference
 * engine reads the same store through a {@link ShardReader} without statistics. Randomized: re-run a failure with
 * {@code -Dtests.seed=<seed>}.
 */
class StatisticsPushdownTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final String DB = "db";
    /** 2021-03-04T00:00:00Z. */
    private static final long START = 1614816000L;
    private static final int DAYS = 5;
    private static final int HOSTS = 3;
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2021-06-01T00:00:00Z"));

    @TempDir
    static Path dir;
    private static TestNode node;
    private static Counting pushdown;
    private static Counting streaming;

    /** The store, with or without its statistics, counting statistics answers and values read. */
    private record Counting(Store store, boolean statistics, AtomicLong answers, AtomicLong values)
            implements ShardReader, ShardIndexReader {
        Counting(Store store, boolean statistics) {
            this(store, statistics, new AtomicLong(), new AtomicLong());
        }

        QueryEngine engine(QueryLimits limits) {
            return new QueryEngine(node.meta(), this, limits, CLOCK);
        }

        @Override
        public SeriesCursor read(long shardId, byte[] seriesKey, String field, long minTimeNanos, long maxTimeNanos)
                throws ShardException {
            return counted(store.read(shardId, seriesKey, field, minTimeNanos, maxTimeNanos));
        }

        @Override
        public SeriesCursor readDescending(long shardId, byte[] seriesKey, String field, long minTimeNanos,
                long maxTimeNanos) throws ShardException {
            return counted(store.readDescending(shardId, seriesKey, field, minTimeNanos, maxTimeNanos));
        }

        @Override
        public Optional<RangeStatistics> statistics(long shardId, byte[] seriesKey, String field, long minTimeNanos,
                long maxTimeNanos) throws ShardException {
            if (!statistics) {
                return Optional.empty();
            }
            Optional<RangeStatistics> s = store.statistics(shardId, seriesKey, field, minTimeNanos, maxTimeNanos);
            if (s.isPresent()) {
                answers.incrementAndGet();
            }
            return s;
        }

        private SeriesCursor counted(SeriesCursor c) {
            return new ForwardingSeriesCursor(c) {
                @Override
                public boolean next() {
                    boolean more = super.next();
                    if (more) {
                        values.incrementAndGet();
                    }
                    return more;
                }
            };
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
        public List<byte[]> selectSeries(long shardId, String measurement, TagFilter filter) throws ShardException {
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
        node = new TestNode(dir, CLOCK, QueryLimits.UNLIMITED);
        node.createDatabase(DB);
        // One-day shard groups: the data spans six shards.
        node.createRetentionPolicy(DB, "daily", Duration.ZERO, Duration.ofDays(1), true);
        // Four days go to files. Then points of h1 on day 1 are overwritten into a second file of its shard (no
        // compaction merges two files), part of h0's day 2 is deleted, a fifth day and an hour of the sixth go to
        // the cache, and points of h2 on day 3 are overwritten there.
        write(rnd, 0, 4 * 86400);
        // zeros: float fields whose extreme values are 0.0 and -0.0, which the reducers take as equal (the earliest
        // is kept) and statistics do not (-0.0 < 0.0): the earliest minimum of a is 0.0, the earliest maximum of b
        // is -0.0.
        StringBuilder zeros = new StringBuilder();
        for (long t = 0; t < 2 * 86400; t += 60) {
            String[] ab = t % 120 == 0 ? new String[] {"0.0", "-0.0"}
                    : t % 180 == 0 ? new String[] {"-0.0", "0.0"} : new String[] {"1.5", "-1.5"};
            zeros.append("zeros a=").append(ab[0]).append(",b=").append(ab[1]).append(' ').append(START + t)
                    .append('\n');
        }
        node.load(DB, "daily", zeros.toString(), "s");
        // zmin, zmax: series whose zeros all have one sign (p: 0.0 at minute 7 of every ten, q: -0.0), next to series
        // with the other sign earlier in the same buckets (n: -0.0 at minute 5, r: 0.0 at minute 5).
        StringBuilder signed = new StringBuilder();
        for (long t = 0; t < 2 * 86400; t += 60) {
            signed.append("zmin,host=n v=").append(t % 600 == 300 ? "-0.0" : "3.0").append(' ').append(START + t)
                    .append("\nzmin,host=p v=").append(t % 600 == 420 ? "0.0" : "2.0").append(' ').append(START + t)
                    .append("\nzmax,host=q v=").append(t % 600 == 420 ? "-0.0" : "-2.0").append(' ')
                    .append(START + t).append("\nzmax,host=r v=").append(t % 600 == 300 ? "0.0" : "-3.0").append(' ')
                    .append(START + t).append('\n');
        }
        node.load(DB, "daily", signed.toString(), "s");
        // peak: one series over three days with a single highest value.
        StringBuilder peak = new StringBuilder();
        for (long t = 0; t < 3 * 86400; t += 30) {
            long d = (t - 100_000) / 30;
            peak.append("peak v=").append(-d * d).append("i ").append(START + t).append('\n');
        }
        node.load(DB, "daily", peak.toString(), "s");
        // longpeak: one day, a point every 2 s (more than a piece read whole), with a single highest value.
        StringBuilder longPeak = new StringBuilder();
        for (long t = 0; t < 86400; t += 2) {
            long d = (t - 50_000) / 2;
            longPeak.append("longpeak v=").append(-d * d).append("i ").append(START + t).append('\n');
        }
        node.load(DB, "daily", longPeak.toString(), "s");
        node.flush();
        overwrite(rnd, 1, 86400 + 7200, 86400 + 7500);
        node.flush();
        long from = START + 2 * 86400 + 40_000;
        node.store().delete(shardAt(from), "cpu", new TagFilter.Eq("host", "h0"), from * 1_000_000_000L,
                (from + 3000) * 1_000_000_000L);
        write(rnd, 4 * 86400, DAYS * 86400 + 3600);
        overwrite(rnd, 2, 3 * 86400 + 500, 3 * 86400 + 900);
        pushdown = new Counting(node.store(), true);
        streaming = new Counting(node.store(), false);
    }

    private static long shardAt(long seconds) {
        return node.metaData().retentionPolicy(DB, "daily").shardGroupFor(seconds * 1_000_000_000L).shards()
                .getFirst().id();
    }

    /** New values of f and i for host h{@code host} every 30 s in [from, to) seconds after START. */
    private static void overwrite(Random rnd, int host, long from, long to) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (long t = from; t < to; t += 30) {
            lines.append("cpu,host=h").append(host).append(",dc=d").append(host % 2).append(" f=")
                    .append(rnd.nextInt(4000) / 8.0 - 250).append(",i=").append(rnd.nextInt(5000) - 2500)
                    .append("i ").append(START + t).append('\n');
        }
        node.load(DB, "daily", lines.toString(), "s");
    }

    /** A point every 30 s (one in twenty missing) for each host in [from, to) seconds after START. */
    private static void write(Random rnd, long from, long to) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int h = 0; h < HOSTS; h++) {
            for (long t = from; t < to; t += 30) {
                if (rnd.nextInt(20) == 0) {
                    continue;
                }
                lines.append("cpu,host=h").append(h).append(",dc=d").append(h % 2).append(" f=")
                        .append(rnd.nextInt(4000) / 8.0 - 250).append(",i=").append(rnd.nextInt(5000) - 2500)
                        .append("i,b=").append(rnd.nextInt(7) == 0);
                if (rnd.nextInt(3) == 0) {
                    lines.append(",s=\"v").append(rnd.nextInt(5)).append('"');
                }
                // "mixed" is an integer field in the first two days and a float after, each type in its own shards.
                lines.append(",mixed=").append(t < 2 * 86400 ? rnd.nextInt(50) + "i"
                        : Double.toString(rnd.nextInt(200) / 4.0));
                lines.append(' ').append(START + t).append('\n');
            }
        }
        node.load(DB, "daily", lines.toString(), "s");
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

    /** Runs the query on both engines, asserts the same result, and returns how many statistics answered. */
    private static long assertSameAsStreaming(String q) throws Exception {
        List<StatementResult> expected = run(streaming.engine(QueryLimits.UNLIMITED), q);
        long before = pushdown.answers().get();
        List<StatementResult> actual = run(pushdown.engine(QueryLimits.UNLIMITED), q);
        assertThat(actual).as("seed %d: %s", SEED, q).isEqualTo(expected);
        assertThat(actual.getFirst().error()).as("seed %d: %s", SEED, q).isNull();
        return pushdown.answers().get() - before;
    }

    private static String time(long secondsAfterStart) {
        return "'" + Instant.ofEpochSecond(START + secondsAfterStart) + "'";
    }

    @Test
    void answersAsReadingEveryValue() throws Exception {
        String all = " WHERE time >= " + time(0) + " AND time < " + time(6 * 86400);
        String cut = " WHERE time >= " + time(3 * 3600 + 17) + " AND time <= " + time(4 * 86400 + 1234);
        String[] queries = {
            "SELECT count(f) FROM cpu",
            "SELECT count(f), count(i), count(b), count(s), count(mixed) FROM cpu GROUP BY host",
            "SELECT min(f), max(f), first(f), last(f) FROM cpu",
            "SELECT min(i), max(i), first(i), last(i) FROM cpu GROUP BY *",
            "SELECT min(b), max(b), first(b), last(b), first(s), last(s) FROM cpu GROUP BY host",
            "SELECT first(f) FROM cpu",
            "SELECT last(i) FROM cpu GROUP BY host",
            "SELECT max(f) FROM cpu",
            "SELECT min(f) FROM cpu GROUP BY host",
            "SELECT max(i) FROM cpu GROUP BY dc",
            "SELECT min(i) FROM cpu" + cut,
            "SELECT max(f) FROM cpu" + cut + " GROUP BY host ORDER BY time DESC",
            "SELECT max(f) FROM cpu" + all + " GROUP BY time(1d)",
            "SELECT max(f) FROM cpu" + all + " GROUP BY time(12h), host",
            "SELECT count(f), min(i), last(b) FROM cpu" + all + " GROUP BY time(1d, 6h) fill(0)",
            "SELECT count(f), first(f), last(f) FROM cpu" + cut + " GROUP BY time(6h)",
            "SELECT min(f), max(i) FROM cpu" + cut + " GROUP BY time(12h), host fill(previous)",
            "SELECT first(i), last(f) FROM cpu" + all + " GROUP BY time(2d) ORDER BY time DESC",
            "SELECT count(f) FROM cpu" + all + " GROUP BY time(1d) fill(none) LIMIT 2 OFFSET 1",
            "SELECT count(f) AS n, max(f) AS top FROM cpu WHERE host = 'h1' AND" + all.substring(6)
                    + " GROUP BY time(12h)",
            "SELECT min(mixed), max(mixed), first(mixed), last(mixed) FROM cpu GROUP BY host",
            "SELECT max(mixed) FROM cpu",
            "SELECT max(mixed::integer), min(mixed::float) FROM cpu" + all + " GROUP BY time(1d)",
            "SELECT min(i::float), max(f::integer) FROM cpu GROUP BY host",
            "SELECT max(i::float) FROM cpu",
            "SELECT min(a), max(b), count(a), first(b) FROM zeros",
            "SELECT min(a) FROM zeros",
            "SELECT max(b) FROM zeros",
            "SELECT min(a), max(b) FROM zeros" + all + " GROUP BY time(12h)",
            "SELECT min(v) FROM zmin" + all + " GROUP BY time(12h)",
            "SELECT min(v) FROM zmin" + all + " GROUP BY time(12h), host",
            "SELECT min(v), count(v) FROM zmin",
            "SELECT min(v) FROM zmin",
            "SELECT min(v) FROM zmin GROUP BY host",
            "SELECT max(v) FROM zmax" + all + " GROUP BY time(12h)",
            "SELECT max(v) FROM zmax" + all + " GROUP BY time(12h), host",
            "SELECT max(v), first(v) FROM zmax",
            "SELECT max(v) FROM zmax",
            "SELECT max(v) FROM zmax GROUP BY host ORDER BY time DESC",
            "SELECT count(nope), max(nope) FROM cpu",
            "SELECT count(f) FROM cpu, zeros",
            "SELECT max(f) FROM cpu" + all + " GROUP BY time(1d) tz('Europe/Paris')",
            "SELECT count(f) FROM cpu WHERE time >= " + time(86400 + 7000) + " AND time < " + time(86400 + 8000),
            "SELECT count(f), mean(f) FROM cpu",
            "SELECT mean(f), sum(f), mean(i), sum(i) FROM cpu GROUP BY host",
            "SELECT mean(f) FROM cpu" + all + " GROUP BY time(1d)",
            "SELECT sum(i), mean(f) FROM cpu" + cut + " GROUP BY time(6h), dc fill(0)",
            "SELECT mean(mixed), sum(mixed) FROM cpu" + all + " GROUP BY time(12h)",
            "SELECT mean(i::float), sum(f::integer) FROM cpu GROUP BY host",
            "SELECT spread(f), spread(i) FROM cpu GROUP BY host",
            "SELECT spread(f), max(f), count(i) FROM cpu" + all + " GROUP BY time(1d)",
            "SELECT spread(i) FROM cpu" + cut + " GROUP BY time(6h), dc fill(0)",
            "SELECT spread(mixed) FROM cpu" + all + " GROUP BY time(12h)",
            "SELECT spread(i::float), spread(f::integer) FROM cpu GROUP BY host",
            "SELECT spread(a), spread(b) FROM zeros",
            "SELECT spread(v) FROM zmin" + all + " GROUP BY time(12h), host",
            "SELECT spread(v) FROM zmax GROUP BY host",
        };
        long answered = 0;
        for (String q : queries) {
            answered += assertSameAsStreaming(q);
        }
        assertThat(answered).as("statistics answered").isPositive();
    }

    @Test
    void statementsThatStatisticsCannotAnswerAreRead() throws Exception {
        String[] queries = {
            "SELECT count(f), median(f) FROM cpu",
            "SELECT max(f), host FROM cpu GROUP BY dc",
            "SELECT max(f) * 2 FROM cpu",
            "SELECT count(f) FROM cpu WHERE i > 0",
            "SELECT max(f), i FROM cpu",
            "SELECT max(f) FROM cpu WHERE time >= " + time(0) + " AND time < " + time(86400) + " GROUP BY time(30m)",
        };
        for (String q : queries) {
            assertThat(assertSameAsStreaming(q)).as(q).isZero();
        }
    }

    @Test
    void aCountOverFilesReadsNoValue() throws Exception {
        String q = "SELECT count(f), min(f), max(i), first(b), last(f) FROM cpu WHERE time < " + time(2 * 86400)
                + " AND host = 'h0' GROUP BY time(1d)";
        long before = pushdown.values().get();
        long streamedBefore = streaming.values().get();
        assertSameAsStreaming(q);
        assertThat(pushdown.values().get() - before).as("values read with statistics").isZero();
        assertThat(streaming.values().get() - streamedBefore).as("values read without").isGreaterThan(3 * 2 * 2000);
        // A lone maximum reports its time: only the piece holding it is read (one shard's 2,880 points of 8,640)...
        before = pushdown.values().get();
        streamedBefore = streaming.values().get();
        assertSameAsStreaming("SELECT max(v) FROM peak");
        assertThat(pushdown.values().get() - before).isEqualTo(2880);
        assertThat(streaming.values().get() - streamedBefore).isEqualTo(3 * 2880);
        // ... and a larger piece is first narrowed, from statistics, to a range around it.
        before = pushdown.values().get();
        streamedBefore = streaming.values().get();
        assertSameAsStreaming("SELECT max(v) FROM longpeak");
        assertThat(pushdown.values().get() - before).isPositive().isLessThanOrEqualTo(16_384);
        assertThat(streaming.values().get() - streamedBefore).isEqualTo(43_200);
    }

    @Test
    void aMeanOverFilesReadsNoValue() throws Exception {
        String q = "SELECT mean(f), sum(i), mean(i) FROM cpu WHERE time < " + time(2 * 86400)
                + " AND host = 'h0' GROUP BY time(1d)";
        long before = pushdown.values().get();
        assertSameAsStreaming(q);
        assertThat(pushdown.values().get() - before).as("values read with statistics").isZero();
    }

    @Test
    void theReadLimitStopsTheSameStatements() throws Exception {
        String q = "SELECT count(f), max(i) FROM cpu GROUP BY time(1d)";
        String bounded = "SELECT count(f), max(i) FROM cpu WHERE time < " + time(86400) + " GROUP BY time(1d)";
        QueryLimits limits = new QueryLimits(20_000, 0, 0);
        for (String statement : new String[] {q, bounded}) {
            List<StatementResult> expected = run(streaming.engine(limits), statement);
            assertThat(run(pushdown.engine(limits), statement)).as(statement).isEqualTo(expected);
        }
        assertThat(run(pushdown.engine(limits), q).getFirst().error()).startsWith("max-select-point limit exceeed");
        assertThat(run(pushdown.engine(limits), bounded).getFirst().error()).isNull();
    }

    @Test
    void randomStatementsAnswerAsReadingEveryValue() throws Exception {
        Random rnd = new Random(SEED + 1);
        String[] functions = {"count", "min", "max", "first", "last", "sum", "mean", "spread"};
        String[] fields = {"f", "i", "b", "s", "mixed", "f::integer", "i::float"};
        String[] intervals = {"", "30m", "1h", "6h", "12h", "1d", "1d, 3h", "3d", "30d"};
        long answered = 0;
        for (int n = 0; n < 150; n++) {
            List<String> calls = new ArrayList<>();
            for (int c = 0; c < 1 + rnd.nextInt(3); c++) {
                String fn = functions[rnd.nextInt(functions.length)];
                String field = fields[rnd.nextInt(fields.length)];
                boolean arithmetic = fn.equals("sum") || fn.equals("mean") || fn.equals("spread");
                if (field.equals("s") && (arithmetic || fn.equals("min") || fn.equals("max"))
                        || field.equals("b") && arithmetic) {
                    field = "f";
                }
                calls.add(fn + "(" + field + ")");
            }
            StringBuilder q = new StringBuilder("SELECT ").append(String.join(", ", calls)).append(" FROM cpu");
            long lo = rnd.nextLong(-3600, DAYS * 86400L);
            long hi = lo + rnd.nextLong(1, 3 * 86400L);
            String where = switch (rnd.nextInt(4)) {
                case 0 -> "";
                case 1 -> " WHERE time >= " + time(lo) + " AND time <= " + time(hi);
                case 2 -> " WHERE host = 'h" + rnd.nextInt(HOSTS) + "' AND time >= " + time(lo) + " AND time < "
                        + time(hi);
                default -> " WHERE time > " + time(lo);
            };
            q.append(where);
            String interval = intervals[rnd.nextInt(intervals.length)];
            List<String> dims = new ArrayList<>();
            if (!interval.isEmpty() && !where.isEmpty()) {
                dims.add("time(" + interval + ")");
            }
            if (rnd.nextBoolean()) {
                dims.add(rnd.nextBoolean() ? "host" : "dc");
            }
            if (!dims.isEmpty()) {
                q.append(" GROUP BY ").append(String.join(", ", dims));
            }
            if (rnd.nextInt(4) == 0) {
                q.append(" ORDER BY time DESC");
            }
            answered += assertSameAsStreaming(q.toString());
        }
        assertThat(answered).as("seed %d: statistics answered", SEED).isPositive();
    }
}
