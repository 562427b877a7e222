package io.tidemark.storage.encoding;

import com.github.luben.zstd.Zstd;
import java.util.Objects;

/**
 * Encodes string values, given as their UTF-8 bytes (as the cache keeps them): each value as a uvarint length and
 * its bytes ({@link Encoding#STRING_PLAIN}), and that whole sequence compressed with zstd
 * ({@link Encoding#STRING_ZSTD}) when it is at least {@value #COMPRESS_FROM_BYTES} bytes and compression makes it
 * smaller. Not thread-safe: keeps scratch space.
 */
public final class StringEncoder {
    /** Smaller sequences are never compressed: a zstd frame costs about a dozen bytes of its own. */
    public static final int COMPRESS_FROM_BYTES = 64;
    /** The largest uncompressed sequence that is compressed; decoders refuse to inflate more. */
    public static final int MAX_COMPRESSED_SEQUENCE_BYTES = 1 << 27;
    /** zstd's default level: most of the gain of higher levels on short repetitive strings, at a fraction of the time. */
    static final int ZSTD_LEVEL = 3;

    private final ByteSink plain = new ByteSink();
    private byte[] compressed = new byte[0];

    /** Appends the encoding of {@code values[from, from + count)}; no value may be null. */
    public void encode(byte[][] values, int from, int count, ByteSink dst) {
        if (count < 0 || count > Encoding.MAX_VALUES) {
            throw new IllegalArgumentException("cannot encode " + count + " values: at most " + Encoding.MAX_VALUES);
        }
        Objects.checkFromIndexSize(from, count, values.length);
        plain.clear();
        for (int i = from; i < from + count; i++) {
            byte[] v = Objects.requireNonNull(values[i], "string value");
            plain.putUvarint(v.length);
            plain.put(v, 0, v.length);
        }
        int rawLength = plain.size();
        if (rawLength >= COMPRESS_FROM_BYTES && rawLength <= MAX_COMPRESSED_SEQUENCE_BYTES) {
            int bound = (int) Zstd.compressBound(rawLength);
            if (compressed.length < bound) {
                compressed = new byte[bound];
            }
            long size = Zstd.compressByteArray(compressed, 0, bound, plain.array(), 0, rawLength, ZSTD_LEVEL);
            if (Zstd.isError(size)) {
                throw new IllegalStateException("BUG: zstd failed to compress " + rawLength + " bytes: "
                        + Zstd.getErrorName(size));
            }
            int overhead = varintSize(rawLength) + varintSize(size);
            if (size + overhead < rawLength) {
                dst.put(Encoding.STRING_ZSTD.header(0));
                dst.putUvarint(count);
                dst.putUvarint(rawLength);
                dst.putUvarint(size);
                dst.put(compressed, 0, (int) size);
                return;
            }
        }
        dst.put(Encoding.STRING_PLAIN.header(0));
        dst.putUvarint(count);
        dst.put(plain);
    }

    private static int varintSize(long v) {
        return Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 6) / 7);
    }
}
