package io.tidemark.storage.tombstone;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The semantics of {@link TombstoneSet#deleted}, by example and against a brute-force model. Randomized: re-run a
 * failure with {@code -Dtests.seed=<seed>}.
 */
class TombstoneSetTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Tombstone ofMeasurement(long seq, String m, String field, long min, long max) {
        return new Tombstone(seq, TombstoneTarget.measurement(m), field, min, max);
    }

    private static Tombstone ofKeys(long seq, String field, long min, long max, String... keys) {
        return new Tombstone(seq, TombstoneTarget.seriesKeys(Arrays.stream(keys).map(TombstoneSetTest::utf8).toList()),
                field, min, max);
    }

    @Test
    void emptySetDeletesNothing() {
        assertThat(TombstoneSet.EMPTY.isEmpty()).isTrue();
        assertThat(TombstoneSet.EMPTY.maxSeq()).isEqualTo(-1);
        assertThat(TombstoneSet.EMPTY.mayAffect(0)).isFalse();
        assertThat(TombstoneSet.EMPTY.deleted(utf8("cpu,host=a"), "f", 0)).isNull();
        assertThat(TombstoneSet.of(List.of())).isSameAs(TombstoneSet.EMPTY);
    }

    @Test
    void appliesToSourcesUpToItsSeq() {
        TombstoneSet s = TombstoneSet.EMPTY.with(ofMeasurement(5, "cpu", null, 10, 20));
        assertThat(s.maxSeq()).isEqualTo(5);
        assertThat(s.mayAffect(5)).isTrue();
        assertThat(s.mayAffect(6)).isFalse();
        assertThat(s.deleted(utf8("cpu,host=a"), "f", 0)).containsExactly(10, 20);
        assertThat(s.deleted(utf8("cpu,host=a"), "f", 5)).containsExactly(10, 20);
        assertThat(s.deleted(utf8("cpu,host=a"), "f", 6)).isNull();
    }

    @Test
    void newerTombstonesAddToOlderSourcesOnly() {
        TombstoneSet s = TombstoneSet.of(List.of(ofMeasurement(3, "cpu", null, 0, 9),
                ofMeasurement(7, "cpu", null, 20, 29), ofMeasurement(7, "cpu", null, 30, 31)));
        assertThat(s.deleted(utf8("cpu"), "f", 2)).containsExactly(0, 9, 20, 31);
        assertThat(s.deleted(utf8("cpu"), "f", 3)).containsExactly(0, 9, 20, 31);
        assertThat(s.deleted(utf8("cpu"), "f", 4)).containsExactly(20, 31);
        assertThat(s.deleted(utf8("cpu"), "f", 7)).containsExactly(20, 31);
        assertThat(s.deleted(utf8("cpu"), "f", 8)).isNull();
    }

    @Test
    void measurementTargetCoversItsSeriesOnly() {
        TombstoneSet s = TombstoneSet.of(List.of(ofMeasurement(1, "cpu", null, 0, 1),
                ofMeasurement(1, "cpu\\,x", null, 5, 6)));
        assertThat(s.deleted(utf8("cpu,host=a"), "f", 0)).containsExactly(0, 1);
        assertThat(s.deleted(utf8("cpu"), "f", 0)).containsExactly(0, 1);
        assertThat(s.deleted(utf8("cpu2,host=a"), "f", 0)).isNull();
        assertThat(s.deleted(utf8("cp"), "f", 0)).isNull();
        assertThat(s.deleted(utf8("cpu\\,x,host=a"), "f", 0)).containsExactly(5, 6);
        assertThat(s.deleted(utf8("cpu\\ x,host=a"), "f", 0)).isNull();
    }

    @Test
    void keyTargetCoversExactlyItsKeysAndMergesWithTheMeasurement() {
        TombstoneSet s = TombstoneSet.of(List.of(ofKeys(1, null, 0, 10, "cpu,host=a", "mem,host=a"),
                ofMeasurement(1, "cpu", null, 11, 20)));
        assertThat(s.deleted(utf8("cpu,host=a"), "f", 0)).containsExactly(0, 20);
        assertThat(s.deleted(utf8("cpu,host=b"), "f", 0)).containsExactly(11, 20);
        assertThat(s.deleted(utf8("mem,host=a"), "f", 0)).containsExactly(0, 10);
        assertThat(s.deleted(utf8("mem,host=ab"), "f", 0)).isNull();
        assertThat(s.deleted(utf8("mem"), "f", 0)).isNull();
    }

    @Test
    void fieldNullMeansEveryField() {
        TombstoneSet s = TombstoneSet.of(List.of(ofMeasurement(1, "cpu", null, 0, 10),
                ofMeasurement(1, "cpu", "idle", 5, 30), ofKeys(1, "user", 100, 100, "cpu,host=a")));
        byte[] a = utf8("cpu,host=a");
        assertThat(s.deleted(a, "idle", 0)).containsExactly(0, 30);
        assertThat(s.deleted(a, "user", 0)).containsExactly(0, 10, 100, 100);
        assertThat(s.deleted(a, "system", 0)).containsExactly(0, 10);
        assertThat(s.deleted(a, null, 0)).as("deleted from every field").containsExactly(0, 10);
        assertThat(s.deleted(utf8("cpu,host=b"), "user", 0)).containsExactly(0, 10);
        TombstoneSet fieldOnly = TombstoneSet.of(List.of(ofMeasurement(1, "cpu", "idle", 5, 30)));
        assertThat(fieldOnly.deleted(a, "user", 0)).isNull();
        assertThat(fieldOnly.deleted(a, null, 0)).isNull();
    }

    @Test
    void withAndWithout() {
        Tombstone t1 = ofMeasurement(1, "cpu", null, 0, 10);
        Tombstone t2 = ofKeys(2, "f", 20, 30, "cpu,host=a");
        TombstoneSet s = TombstoneSet.EMPTY.with(t1).with(t2);
        assertThat(s.tombstones()).containsExactly(t1, t2);
        assertThat(s.without(List.of(ofMeasurement(9, "cpu", null, 0, 10)))).isSameAs(s);
        TombstoneSet left = s.without(List.of(ofMeasurement(1, "cpu", null, 0, 10)));
        assertThat(left.tombstones()).containsExactly(t2);
        assertThat(left.maxSeq()).isEqualTo(2);
        assertThat(left.deleted(utf8("cpu,host=a"), "f", 0)).containsExactly(20, 30);
        assertThat(left.deleted(utf8("cpu,host=b"), "f", 0)).isNull();
        assertThat(s.deleted(utf8("cpu,host=b"), "f", 0)).as("unchanged").containsExactly(0, 10);
        assertThat(left.without(List.of(t2))).isSameAs(TombstoneSet.EMPTY);
    }

    @Test
    void matchesBruteForceModel() {
        Random random = new Random(SEED);
        String[] measurements = {"cpu", "cpu\\,x", "a\\ b", "mem", "m\u00e9"};
        String[] fields = {"f0", "f1", "f\u00e9 x"};
        List<String> keys = new ArrayList<>();
        List<String> measurementOfKey = new ArrayList<>();
        for (String m : measurements) {
            keys.add(m);
            measurementOfKey.add(m);
            for (int h = 0; h < 4; h++) {
                keys.add(m + ",host=h" + h);
                measurementOfKey.add(m);
            }
        }
        keys.add("other,host=h0");
        measurementOfKey.add("other");
        for (int round = 0; round < 200; round++) {
            TombstoneSet set = TombstoneSet.EMPTY;
            List<Tombstone> model = new ArrayList<>();
            int n = random.nextInt(12);
            for (int i = 0; i < n; i++) {
                Tombstone t = randomTombstone(random, measurements, fields, keys);
                set = set.with(t);
                model.add(t);
                if (random.nextInt(5) == 0 && !model.isEmpty()) {
                    Tombstone drop = model.remove(random.nextInt(model.size()));
                    set = set.without(List.of(drop));
                    model.removeIf(drop::equals);
                }
            }
            assertThat(set.tombstones()).isEqualTo(model);
            String[] queriedFields = {"f0", "f1", "f\u00e9 x", "unknown", null};
            for (int k = 0; k < keys.size(); k++) {
                for (String field : queriedFields) {
                    for (long seq = 0; seq <= 11; seq++) {
                        long[] expected = model(model, keys.get(k), measurementOfKey.get(k), field, seq);
                        long[] actual = set.deleted(utf8(keys.get(k)), field, seq);
                        assertThat(actual).as("seed %d round %d key %s field %s seq %d: %s", SEED, round,
                                keys.get(k), field, seq, model).isEqualTo(expected);
                    }
                }
            }
            long maxSeq = model.stream().mapToLong(Tombstone::seq).max().orElse(-1);
            assertThat(set.maxSeq()).isEqualTo(maxSeq);
            for (long seq = 0; seq <= 11; seq++) {
                assertThat(set.mayAffect(seq)).isEqualTo(seq <= maxSeq);
            }
        }
    }

    private static Tombstone randomTombstone(Random random, String[] measurements, String[] fields,
            List<String> keys) {
        long seq = random.nextInt(11);
        String field = random.nextBoolean() ? null : fields[random.nextInt(fields.length)];
        long min = random.nextInt(10) == 0 ? Long.MIN_VALUE : random.nextInt(100);
        long max = random.nextInt(10) == 0 ? Long.MAX_VALUE : min + random.nextInt(20);
        TombstoneTarget target;
        if (random.nextBoolean()) {
            target = TombstoneTarget.measurement(measurements[random.nextInt(measurements.length)]);
        } else {
            List<byte[]> chosen = new ArrayList<>();
            int count = 1 + random.nextInt(4);
            for (int i = 0; i < count; i++) {
                chosen.add(utf8(keys.get(random.nextInt(keys.size()))));
            }
            target = TombstoneTarget.seriesKeys(chosen);
        }
        return new Tombstone(seq, target, field, min, max);
    }

    /** What the tombstones delete, computed the slow way, knowing each key's measurement. */
    private static long[] model(List<Tombstone> tombstones, String key, String measurement, String field, long seq) {
        List<long[]> pairs = new ArrayList<>();
        for (Tombstone t : tombstones) {
            boolean targets = switch (t.target()) {
                case TombstoneTarget.Measurement m -> Arrays.equals(m.escapedName(), utf8(measurement));
                case TombstoneTarget.SeriesKeys s -> s.keys().stream().anyMatch(k -> Arrays.equals(k, utf8(key)));
            };
            boolean ofField = t.field() == null || t.field().equals(field);
            if (t.seq() >= seq && targets && ofField) {
                pairs.add(new long[] {t.minTimeNanos(), t.maxTimeNanos()});
            }
        }
        long[] flat = new long[2 * pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            flat[2 * i] = pairs.get(i)[0];
            flat[2 * i + 1] = pairs.get(i)[1];
        }
        return TimeRanges.normalize(flat, pairs.size());
    }

    @Test
    void lookupsDoNotAllocate() {
        List<byte[]> dropped = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            dropped.add(utf8("disk,host=h" + i));
        }
        TombstoneSet s = TombstoneSet.of(List.of(ofMeasurement(5, "cpu", null, 0, 10),
                ofMeasurement(5, "mem", "free", 0, 10),
                new Tombstone(6, TombstoneTarget.seriesKeys(dropped), null, 0, Long.MAX_VALUE)));
        byte[][] misses = {utf8("net,host=a"), utf8("cpux,host=a"), utf8("disk,host=h1000")};
        byte[][] hits = {utf8("cpu,host=a"), utf8("disk,host=h7"), utf8("mem,host=b")};
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int warm = 0; warm < 3; warm++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            long baseline = threads.getCurrentThreadAllocatedBytes() - before;
            before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                byte[] key = i % 2 == 0 ? misses[i % 3] : hits[i % 3];
                long[] r = s.deleted(key, "free", i % 8);
                sink += r == null ? 0 : r.length;
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before - baseline;
            if (warm == 2) {
                assertThat(allocated).as("bytes allocated by 100,000 lookups").isLessThan(1_000);
            }
        }
        assertThat(sink).isPositive();
    }
}
