package io.tidemark.storage.cache;

import java.util.Arrays;

/** Sorting of parallel arrays by timestamp without boxing. Stateless. */
final class StableOrder {
    /** Above this many runs (short runs, scattered times) merging is the better way. */
    private static final int MAX_RUNS_TO_PLACE = 4096;

    private StableOrder() {
    }

    /**
     * The indexes 0..n-1 ordered by {@code times[i]}, equal times in index order (a stable sort), so that the last
     * index of a run of equal times is the value appended last. A natural merge sort: the cache's columns are made
     * of long ascending runs (one per batch; batches of concurrent writers land out of order), so the runs are found
     * first; runs that share no moment are placed in order of their first times, others merged pairwise, two runs
     * that do not overlap joined by a copy.
     */
    static int[] byTime(long[] times, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        if (n < 2) {
            return a;
        }
        // Run starts, plus n at the end.
        int[] starts = new int[n + 1];
        int runs = 0;
        starts[runs++] = 0;
        for (int i = 1; i < n; i++) {
            if (times[i] < times[i - 1]) {
                starts[runs++] = i;
            }
        }
        starts[runs] = n;
        if (runs > 1 && runs <= MAX_RUNS_TO_PLACE && placeDisjointRuns(times, starts, runs, a)) {
            return a;
        }
        int[] b = new int[n];
        while (runs > 1) {
            int merged = 0;
            for (int r = 0; r < runs; r += 2) {
                int lo = starts[r];
                int mid = starts[Math.min(r + 1, runs)];
                int hi = starts[Math.min(r + 2, runs)];
                merge(times, a, b, lo, mid, hi);
                starts[merged++] = lo;
            }
            starts[merged] = n;
            runs = merged;
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }

    /**
     * When no two runs share a moment (the usual case: each run is one batch of a series, and concurrent writers
     * send batches of disjoint time ranges), the order is the runs' concatenation in order of their first times:
     * writes it to {@code out} and returns true. Otherwise returns false and leaves {@code out} as it was.
     */
    private static boolean placeDisjointRuns(long[] times, int[] starts, int runs, int[] out) {
        Integer[] byFirst = new Integer[runs];
        for (int r = 0; r < runs; r++) {
            byFirst[r] = r;
        }
        Arrays.sort(byFirst, (x, y) -> Long.compare(times[starts[x]], times[starts[y]]));
        for (int k = 1; k < runs; k++) {
            int previous = byFirst[k - 1];
            if (times[starts[previous + 1] - 1] >= times[starts[byFirst[k]]]) {
                return false;
            }
        }
        int at = 0;
        for (int k = 0; k < runs; k++) {
            int r = byFirst[k];
            for (int i = starts[r]; i < starts[r + 1]; i++) {
                out[at++] = i;
            }
        }
        return true;
    }

    private static void merge(long[] times, int[] a, int[] b, int lo, int mid, int hi) {
        if (mid >= hi || times[a[mid - 1]] <= times[a[mid]]) {
            System.arraycopy(a, lo, b, lo, hi - lo);
            return;
        }
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
            // <= keeps the left (earlier) element first among equals: stable.
            b[k++] = times[a[i]] <= times[a[j]] ? a[i++] : a[j++];
        }
        System.arraycopy(a, i, b, k, mid - i);
        k += mid - i;
        System.arraycopy(a, j, b, k, hi - j);
    }
}
