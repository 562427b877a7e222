package io.tidemark.storage.tsm;

import io.tidemark.common.FieldType;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.api.ValueRange;

/**
 * The points of one series field of a TSM file within a time range, decoded block by block. A damaged block is
 * skipped: the cursor serves the intact blocks around it, and {@link #failure()} tells what was skipped (check it
 * once the cursor is exhausted).
 *
 * <p>Until the cursor has decoded a block, the first point of a block that starts inside the range comes from the
 * block's index entry (its start time and first value, for every type but strings) once the block's checksum is
 * verified, so a reader that wants only the earliest point of a series field ({@code LIMIT 1}, the head of a merge
 * that stops early) decodes nothing; the block is decoded when the reader asks for more. After the first decode the
 * reader is taken to be scanning, and blocks are decoded as they are reached. A block whose checksum holds but whose
 * columns do not decode (which only a faulty writer makes) has its first point served before the damage is found,
 * as {@link TsmDescendingCursor} serves its last. Not thread-safe.
 */
public final class TsmSeriesCursor implements CheckedCursor {
    private final TsmBlockCursor blocks;
    private final FieldType type;
    private final long minTime;
    private final long maxTime;
    private TsmBlock block;
    private int index;
    private int end;
    private CorruptionException failure;
    /** Whether the current point is the first of the current block, served from its index entry. */
    private boolean fromIndex;
    /** Whether the next point is the first of the current block, to be served from its index entry. */
    private boolean indexPending;
    private long indexTime;
    private long indexBits;
    private int blocksDecoded;
    /** While {@link #nextBatchIn} runs: the values wanted, whose blocks alone are decoded. */
    private ValueRange wanted;

    TsmSeriesCursor(TsmBlockCursor blocks, FieldType type, long minTime, long maxTime) {
        this.blocks = blocks;
        this.type = type;
        this.minTime = minTime;
        this.maxTime = maxTime;
    }

    @Override
    public boolean next() {
        if (!indexPending) {
            settleIndexPoint();
            if (block != null && index + 1 < end) {
                index++;
                return true;
            }
            if (!nextBlockFrom(minTime)) {
                return false;
            }
            if (!indexPending) {
                index++;
                return true;
            }
        }
        indexPending = false;
        fromIndex = true;
        return true;
    }

    /**
     * Decodes the next block with a value in the range at or after {@code from}, skipping by the index the blocks
     * that end before it, and stands just before that value (or, with {@link #indexPending}, leaves it to be served
     * from the block's index entry); false, the blocks released, when there is none.
     */
    private boolean nextBlockFrom(long from) {
        long start = Math.max(from, minTime);
        while (blocks.next()) {
            if (blocks.maxTimeNanos() < start || (wanted != null && noneWanted())) {
                continue;
            }
            long blockStart = blocks.minTimeNanos();
            if (blocksDecoded == 0 && TsmFormat.hasValueStatistics(type) && blockStart >= start
                    && blockStart <= maxTime) {
                try {
                    blocks.checkChecksumOnce();
                } catch (CorruptionException e) {
                    skip(e);
                    continue;
                }
                block = null;
                indexPending = true;
                indexTime = blockStart;
                indexBits = blocks.firstBits();
                return true;
            }
            if (!decodeCurrent()) {
                continue;
            }
            long[] times = block.timestamps();
            int first = firstIndex(times, block.count(), start, false);
            int to = firstIndex(times, block.count(), maxTime, true);
            if (first < to) {
                index = first - 1;
                end = to;
                return true;
            }
        }
        block = null;
        blocks.release();
        return false;
    }

    /**
     * Once the point served from the index is consumed: decodes its block and stands on that point, its first, so
     * that the reader goes on from there (block null if the block turns out damaged: the walk goes on after it).
     */
    private void settleIndexPoint() {
        if (!fromIndex) {
            return;
        }
        fromIndex = false;
        if (decodeCurrent()) {
            index = 0;
            end = firstIndex(block.timestamps(), block.count(), maxTime, true);
        }
    }

    /** Decodes the block the walk is at; false (and {@code block} null) if it is damaged. */
    private boolean decodeCurrent() {
        try {
            block = blocks.decode();
            blocksDecoded++;
            return true;
        } catch (CorruptionException e) {
            skip(e);
            return false;
        }
    }

    /** Skips the damaged block the walk is at and serves the intact ones after it; the first damage is kept. */
    private void skip(CorruptionException e) {
        if (failure == null) {
            failure = e;
        }
        block = null;
    }

    /** Whether the current block's statistics show that none of its values is {@link #wanted}. */
    private boolean noneWanted() {
        return switch (type) {
            case INTEGER -> wanted.excludesAll(blocks.minBits(), blocks.maxBits());
            case FLOAT -> wanted.excludesAll(Double.longBitsToDouble(blocks.minBits()),
                    Double.longBitsToDouble(blocks.maxBits()));
            default -> false;
        };
    }

    @Override
    public int nextBatchIn(ValueRange range, long[] times, long[] values, int max) {
        wanted = range;
        try {
            return nextBatch(times, values, max);
        } finally {
            wanted = null;
        }
    }

    @Override
    public int nextBatchFrom(long time, long[] times, long[] values, int max) {
        if (max <= 0) {
            return 0;
        }
        settleIndexPoint();
        if (block != null && index + 1 < end && block.timestamps()[end - 1] >= time) {
            index = Math.max(index + 1, firstIndex(block.timestamps(), end, time, false)) - 1;
            return nextBatch(times, values, max);
        }
        return nextBlockFrom(time) ? nextBatch(times, values, max) : 0;
    }

    @Override
    public int nextBatch(long[] times, long[] values, int max) {
        if (max <= 0) {
            return 0;
        }
        settleIndexPoint();
        if (block == null || index + 1 >= end) {
            if (!next()) {
                return 0;
            }
            if (fromIndex) {
                times[0] = indexTime;
                values[0] = indexBits;
                return 1;
            }
            // next() stands at the block's first value in the range: copy from there.
            index--;
        }
        int from = index + 1;
        int n = Math.min(max, end - from);
        System.arraycopy(block.timestamps(), from, times, 0, n);
        System.arraycopy(block.valueBits(), from, values, 0, n);
        index = from + n - 1;
        return n;
    }

    /** How many blocks were decoded so far (a block's first point served from the index does not count). */
    public int blocksDecoded() {
        return blocksDecoded;
    }

    /** The first damaged block the cursor skipped, or null if every block was intact. */
    @Override
    public CorruptionException failure() {
        return failure;
    }

    /** The first index in [0, n) with times[i] >= key (after: times[i] > key), or n. */
    private static int firstIndex(long[] times, int n, long key, boolean after) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < key || (after && times[mid] == key)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public long timestamp() {
        return fromIndex ? indexTime : block.timestamp(index);
    }

    @Override
    public FieldType type() {
        return type;
    }

    @Override
    public double floatValue() {
        return Double.longBitsToDouble(valueBits());
    }

    @Override
    public long longValue() {
        return valueBits();
    }

    @Override
    public boolean booleanValue() {
        return valueBits() != 0;
    }

    @Override
    public String stringValue() {
        return block.string(index);
    }

    /** The value as bits (see {@link TsmWriter#append(long, long)}), for callers that copy without converting. */
    public long valueBits() {
        return fromIndex ? indexBits : block.bits(index);
    }
}
