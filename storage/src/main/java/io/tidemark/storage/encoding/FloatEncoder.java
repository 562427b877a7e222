package io.tidemark.storage.encoding;

import java.util.Objects;

/**
 * Encodes floats, given as their raw IEEE 754 bits (as the cache keeps them), in whichever of its encodings is the
 * smallest for the column: {@link Encoding#FLOAT_DECIMAL} when a sample says most values are short decimals,
 * {@link Encoding#FLOAT_GORILLA}, {@link Encoding#FLOAT_CHIMP}, or {@link Encoding#FLOAT_RAW} when nothing shrinks
 * them. Every candidate is encoded and the smallest kept: encoding costs about three times one XOR pass, paid once
 * per block when a file is written. Lossless for every bit pattern. Not thread-safe: keeps scratch space.
 */
public final class FloatEncoder implements ColumnEncoder {
    private final BitWriter bitWriter = new BitWriter();
    private final DecimalFloats decimal = new DecimalFloats();
    private final ByteSink best = new ByteSink();
    private final ByteSink candidate = new ByteSink();

    @Override
    public void encode(long[] bits, int from, int count, ByteSink dst) {
        checkRange(bits, from, count);
        if (count == 0) {
            write(Encoding.FLOAT_RAW, bits, from, count, dst);
            return;
        }
        best.clear();
        write(Encoding.FLOAT_CHIMP, bits, from, count, best);
        candidate.clear();
        write(Encoding.FLOAT_GORILLA, bits, from, count, candidate);
        keepSmaller();
        int exponent = DecimalFloats.chooseExponent(bits, from, count, true);
        if (exponent >= 0) {
            candidate.clear();
            decimal.encode(bits, from, count, exponent, candidate);
            keepSmaller();
        }
        if (best.size() > rawSize(count)) {
            write(Encoding.FLOAT_RAW, bits, from, count, dst);
        } else {
            dst.put(best);
        }
    }

    /** Appends the values in one given encoding, whatever it costs: for measurements and tests. */
    public void encodeAs(Encoding encoding, long[] bits, int from, int count, ByteSink dst) {
        if (encoding.family() != Encoding.Family.FLOAT) {
            throw new IllegalArgumentException(encoding + " is not an encoding of floats");
        }
        checkRange(bits, from, count);
        write(encoding, bits, from, count, dst);
    }

    /** Convenience for callers holding doubles: encodes their raw bits. */
    public void encode(double[] values, int from, int count, ByteSink dst) {
        Objects.checkFromIndexSize(from, count, values.length);
        long[] bits = new long[count];
        for (int i = 0; i < count; i++) {
            bits[i] = Double.doubleToRawLongBits(values[from + i]);
        }
        encode(bits, 0, count, dst);
    }

    private void keepSmaller() {
        if (candidate.size() < best.size()) {
            best.clear();
            best.put(candidate);
        }
    }

    private void write(Encoding encoding, long[] bits, int from, int count, ByteSink dst) {
        switch (encoding) {
            case FLOAT_RAW -> {
                dst.put(encoding.header(0));
                dst.putUvarint(count);
                dst.ensureCapacity(8 * count);
                for (int i = 0; i < count; i++) {
                    dst.putLongLE(bits[from + i]);
                }
            }
            case FLOAT_GORILLA, FLOAT_CHIMP -> {
                dst.put(encoding.header(0));
                dst.putUvarint(count);
                bitWriter.of(dst);
                if (encoding == Encoding.FLOAT_GORILLA) {
                    GorillaFloats.encode(bits, from, count, bitWriter);
                } else {
                    ChimpFloats.encode(bits, from, count, bitWriter);
                }
                bitWriter.finish();
            }
            case FLOAT_DECIMAL ->
                decimal.encode(bits, from, count, DecimalFloats.forcedExponent(bits, from, count), dst);
            default -> throw new IllegalStateException("BUG: " + encoding + " is not a float encoding");
        }
    }

    private static int rawSize(int count) {
        return 1 + (64 - Long.numberOfLeadingZeros(count) + 6) / 7 + 8 * count;
    }

    private static void checkRange(long[] bits, int from, int count) {
        if (count < 0 || count > Encoding.MAX_VALUES) {
            throw new IllegalArgumentException("cannot encode " + count + " values: at most " + Encoding.MAX_VALUES);
        }
        Objects.checkFromIndexSize(from, count, bits.length);
    }
}
