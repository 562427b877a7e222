package io.tidemark.storage.tombstone;

import java.util.Arrays;

/**
 * Sets of deleted time ranges in one normalised form shared by reads, compaction and tombstones: a {@code long[]} of
 * even length holding inclusive {@code [min, max]} pairs, sorted by {@code min}, disjoint and not adjacent. Pure
 * functions; thread-safe.
 */
public final class TimeRanges {
    /** Every timestamp. */
    public static final long[] ALL = {Long.MIN_VALUE, Long.MAX_VALUE};

    private TimeRanges() {
    }

    /** Whether {@code t} falls in one of the normalised {@code ranges} (null: none). */
    public static boolean covers(long[] ranges, long t) {
        if (ranges == null) {
            return false;
        }
        int lo = 0;
        int hi = ranges.length / 2;
        // The last pair whose min <= t.
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ranges[2 * mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo > 0 && ranges[2 * (lo - 1) + 1] >= t;
    }

    /** Whether the normalised {@code ranges} cover all of {@code [min, max]}. */
    public static boolean coversAll(long[] ranges, long min, long max) {
        if (ranges == null || min > max) {
            return ranges != null;
        }
        for (int i = 0; i < ranges.length; i += 2) {
            if (ranges[i] <= min && ranges[i + 1] >= max) {
                return true;
            }
        }
        return false;
    }

    /** Whether the normalised {@code ranges} touch {@code [min, max]}. */
    public static boolean overlaps(long[] ranges, long min, long max) {
        if (ranges == null) {
            return false;
        }
        for (int i = 0; i < ranges.length; i += 2) {
            if (ranges[i] <= max && ranges[i + 1] >= min) {
                return true;
            }
        }
        return false;
    }

    /**
     * Normalises {@code count} pairs of {@code pairs} (any order, overlapping or adjacent allowed; a pair with
     * min &gt; max is empty and dropped). Returns null if nothing remains.
     */
    public static long[] normalize(long[] pairs, int count) {
        long[][] sorted = new long[count][];
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (pairs[2 * i] <= pairs[2 * i + 1]) {
                sorted[n++] = new long[] {pairs[2 * i], pairs[2 * i + 1]};
            }
        }
        if (n == 0) {
            return null;
        }
        Arrays.sort(sorted, 0, n, (a, b) -> Long.compare(a[0], b[0]));
        long[] out = new long[2 * n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            long min = sorted[i][0];
            long max = sorted[i][1];
            // Adjacent: the previous max is min - 1 (no overflow: min > previous max >= Long.MIN_VALUE).
            if (m > 0 && (out[m - 1] >= min || out[m - 1] == min - 1)) {
                out[m - 1] = Math.max(out[m - 1], max);
            } else {
                out[m++] = min;
                out[m++] = max;
            }
        }
        return m == out.length ? out : Arrays.copyOf(out, m);
    }

    /** The normalised union of two normalised sets (either may be null). */
    public static long[] union(long[] a, long[] b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        long[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return normalize(both, both.length / 2);
    }
}
