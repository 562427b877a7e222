package io.tidemark.storage.api;

/** Bytes that do not decode as a {@link PointBatch}: the offset of the first byte that does not fit and why. */
public final class MalformedPointBatchException extends Exception {
    private final int offset;

    public MalformedPointBatchException(int offset, String reason) {
        super("malformed point batch at offset " + offset + ": " + reason);
        this.offset = offset;
    }

    /** The offset, relative to the start of the batch, where decoding failed. */
    public int offset() {
        return offset;
    }
}
