package io.tidemark.benchmarks;

/**
 * The values of the TSBS-like {@code cpu} data of {@code shared/bench/Load.java}, column by column instead of as line
 * protocol: the same SplitMix64 generator, per-host seeds and clamped random walk, so that a codec is measured on
 * exactly what the load test writes. A series is one host's one field: 8,640 points for a day at 10 s. Timestamps
 * are nanoseconds (Load.java writes seconds; the store keeps nanoseconds). Integer fields are the walk truncated as
 * Load.java writes them by default; float fields are the walk at full precision ({@code --floats}). Immutable.
 */
public final class CpuBenchData {
    public static final long DEFAULT_SEED = 12345;
    public static final long START_EPOCH_SECONDS = 1_451_606_400L;
    public static final int INTERVAL_SECONDS = 10;
    public static final int FIELDS = 10;

    private final int hosts;
    private final int points;
    private final long[] timestamps;
    /** [host * FIELDS + field][point]. */
    private final double[][] walks;

    private CpuBenchData(int hosts, int points, long[] timestamps, double[][] walks) {
        this.hosts = hosts;
        this.points = points;
        this.timestamps = timestamps;
        this.walks = walks;
    }

    /** {@code hosts} hosts over {@code spanSeconds}, as {@code java Load.java --hosts H --span S --seed seed}. */
    public static CpuBenchData generate(int hosts, long spanSeconds, long seed) {
        int points = (int) (spanSeconds / INTERVAL_SECONDS);
        long[] timestamps = new long[points];
        for (int t = 0; t < points; t++) {
            timestamps[t] = (START_EPOCH_SECONDS + (long) t * INTERVAL_SECONDS) * 1_000_000_000L;
        }
        double[][] walks = new double[hosts * FIELDS][points];
        for (int h = 0; h < hosts; h++) {
            Rng r = new Rng(mix(seed, h, 2));
            double[] state = new double[FIELDS];
            for (int f = 0; f < FIELDS; f++) {
                state[f] = r.nextDouble() * 100.0;
            }
            // Load.java draws host by host within a tick, but each host has its own generator: the order of hosts
            // does not change any host's values.
            for (int t = 0; t < points; t++) {
                for (int f = 0; f < FIELDS; f++) {
                    double v = state[f] + r.nextGaussianApprox();
                    v = v < 0 ? 0 : (v > 100 ? 100 : v);
                    state[f] = v;
                    walks[h * FIELDS + f][t] = v;
                }
            }
        }
        return new CpuBenchData(hosts, points, timestamps, walks);
    }

    public int hosts() {
        return hosts;
    }

    public int points() {
        return points;
    }

    public int seriesFields() {
        return walks.length;
    }

    /** The timestamps of every series (all hosts report at the same instants). */
    public long[] timestamps() {
        return timestamps.clone();
    }

    /** Series field {@code i} (host {@code i / FIELDS}, field {@code i % FIELDS}) as Load.java's integers. */
    public long[] integers(int i) {
        double[] w = walks[i];
        long[] out = new long[points];
        for (int t = 0; t < points; t++) {
            out[t] = (long) w[t];
        }
        return out;
    }

    /** Series field {@code i} as Load.java's {@code --floats} values, as raw IEEE 754 bits. */
    public long[] floatBits(int i) {
        double[] w = walks[i];
        long[] out = new long[points];
        for (int t = 0; t < points; t++) {
            out[t] = Double.doubleToRawLongBits(w[t]);
        }
        return out;
    }

    /** Series field {@code i} rounded to {@code digits} decimals: what a gauge reported as text usually looks like. */
    public long[] roundedFloatBits(int i, int digits) {
        double[] w = walks[i];
        long[] out = new long[points];
        for (int t = 0; t < points; t++) {
            out[t] = Double.doubleToRawLongBits(
                    new java.math.BigDecimal(w[t]).setScale(digits, java.math.RoundingMode.HALF_EVEN).doubleValue());
        }
        return out;
    }

    static long mix(long seed, long a, long b) {
        Rng r = new Rng(seed ^ (a * 0x9E3779B97F4A7C15L) ^ (b * 0xC2B2AE3D27D4EB4FL));
        r.next();
        return r.next();
    }

    /** SplitMix64, as in Load.java. Not thread-safe. */
    static final class Rng {
        private long s;

        Rng(long seed) {
            s = seed;
        }

        long next() {
            long z = (s += 0x9E3779B97F4A7C15L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        double nextDouble() {
            return (next() >>> 11) * 0x1.0p-53;
        }

        double nextGaussianApprox() {
            long a = next();
            long b = next();
            double u = ((a >>> 32) + (a & 0xFFFFFFFFL) + (b >>> 32) + (b & 0xFFFFFFFFL)) * 0x1.0p-32;
            return (u - 2.0) * 1.7320508075688772;
        }
    }
}
