package io.tidemark.storage.encoding;

/**
 * Decodes what the matching {@link ColumnEncoder} wrote. Reusable: each {@link #decode} replaces the values of the
 * previous one. Not thread-safe.
 */
public interface ColumnDecoder {

    /**
     * Decodes the encoded column that starts at {@code src[offset]}, reading no byte at or after {@code limit}.
     *
     * @return the index just past the last byte of the encoding: bytes after it are not read
     * @throws MalformedEncodingException if the bytes are not an encoding of this kind of column (never an index or
     *     arithmetic exception, whatever the input)
     */
    int decode(byte[] src, int offset, int limit) throws MalformedEncodingException;

    /** The number of values of the last successful {@link #decode}. */
    int count();

    /** The decoded values, in {@code [0, count())}; the array is reused by the next {@link #decode}. */
    long[] values();
}
