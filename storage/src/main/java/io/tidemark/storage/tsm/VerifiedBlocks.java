package io.tidemark.storage.tsm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Blocks of one file whose checksums a read has verified, remembered for the reads that answer from a block's index
 * entry: its last point ({@link TsmDescendingCursor}), its first ({@link TsmSeriesCursor}), its statistics
 * ({@link RangeSummary}). Such a read uses none of the block's bytes, and verifies the block only so that a damaged
 * block is skipped and reported as a read that decodes it would. Once the checksum has held, verifying it again at
 * every read of the latest points (a dashboard polling the last values of many series) was a sixth of the request's
 * CPU, and touched every such block's pages. Reads that decode a block verify it every time.
 *
 * <p>A fixed table of buckets of eight slots, a block's bucket chosen by a hash of its offset, a block evicting one of
 * a full bucket's: bounded whatever the reads. (With one slot a block, a third of the blocks of a read of latest
 * points shared their slot with another and were verified again at every read; with four, one in twenty-five.) A
 * slot holds the offset plus one (0 is empty), written only after that block's checksum held, so an answer of
 * "verified" is never wrong; an eviction costs a verification again. Thread-safe: slots are read and written whole
 * (opaque), and a race loses at most a remembered block.
 */
final class VerifiedBlocks {
    /** The most slots of one file's table (32 KB), whatever its keys: the table is a cache, not a record. */
    static final int MAX_SLOTS = 4096;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    /** Slots a bucket: 64 bytes, a cache line when the array's data is aligned. */
    private static final int BUCKET = 8;

    private final long[] slots;
    private final int mask;

    /** A table for a file of {@code keyCount} keys: twice as many slots (one latest block per key), within bounds. */
    static VerifiedBlocks forKeys(int keyCount) {
        int wanted = (int) Math.min(MAX_SLOTS, Math.max(16L, 2L * keyCount));
        return new VerifiedBlocks(Integer.highestOneBit(wanted - 1) << 1);
    }

    /** @param slots a power of two, at least a bucket's */
    VerifiedBlocks(int slots) {
        if (slots < BUCKET || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two of at least " + BUCKET + ", not " + slots);
        }
        this.slots = new long[slots];
        this.mask = slots - 1;
    }

    /** Whether the checksum of the block at {@code offset} was verified and is still remembered. */
    boolean contains(long offset) {
        long h = hash(offset);
        int bucket = bucket(h);
        long wanted = offset + 1;
        for (int i = bucket; i < bucket + BUCKET; i++) {
            if ((long) SLOT.getOpaque(slots, i) == wanted) {
                return true;
            }
        }
        return false;
    }

    /** Remembers the block at {@code offset}, whose checksum the caller has just verified. */
    void add(long offset) {
        long h = hash(offset);
        int bucket = bucket(h);
        long value = offset + 1;
        for (int i = bucket; i < bucket + BUCKET; i++) {
            long held = (long) SLOT.getOpaque(slots, i);
            if (held == 0 || held == value) {
                SLOT.setOpaque(slots, i, value);
                return;
            }
        }
        // A full bucket: the hash's low bits pick the slot to give up, the same for the same block.
        SLOT.setOpaque(slots, bucket + (int) (h & (BUCKET - 1)), value);
    }

    int capacity() {
        return slots.length;
    }

    /** Blocks lie hundreds or thousands of bytes apart: the bits are mixed so that their offsets spread out. */
    private static long hash(long offset) {
        return offset * 0x9E3779B97F4A7C15L;
    }

    private int bucket(long hash) {
        return (int) (hash >>> 40) & mask & -BUCKET;
    }
}
