package io.tidemark.storage.encoding;

/**
 * Encodes unsigned 64-bit integers, given as their 64 bits in a {@code long}, with the {@link Encoding.Family#LONG}
 * encodings: deltas are taken modulo 2^64, so values near 0 and near 2^64 - 1 are as cheap as any, and slowly moving
 * values cost a few bits each. Any sequence round-trips exactly (differences wrap at 64 bits). Not thread-safe: one
 * per writer.
 */
public final class UnsignedEncoder implements ColumnEncoder {
    private final LongColumnEncoder longs = new LongColumnEncoder();

    @Override
    public void encode(long[] values, int from, int count, ByteSink dst) {
        longs.encode(values, from, count, dst);
    }

    /**
     * Appends the values in one given encoding, whatever it costs: for measurements and tests.
     *
     * @throws IllegalArgumentException if the values cannot be written that way (RLE of an irregular sequence, deltas
     *     too wide for simple8b)
     */
    public void encodeAs(Encoding encoding, long[] values, int from, int count, ByteSink dst) {
        longs.encodeAs(encoding, values, from, count, dst);
    }
}
