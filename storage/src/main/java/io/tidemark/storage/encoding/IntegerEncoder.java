package io.tidemark.storage.encoding;

/**
 * Encodes signed 64-bit integers with the {@link Encoding.Family#LONG} encodings: slowly moving values cost a few bits
 * each (zig-zag deltas, Huffman coded or packed with simple8b, whichever is smaller), constant steps a few bytes per
 * block. Any sequence round-trips exactly (differences wrap at 64 bits). Not thread-safe: one per writer.
 */
public final class IntegerEncoder implements ColumnEncoder {
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
