package io.tidemark.storage.encoding;

/**
 * Appends a stream of bits to a {@link ByteSink}, most significant bit first; {@link #finish()} pads the last byte
 * with zeros. Not thread-safe; re-armed with {@link #of}.
 */
final class BitWriter {
    private ByteSink out;
    /** Pending bits, left-aligned: the first {@code filled} bits from the top are written, the rest are zero. */
    private long pending;
    private int filled;

    BitWriter of(ByteSink out) {
        this.out = out;
        this.pending = 0;
        this.filled = 0;
        return this;
    }

    /** Writes the low {@code bits} bits of {@code value} (0 to 64), the most significant first. */
    void write(long value, int bits) {
        if (bits == 0) {
            return;
        }
        if (bits < 64) {
            value &= (1L << bits) - 1;
        }
        int free = 64 - filled;
        if (bits <= free) {
            pending |= value << (free - bits);
            filled += bits;
            if (filled == 64) {
                flushWord();
            }
        } else {
            int rest = bits - free;
            pending |= value >>> rest;
            flushWord();
            pending = value << (64 - rest);
            filled = rest;
        }
    }

    void writeBit(boolean bit) {
        write(bit ? 1 : 0, 1);
    }

    private void flushWord() {
        out.putLongLE(Long.reverseBytes(pending));
        pending = 0;
        filled = 0;
    }

    /** Writes the pending bits, padding the last byte with zeros. */
    void finish() {
        int bytes = (filled + 7) >>> 3;
        for (int i = 0; i < bytes; i++) {
            out.put((int) (pending >>> (56 - 8 * i)));
        }
        pending = 0;
        filled = 0;
    }
}
