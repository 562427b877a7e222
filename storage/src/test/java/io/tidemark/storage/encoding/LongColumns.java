package io.tidemark.storage.encoding;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Generators of long columns shared by the timestamp, integer and unsigned codec tests. Stateless. */
final class LongColumns {
    private LongColumns() {
    }

    /** Strictly increasing timestamps: regular, jittered, bursty or arbitrary. */
    static long[] timestamps(SplittableRandom rnd, int n) {
        long[] t = new long[n];
        long step = switch (rnd.nextInt(4)) {
            case 0 -> 1_000_000_000L * (1 + rnd.nextInt(60));
            case 1 -> 1_000_000L * (1 + rnd.nextInt(1000));
            case 2 -> 1 + rnd.nextInt(1000);
            default -> 1 + rnd.nextLong(1L << 40);
        };
        int pattern = rnd.nextInt(5);
        long now = rnd.nextLong(-(1L << 62), 1L << 62);
        for (int i = 0; i < n; i++) {
            t[i] = now;
            long next = switch (pattern) {
                case 0 -> step;
                case 1 -> step + rnd.nextLong(-step / 10 - 1, step / 10 + 1);
                case 2 -> rnd.nextInt(20) == 0 ? step * (2 + rnd.nextInt(100)) : step;
                case 3 -> 1 + rnd.nextLong(step);
                default -> 1 + rnd.nextLong(1L << 30) * (rnd.nextBoolean() ? 1 : 1_000_000);
            };
            now += Math.max(1, next);
        }
        return t;
    }

    /** Integers: random walks, constants, counters, small or full-range noise, and mixtures. */
    static long[] integers(SplittableRandom rnd, int n) {
        long[] v = new long[n];
        int pattern = rnd.nextInt(7);
        long x = rnd.nextBoolean() ? rnd.nextLong(-1000, 1000) : rnd.nextLong();
        long step = rnd.nextLong(-1_000_000, 1_000_000);
        for (int i = 0; i < n; i++) {
            v[i] = x;
            x = switch (pattern) {
                case 0 -> x + rnd.nextInt(7) - 3;
                case 1 -> x;
                case 2 -> x + step;
                case 3 -> rnd.nextLong(0, 101);
                case 4 -> rnd.nextLong();
                case 5 -> rnd.nextInt(50) == 0 ? rnd.nextLong() : x + rnd.nextInt(3) - 1;
                default -> x + step + rnd.nextInt(3) - 1;
            };
        }
        return v;
    }

    /** Unsigned values (as their 64 bits): around 0, around 2^64 - 1, across the sign bit, anywhere. */
    static long[] unsigned(SplittableRandom rnd, int n) {
        long[] v = new long[n];
        int pattern = rnd.nextInt(4);
        long x = switch (pattern) {
            case 0 -> rnd.nextLong(0, 100);
            case 1 -> -1L - rnd.nextLong(0, 100);
            case 2 -> Long.MAX_VALUE - 50;
            default -> rnd.nextLong();
        };
        for (int i = 0; i < n; i++) {
            v[i] = x;
            x = pattern == 3 ? rnd.nextLong() : x + rnd.nextInt(5) - 2;
        }
        return v;
    }

    /** Extremes: values whose differences overflow, unsorted edges, long runs of one value. */
    static List<long[]> adversarial() {
        List<long[]> out = new ArrayList<>();
        out.add(new long[0]);
        out.add(new long[] {Long.MIN_VALUE});
        out.add(new long[] {Long.MAX_VALUE});
        out.add(new long[] {Long.MIN_VALUE, Long.MAX_VALUE});
        out.add(new long[] {Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE});
        out.add(new long[] {0, Long.MIN_VALUE, 0, Long.MIN_VALUE});
        out.add(ColumnCodecContractTest.edgeLongs());
        out.add(new long[] {5, 5, 5, 5, 5});
        out.add(new long[2000]);
        long[] wrap = new long[500];
        for (int i = 0; i < wrap.length; i++) {
            wrap[i] = Long.MAX_VALUE - 250 + i;
        }
        out.add(wrap);
        long[] bigSteps = new long[300];
        for (int i = 0; i < bigSteps.length; i++) {
            bigSteps[i] = (long) i * (1L << 59);
        }
        out.add(bigSteps);
        long[] alternating = new long[241];
        for (int i = 0; i < alternating.length; i++) {
            alternating[i] = (i & 1) == 0 ? (1L << 59) : -(1L << 59);
        }
        out.add(alternating);
        long[] powersOfTenSteps = new long[100];
        for (int i = 1; i < powersOfTenSteps.length; i++) {
            powersOfTenSteps[i] = powersOfTenSteps[i - 1] + 1_000_000_000_000_000L;
        }
        out.add(powersOfTenSteps);
        long[] zeroRunsThenOne = new long[482];
        zeroRunsThenOne[481] = 1;
        out.add(zeroRunsThenOne);
        return out;
    }
}
