package io.tidemark.storage.encoding;

/**
 * Reads what {@link BitWriter} wrote, most significant bit first, bounds-checked: reading past the limit is a
 * {@link MalformedEncodingException}. Not thread-safe; re-armed with {@link #of}.
 */
final class BitReader {
    private byte[] src;
    private int start;
    private int pos;
    private int limit;
    /** The low {@code available} bits of {@code buffer} are the next bits of the stream. */
    private long buffer;
    private int available;

    BitReader of(byte[] src, int offset, int limit) {
        this.src = src;
        this.start = offset;
        this.pos = offset;
        this.limit = limit;
        this.buffer = 0;
        this.available = 0;
        return this;
    }

    /** Reads {@code bits} bits (0 to 64) as an unsigned value. */
    long read(int bits) throws MalformedEncodingException {
        if (bits <= available) {
            available -= bits;
            return bits == 0 ? 0 : (buffer >>> available) & mask(bits);
        }
        long result = buffer & mask(available);
        int need = bits - available;
        available = 0;
        while (need > 0) {
            refill();
            int take = Math.min(need, available);
            available -= take;
            result = (take == 64 ? 0 : result << take) | ((buffer >>> available) & mask(take));
            need -= take;
        }
        return result;
    }

    boolean readBit() throws MalformedEncodingException {
        return read(1) != 0;
    }

    private void refill() throws MalformedEncodingException {
        if (limit - pos >= 8) {
            buffer = Long.reverseBytes(ByteReader.longLE(src, pos));
            pos += 8;
            available = 64;
            return;
        }
        if (pos >= limit) {
            throw new MalformedEncodingException(limit, "bit stream cut short");
        }
        buffer = 0;
        available = 0;
        while (pos < limit) {
            buffer = buffer << 8 | (src[pos++] & 0xFF);
            available += 8;
        }
    }

    /** The index just past the last byte any read bit came from. */
    int end() {
        long consumedBits = 8L * (pos - start) - available;
        return start + (int) ((consumedBits + 7) >>> 3);
    }

    private static long mask(int bits) {
        return bits == 64 ? -1L : (1L << bits) - 1;
    }
}
