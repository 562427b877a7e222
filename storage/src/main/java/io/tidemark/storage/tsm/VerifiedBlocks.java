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
 * <p>A fixed table, one slot per block offset by hash, a later block evicting an earlier one: bounded whatever the
 * reads. A slot holds the offset plus one (0 is empty), written only after that block's checksum held, so an answer
 * of "verified" is never wrong; an eviction costs a verification again. Thread-safe: slots are read and written
 * whole (opaque), and a race loses at most a remembered block.
 */
final class VerifiedBlocks {
    /** The most slots of one file's table (32 KB), whatever its keys: the table is a cache, not a record. */
    static final int MAX_SLOTS = 4096;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] slots;
    private final int mask;

    /** A table for a file of {@code keyCount} keys: twice as many slots (one latest block per key), within bounds. */
    static VerifiedBlocks forKeys(int keyCount) {
        int wanted = (int) Math.min(MAX_SLOTS, Math.max(16L, 2L * keyCount));
        return new VerifiedBlocks(Integer.highestOneBit(wanted - 1) << 1);
    }

    /** @param slots a power of two */
    VerifiedBlocks(int slots) {
        if (slots <= 0 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two, not " + slots);
        }
        this.slots = new long[slots];
        this.mask = slots - 1;
    }

    /** Whether the checksum of the block at {@code offset} was verified and is still remembered. */
    boolean contains(long offset) {
        return (long) SLOT.getOpaque(slots, slot(offset)) == offset + 1;
    }

    /** Remembers the block at {@code offset}, whose checksum the caller has just verified. */
    void add(long offset) {
        SLOT.setOpaque(slots, slot(offset), offset + 1);
    }

    int capacity() {
        return slots.length;
    }

    private int slot(long offset) {
        // Blocks lie hundreds or thousands of bytes apart: mix the bits so that their offsets spread over the table.
        long h = offset * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }
}
