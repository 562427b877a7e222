package io.tidemark.storage.encoding;

/** Decodes what {@link TimestampEncoder} wrote. Not thread-safe; reusable. */
public final class TimestampDecoder implements ColumnDecoder {
    private final LongColumnDecoder longs = new LongColumnDecoder();

    @Override
    public int decode(byte[] src, int offset, int limit) throws MalformedEncodingException {
        return longs.decode(src, offset, limit);
    }

    @Override
    public int count() {
        return longs.count();
    }

    @Override
    public long[] values() {
        return longs.values();
    }
}
