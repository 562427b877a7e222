package io.tidemark.storage.tsm;

import io.tidemark.common.FieldType;
import io.tidemark.storage.encoding.ByteSink;
import java.util.Arrays;

/**
 * Collects the block entries of the key a {@link TsmWriter} is writing and writes them packed
 * ({@link PackedBlockEntries}) once the key is complete: the column widths depend on every block of the key.
 *
 * <p>Not thread-safe: part of one writer.
 */
final class PackedBlockEntriesWriter {
    private static final int C = PackedBlockEntries.COLUMNS;
    /** Absolute values, {@link PackedBlockEntries#COLUMNS} per block in column order. */
    private long[] blocks = new long[C * 16];
    private long[] stored = new long[C * 16];
    private int count;
    // Computed by prepare().
    private final int[] width = new int[C];
    private int scale;
    private long baseFirst;

    void clear() {
        count = 0;
    }

    int count() {
        return count;
    }

    void add(long minTime, long maxTime, long offset, int size, int points, long first, long min, long max, long last,
            long sum) {
        if ((count + 1) * C > blocks.length) {
            blocks = Arrays.copyOf(blocks, blocks.length * 2);
        }
        int b = count * C;
        blocks[b + PackedBlockEntries.MIN_TIME] = minTime;
        blocks[b + PackedBlockEntries.MAX_TIME] = maxTime;
        blocks[b + PackedBlockEntries.OFFSET] = offset;
        blocks[b + PackedBlockEntries.SIZE] = size;
        blocks[b + PackedBlockEntries.COUNT] = points;
        blocks[b + PackedBlockEntries.FIRST] = first;
        blocks[b + PackedBlockEntries.MIN] = min;
        blocks[b + PackedBlockEntries.MAX] = max;
        blocks[b + PackedBlockEntries.LAST] = last;
        blocks[b + PackedBlockEntries.SUM] = sum;
        count++;
    }

    /** The bytes {@link #writeTo} would write now for the blocks added so far (0 without blocks). */
    int encodedBytes(FieldType type) {
        return count == 0 ? 0 : prepare(type);
    }

    /** Writes the header that follows the block count (scale, widths, bases), then the entries. */
    void writeTo(ByteSink out, FieldType type) {
        if (count == 0) {
            throw new IllegalStateException("BUG: a key entry without blocks");
        }
        prepare(type);
        out.put(scale);
        long widths = 0;
        for (int c = 0; c < C; c++) {
            widths |= (long) width[c] << (4 * c);
        }
        for (int i = 0; i < PackedBlockEntries.WIDTH_BYTES; i++) {
            out.put((int) (widths >>> (8 * i)) & 0xFF);
        }
        out.putLongLE(blocks[PackedBlockEntries.MIN_TIME]);
        out.putUvarint(blocks[PackedBlockEntries.OFFSET]);
        out.putLongLE(baseFirst);
        for (int b = 0; b < count * C; b += C) {
            for (int c = 0; c < C; c++) {
                long v = stored[b + c];
                for (int i = 0; i < width[c]; i++) {
                    out.put((int) (v >>> (8 * i)) & 0xFF);
                }
            }
        }
    }

    /**
     * Computes the scale, the stored (relative) values, the widths and the first block's first value; returns the
     * bytes {@link #writeTo} writes.
     */
    private int prepare(FieldType type) {
        boolean floats = type == FieldType.FLOAT;
        boolean values = TsmFormat.hasValueStatistics(type);
        long baseTime = blocks[PackedBlockEntries.MIN_TIME];
        long baseOffset = blocks[PackedBlockEntries.OFFSET];
        baseFirst = values ? blocks[PackedBlockEntries.FIRST] : 0;
        scale = PackedBlockEntries.MAX_SCALE;
        for (int b = 0; b < count * C; b += C) {
            long sinceBase = blocks[b + PackedBlockEntries.MIN_TIME] - baseTime;
            long span = blocks[b + PackedBlockEntries.MAX_TIME] - blocks[b + PackedBlockEntries.MIN_TIME];
            scale = Math.min(scale, Math.min(decimalZeros(sinceBase, scale), decimalZeros(span, scale)));
        }
        long unit = PackedBlockEntries.pow10(scale);
        if (stored.length < blocks.length) {
            stored = new long[blocks.length];
        }
        long[] widest = new long[C];
        for (int b = 0; b < count * C; b += C) {
            long first = blocks[b + PackedBlockEntries.FIRST];
            stored[b + PackedBlockEntries.MIN_TIME] =
                    Long.divideUnsigned(blocks[b + PackedBlockEntries.MIN_TIME] - baseTime, unit);
            stored[b + PackedBlockEntries.MAX_TIME] = Long.divideUnsigned(
                    blocks[b + PackedBlockEntries.MAX_TIME] - blocks[b + PackedBlockEntries.MIN_TIME], unit);
            stored[b + PackedBlockEntries.OFFSET] = blocks[b + PackedBlockEntries.OFFSET] - baseOffset;
            stored[b + PackedBlockEntries.SIZE] = blocks[b + PackedBlockEntries.SIZE];
            stored[b + PackedBlockEntries.COUNT] = blocks[b + PackedBlockEntries.COUNT];
            if (values) {
                stored[b + PackedBlockEntries.FIRST] = relative(floats, first, baseFirst);
                stored[b + PackedBlockEntries.MIN] = relative(floats, blocks[b + PackedBlockEntries.MIN], first);
                stored[b + PackedBlockEntries.MAX] = relative(floats, blocks[b + PackedBlockEntries.MAX], first);
                stored[b + PackedBlockEntries.LAST] = relative(floats, blocks[b + PackedBlockEntries.LAST], first);
                long sum = blocks[b + PackedBlockEntries.SUM];
                stored[b + PackedBlockEntries.SUM] = floats ? sum
                        : relative(false, sum, first * blocks[b + PackedBlockEntries.COUNT]);
            } else {
                Arrays.fill(stored, b + PackedBlockEntries.FIRST, b + C, 0L);
            }
            for (int c = 0; c < C; c++) {
                widest[c] |= stored[b + c];
            }
        }
        int entryBytes = 0;
        for (int c = 0; c < C; c++) {
            width[c] = (64 - Long.numberOfLeadingZeros(widest[c]) + 7) / 8;
            entryBytes += width[c];
        }
        return 1 + PackedBlockEntries.WIDTH_BYTES + 8 + uvarintBytes(baseOffset) + 8 + count * entryBytes;
    }

    private static int uvarintBytes(long v) {
        return Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 6) / 7);
    }

    /** How many times, up to {@code limit}, ten divides {@code v} (taken unsigned); {@code limit} for zero. */
    private static int decimalZeros(long v, int limit) {
        int k = 0;
        while (k < limit && v != 0 && Long.remainderUnsigned(v, 10) == 0) {
            v = Long.divideUnsigned(v, 10);
            k++;
        }
        return v == 0 ? limit : k;
    }

    /** {@code v} relative to {@code reference}: the XOR of float bits, the zig-zag wrapping difference of others. */
    private static long relative(boolean floats, long v, long reference) {
        if (floats) {
            return v ^ reference;
        }
        long d = v - reference;
        return (d << 1) ^ (d >> 63);
    }
}
