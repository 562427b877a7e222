package io.tidemark.storage.tsm;

import io.tidemark.common.FieldType;
import io.tidemark.storage.CorruptionException;

/**
 * Count, first, last, min, max and sum of a series field over a time range of one TSM file. Values are bits as
 * blocks keep them; min and max follow the order of the type (floats by {@link Double#compare}). For string fields
 * only the count is computed ({@link #hasValueStatistics()} is false). Also says how many blocks were answered from
 * the index statistics (their checksums checked, their values not decoded) and how many had to be decoded.
 *
 * @param type the field's type; null if the file does not have the series field
 * @param count points in the range; the value fields are 0 when it is 0
 * @param hasSum whether {@code sumBits} is known: false when a block answered from statistics comes from a file of
 *     version 1 or 2, whose index keeps no sums
 * @param sumBits the sum of the values, in the arithmetic of block sums ({@link TsmValues#add}: doubles for floats,
 *     wrapping 64-bit sums for integers and unsigned integers)
 */
public record RangeSummary(FieldType type, long count, long firstTimeNanos, long firstBits, long lastTimeNanos,
        long lastBits, long minBits, long maxBits, boolean hasSum, long sumBits, int blocksFromStatistics,
        int blocksDecoded) {

    static RangeSummary empty(FieldType type) {
        return new RangeSummary(type, 0, 0, 0, 0, 0, 0, 0, true, 0, 0, 0);
    }

    public boolean hasValueStatistics() {
        return count > 0 && type != null && TsmFormat.hasValueStatistics(type);
    }

    /** Summarizes the blocks of a cursor over {@code [min, max]}. */
    static RangeSummary of(TsmBlockCursor blocks, FieldType type, long min, long max) throws CorruptionException {
        boolean values = TsmFormat.hasValueStatistics(type);
        Accumulator acc = new Accumulator(type, values);
        int fromStatistics = 0;
        int decoded = 0;
        while (blocks.next()) {
            if (blocks.isWithinRange()) {
                // The statistics sit in the index, which was checked at open; the block's bytes were not. A read
                // skips a damaged block, so a summary that counted it would not be the summary of a read.
                blocks.checkChecksumOnce();
                fromStatistics++;
                acc.addBlock(blocks);
                continue;
            }
            decoded++;
            TsmBlock block = blocks.decode();
            long[] times = block.timestamps();
            long[] bits = values ? block.valueBits() : null;
            for (int i = 0; i < block.count(); i++) {
                long t = times[i];
                if (t >= min && t <= max) {
                    acc.addPoint(t, values ? bits[i] : 0);
                }
            }
        }
        blocks.release();
        if (acc.count == 0) {
            return new RangeSummary(type, 0, 0, 0, 0, 0, 0, 0, true, 0, fromStatistics, decoded);
        }
        return new RangeSummary(type, acc.count, acc.firstTime, acc.first, acc.lastTime, acc.last, acc.min, acc.max,
                acc.hasSum, acc.hasSum ? acc.sum : 0, fromStatistics, decoded);
    }

    /** Folds blocks and points, in time order. Not thread-safe. */
    private static final class Accumulator {
        final FieldType type;
        final boolean values;
        long count;
        long firstTime;
        long first;
        long lastTime;
        long last;
        long min;
        long max;
        long sum;
        boolean hasSum = true;

        Accumulator(FieldType type, boolean values) {
            this.type = type;
            this.values = values;
        }

        void addBlock(TsmBlockCursor b) {
            // Each statistic read once: a read goes through the mapped file's bounds checks, and a packed entry's
            // min, max and last are each stored relative to its first, which every one of those reads again.
            long blockMin = values ? b.minBits() : 0;
            long blockMax = values ? b.maxBits() : 0;
            if (count == 0) {
                firstTime = b.minTimeNanos();
                first = values ? b.firstBits() : 0;
                min = blockMin;
                max = blockMax;
            } else if (values) {
                min = TsmValues.compare(type, blockMin, min) < 0 ? blockMin : min;
                max = TsmValues.compare(type, blockMax, max) > 0 ? blockMax : max;
            }
            lastTime = b.maxTimeNanos();
            last = values ? b.lastBits() : 0;
            count += b.count();
            if (values && b.hasSums()) {
                sum = TsmValues.add(type, sum, b.sumBits());
            } else if (values) {
                hasSum = false;
            }
        }

        void addPoint(long time, long bits) {
            if (count == 0) {
                firstTime = time;
                first = bits;
                min = bits;
                max = bits;
            } else if (values) {
                min = TsmValues.compare(type, bits, min) < 0 ? bits : min;
                max = TsmValues.compare(type, bits, max) > 0 ? bits : max;
            }
            lastTime = time;
            last = bits;
            count++;
            if (values) {
                sum = TsmValues.add(type, sum, bits);
            }
        }
    }
}
