package io.tidemark.storage.tsm;

import io.tidemark.common.FieldType;
import io.tidemark.storage.CorruptionException;

/**
 * The points of one series field of a TSM file within a time range, latest first: the blocks are walked from the
 * last one in the range back, each decoded only when the walk needs more than its last point. The last point of a
 * block that ends inside the range comes from the block's index entry (its end time and last value, for every
 * type but strings) once the block's checksum is verified (once: the file remembers it, see {@link VerifiedBlocks}),
 * so a reader that wants only the latest point of a series field decodes nothing. A damaged block is skipped: the
 * cursor serves the intact blocks around it, and {@link #failure()} tells what was skipped (known as soon as the walk
 * reached the block).
 *
 * <p>A block whose checksum holds but whose columns do not decode (which only a faulty writer makes) has its last
 * point served from the index before the damage is found; the ascending cursor serves none of its points.
 * Not thread-safe.
 */
public final class TsmDescendingCursor implements CheckedCursor {
    private final TsmBlockCursor blocks;
    private final FieldType type;
    private final long minTime;
    private final long maxTime;
    /** The decoded current block, or null before the first, after the last, or while serving from the index. */
    private TsmBlock block;
    private int index;
    /** The first index of the current block inside the range. */
    private int start;
    /** Whether the current point is the last of the current block, served from its index entry. */
    private boolean fromIndex;
    private long indexTime;
    private long indexBits;
    private int blocksDecoded;
    private CorruptionException failure;

    TsmDescendingCursor(TsmBlockCursor blocks, FieldType type, long minTime, long maxTime) {
        this.blocks = blocks.fromEnd();
        this.type = type;
        this.minTime = minTime;
        this.maxTime = maxTime;
    }

    @Override
    public boolean next() {
        if (fromIndex) {
            // The rest of the block the last point came from: decode it now.
            fromIndex = false;
            if (decodeCurrent() && index > start) {
                index--;
                return true;
            }
        } else if (block != null && index > start) {
            index--;
            return true;
        }
        while (blocks.previous()) {
            long end = blocks.maxTimeNanos();
            if (TsmFormat.hasValueStatistics(type) && end <= maxTime && end >= minTime) {
                try {
                    blocks.checkChecksumOnce();
                } catch (CorruptionException e) {
                    skip(e);
                    continue;
                }
                // Fast path: the latest point of the block is in the range, and its index entry holds it.
                block = null;
                fromIndex = true;
                indexTime = end;
                indexBits = blocks.lastBits();
                return true;
            }
            if (decodeCurrent()) {
                return true;
            }
        }
        block = null;
        blocks.release();
        return false;
    }

    /**
     * Decodes the block the walk is at and points at its last point in the range; false (and {@code block} null)
     * if it is damaged or holds no point of the range.
     */
    private boolean decodeCurrent() {
        try {
            block = blocks.decode();
            blocksDecoded++;
        } catch (CorruptionException e) {
            skip(e);
            return false;
        }
        long[] times = block.timestamps();
        int from = firstIndex(times, block.count(), minTime, false);
        int to = firstIndex(times, block.count(), maxTime, true);
        if (from >= to) {
            block = null;
            return false;
        }
        start = from;
        index = to - 1;
        return true;
    }

    /** Skips the damaged block the walk is at, keeping the first damage. */
    private void skip(CorruptionException e) {
        if (failure == null) {
            failure = e;
        }
        block = null;
    }

    /** How many blocks were decoded so far (a block's last point served from the index does not count). */
    public int blocksDecoded() {
        return blocksDecoded;
    }

    /**
     * Before the first {@link #next()}: a time no value of the cursor is after, from the index alone (the end of the
     * last block in the range, or of the range); {@link Long#MIN_VALUE} if the range holds no block.
     */
    public long maxTimeBound() {
        long last = blocks.lastBlockMaxTime();
        return last == Long.MIN_VALUE ? last : Math.min(last, maxTime);
    }

    /** The first damaged block the cursor skipped, or null if every block it reached was intact. */
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
        return Double.longBitsToDouble(fromIndex ? indexBits : block.bits(index));
    }

    @Override
    public long longValue() {
        return fromIndex ? indexBits : block.bits(index);
    }

    @Override
    public boolean booleanValue() {
        return (fromIndex ? indexBits : block.bits(index)) != 0;
    }

    @Override
    public String stringValue() {
        return block.string(index);
    }
}
