package io.tidemark.storage.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.FieldType;
import io.tidemark.storage.api.SeriesCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The merges' choice of which deferred sources to open ({@link MergedSeriesCursor}, {@link DescendingMergedCursor}),
 * and their answers whatever they open.
 */
class DeferredSourcesTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    /** Integer values in the order given; the value of each time is given with it. */
    private static final class Values implements SeriesCursor {
        private final long[] times;
        private final long[] values;
        private int at = -1;

        Values(long[] times, long[] values) {
            this.times = times;
            this.values = values;
        }

        @Override
        public boolean next() {
            if (at < times.length) {
                at++;
            }
            return at < times.length;
        }

        @Override
        public long timestamp() {
            return times[at];
        }

        @Override
        public FieldType type() {
            return FieldType.INTEGER;
        }

        @Override
        public double floatValue() {
            throw new NoSuchElementException();
        }

        @Override
        public long longValue() {
            return values[at];
        }

        @Override
        public boolean booleanValue() {
            throw new NoSuchElementException();
        }

        @Override
        public String stringValue() {
            throw new NoSuchElementException();
        }
    }

    /** A source that records whether it was opened; null values for one that holds nothing for the read. */
    private static final class Deferred implements DeferredSource {
        private final long bound;
        private final long[] times;
        private final long[] values;
        int opened;

        Deferred(long bound, long[] times, long[] values) {
            this.bound = bound;
            this.times = times;
            this.values = values;
        }

        @Override
        public long timeBound() {
            return bound;
        }

        @Override
        public SeriesCursor open() {
            opened++;
            return times == null ? null : new Values(times, values);
        }
    }

    private static List<String> drain(SeriesCursor c, int max) {
        List<String> out = new ArrayList<>();
        while (out.size() < max && c.next()) {
            out.add(c.timestamp() + "=" + c.longValue());
        }
        return out;
    }

    private static SeriesCursor merge(Deferred... sources) {
        return new DescendingMergedCursor(new SeriesCursor[sources.length], sources, new long[sources.length][],
                FieldType.INTEGER, e -> {
                    throw new AssertionError(e);
                });
    }

    /** The same sources' values earliest first, each bound at or before its earliest value. */
    private static Deferred[] ascending(Deferred[] sources) {
        Random rnd = new Random(SEED);
        Deferred[] out = new Deferred[sources.length];
        for (int i = 0; i < sources.length; i++) {
            Deferred d = sources[i];
            if (d.times == null) {
                out[i] = new Deferred(rnd.nextLong(1000), null, null);
                continue;
            }
            long[] times = d.times.clone();
            long[] values = d.values.clone();
            reverse(times);
            reverse(values);
            out[i] = new Deferred(times[0] - rnd.nextLong(3) * rnd.nextLong(100), times, values);
        }
        return out;
    }

    private static void reverse(long[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            long x = a[i];
            a[i] = a[j];
            a[j] = x;
        }
    }

    private static SeriesCursor mergeAscending(Deferred... sources) {
        return new MergedSeriesCursor(new SeriesCursor[sources.length], sources, new long[sources.length][],
                FieldType.INTEGER, e -> {
                    throw new AssertionError(e);
                });
    }

    @Test
    void theLatestValueOpensOnlyTheSourcesWhoseRangeCouldHoldIt() {
        // Files of successive time ranges, oldest first.
        Deferred old = new Deferred(99, new long[] {99, 50}, new long[] {1, 2});
        Deferred middle = new Deferred(199, new long[] {199, 150}, new long[] {3, 4});
        Deferred newest = new Deferred(299, new long[] {280}, new long[] {5});
        SeriesCursor c = merge(old, middle, newest);
        assertThat(drain(c, 1)).containsExactly("280=5");
        assertThat(newest.opened).isEqualTo(1);
        assertThat(middle.opened).as("its range ends before the latest value").isZero();
        assertThat(old.opened).isZero();
        assertThat(drain(c, 10)).containsExactly("199=3", "150=4", "99=1", "50=2");
        assertThat(List.of(old.opened, middle.opened, newest.opened)).containsOnly(1);
    }

    @Test
    void aSourceWithoutTheSeriesIsOpenedOnceAndTheNextIsTried() {
        Deferred old = new Deferred(100, new long[] {100}, new long[] {1});
        Deferred empty = new Deferred(300, null, null);
        SeriesCursor c = merge(old, empty);
        assertThat(drain(c, 10)).containsExactly("100=1");
        assertThat(c.next()).isFalse();
        assertThat(empty.opened).isEqualTo(1);
    }

    @Test
    void aNewerSourceWinsATimeAnOlderOneHoldsThoughOpenedAfterIt() {
        // The older source's range ends later, so it opens first; the newer one's bound ties the value at 200.
        Deferred older = new Deferred(250, new long[] {200, 10}, new long[] {1, 2});
        Deferred newer = new Deferred(200, new long[] {200, 20}, new long[] {3, 4});
        assertThat(drain(merge(older, newer), 10)).containsExactly("200=3", "20=4", "10=2");
    }

    @Test
    void theEarliestValueOpensOnlyTheSourcesWhoseRangeCouldHoldIt() {
        // Files of successive time ranges, oldest first, each bound by its earliest time.
        Deferred old = new Deferred(0, new long[] {10, 50}, new long[] {1, 2});
        Deferred middle = new Deferred(100, new long[] {100, 150}, new long[] {3, 4});
        Deferred newest = new Deferred(200, new long[] {280}, new long[] {5});
        SeriesCursor c = mergeAscending(old, middle, newest);
        assertThat(drain(c, 2)).containsExactly("10=1", "50=2");
        assertThat(old.opened).isEqualTo(1);
        assertThat(middle.opened).as("its range starts after the values read").isZero();
        assertThat(newest.opened).isZero();
        assertThat(drain(c, 10)).containsExactly("100=3", "150=4", "280=5");
        assertThat(List.of(old.opened, middle.opened, newest.opened)).containsOnly(1);
    }

    @Test
    void aNewerSourceWinsATimeAnOlderOneHoldsAscendingToo() {
        Deferred older = new Deferred(5, new long[] {5, 100}, new long[] {1, 2});
        Deferred newer = new Deferred(100, new long[] {100, 120}, new long[] {3, 4});
        Deferred empty = new Deferred(0, null, null);
        assertThat(drain(mergeAscending(older, newer, empty), 10)).containsExactly("5=1", "100=3", "120=4");
        assertThat(empty.opened).isEqualTo(1);
    }

    @Test
    void randomSourcesMergeAsTheirValuesWithTheNewestWinning() {
        Random rnd = new Random(SEED);
        for (int round = 0; round < 500; round++) {
            int n = 1 + rnd.nextInt(5);
            TreeMap<Long, Long> expected = new TreeMap<>();
            Deferred[] sources = new Deferred[n];
            long value = 0;
            for (int i = 0; i < n; i++) {
                if (rnd.nextInt(5) == 0) {
                    sources[i] = new Deferred(rnd.nextLong(1000), null, null);
                    continue;
                }
                TreeMap<Long, Long> own = new TreeMap<>();
                long from = rnd.nextLong(800);
                for (int k = rnd.nextInt(6); k >= 0; k--) {
                    own.put(from + rnd.nextLong(200), ++value);
                }
                expected.putAll(own);
                long[] times = own.descendingKeySet().stream().mapToLong(Long::longValue).toArray();
                long[] values = own.descendingMap().values().stream().mapToLong(Long::longValue).toArray();
                // A bound at or after the source's latest value, as a file's latest time is.
                sources[i] = new Deferred(times[0] + rnd.nextLong(3) * rnd.nextLong(100), times, values);
            }
            List<String> want = new ArrayList<>();
            expected.descendingMap().forEach((t, v) -> want.add(t + "=" + v));
            // A merge takes the array it is given: each its own.
            assertThat(drain(merge(sources.clone()), Integer.MAX_VALUE)).as("seed %d round %d", SEED, round)
                    .containsExactlyElementsOf(want);
            assertThat(drain(mergeAscending(ascending(sources)), Integer.MAX_VALUE))
                    .as("ascending, seed %d round %d", SEED, round).containsExactlyElementsOf(want.reversed());
        }
    }
}
