package io.tidemark.storage.encoding;

/** Decodes what {@link BooleanEncoder} wrote into 0 and 1. Not thread-safe; reusable. */
public final class BooleanDecoder implements ColumnDecoder {
    private final ByteReader in = new ByteReader();
    private long[] values = new long[0];
    private int count;

    @Override
    public int decode(byte[] src, int offset, int limit) throws MalformedEncodingException {
        count = 0;
        in.of(src, offset, limit);
        int header = in.u8();
        if (Encoding.of(Encoding.Family.BOOLEAN, header) != Encoding.BOOLEAN_BITS || (header & 0x0F) != 0) {
            throw new MalformedEncodingException(offset, "unknown boolean encoding, header byte " + header);
        }
        int n = in.uvarintAtMost(Encoding.MAX_VALUES, "value count");
        int bytes = (n + 7) >>> 3;
        in.require(bytes, n, "booleans");
        if (values.length < n) {
            values = new long[Math.max(n, Math.min(Encoding.MAX_VALUES, values.length * 2))];
        }
        byte[] b = in.src;
        int base = in.pos;
        for (int i = 0; i < n; i++) {
            values[i] = (b[base + (i >>> 3)] >>> (i & 7)) & 1;
        }
        count = n;
        return base + bytes;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public long[] values() {
        return values;
    }
}
