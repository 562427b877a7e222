package io.tidemark.storage.cache;

/** Sorting of parallel arrays by timestamp without boxing. Stateless. */
final class StableOrder {
    private StableOrder() {
    }

    /**
     * The indexes 0..n-1 ordered by {@code times[i]}, equal times in index order (a stable sort), so that the last
     * index of a run of equal times is the value appended last. Bottom-up merge sort.
     */
    static int[] byTime(long[] times, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        int[] b = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    // <= keeps the left (earlier) element first among equals: stable.
                    b[k++] = times[a[i]] <= times[a[j]] ? a[i++] : a[j++];
                }
                while (i < mid) {
                    b[k++] = a[i++];
                }
                while (j < hi) {
                    b[k++] = a[j++];
                }
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }
}
