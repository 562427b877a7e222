package io.tidemark.storage.cache;

import io.tidemark.common.FieldType;
import io.tidemark.storage.encoding.ZigZag;
import java.util.Arrays;

/**
 * Packs full chunks of numeric and boolean values into {@link PackedChunk}s (layout there): a few bytes a value for
 * the regular timestamps and slowly moving values that metrics are, at a few nanoseconds a value, so that the cache
 * holds several times more values in the same memory. Not a file format: nothing packed here outlives the process.
 * Confined to the cache applier's thread; keeps scratch space.
 */
final class ChunkPacker {
    /** The most one value can take: a 10-byte varint timestamp term, and a float's byte plus a 10-byte varint. */
    private static final int MAX_BYTES_PER_VALUE = 21;
    /** The flag bytes of a chunk: one for its timestamps, one for integer values. */
    private static final int FLAG_BYTES = 2;
    private byte[] scratch = new byte[0];
    private int size;

    /**
     * The chunk's first {@code count} values packed, or null when packing would not make them smaller (strings,
     * or values that do not compress).
     */
    PackedChunk pack(FieldType type, Chunk chunk, int count) {
        if (type == FieldType.STRING || count == 0) {
            return null;
        }
        int worst = count * MAX_BYTES_PER_VALUE + FLAG_BYTES;
        if (scratch.length < worst) {
            scratch = new byte[worst];
        }
        size = 0;
        long[] times = chunk.times;
        long min = times[0];
        long max = times[0];
        long firstDelta = count > 1 ? times[1] - times[0] : 0;
        // Any bit set once a delta differs from the first: arithmetic rather than a comparison, which the JIT would
        // compile to a trap for the first irregular chunk, throwing the packer's compiled code away.
        long irregular = 0;
        for (int i = 1; i < count; i++) {
            long t = times[i];
            min = Math.min(min, t);
            max = Math.max(max, t);
            irregular |= (t - times[i - 1]) ^ firstDelta;
        }
        boolean regular = irregular == 0;
        putZigZag(times[0]);
        if (count > 1) {
            putZigZag(firstDelta);
        }
        if (count > 2) {
            // Metrics mostly come at a fixed interval: then the flag stands for the other count - 2 timestamps.
            scratch[size++] = (byte) (regular ? 1 : 0);
            if (!regular) {
                long previousDelta = firstDelta;
                for (int i = 2; i < count; i++) {
                    long delta = times[i] - times[i - 1];
                    putZigZag(delta - previousDelta);
                    previousDelta = delta;
                }
            }
        }
        int valuesOffset = size;
        long[] values = chunk.values;
        switch (type) {
            case FLOAT -> {
                long previous = 0;
                for (int i = 0; i < count; i++) {
                    long xor = values[i] ^ previous;
                    previous = values[i];
                    if (xor == 0) {
                        scratch[size++] = 64;
                    } else {
                        int trailing = Long.numberOfTrailingZeros(xor);
                        scratch[size++] = (byte) trailing;
                        putVarint(xor >>> trailing);
                    }
                }
            }
            case INTEGER, UNSIGNED -> {
                putZigZag(values[0]);
                if (count > 1) {
                    long allBits = 0;
                    for (int i = 1; i < count; i++) {
                        allBits |= ZigZag.encode(values[i] - values[i - 1]);
                    }
                    // Counters and gauges mostly move by a few units: then each difference fits in half a byte.
                    boolean nibbles = (allBits & ~0xFL) == 0;
                    scratch[size++] = (byte) (nibbles ? 1 : 0);
                    if (nibbles) {
                        // Pairs, then an odd difference left over: a test for it inside the loop failed at the last
                        // step of every chunk, and the JIT, which had assumed it would not, compiled pack() again
                        // five times in a load.
                        int i = 1;
                        for (; i + 1 < count; i += 2) {
                            scratch[size++] = (byte) (ZigZag.encode(values[i] - values[i - 1])
                                    | ZigZag.encode(values[i + 1] - values[i]) << 4);
                        }
                        if (i < count) {
                            scratch[size++] = (byte) ZigZag.encode(values[i] - values[i - 1]);
                        }
                    } else {
                        for (int i = 1; i < count; i++) {
                            putZigZag(values[i] - values[i - 1]);
                        }
                    }
                }
            }
            case BOOLEAN -> {
                for (int i = 0; i < count; i++) {
                    scratch[size++] = (byte) values[i];
                }
            }
            default -> throw new IllegalStateException("BUG: unexpected type " + type);
        }
        if (PackedChunk.accountedBytes(size) >= CacheSizes.chunkBytes(chunk.capacity(), false)) {
            return null;
        }
        return new PackedChunk(Arrays.copyOf(scratch, size), valuesOffset, count, min, max);
    }

    private void putZigZag(long v) {
        putVarint(ZigZag.encode(v));
    }

    private void putVarint(long v) {
        while ((v & ~0x7FL) != 0) {
            scratch[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        scratch[size++] = (byte) v;
    }
}
