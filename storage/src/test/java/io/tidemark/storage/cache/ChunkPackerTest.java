package io.tidemark.storage.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.FieldType;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Packed chunks give back every bit of every value, and hold metrics-like values in a few bytes each. */
class ChunkPackerTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final FieldType[] PACKED = {FieldType.FLOAT, FieldType.INTEGER, FieldType.UNSIGNED,
        FieldType.BOOLEAN};

    private static Chunk chunk(long[] times, long[] values) {
        Chunk c = new Chunk(times.length, false);
        System.arraycopy(times, 0, c.times, 0, times.length);
        System.arraycopy(values, 0, c.values, 0, values.length);
        return c;
    }

    private static long[] unpack(PackedChunk p, FieldType type, int limit, boolean wantTimes) {
        long[] times = new long[limit + 3];
        long[] values = new long[limit + 3];
        p.unpack(type, times, values, 3, limit);
        return Arrays.copyOfRange(wantTimes ? times : values, 3, limit + 3);
    }

    private static final double[] ODD_FLOATS = {Double.NaN, -0.0, 0.0, Double.MIN_VALUE, Double.MAX_VALUE,
        Double.NEGATIVE_INFINITY};

    /** One of the odd floats, or a multiple of a quarter in [0, 25]. */
    private static double oddOrQuarter(SplittableRandom rnd) {
        int k = rnd.nextInt(ODD_FLOATS.length + 1);
        return k < ODD_FLOATS.length ? ODD_FLOATS[k] : Math.round(rnd.nextDouble() * 100) / 4.0;
    }

    /** Values of the type, as the cache keeps them: raw bits, 0/1 for booleans. */
    private static long[] values(FieldType type, int n, SplittableRandom rnd, int shape) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            long bits = switch (shape) {
                case 0 -> rnd.nextLong();
                case 1 -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1}[rnd.nextInt(5)];
                case 2 -> i == 0 ? rnd.nextLong() : v[i - 1] + rnd.nextInt(-3, 4);
                default -> Double.doubleToRawLongBits(oddOrQuarter(rnd)) ^ (rnd.nextInt(10) == 0 ? 1 : 0);
            };
            v[i] = type == FieldType.BOOLEAN ? bits & 1 : bits;
        }
        return v;
    }

    private static long[] times(int n, SplittableRandom rnd, int shape) {
        long[] t = new long[n];
        long start = rnd.nextLong();
        for (int i = 0; i < n; i++) {
            t[i] = switch (shape) {
                case 0 -> rnd.nextLong();
                case 1 -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1}[rnd.nextInt(4)];
                case 2 -> start + 10_000_000_000L * i;
                default -> start + rnd.nextInt(-5, 50) * 1_000L * i;
            };
        }
        return t;
    }

    @Test
    void everyBitPatternComesBack() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        ChunkPacker packer = new ChunkPacker();
        for (int round = 0; round < 2_000; round++) {
            FieldType type = PACKED[rnd.nextInt(PACKED.length)];
            int n = 1 + rnd.nextInt(256);
            long[] times = times(n, rnd, rnd.nextInt(4));
            long[] values = values(type, n, rnd, rnd.nextInt(4));
            PackedChunk p = packer.pack(type, chunk(times, values), n);
            if (p == null) {
                continue; // did not pay: the raw chunk stays, nothing to check
            }
            String as = "seed " + SEED + " round " + round + " " + type + " n=" + n;
            assertThat(p.capacity()).as(as).isEqualTo(n);
            assertThat(unpack(p, type, n, true)).as(as).containsExactly(times);
            assertThat(unpack(p, type, n, false)).as(as).containsExactly(values);
            int limit = rnd.nextInt(n + 1);
            assertThat(unpack(p, type, limit, true)).as(as + " limit " + limit)
                    .containsExactly(Arrays.copyOf(times, limit));
            assertThat(unpack(p, type, limit, false)).as(as + " limit " + limit)
                    .containsExactly(Arrays.copyOf(values, limit));
            assertThat(p.minTime()).as(as).isEqualTo(Arrays.stream(times).min().orElseThrow());
            assertThat(p.maxTime()).as(as).isEqualTo(Arrays.stream(times).max().orElseThrow());
        }
    }

    @Test
    void metricsTakeAFewBytesAValue() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        long[] times = times(256, rnd, 2);
        long[] ints = new long[256];
        long[] floats = new long[256];
        for (int i = 1; i < 256; i++) {
            ints[i] = Math.max(0, Math.min(100, ints[i - 1] + rnd.nextInt(-5, 6)));
            floats[i] = Double.doubleToRawLongBits(ints[i]);
        }
        ChunkPacker packer = new ChunkPacker();
        long raw = CacheSizes.chunkBytes(256, false);
        for (FieldType type : new FieldType[] {FieldType.INTEGER, FieldType.FLOAT}) {
            long[] values = type == FieldType.INTEGER ? ints : floats;
            PackedChunk p = packer.pack(type, chunk(times, values), 256);
            assertThat(p).as("seed %d %s", SEED, type).isNotNull();
            assertThat(p.accountedBytes()).as("seed %d %s", SEED, type).isLessThan(raw / 4);
        }
    }

    @Test
    void timestampsAtARegularIntervalTakeAFewBytesInAll() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        int n = 256;
        long[] times = times(n, rnd, 2);
        long[] values = new long[n];
        Arrays.fill(values, Double.doubleToRawLongBits(42.0));
        PackedChunk p = new ChunkPacker().pack(FieldType.FLOAT, chunk(times, values), n);
        // The first value's byte and varint (at most 11 bytes), one byte for each value after it (an XOR of 0), and
        // for the timestamps the first, the interval (at most 10 bytes each) and the flag.
        int valueBytes = 11 + (n - 1);
        assertThat(p.accountedBytes()).as("seed %d", SEED)
                .isLessThanOrEqualTo(PackedChunk.accountedBytes(valueBytes + 10 + 10 + 1));
        assertThat(unpack(p, FieldType.FLOAT, n, true)).containsExactly(times);
    }

    @Test
    void integersMovingByAFewUnitsTakeHalfAByteAValue() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        int n = 255;
        long[] times = times(n, rnd, 2);
        long[] values = new long[n];
        values[0] = rnd.nextLong();
        for (int i = 1; i < n; i++) {
            values[i] = values[i - 1] + rnd.nextInt(-7, 8);
        }
        for (FieldType type : new FieldType[] {FieldType.INTEGER, FieldType.UNSIGNED}) {
            PackedChunk p = new ChunkPacker().pack(type, chunk(times, values), n);
            // Timestamps as above; the first value's varint, the flag and half a byte for each value after it.
            int bytes = 10 + 10 + 1 + 10 + 1 + (n - 1) / 2;
            assertThat(p.accountedBytes()).as("seed %d %s", SEED, type)
                    .isLessThanOrEqualTo(PackedChunk.accountedBytes(bytes));
            assertThat(unpack(p, type, n, false)).as("seed %d %s", SEED, type).containsExactly(values);
            assertThat(unpack(p, type, 2, false)).as("seed %d %s", SEED, type)
                    .containsExactly(values[0], values[1]);
        }
    }

    @Test
    void valuesThatDoNotShrinkStayRaw() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        long[] times = times(256, rnd, 0);
        long[] values = values(FieldType.FLOAT, 256, rnd, 0);
        assertThat(new ChunkPacker().pack(FieldType.FLOAT, chunk(times, values), 256)).isNull();
        assertThat(new ChunkPacker().pack(FieldType.STRING, new Chunk(8, true), 8)).isNull();
    }
}
