package io.tidemark.storage.encoding;

/**
 * Encodes timestamps (nanoseconds since the epoch) with the {@link Encoding.Family#LONG} encodings: a block of a TSM
 * file holds strictly increasing times, so a regular interval costs a few bytes per block (one step, run-length
 * encoded) and jitter costs a few bits per value (deltas of deltas, packed with simple8b or Huffman coded). Any
 * sequence round-trips exactly (differences wrap at 64 bits). Not thread-safe: one per writer.
 */
public final class TimestampEncoder implements ColumnEncoder {
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
