package io.tidemark.storage.cache;

import io.tidemark.common.FieldType;

/**
 * A full chunk of numeric or boolean values packed by {@link ChunkPacker}: the same values in the same (append)
 * order, in a few bytes each instead of sixteen. Immutable, and every field is final, so a reader that reaches it
 * through a link it read without synchronisation still sees it whole.
 *
 * <p>Layout of {@link #data}: the timestamps, as the zig-zag varint of the first, of the first difference, then of
 * each difference of differences (one byte each at a regular interval); then the values: floats as the XOR with the
 * previous value's bits (the first with 0), written as one byte holding its count of trailing zero bits (64 for
 * an XOR of 0, which ends the value) and the varint of what is left once they are shifted out; integers and unsigned
 * integers as the zig-zag varint of the difference from the previous value (the first from 0); booleans one byte
 * each. Differences wrap around as two's complement on both sides, so every bit pattern comes back.
 */
final class PackedChunk extends ChunkNode {
    /** The object, its fields and the data array's header, as {@link CacheSizes} counts them (no compressed oops). */
    static final int OVERHEAD_BYTES = 80;

    private final FieldType type;
    private final byte[] data;
    private final int count;
    private final long minTime;
    private final long maxTime;
    /** Where the values start in {@link #data}. */
    private final int valuesOffset;

    PackedChunk(FieldType type, byte[] data, int valuesOffset, int count, long minTime, long maxTime) {
        this.type = type;
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
     * Writes the chunk's first {@code limit} values to {@code times[at..]} and {@code values[at..]}, in append order.
     * A reader that read the column's count before the chunk filled up asks for fewer than all.
     */
    void unpack(long[] times, long[] values, int at, int limit) {
        int p = 0;
        long t = 0;
        long delta = 0;
        for (int i = 0; i < limit; i++) {
            long v = 0;
            int shift = 0;
            byte b;
            do {
                b = data[p++];
                v |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            long zz = (v >>> 1) ^ -(v & 1);
            if (i == 0) {
                t = zz;
            } else {
                delta = i == 1 ? zz : delta + zz;
                t += delta;
            }
            times[at + i] = t;
        }
        switch (type) {
            case FLOAT -> unpackFloats(values, at, limit);
            case INTEGER, UNSIGNED -> unpackDeltas(values, at, limit);
            case BOOLEAN -> {
                for (int i = 0; i < limit; i++) {
                    values[at + i] = data[valuesOffset + i];
                }
            }
            case STRING -> throw new IllegalStateException("BUG: strings are not packed");
        }
    }

    private void unpackFloats(long[] values, int at, int limit) {
        int p = valuesOffset;
        long previous = 0;
        for (int i = 0; i < limit; i++) {
            int trailing = data[p++];
            if (trailing != 64) {
                long v = 0;
                int shift = 0;
                byte b;
                do {
                    b = data[p++];
                    v |= (long) (b & 0x7F) << shift;
                    shift += 7;
                } while (b < 0);
                previous ^= v << trailing;
            }
            values[at + i] = previous;
        }
    }

    private void unpackDeltas(long[] values, int at, int limit) {
        int p = valuesOffset;
        long previous = 0;
        for (int i = 0; i < limit; i++) {
            long v = 0;
            int shift = 0;
            byte b;
            do {
                b = data[p++];
                v |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            previous += (v >>> 1) ^ -(v & 1);
            values[at + i] = previous;
        }
    }
}
