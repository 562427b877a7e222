package io.tidemark.storage.encoding;

import com.github.luben.zstd.Zstd;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes what {@link StringEncoder} wrote. The values are kept end to end in one array ({@link #bytes()}), value
 * {@code i} at {@link #offset}{@code (i)} for {@link #length}{@code (i)} bytes, so that decoding a block allocates
 * nothing per value. Not thread-safe; reusable.
 */
public final class StringDecoder {
    private final ByteReader in = new ByteReader();
    private final ByteReader sequence = new ByteReader();
    private byte[] inflated = new byte[0];
    private byte[] bytes = new byte[0];
    /** Value i spans [starts[i], starts[i + 1]). */
    private int[] starts = new int[1];
    private int count;

    /**
     * Decodes the encoded strings that start at {@code src[offset]}, reading no byte at or after {@code limit}.
     *
     * @return the index just past the last byte of the encoding
     */
    public int decode(byte[] src, int offset, int limit) throws MalformedEncodingException {
        count = 0;
        in.of(src, offset, limit);
        int header = in.u8();
        Encoding encoding = Encoding.of(Encoding.Family.STRING, header);
        if (encoding == null || (header & 0x0F) != 0) {
            throw new MalformedEncodingException(offset, "unknown string encoding, header byte " + header);
        }
        int n = in.uvarintAtMost(Encoding.MAX_VALUES, "value count");
        if (starts.length < n + 1) {
            starts = new int[Math.max(n + 1, Math.min(Encoding.MAX_VALUES + 1, starts.length * 2))];
        }
        if (encoding == Encoding.STRING_PLAIN) {
            parse(in, n);
            count = n;
            return in.pos;
        }
        int rawLength = in.uvarintAtMost(StringEncoder.MAX_COMPRESSED_SEQUENCE_BYTES, "uncompressed length");
        int compressedLength = in.uvarintAtMost(Integer.MAX_VALUE, "compressed length");
        int frameAt = in.pos;
        in.require(compressedLength, "a zstd frame");
        inflate(src, frameAt, compressedLength, rawLength);
        sequence.of(inflated, 0, rawLength);
        try {
            parse(sequence, n);
        } catch (MalformedEncodingException e) {
            throw new MalformedEncodingException(frameAt, "inside the zstd frame: " + e.getMessage());
        }
        if (sequence.remaining() != 0) {
            throw new MalformedEncodingException(frameAt, sequence.remaining() + " bytes after the last string");
        }
        count = n;
        return frameAt + compressedLength;
    }

    private void inflate(byte[] src, int at, int length, int rawLength) throws MalformedEncodingException {
        long declared;
        long produced;
        try {
            // Check the frame's own size field before allocating anything on the word of the input.
            declared = Zstd.getFrameContentSize(src, at, length);
            if (declared != rawLength) {
                throw new MalformedEncodingException(at, "zstd frame declares " + declared + " bytes, not "
                        + rawLength);
            }
            if (inflated.length < rawLength) {
                inflated = new byte[rawLength];
            }
            produced = Zstd.decompressByteArray(inflated, 0, rawLength, src, at, length);
        } catch (RuntimeException e) {
            throw new MalformedEncodingException(at, "zstd frame does not decompress: " + e.getMessage());
        }
        if (Zstd.isError(produced) || produced != rawLength) {
            throw new MalformedEncodingException(at, "zstd frame does not decompress to " + rawLength + " bytes");
        }
    }

    /** Reads {@code n} length-prefixed values from {@code r} into {@link #bytes}. */
    private void parse(ByteReader r, int n) throws MalformedEncodingException {
        int total = 0;
        starts[0] = 0;
        // The values cannot take more bytes than the input has left, which bounds the copy buffer.
        if (bytes.length < r.remaining()) {
            bytes = new byte[r.remaining()];
        }
        for (int i = 0; i < n; i++) {
            int lengthAt = r.pos;
            long length = r.uvarint();
            if (length < 0 || length > r.remaining()) {
                throw new MalformedEncodingException(lengthAt, "string of " + Long.toUnsignedString(length)
                        + " bytes, " + r.remaining() + " left");
            }
            System.arraycopy(r.src, r.pos, bytes, total, (int) length);
            r.pos += (int) length;
            total += (int) length;
            starts[i + 1] = total;
        }
    }

    public int count() {
        return count;
    }

    /** The bytes of all values, end to end; reused by the next {@link #decode}. */
    public byte[] bytes() {
        return bytes;
    }

    public int offset(int i) {
        return starts[checkIndex(i)];
    }

    public int length(int i) {
        return starts[checkIndex(i) + 1] - starts[i];
    }

    /** A copy of the UTF-8 bytes of value {@code i}. */
    public byte[] value(int i) {
        return Arrays.copyOfRange(bytes, offset(i), offset(i) + length(i));
    }

    /** Value {@code i} as a string. */
    public String string(int i) {
        return new String(bytes, offset(i), length(i), StandardCharsets.UTF_8);
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("value " + i + " of " + count);
        }
        return i;
    }
}
