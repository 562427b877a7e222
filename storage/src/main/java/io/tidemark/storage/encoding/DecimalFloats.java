package io.tidemark.storage.encoding;

/**
 * The body of {@link Encoding#FLOAT_DECIMAL}: floats that are short decimals ({@code 12.5}, {@code 0.07}) stored as
 * integers scaled by one power of ten per column, after the idea of ALP (Afroozeh and Boncz, "ALP: adaptive lossless
 * floating-point compression", SIGMOD 2024), written from the paper and simplified: one exponent {@code e} (0 to 15,
 * in the header's low nibble), no second factor, no vectorised sampling.
 *
 * <p>A value {@code v} is encoded as {@code n = rint(v * 10^e)} when {@code |n| <= 2^53} and {@code (double) n / 10^e}
 * has exactly the bits of {@code v}. The division of two exactly representable doubles is correctly rounded, so any
 * double parsed from a decimal with at most {@code e} fraction digits and a small enough significand passes.
 * Everything else (more digits, NaN, infinities, {@code -0.0}) is an exception, stored as its raw 64 bits with its
 * position; its slot in the integers repeats the previous integer so that deltas stay small. The integers go through
 * the {@link Encoding.Family#LONG} encodings. Not thread-safe: keeps scratch space.
 */
final class DecimalFloats {
    static final int MAX_EXPONENT = 15;
    /** Exactly representable powers of ten. */
    private static final double[] POW10 = new double[MAX_EXPONENT + 1];
    private static final double TWO_53 = 0x1p53;
    /** Values of a column looked at to choose its exponent. */
    private static final int SAMPLE = 32;
    /** Estimated cost of an exception in bits: 64 bits of value and a position. */
    private static final double EXCEPTION_BITS = 72;
    /** Estimated cost of one more decimal digit per integer, in bits. */
    private static final double DIGIT_BITS = 3.33;

    static {
        // Products of exact integers below 2^53 are exact.
        POW10[0] = 1;
        for (int i = 1; i <= MAX_EXPONENT; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private final LongColumnEncoder integers = new LongColumnEncoder();
    private final LongColumnDecoder integerDecoder = new LongColumnDecoder();
    private long[] scaled = new long[0];
    private int[] exceptions = new int[0];

    /**
     * The exponent that minimises the estimated size on a sample of the values, or -1 if no sampled value is a short
     * decimal (then the encoder does not try: the exceptions would cost more than an XOR encoding of the column).
     * Not -1 merely because most sampled values miss: a full-precision walk clamped at zero, a third of it zeros,
     * is smaller as Decimal with the other values as exceptions than XOR encoded, as a random seed of the codec's
     * choice test found.
     */
    static int chooseExponent(long[] bits, int from, int count) {
        if (count == 0) {
            return -1;
        }
        int samples = Math.min(SAMPLE, count);
        int[] smallest = new int[samples];
        boolean any = false;
        for (int s = 0; s < samples; s++) {
            long b = bits[from + (int) ((long) s * count / samples)];
            smallest[s] = -1;
            for (int e = 0; e <= MAX_EXPONENT; e++) {
                if (fits(b, e)) {
                    smallest[s] = e;
                    any = true;
                    break;
                }
            }
        }
        if (!any) {
            return -1;
        }
        int best = -1;
        double bestCost = Double.MAX_VALUE;
        for (int e = 0; e <= MAX_EXPONENT; e++) {
            int misses = 0;
            for (int s = 0; s < samples; s++) {
                if (smallest[s] < 0 || smallest[s] > e
                        || !fits(bits[from + (int) ((long) s * count / samples)], e)) {
                    misses++;
                }
            }
            double cost = misses * EXCEPTION_BITS + (samples - misses) * DIGIT_BITS * e;
            if (cost < bestCost) {
                bestCost = cost;
                best = e;
            }
        }
        return best;
    }

    /** The exponent to use when this encoding is forced: the best one, 0 if no value fits any. */
    static int forcedExponent(long[] bits, int from, int count) {
        return Math.max(0, chooseExponent(bits, from, count));
    }

    /** Whether the double with these bits is exactly {@code n / 10^e} for an integer {@code |n| <= 2^53}. */
    static boolean fits(long bits, int e) {
        double v = Double.longBitsToDouble(bits);
        double s = v * POW10[e];
        if (!(Math.abs(s) <= TWO_53)) {
            return false;
        }
        long n = (long) Math.rint(s);
        return Double.doubleToRawLongBits(n / POW10[e]) == bits;
    }

    /** Appends the header, count, and body with exponent {@code e} (0 to 15). */
    void encode(long[] bits, int from, int count, int e, ByteSink dst) {
        if (scaled.length < count) {
            scaled = new long[Math.max(count, scaled.length * 2)];
            exceptions = new int[scaled.length];
        }
        int exceptionCount = 0;
        long previous = 0;
        double pow = POW10[e];
        for (int i = 0; i < count; i++) {
            long b = bits[from + i];
            double s = Double.longBitsToDouble(b) * pow;
            long n = (long) Math.rint(s);
            if (Math.abs(s) <= TWO_53 && Double.doubleToRawLongBits(n / pow) == b) {
                previous = n;
            } else {
                exceptions[exceptionCount++] = i;
            }
            scaled[i] = previous;
        }
        dst.put(Encoding.FLOAT_DECIMAL.header(e));
        dst.putUvarint(count);
        dst.putUvarint(exceptionCount);
        integers.encode(scaled, 0, count, dst);
        int last = -1;
        for (int k = 0; k < exceptionCount; k++) {
            int at = exceptions[k];
            dst.putUvarint(at - last - 1);
            dst.putLongLE(bits[from + at]);
            last = at;
        }
    }

    /**
     * Decodes a body whose header byte and count were read; {@code in} is positioned after the count.
     */
    void decode(ByteReader in, int e, int count, long[] dst) throws MalformedEncodingException {
        int exceptionCount = in.uvarintAtMost(count, "exception count");
        int integersAt = in.pos;
        in.pos = integerDecoder.decode(in.src, in.pos, in.limit);
        if (integerDecoder.count() != count) {
            throw new MalformedEncodingException(integersAt,
                    integerDecoder.count() + " scaled integers for " + count + " floats");
        }
        long[] n = integerDecoder.values();
        double pow = POW10[e];
        for (int i = 0; i < count; i++) {
            dst[i] = Double.doubleToRawLongBits(n[i] / pow);
        }
        int at = -1;
        for (int k = 0; k < exceptionCount; k++) {
            int gapAt = in.pos;
            long gap = in.uvarint();
            if (gap < 0 || gap >= count - at - 1) {
                throw new MalformedEncodingException(gapAt, "exception position past the " + count + " values");
            }
            at += (int) gap + 1;
            dst[at] = in.longLE();
        }
    }
}
