package io.tidemark.storage.api;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Checksum;

/**
 * An immutable, encoded batch of points for one shard (layout: {@link PointBatchFormat}). The same bytes are the
 * WAL entry payload and the payload of a remote shard write, so a batch is encoded once, by a
 * {@link PointBatchBuilder}, and read with a {@link PointBatchReader}. Instances are always well-formed: the builder
 * produces valid bytes and {@link #parse} validates foreign bytes. Thread-safe (immutable).
 */
public final class PointBatch {
    private static final PointBatch EMPTY = new PointBatch(new byte[] {PointBatchFormat.VERSION_CURRENT, 0}, 0);

    /** The complete encoding, exactly {@code bytes.length} long. Never modified after construction. */
    private final byte[] bytes;
    private final int pointCount;

    /** Takes ownership of {@code bytes}, which must be a valid encoding of {@code pointCount} points. */
    PointBatch(byte[] bytes, int pointCount) {
        this.bytes = bytes;
        this.pointCount = pointCount;
    }

    public static PointBatch empty() {
        return EMPTY;
    }

    /**
     * Validates and copies an encoded batch received from elsewhere (a WAL entry, a network peer).
     *
     * @throws MalformedPointBatchException if the bytes are not exactly one well-formed batch
     */
    public static PointBatch parse(byte[] src, int off, int len) throws MalformedPointBatchException {
        java.util.Objects.checkFromIndexSize(off, len, src.length);
        byte[] copy = Arrays.copyOfRange(src, off, off + len);
        int points = PointBatchValidator.validate(copy);
        return new PointBatch(copy, points);
    }

    public int pointCount() {
        return pointCount;
    }

    public boolean isEmpty() {
        return pointCount == 0;
    }

    /** The length of the encoding in bytes. */
    public int sizeBytes() {
        return bytes.length;
    }

    /** A read-only view of the encoding, for writing it to a file or a socket without a copy. */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /** Copies the encoding into {@code dst} at its position, advancing it. */
    public void writeTo(ByteBuffer dst) {
        dst.put(bytes);
    }

    /** Feeds the encoding to a checksum, without exposing or copying the bytes. */
    public void updateChecksum(Checksum checksum) {
        checksum.update(bytes, 0, bytes.length);
    }

    /** A copy of the encoding. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** The internal array, for {@link PointBatchReader} only; never modified. */
    byte[] array() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PointBatch other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "PointBatch[points=" + pointCount + ", bytes=" + bytes.length + "]";
    }
}
