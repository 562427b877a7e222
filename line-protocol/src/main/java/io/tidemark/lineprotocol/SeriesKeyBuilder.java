package io.tidemark.lineprotocol;

import java.util.Arrays;

/**
 * Collects the tags of one line and writes the canonical series key into a {@link ParsedPoint}: measurement, then
 * tags sorted by unescaped key. Not thread-safe; reused line after line by one parser.
 *
 * <p>All tags of a line live in one source array: the request buffer when the line had no escapes (then the raw
 * bytes are both unescaped and canonical), or the parser's scratch buffer holding unescaped bytes.
 */
final class SeriesKeyBuilder {
    private int count;
    private int[] keyOffset = new int[16];
    private int[] keyLength = new int[16];
    private int[] valueOffset = new int[16];
    private int[] valueLength = new int[16];
    /** The first 8 key bytes, big-endian and zero-padded: orders most keys without touching the array again. */
    private long[] prefix = new long[16];
    private int[] order = new int[16];
    /** The order that sorted the last line that needed sorting; survives {@link #reset()}. */
    private int[] previousOrder = new int[16];
    private int previousCount = -1;
    private int[] mergeScratch = new int[0];

    void reset() {
        count = 0;
    }

    int count() {
        return count;
    }

    void add(byte[] src, int keyOff, int keyLen, int valueOff, int valueLen) {
        int t = count;
        if (t == keyOffset.length) {
            int n = t * 2;
            keyOffset = Arrays.copyOf(keyOffset, n);
            keyLength = Arrays.copyOf(keyLength, n);
            valueOffset = Arrays.copyOf(valueOffset, n);
            valueLength = Arrays.copyOf(valueLength, n);
            prefix = Arrays.copyOf(prefix, n);
            order = Arrays.copyOf(order, n);
            previousOrder = Arrays.copyOf(previousOrder, n);
        }
        keyOffset[t] = keyOff;
        keyLength[t] = keyLen;
        valueOffset[t] = valueOff;
        valueLength[t] = valueLen;
        prefix[t] = prefix(src, keyOff, keyLen);
        order[t] = t;
        count = t + 1;
    }

    /**
     * Writes the key of a line without escapes: the measurement is {@code src[measurementStart, measurementEnd)} and
     * the tags, added in line order, follow it contiguously up to {@code keyEnd}.
     *
     * @return false if two tags have the same key
     */
    boolean buildRaw(ParsedPoint point, byte[] src, int measurementStart, int measurementEnd, int keyEnd) {
        int n = count;
        boolean sorted = true;
        for (int t = 1; t < n; t++) {
            int c = compare(src, t - 1, t);
            if (c == 0) {
                return false;
            }
            if (c > 0) {
                sorted = false;
                break;
            }
        }
        int measurementLength = measurementEnd - measurementStart;
        byte[] key = point.seriesKeyBuffer(keyEnd - measurementStart);
        if (sorted) {
            // Fast path: the line already is the canonical key.
            System.arraycopy(src, measurementStart, key, 0, keyEnd - measurementStart);
            for (int t = 0; t < n; t++) {
                int ks = keyOffset[t] - measurementStart;
                int vs = valueOffset[t] - measurementStart;
                point.addTag(ks, vs, vs + valueLength[t]);
            }
        } else {
            if (!reusePreviousOrder(src)) {
                if (!sort(src)) {
                    return false;
                }
                System.arraycopy(order, 0, previousOrder, 0, n);
                previousCount = n;
            }
            System.arraycopy(src, measurementStart, key, 0, measurementLength);
            int w = measurementLength;
            for (int i = 0; i < n; i++) {
                int t = order[i];
                key[w++] = ',';
                int ks = w;
                // key=value is contiguous in the line
                int len = keyLength[t] + 1 + valueLength[t];
                copyShort(src, keyOffset[t], key, w, len);
                w += len;
                point.addTag(ks, ks + keyLength[t] + 1, w);
            }
        }
        point.seriesKeyWritten(keyEnd - measurementStart, measurementLength);
        return true;
    }

