package io.tidemark.storage.encoding;

/**
 * Decodes what {@link FloatEncoder} wrote into raw IEEE 754 bits ({@link Double#longBitsToDouble} gives the values).
 * Not thread-safe; reusable.
 */
public final class FloatDecoder implements ColumnDecoder {
    private final ByteReader in = new ByteReader();
    private final BitReader bitReader = new BitReader();
    private final DecimalFloats decimal = new DecimalFloats();
    private final HuffmanMagnitudeDecoder huffman = new HuffmanMagnitudeDecoder();
    private long[] values = new long[0];
    private int count;

    @Override
    public int decode(byte[] src, int offset, int limit) throws MalformedEncodingException {
        count = 0;
        in.of(src, offset, limit);
        int header = in.u8();
        Encoding encoding = Encoding.of(Encoding.Family.FLOAT, header);
        if (encoding == null) {
            throw new MalformedEncodingException(offset, "unknown float encoding, header byte " + header);
        }
        int parameter = header & 0x0F;
        if (parameter != 0 && encoding != Encoding.FLOAT_DECIMAL) {
            throw new MalformedEncodingException(offset, encoding + " with parameter " + parameter);
        }
        int countAt = in.pos;
        int n = in.uvarintAtMost(Encoding.MAX_VALUES, "value count");
        if (encoding == Encoding.FLOAT_DELTA_HUFFMAN) {
            HuffmanMagnitudeDecoder.checkRoom(n - 2L, in, countAt);
        }
        if (values.length < n) {
            values = new long[Math.max(n, Math.min(Encoding.MAX_VALUES, values.length * 2))];
        }
        int end;
        switch (encoding) {
            case FLOAT_RAW -> {
                in.require(8L * n, n, "raw floats");
                for (int i = 0; i < n; i++) {
                    values[i] = ByteReader.longLE(src, in.pos);
                    in.pos += 8;
                }
                end = in.pos;
            }
            case FLOAT_GORILLA, FLOAT_CHIMP -> {
                bitReader.of(src, in.pos, limit);
                if (encoding == Encoding.FLOAT_GORILLA) {
                    GorillaFloats.decode(bitReader, n, values);
                } else {
                    ChimpFloats.decode(bitReader, n, values);
                }
                end = bitReader.end();
            }
            case FLOAT_DELTA_HUFFMAN -> {
                if (n > 0) {
                    values[0] = in.longLE();
                }
                end = in.pos;
                if (n > 1) {
                    end = huffman.decode(src, in.pos, limit, n - 1, values, 1);
                    for (int i = 1; i < n; i++) {
                        values[i] = values[i - 1] + ZigZag.decode(values[i]);
                    }
                }
            }
            case FLOAT_DECIMAL -> {
                decimal.decode(in, parameter, n, values);
                end = in.pos;
            }
            default -> throw new IllegalStateException("BUG: " + encoding + " is not a float encoding");
        }
        count = n;
        return end;
    }

    @Override
    public int count() {
        return count;
    }

    /** The raw bits of the decoded floats, in {@code [0, count())}. */
    @Override
    public long[] values() {
        return values;
    }
}
