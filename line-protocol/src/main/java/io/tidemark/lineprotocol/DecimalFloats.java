package io.tidemark.lineprotocol;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Correctly rounded decimal-to-double conversion straight from bytes. Stateless; the power table is built once and
 * never changes.
 *
 * <p>Three tiers: Clinger's exact fast path (mantissa up to 2^53, power of ten up to 10^22, one IEEE operation);
 * the Eisel-Lemire algorithm (M. Eisel's idea as published by D. Lemire, "Number Parsing at a Gigabyte per Second",
 * 2021) for any mantissa of at most 19 digits; and {@link Double#parseDouble} for the rare rest (more than 19
 * significant digits, or the few inputs Eisel-Lemire declines to decide). Only the last tier allocates.
 */
final class DecimalFloats {
    private static final int MIN_POW5 = -342;
    private static final int MAX_POW5 = 308;
    /** High and low 64 bits of 5^q normalized to [2^127, 2^128), index q - MIN_POW5. See {@link #powerTable}. */
    private static final long[] POW5_HI = new long[MAX_POW5 - MIN_POW5 + 1];
    private static final long[] POW5_LO = new long[MAX_POW5 - MIN_POW5 + 1];
    private static final double[] EXACT_POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    static {
        powerTable();
    }

    private DecimalFloats() {
    }

    /**
     * Fills the power table. Every entry must not exceed the true value (the carry test in {@link #eiselLemire}
     * relies on the error having that sign), except for -27 &lt;= q &lt; 0 where the rounded-up reciprocal is exact
     * enough that the algorithm never needs the low word's error bound.
     */
    private static void powerTable() {
        BigInteger five = BigInteger.valueOf(5);
        BigInteger mask64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        for (int q = MIN_POW5; q <= MAX_POW5; q++) {
            BigInteger b;
            if (q >= 0) {
                BigInteger c = five.pow(q);
                int n = c.bitLength();
                b = n > 128 ? c.shiftRight(n - 128) : c.shiftLeft(128 - n);
            } else {
                BigInteger c = five.pow(-q);
                int n = c.bitLength();
                if (q >= -27) {
                    b = BigInteger.ONE.shiftLeft(127 + n).divide(c).add(BigInteger.ONE);
                } else {
                    b = BigInteger.ONE.shiftLeft(2 * n + 128).divide(c).add(BigInteger.ONE);
                    b = b.shiftRight(Math.max(0, b.bitLength() - 128));
                }
            }
            POW5_HI[q - MIN_POW5] = b.shiftRight(64).longValue();
            POW5_LO[q - MIN_POW5] = b.and(mask64).longValue();
        }
    }

    /**
     * The double nearest to {@code (negative ? -1 : 1) * mantissa * 10^exp10}, or NaN when this tier cannot decide
     * (the caller must then fall back to {@link #parse}). {@code mantissa} is read as unsigned and must be exact
     * (at most 19 decimal digits). Overflow is reported as NaN as well, never as infinity.
     */
    static double fromDecimal(long mantissa, int exp10, boolean negative) {
        if (mantissa == 0) {
            return negative ? -0.0 : 0.0;
        }
        // Fast path: both operands exact, so the single IEEE operation rounds correctly.
        if (exp10 >= -22 && exp10 <= 22 && mantissa > 0 && mantissa <= (1L << 53)) {
            double d = (double) mantissa;
            d = exp10 < 0 ? d / EXACT_POW10[-exp10] : d * EXACT_POW10[exp10];
            return negative ? -d : d;
        }
        return eiselLemire(mantissa, exp10, negative);
    }

    private static double eiselLemire(long mantissa, int exp10, boolean negative) {
        if (exp10 < MIN_POW5 || exp10 > MAX_POW5) {
            return Double.NaN;
        }
        int lz = Long.numberOfLeadingZeros(mantissa);
        long w = mantissa << lz;
        // floor(exp10 * log2(10)) + 64 + bias - lz: the binary exponent if the product's top bit is bit 127.
        long exp2 = ((217706L * exp10) >> 16) + 64 + 1023 - lz;
        int idx = exp10 - MIN_POW5;
        long hi = Math.unsignedMultiplyHigh(w, POW5_HI[idx]);
        long lo = w * POW5_HI[idx];
        if ((hi & 0x1FF) == 0x1FF && Long.compareUnsigned(lo + w, w) < 0) {
            // The truncation error of the table could carry into the bits that decide rounding: use the low word.
            long lowHi = Math.unsignedMultiplyHigh(w, POW5_LO[idx]);
            long lowLo = w * POW5_LO[idx];
            long mergedLo = lo + lowHi;
            long mergedHi = hi;
            if (Long.compareUnsigned(mergedLo, lo) < 0) {
                mergedHi++;
            }
            if ((mergedHi & 0x1FF) == 0x1FF && mergedLo == -1L && Long.compareUnsigned(lowLo + w, w) < 0) {
                return Double.NaN;
            }
            hi = mergedHi;
            lo = mergedLo;
        }
        long top = hi >>> 63;
        long m = hi >>> (top + 9);
        exp2 -= 1 ^ top;
        if (lo == 0 && (hi & 0x1FF) == 0 && (m & 3) == 1) {
            return Double.NaN; // exactly half-way between two doubles: needs the exact decimal
        }
        m += m & 1;
        m >>>= 1;
        if ((m >>> 53) != 0) {
            m >>>= 1;
            exp2++;
        }
        if (exp2 <= 0 || exp2 >= 0x7FF) {
            return Double.NaN; // subnormal or overflow: let the exact parser decide
        }
        long bits = (exp2 << 52) | (m & 0x000F_FFFF_FFFF_FFFFL);
        if (negative) {
            bits |= Long.MIN_VALUE;
        }
        return Double.longBitsToDouble(bits);
    }

    /**
     * Parses {@code b[off, off+len)}, which the caller has checked to be {@code -?digits[.digits][(e|E)[+-]digits]}
     * with at least one mantissa digit (either side of the point may be empty, not both). Returns an infinity when
     * the value overflows a double.
     */
    static double parse(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        boolean negative = false;
        if (b[i] == '-') {
            negative = true;
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int exp10 = 0;
        boolean truncated = false;
        boolean seenDot = false;
        for (; i < end; i++) {
            byte c = b[i];
            if (c == '.') {
                seenDot = true;
                continue;
            }
            if (c < '0' || c > '9') {
                break;
            }
            if (digits == 0 && c == '0') {
                if (seenDot) {
                    exp10--;
                }
                continue; // leading zero: not significant
            }
            if (digits < 19) {
                mantissa = mantissa * 10 + (c - '0');
                digits++;
                if (seenDot) {
                    exp10--;
                }
            } else {
                truncated = true;
                if (!seenDot) {
                    exp10++;
                }
            }
        }
        if (i < end) {
            i++; // 'e' or 'E'
            boolean expNegative = false;
            if (b[i] == '+' || b[i] == '-') {
                expNegative = b[i] == '-';
                i++;
            }
            int e = 0;
            for (; i < end; i++) {
                if (e < 100_000) {
                    e = e * 10 + (b[i] - '0');
                }
            }
            exp10 += expNegative ? -e : e;
        }
        if (!truncated) {
            if (mantissa == 0) {
                return negative ? -0.0 : 0.0;
            }
            double d = fromDecimal(mantissa, exp10, negative);
            if (!Double.isNaN(d)) {
                return d;
            }
        }
        // Slow path: rare inputs (more than 19 significant digits, half-way cases, subnormals, overflow).
        return Double.parseDouble(new String(b, off, len, StandardCharsets.ISO_8859_1));
    }
}
