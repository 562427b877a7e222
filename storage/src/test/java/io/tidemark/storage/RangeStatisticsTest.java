package io.tidemark.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.common.FieldType;
import io.tidemark.storage.api.RangeStatistics;
import io.tidemark.storage.api.SeriesCursor;
import io.tidemark.storage.api.ShardException;
import io.tidemark.storage.api.ShardNotFoundException;
import io.tidemark.storage.api.TagFilter;
import io.tidemark.storage.shard.TsmFile;
import io.tidemark.storage.tsm.TsmBlockCursor;
import java.io.RandomAccessFile;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Store#statistics} is exact or empty: whenever it answers, the answer is what a brute-force pass over
 * {@link Store#read} gives, whatever mix of files, cache generations, overwrites and tombstones holds the values; and
 * it does answer when the sources do not overlap and no tombstone touches the range. Randomized: re-run a failure
 * with {@code -Dtests.seed=<seed>}.
 */
class RangeStatisticsTest extends StoreTestSupport {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final String[] FIELDS = {"f", "i", "s", "b"};
    private static final int SERIES = 6;

    @Override
    StoreConfig config() {
        // Small snapshots and blocks, no full compaction: many files, blocks cut by most ranges.
        return super.config().withWalSegmentSizeBytes(8192).withCompaction(CompactionConfig.DEFAULTS
                .withCacheSnapshotMemorySizeBytes(16 * 1024).withPointsPerBlock(20)
                .withColdDurations(Duration.ofDays(1), Duration.ofDays(1)).withThroughput(1L << 40, 1L << 40));
    }

    /** The statistics of a read, value by value. */
    private static RangeStatistics bruteForce(Store store, long shard, String series, String field, long lo, long hi)
            throws ShardException {
        SeriesCursor c = store.read(shard, Lines.key(series), field, lo, hi);
        FieldType type = c.type();
        long count = 0;
        long firstTime = 0;
        long first = 0;
        long lastTime = 0;
        long last = 0;
        long min = 0;
        long max = 0;
        double floatSum = 0;
        long longSum = 0;
        while (c.next()) {
            long bits = switch (type) {
                case FLOAT -> Double.doubleToRawLongBits(c.floatValue());
                case INTEGER, UNSIGNED -> c.longValue();
                case BOOLEAN -> c.booleanValue() ? 1 : 0;
                case STRING -> 0;
            };
            if (count == 0) {
                firstTime = c.timestamp();
                first = bits;
                min = bits;
                max = bits;
            }
            if (type == FieldType.FLOAT) {
                double v = c.floatValue();
                min = Double.compare(v, Double.longBitsToDouble(min)) < 0 ? bits : min;
                max = Double.compare(v, Double.longBitsToDouble(max)) > 0 ? bits : max;
            } else if (type == FieldType.UNSIGNED) {
                min = Long.compareUnsigned(bits, min) < 0 ? bits : min;
                max = Long.compareUnsigned(bits, max) > 0 ? bits : max;
            } else if (type != FieldType.STRING) {
                min = Math.min(bits, min);
                max = Math.max(bits, max);
            }
            lastTime = c.timestamp();
            last = bits;
            count++;
            if (type == FieldType.FLOAT) {
                floatSum += c.floatValue();
            } else if (type != FieldType.STRING) {
                longSum += bits;
            }
        }
        // The test's floats are multiples of 1/8 of small magnitude: their sums are exact in any order.
        long sum = type == FieldType.FLOAT ? Double.doubleToRawLongBits(floatSum) : longSum;
        return count == 0 ? RangeStatistics.empty(type)
                : new RangeStatistics(type, count, firstTime, first, lastTime, last, min, max, true, sum);
    }

    private static Optional<RangeStatistics> stats(Store store, String series, String field, long lo, long hi)
            throws ShardException {
        return store.statistics(1, Lines.key(series), field, lo, hi);
    }

    private static void write(Store store, String... lines) throws Exception {
        assertThat(store.write(1, Lines.batch(lines)).accepted()).isEqualTo(lines.length);
    }

    /** One point a second of series {@code host=a}, fields f (float), i (integer), s (string), b (boolean). */
    private static void writeRun(Store store, long from, long to) throws Exception {
        String[] lines = new String[(int) (to - from)];
        for (long t = from; t < to; t++) {
            lines[(int) (t - from)] = "cpu,host=a f=" + ((t * 37) % 101 - 50) / 4.0 + ",i=" + (t * 53) % 97 + "i,s=\"x"
                    + t % 7 + "\",b=" + (t % 3 == 0) + " " + t;
        }
        write(store, lines);
    }

    private void assertAnswers(Store store, String series, long lo, long hi) throws ShardException {
        for (String f : FIELDS) {
            assertThat(stats(store, series, f, lo, hi)).as("%s %s [%d, %d]", series, f, lo, hi)
                    .contains(bruteForce(store, 1, series, f, lo, hi));
        }
    }

    @Test
    void answersOverFilesAndCacheThatDoNotOverlap() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        writeRun(store, 0, 500);
        store.flush(1);
        writeRun(store, 500, 900);
        store.flush(1);
        writeRun(store, 900, 1000);
        assertThat(store.shardForTesting(1).files()).hasSizeGreaterThan(1);
        assertAnswers(store, "cpu,host=a", Long.MIN_VALUE, Long.MAX_VALUE);
        assertAnswers(store, "cpu,host=a", 13, 987);
        assertAnswers(store, "cpu,host=a", 499, 500);
        assertAnswers(store, "cpu,host=a", 950, 960);
        assertThat(stats(store, "cpu,host=a", "f", 13, 987).orElseThrow().count()).isEqualTo(975);
    }

    @Test
    void emptyRangesUnknownSeriesAndFieldsAnswerNothing() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        writeRun(store, 0, 100);
        store.flush(1);
        assertThat(stats(store, "cpu,host=a", "f", 200, 300)).contains(RangeStatistics.empty(FieldType.FLOAT));
        assertThat(stats(store, "cpu,host=a", "i", 50, 10)).contains(RangeStatistics.empty(FieldType.INTEGER));
        assertThat(stats(store, "cpu,host=zz", "f", 0, 100).orElseThrow().count()).isZero();
        assertThat(stats(store, "cpu,host=a", "nope", 0, 100).orElseThrow().count()).isZero();
        assertThatThrownBy(() -> store.statistics(9, Lines.key("cpu,host=a"), "f", 0, 100))
                .isInstanceOf(ShardNotFoundException.class);
    }

    @Test
    void anOverwriteInANewerSourceMakesTheRangesItIsInNotExact() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        writeRun(store, 0, 500);
        store.flush(1);
        write(store, "cpu,host=a f=1000.5,i=1000i,s=\"new\",b=true 250");
        for (String f : FIELDS) {
            assertThat(stats(store, "cpu,host=a", f, 0, 499)).as(f).isEmpty();
            assertThat(stats(store, "cpu,host=a", f, 250, 250)).as(f).isEmpty();
        }
        // Ranges that leave out the overwritten time have one source.
        assertAnswers(store, "cpu,host=a", 0, 249);
        assertAnswers(store, "cpu,host=a", 251, 499);
        // Once both are in one file (a full compaction is not forced here), the overlap of two files is seen too.
        store.flush(1);
        assertThat(stats(store, "cpu,host=a", "f", 0, 499)).isEmpty();
        assertAnswers(store, "cpu,host=a", 0, 249);
    }

    @Test
    void aTombstoneTouchingTheRangeMakesItNotExactUnlessItDeletesAll() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        writeRun(store, 0, 500);
        store.flush(1);
        store.delete(1, "cpu", new TagFilter.Eq("host", "a"), 100, 119);
        assertThat(stats(store, "cpu,host=a", "f", 0, 499)).isEmpty();
        assertThat(stats(store, "cpu,host=a", "f", 110, 130)).isEmpty();
        // Outside the deleted times the file answers, and a range wholly deleted is empty.
        assertAnswers(store, "cpu,host=a", 0, 99);
        assertAnswers(store, "cpu,host=a", 120, 499);
        assertThat(stats(store, "cpu,host=a", "i", 100, 119)).contains(RangeStatistics.empty(FieldType.INTEGER));
        // New writes after the delete are not hidden by it, and are in the cache: still exact where they are alone.
        write(store, "cpu,host=a f=7.5,i=7i,s=\"n\",b=false 600");
        assertAnswers(store, "cpu,host=a", 120, 700);
    }

    @Test
    void aDamagedBlockMakesTheRangesItIsInNotExact() throws Exception {
        Store store = open(config().withCompaction(config().compaction().withPointsPerBlock(100)));
        store.createShard(1, "db", "rp");
        StringBuilder a = new StringBuilder();
        for (int t = 0; t < 300; t++) {
            a.append("cpu,host=a v=").append(t).append("i ").append(t).append('\n');
        }
        store.write(1, Lines.batch(a.toString().strip().split("\n")));
        store.flush(1);
        TsmFile file = store.shardForTesting(1).files().getFirst();
        TsmBlockCursor blocks = file.reader().blocks(Lines.key("cpu,host=a"), "v", Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(blocks.next() && blocks.next()).isTrue();
        long secondBlock = blocks.offset();
        store.close();
        // Damage the block holding times 100 to 199, after its checksum.
        try (RandomAccessFile raf = new RandomAccessFile(file.path().toFile(), "rw")) {
            raf.seek(secondBlock + 7);
            int v = raf.read();
            raf.seek(secondBlock + 7);
            raf.write(v ^ 0x40);
        }
        Store again = open();
        assertThat(stats(again, "cpu,host=a", "v", 0, 299)).isEmpty();
        assertThat(stats(again, "cpu,host=a", "v", 150, 160)).isEmpty();
        assertThat(stats(again, "cpu,host=a", "v", 0, 99)).contains(bruteForce(again, 1, "cpu,host=a", "v", 0, 99));
        assertThat(stats(again, "cpu,host=a", "v", 200, 299).orElseThrow().count()).isEqualTo(100);
    }

    @Test
    void answersAreExactOverRandomFilesCacheOverwritesAndTombstones() throws Exception {
        Random rnd = new Random(SEED);
        Store store = open();
        store.createShard(1, "db", "rp");
        long timeRange = 3_000;
        int answered = 0;
        int refused = 0;
        long written = 0;
        for (int round = 0; round < 14; round++) {
            // Mostly appends in time order, sometimes a batch of older times (overwrites, overlaps).
            boolean backfill = rnd.nextInt(4) == 0;
            for (int b = 0; b < 1 + rnd.nextInt(6); b++) {
                StringBuilder lines = new StringBuilder();
                int points = 1 + rnd.nextInt(60);
                for (int p = 0; p < points; p++) {
                    long t = backfill ? rnd.nextLong(Math.max(1, written)) : written++;
                    lines.append("cpu,host=h").append(rnd.nextInt(SERIES)).append(" f=")
                            .append(rnd.nextInt(2000) / 8.0 - 100).append(",i=").append(rnd.nextLong(-500, 500))
                            .append("i,s=\"v").append(rnd.nextInt(50)).append("\",b=").append(rnd.nextBoolean())
                            .append(' ').append(t).append('\n');
                }
                store.write(1, Lines.batch(lines.toString().strip().split("\n")));
            }
            switch (rnd.nextInt(4)) {
                case 0, 1 -> store.flush(1);
                case 2 -> {
                    long min = rnd.nextLong(Math.max(1, written));
                    store.delete(1, "cpu", new TagFilter.Eq("host", "h" + rnd.nextInt(SERIES)), min,
                            min + rnd.nextLong(200));
                }
                default -> {
                    // Leave the values in the cache.
                }
            }
            for (int h = 0; h < SERIES; h++) {
                String series = "cpu,host=h" + h;
                for (String f : FIELDS) {
                    for (int r = 0; r < 6; r++) {
                        long lo = r == 0 ? Long.MIN_VALUE : rnd.nextLong(-10, timeRange);
                        long hi = r == 0 ? Long.MAX_VALUE : lo + rnd.nextLong(r % 2 == 0 ? 40 : timeRange);
                        Optional<RangeStatistics> s = stats(store, series, f, lo, hi);
                        if (s.isPresent()) {
                            answered++;
                            assertThat(s.get()).as("seed %d, round %d, %s %s in [%d, %d]", SEED, round, series, f,
                                    lo, hi).isEqualTo(bruteForce(store, 1, series, f, lo, hi));
                        } else {
                            refused++;
                        }
                    }
                }
            }
        }
        assertThat(answered).as("seed %d: answered", SEED).isPositive();
        assertThat(refused).as("seed %d: refused", SEED).isPositive();
        Store again = reopen(store);
        for (int h = 0; h < SERIES; h++) {
            for (String f : FIELDS) {
                Optional<RangeStatistics> s = stats(again, "cpu,host=h" + h, f, Long.MIN_VALUE, Long.MAX_VALUE);
                if (s.isPresent()) {
                    assertThat(s.get()).as("seed %d, after a restart", SEED)
                            .isEqualTo(bruteForce(again, 1, "cpu,host=h" + h, f, Long.MIN_VALUE, Long.MAX_VALUE));
                }
            }
        }
    }
}
