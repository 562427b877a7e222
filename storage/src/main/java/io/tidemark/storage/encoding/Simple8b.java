package io.tidemark.storage.encoding;

import java.util.Arrays;

/**
 * Simple8b packing of unsigned values below 2^60 into 64-bit words (Anh and Moffat, "Index compression using 64-bit
 * words", 2010): the top 4 bits of a word select how many values of how many bits fill the other 60. Selectors 0
 * and 1 are runs of 240 and 120 zeros (zeros dominate deltas of deltas); 2 to 15 pack 60 x 1 bit up to 1 x 60 bits.
 * Values sit from the least significant bits up. The last word may hold fewer values than its selector allows: the
 * decoder knows the count and ignores the rest. Words are written little-endian. Stateless.
 */
final class Simple8b {
    /** The largest value that can be packed. */
    static final long MAX_VALUE = (1L << 60) - 1;
    /** The most values one word can hold. */
    static final int MAX_PER_WORD = 240;

    private static final int[] COUNT = {240, 120, 60, 30, 20, 15, 12, 10, 8, 7, 6, 5, 4, 3, 2, 1};
    private static final int[] BITS = {0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 30, 60};
    /** The first selector whose values are at least this many bits wide, for widths 0 to 64. */
    private static final int[] SELECTOR_FOR_WIDTH = new int[65];

    static {
        for (int width = 0; width <= 64; width++) {
            int selector = 0;
            while (selector < 15 && BITS[selector] < width) {
                selector++;
            }
            SELECTOR_FOR_WIDTH[width] = selector;
        }
    }

    private Simple8b() {
    }

    /** Whether every value of {@code values[from, from+count)} can be packed. */
    static boolean canPack(long[] values, int from, int count) {
        for (int i = from, end = from + count; i < end; i++) {
            if (Long.compareUnsigned(values[i], MAX_VALUE) > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Appends the words that pack {@code values[from, from+count)}; returns the number of words. The values must
     * pass {@link #canPack}.
     */
    static int pack(long[] values, int from, int count, ByteSink dst) {
        int i = from;
        int end = from + count;
        int words = 0;
        while (i < end) {
            int remaining = end - i;
            int selector = selectorAt(values, i, remaining);
            int n = Math.min(COUNT[selector], remaining);
            int bits = BITS[selector];
            long word = (long) selector << 60;
            if (bits > 0) {
                for (int k = 0; k < n; k++) {
                    word |= values[i + k] << (k * bits);
                }
            }
            dst.putLongLE(word);
            i += n;
            words++;
        }
        return words;
    }

    /** The number of words {@link #pack} would write for the same values. */
    static int wordCount(long[] values, int from, int count) {
        int i = from;
        int end = from + count;
        int words = 0;
        while (i < end) {
            int remaining = end - i;
            i += Math.min(COUNT[selectorAt(values, i, remaining)], remaining);
            words++;
        }
        return words;
    }

    /**
     * The first selector (most values per word) whose width fits the next values, in one pass over them. While the
     * values before {@code k} fit the current selector, a value too wide for it moves to wider selectors (which hold
     * fewer values); one that holds no more than {@code k} values fits, since all of them come before {@code k}.
     */
    static int selectorAt(long[] values, int i, int remaining) {
        // Fast path: the first value alone rules out every selector narrower than it.
        int selector = SELECTOR_FOR_WIDTH[64 - Long.numberOfLeadingZeros(values[i])];
        if (Math.min(COUNT[selector], remaining) <= 1) {
            return selector;
        }
        for (int k = 1; ; k++) {
            int width = 64 - Long.numberOfLeadingZeros(values[i + k]);
            while (width > BITS[selector]) {
                selector++;
                if (Math.min(COUNT[selector], remaining) <= k) {
                    return selector;
                }
            }
            if (k + 1 >= Math.min(COUNT[selector], remaining)) {
                return selector;
            }
        }
    }

    static int valuesPerWord(int selector) {
        return COUNT[selector];
    }

    static int bitsPerValue(int selector) {
        return BITS[selector];
    }

    /**
     * Unpacks {@code count} values into {@code dst[at, at + count)} from the words at {@code in}'s position, advancing
     * it past the last word used.
     */
    static void unpack(ByteReader in, int count, long[] dst, int at) throws MalformedEncodingException {
        int i = at;
        int end = at + count;
        while (i < end) {
            long word = in.longLE();
            int selector = (int) (word >>> 60);
            int n = Math.min(COUNT[selector], end - i);
            int bits = BITS[selector];
            if (bits == 0) {
                Arrays.fill(dst, i, i + n, 0L);
            } else {
                long mask = (1L << bits) - 1;
                for (int k = 0; k < n; k++) {
                    dst[i + k] = (word >>> (k * bits)) & mask;
                }
            }
            i += n;
        }
    }
}
