package io.tidemark.storage.encoding;

/**
 * Decodes the {@link Encoding.Family#LONG} encodings written by {@link LongColumnEncoder}. Not thread-safe; reusable.
 */
final class LongColumnDecoder implements ColumnDecoder {
    private final ByteReader in = new ByteReader();
    /** Made on the first Huffman-coded column: its lookup table is 16 KB, and regular timestamps never need it. */
    private HuffmanMagnitudeDecoder huffman;
    private long[] values = new long[0];
    private int count;

    @Override
    public int decode(byte[] src, int offset, int limit) throws MalformedEncodingException {
        count = 0;
        in.of(src, offset, limit);
        int header = in.u8();
        Encoding encoding = Encoding.of(Encoding.Family.LONG, header);
        if (encoding == null) {
            throw new MalformedEncodingException(offset, "unknown integer encoding, header byte " + header);
        }
        int scale = header & 0x0F;
        if (scale != 0 && encoding == Encoding.LONG_RAW) {
            throw new MalformedEncodingException(offset, "raw integers with scale " + scale);
        }
        int countAt = in.pos;
        int n = in.uvarintAtMost(Encoding.MAX_VALUES, "value count");
        if (encoding == Encoding.LONG_DELTA_HUFFMAN || encoding == Encoding.LONG_DELTA_OF_DELTA_HUFFMAN) {
            HuffmanMagnitudeDecoder.checkRoom(n - 2L, in, countAt);
        }
        if (n == 0 && encoding != Encoding.LONG_RAW) {
            throw new MalformedEncodingException(offset, "no values in " + encoding);
        }
        if (values.length < n) {
            values = new long[Math.max(n, Math.min(Encoding.MAX_VALUES, values.length * 2))];
        }
        long multiplier = LongColumnEncoder.POW10[scale];
        long[] v = values;
        switch (encoding) {
            case LONG_RAW -> {
                in.require(8L * n, n, "raw values");
                for (int i = 0; i < n; i++) {
                    v[i] = ByteReader.longLE(in.src, in.pos);
                    in.pos += 8;
                }
            }
            case LONG_RLE -> {
                long value = in.varint();
                long step = in.varint() * multiplier;
                for (int i = 0; i < n; i++) {
                    v[i] = value;
                    value += step;
                }
            }
            case LONG_DELTA -> {
                v[0] = in.varint();
                // Unpack the deltas into v[1..], then integrate in place.
                Simple8b.unpack(in, n - 1, v, 1);
                for (int i = 1; i < n; i++) {
                    v[i] = v[i - 1] + ZigZag.decode(v[i]) * multiplier;
                }
            }
            case LONG_DELTA_OF_DELTA -> {
                if (n < 2) {
                    throw new MalformedEncodingException(offset, "deltas of deltas need at least 2 values");
                }
                v[0] = in.varint();
                long delta = in.varint();
                v[1] = v[0] + delta * multiplier;
                Simple8b.unpack(in, n - 2, v, 2);
                for (int i = 2; i < n; i++) {
                    delta += ZigZag.decode(v[i]);
                    v[i] = v[i - 1] + delta * multiplier;
                }
            }
            case LONG_DELTA_HUFFMAN -> {
                v[0] = in.varint();
                if (n > 1) {
                    in.pos = huffman().decode(in.src, in.pos, in.limit, n - 1, v, 1);
                }
                for (int i = 1; i < n; i++) {
                    v[i] = v[i - 1] + ZigZag.decode(v[i]) * multiplier;
                }
            }
            case LONG_DELTA_OF_DELTA_HUFFMAN -> {
                if (n < 2) {
                    throw new MalformedEncodingException(offset, "deltas of deltas need at least 2 values");
                }
                v[0] = in.varint();
                long delta = in.varint();
                v[1] = v[0] + delta * multiplier;
                if (n > 2) {
                    in.pos = huffman().decode(in.src, in.pos, in.limit, n - 2, v, 2);
                }
                for (int i = 2; i < n; i++) {
                    delta += ZigZag.decode(v[i]);
                    v[i] = v[i - 1] + delta * multiplier;
                }
            }
            default -> throw new IllegalStateException("BUG: " + encoding + " is not a long encoding");
        }
        count = n;
        return in.pos;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public long[] values() {
        return values;
    }

    private HuffmanMagnitudeDecoder huffman() {
        if (huffman == null) {
            huffman = new HuffmanMagnitudeDecoder();
        }
        return huffman;
    }
}
