package io.tidemark.storage.cache;

import io.tidemark.common.FieldType;
import io.tidemark.storage.encoding.ZigZag;

/**
 * A full chunk of numeric or boolean values packed by {@link ChunkPacker}: the same values in the same (append)
 * order, in a few bytes each instead of sixteen. Immutable, and every field is final, so a reader that reaches it
 * through a link it read without synchronisation still sees it whole.
 *
 * <p>Layout of {@link #data}: the timestamps, as the zig-zag varint of the first and of the first difference, then
 * (for three or more) a flag byte, 1 if every later difference is the first one (a regular interval: nothing more
 * is written), else 0 followed by the zig-zag varint of each later difference of differences; then the values:
 * floats as the XOR with the previous value's bits (the first with 0), written as one byte holding its count of
 * trailing zero bits (64 for an XOR of 0, which ends the value) and the varint of what is left once they are shifted
 * out; integers and unsigned integers as the zig-zag varint of the first, then (for two or more) a flag byte, 1 if
 * the zig-zag of every difference from the previous value is below 16 (each is then half a byte, the first in the
 * low half), else 0 followed by their varints; booleans one byte each. Differences wrap around as two's complement
 * on both sides, so every bit pattern comes back.
 */
final class PackedChunk extends ChunkNode {
    /** The object, its fields and the data array's header, as {@link CacheSizes} counts them (no compressed oops). */
    static final int OVERHEAD_BYTES = 80;

    private final byte[] data;
    private final int count;
    private final long minTime;
    private final long maxTime;
    /** Where the values start in {@link #data}. */
    private final int valuesOffset;

    PackedChunk(byte[] data, int valuesOffset, int count, long minTime, long maxTime) {
        this.data = data;
        this.valuesOffset = valuesOffset;
        this.count = count;
        this.minTime = minTime;
        this.maxTime = maxTime;
    }

    @Override
    int capacity() {
        return count;
    }

    long minTime() {
        return minTime;
    }

    long maxTime() {
        return maxTime;
    }

    /** What the cache counts for this chunk. */
    long accountedBytes() {
        return accountedBytes(data.length);
    }

    static long accountedBytes(int dataLength) {
        return OVERHEAD_BYTES + ((dataLength + 7L) & ~7L);
    }

    /**
     * Writes the chunk's first {@code limit} values to {@code times[at..]} and {@code values[at..]}, in append order;
     * {@code type} is its column's, which the chunk was packed as. A reader that read the column's count before the
     * chunk filled up asks for fewer than all.
     */
    void unpack(FieldType type, long[] times, long[] values, int at, int limit) {
        Varints in = new Varints(data, 0);
        if (limit > 0) {
            long t = in.zigZag();
            times[at] = t;
            if (limit > 1) {
                long delta = in.zigZag();
                t += delta;
                times[at + 1] = t;
                // One loop per form, as the packer writes them.
                if (limit > 2 && data[in.at++] == 1) {
                    for (int i = 2; i < limit; i++) {
                        t += delta;
                        times[at + i] = t;
                    }
                } else {
                    for (int i = 2; i < limit; i++) {
                        delta += in.zigZag();
                        t += delta;
                        times[at + i] = t;
                    }
                }
            }
        }
        in = new Varints(data, valuesOffset);
        long previous = 0;
        switch (type) {
            case FLOAT -> {
                for (int i = 0; i < limit; i++) {
                    int trailing = in.data[in.at++];
                    if (trailing != 64) {
                        previous ^= in.unsigned() << trailing;
                    }
                    values[at + i] = previous;
                }
            }
            case INTEGER, UNSIGNED -> {
                if (limit > 0) {
                    previous = in.zigZag();
                    values[at] = previous;
                }
                if (limit > 1 && data[in.at++] == 1) {
                    for (int i = 1; i < limit; i++) {
                        int nibble = (data[in.at + ((i - 1) >> 1)] >> (((i - 1) & 1) << 2)) & 0xF;
                        previous += ZigZag.decode(nibble);
                        values[at + i] = previous;
                    }
                } else {
                    for (int i = 1; i < limit; i++) {
                        previous += in.zigZag();
                        values[at + i] = previous;
                    }
                }
            }
            case BOOLEAN -> {
                for (int i = 0; i < limit; i++) {
                    values[at + i] = data[valuesOffset + i];
                }
            }
            case STRING -> throw new IllegalStateException("BUG: strings are not packed");
        }
    }

    /** Reads the varints {@link ChunkPacker} wrote, from a position on; one per unpacking, on its thread. */
    private static final class Varints {
        final byte[] data;
        int at;

        Varints(byte[] data, int at) {
            this.data = data;
            this.at = at;
        }

        long unsigned() {
            long v = 0;
            int shift = 0;
            byte b;
            do {
                b = data[at++];
                v |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            return v;
        }

        long zigZag() {
            return ZigZag.decode(unsigned());
        }
    }
}
