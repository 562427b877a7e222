package io.tidemark.storage.encoding;

/**
 * Encodes a column of 64-bit values (timestamps, integers, the bits of unsigned integers or floats, 0/1 booleans)
 * into a self-delimiting byte string: a {@link ColumnDecoder} of the same kind reads it back without being told its
 * length. Implementations pick the smallest of their encodings per call and are not thread-safe (they keep scratch
 * space): one per writer.
 */
public interface ColumnEncoder {

    /**
     * Appends the encoding of {@code values[from, from + count)} to {@code dst}, after whatever it holds.
     *
     * @throws IllegalArgumentException if {@code count} exceeds {@link Encoding#MAX_VALUES} or a value is not valid
     *     for the kind of column
     */
    void encode(long[] values, int from, int count, ByteSink dst);
}
