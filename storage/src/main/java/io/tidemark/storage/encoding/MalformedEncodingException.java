package io.tidemark.storage.encoding;

/**
 * Encoded bytes that no encoder of ours could have written: an unknown encoding, a count over the limit, a length
 * past the end of the input. Carries the index, in the array being decoded, of the byte where decoding failed; the
 * caller knows where that array came from (the TSM reader turns it into a located
 * {@link io.tidemark.storage.CorruptionException}).
 */
public final class MalformedEncodingException extends Exception {
    private final int offset;

    public MalformedEncodingException(int offset, String reason) {
        super("malformed encoding at " + offset + ": " + reason);
        this.offset = offset;
    }

    /** The index of the offending byte in the decoded array. */
    public int offset() {
        return offset;
    }
}