    /**
     * Writes the key from unescaped parts, escaping them canonically.
     *
     * @return false if two tags have the same key
     */
    boolean buildEscaped(ParsedPoint point, byte[] measurement, int measurementOff, int measurementLen, byte[] src) {
        if (!sort(src)) {
            return false;
        }
        int n = count;
        int capacity = 2 * measurementLen;
        for (int t = 0; t < n; t++) {
            capacity += 2 + 2 * (keyLength[t] + valueLength[t]);
        }
        byte[] key = point.seriesKeyBuffer(capacity);
        int w = Escapes.escapeMeasurement(measurement, measurementOff, measurementLen, key, 0);
        int measurementLength = w;
        for (int i = 0; i < n; i++) {
            int t = order[i];
            key[w++] = ',';
            int ks = w;
            w += Escapes.escapeTag(src, keyOffset[t], keyLength[t], key, w);
            key[w++] = '=';
            int vs = w;
            w += Escapes.escapeTag(src, valueOffset[t], valueLength[t], key, w);
            point.addTag(ks, vs, w);
        }
        point.seriesKeyWritten(w, measurementLength);
        return true;
    }

    /**
     * Consecutive lines from one client usually list the same tag keys in the same order: try the permutation that
     * sorted the previous unsorted line. Strictly increasing keys in that order prove it is this line's sorted order
     * (and that no key repeats), at n-1 comparisons instead of a sort.
     */
    private boolean reusePreviousOrder(byte[] src) {
        int n = count;
        if (previousCount != n) {
            return false;
        }
        int[] p = previousOrder;
        for (int i = 1; i < n; i++) {
            if (compare(src, p[i - 1], p[i]) >= 0) {
                return false;
            }
        }
        System.arraycopy(p, 0, order, 0, n);
        return true;
    }

    /**
     * Sorts the tags by key (insertion sort: few tags, often nearly sorted); false on a duplicate key. The tags'
     * keys live in {@code src}.
     */
    boolean sort(byte[] src) {
        int n = count;
        int[] o = order;
        if (n > 32) {
            // Slow path: a line with very many tags must not cost quadratic time.
            if (mergeScratch.length < n) {
                mergeScratch = new int[n];
            }
            mergeSort(src, o, mergeScratch, 0, n);
            for (int i = 1; i < n; i++) {
                if (compare(src, o[i - 1], o[i]) == 0) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 1; i < n; i++) {
            int t = o[i];
            int j = i - 1;
            while (j >= 0) {
                int c = compare(src, o[j], t);
                if (c == 0) {
                    return false;
                }
                if (c < 0) {
                    break;
                }
                o[j + 1] = o[j];
                j--;
            }
            o[j + 1] = t;
        }
        return true;
    }

    private void mergeSort(byte[] src, int[] a, int[] tmp, int from, int to) {
        if (to - from < 2) {
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(src, a, tmp, from, mid);
        mergeSort(src, a, tmp, mid, to);
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && compare(src, tmp[i], tmp[j]) <= 0)) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }

    /** Copies a few bytes; cheaper than {@link System#arraycopy} for the 5-30 byte pieces of a series key. */
    private static void copyShort(byte[] src, int from, byte[] dst, int to, int len) {
        if (len < 8) {
            for (int k = 0; k < len; k++) {
                dst[to + k] = src[from + k];
            }
            return;
        }
        int k = 0;
        for (; k < len - 8; k += 8) {
            ByteViews.putLongLE(dst, to + k, ByteViews.longLE(src, from + k));
        }
        // The last 8 bytes, overlapping what is already copied.
        ByteViews.putLongLE(dst, to + len - 8, ByteViews.longLE(src, from + len - 8));
    }

    private int compare(byte[] src, int a, int b) {
        long pa = prefix[a];
        long pb = prefix[b];
        if (pa != pb) {
            return Long.compareUnsigned(pa, pb);
        }
        return Arrays.compareUnsigned(src, keyOffset[a], keyOffset[a] + keyLength[a],
                src, keyOffset[b], keyOffset[b] + keyLength[b]);
    }

    private static long prefix(byte[] b, int off, int len) {
        if (len >= 8) {
            return ByteViews.longBE(b, off);
        }
        if (len > 0 && off + 8 <= b.length) {
            return ByteViews.longBE(b, off) & (-1L << ((8 - len) << 3));
        }
        long p = 0;
        for (int i = 0; i < 8; i++) {
            p = (p << 8) | (i < len ? b[off + i] & 0xFF : 0);
        }
        return p;
    }
}
