package io.tidemark.storage.encoding;

import java.util.Objects;

/**
 * Encodes floats, given as their raw IEEE 754 bits (as the cache keeps them), in whichever of its encodings is the
 * smallest for the column: {@link Encoding#FLOAT_CHIMP}, {@link Encoding#FLOAT_GORILLA}, {@link Encoding#FLOAT_DECIMAL}
 * (tried when a sample holds a short decimal), {@link Encoding#FLOAT_DELTA_HUFFMAN} (full-precision
 * values that move smoothly), the earliest in that order on a tie, or {@link Encoding#FLOAT_RAW} when nothing shrinks
 * them. The sizes of the XOR and Huffman encodings are computed exactly by passes that write nothing; Decimal is
 * encoded to be measured; only the winner is written. Lossless for every bit pattern. Not thread-safe: keeps scratch
 * space.
 */
public final class FloatEncoder implements ColumnEncoder {
    private final BitWriter bitWriter = new BitWriter();
    private final DecimalFloats decimal = new DecimalFloats();
    private final ByteSink decimalCandidate = new ByteSink();
    private final HuffmanMagnitudeEncoder huffman = new HuffmanMagnitudeEncoder();
    /** Zig-zag differences of consecutive bits, for {@link Encoding#FLOAT_DELTA_HUFFMAN}. */
    private long[] deltas = new long[0];

    @Override
    public void encode(long[] bits, int from, int count, ByteSink dst) {
        checkRange(bits, from, count);
        if (count == 0) {
            write(Encoding.FLOAT_RAW, bits, from, count, dst);
            return;
        }
        // Every candidate but Decimal starts with the header byte and the count: compare what follows.
        Encoding best = Encoding.FLOAT_CHIMP;
        long bestBytes = bytes(ChimpFloats.sizeInBits(bits, from, count));
        long gorilla = bytes(GorillaFloats.sizeInBits(bits, from, count));
        if (gorilla < bestBytes) {
            best = Encoding.FLOAT_GORILLA;
            bestBytes = gorilla;
        }
        int prefix = 1 + varintSize(count);
        int exponent = DecimalFloats.chooseExponent(bits, from, count);
        if (exponent >= 0) {
            decimalCandidate.clear();
            decimal.encode(bits, from, count, exponent, decimalCandidate);
            if (decimalCandidate.size() - prefix < bestBytes) {
                best = Encoding.FLOAT_DECIMAL;
                bestBytes = decimalCandidate.size() - prefix;
            }
        }
        long huffmanBytes = 8;
        if (count > 1) {
            huffmanBytes += bytes(huffman.sizeInBits(differences(bits, from, count), 0, count - 1));
        }
        if (huffmanBytes < bestBytes) {
            best = Encoding.FLOAT_DELTA_HUFFMAN;
            bestBytes = huffmanBytes;
        }
        if (bestBytes > 8L * count) {
            write(Encoding.FLOAT_RAW, bits, from, count, dst);
        } else if (best == Encoding.FLOAT_DECIMAL) {
            dst.put(decimalCandidate);
        } else {
            write(best, bits, from, count, dst);
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

    /** Fills {@link #deltas} with the count - 1 zig-zag differences of consecutive bits, as 64-bit integers. */
    private long[] differences(long[] bits, int from, int count) {
        int n = count - 1;
        if (deltas.length < n) {
            deltas = new long[Math.max(n, 2 * deltas.length)];
        }
        for (int i = 0; i < n; i++) {
            deltas[i] = ZigZag.encode(bits[from + i + 1] - bits[from + i]);
        }
        return deltas;
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
            case FLOAT_DELTA_HUFFMAN -> {
                dst.put(encoding.header(0));
                dst.putUvarint(count);
                if (count > 0) {
                    dst.putLongLE(bits[from]);
                }
                if (count > 1) {
                    huffman.write(differences(bits, from, count), 0, count - 1, bitWriter.of(dst));
                    bitWriter.finish();
                }
            }
            case FLOAT_DECIMAL ->
                decimal.encode(bits, from, count, DecimalFloats.forcedExponent(bits, from, count), dst);
            default -> throw new IllegalStateException("BUG: " + encoding + " is not a float encoding");
        }
    }

    private static long bytes(long bits) {
        return (bits + 7) >>> 3;
    }

    private static int varintSize(long v) {
        return Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 6) / 7);
    }

    private static void checkRange(long[] bits, int from, int count) {
        if (count < 0 || count > Encoding.MAX_VALUES) {
            throw new IllegalArgumentException("cannot encode " + count + " values: at most " + Encoding.MAX_VALUES);
        }
        Objects.checkFromIndexSize(from, count, bits.length);
    }
}
