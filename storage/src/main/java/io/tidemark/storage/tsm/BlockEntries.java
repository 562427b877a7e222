package io.tidemark.storage.tsm;

import io.tidemark.common.FieldType;
import java.lang.foreign.MemorySegment;

/**
 * Where the block entries of one key entry are and how to read their fields: entry {@code i} is the
 * {@link #entryBytes()} bytes at {@link #entry(int)}, so a reader binary-searches a key's blocks by time in the mapped
 * file. Version 3 files pack the entries of each key ({@link PackedBlockEntries}); versions 1 and 2 wrote 64-byte
 * entries ({@link FixedBlockEntries}). Values are bits as blocks keep them ({@link TsmValues}).
 *
 * <p>Immutable; thread-safe.
 */
abstract sealed class BlockEntries permits FixedBlockEntries, PackedBlockEntries {
    final FieldType type;
    final long firstEntry;
    final int count;
    final int entryBytes;

    BlockEntries(FieldType type, long firstEntry, int count, int entryBytes) {
        this.type = type;
        this.firstEntry = firstEntry;
        this.count = count;
        this.entryBytes = entryBytes;
    }

    /** Where block entry {@code i} starts. */
    final long entry(int i) {
        return firstEntry + (long) i * entryBytes;
    }

    /** Just past the last entry. */
    final long end() {
        return firstEntry + (long) count * entryBytes;
    }

    abstract long minTime(MemorySegment s, long entry);

    abstract long maxTime(MemorySegment s, long entry);

    abstract long offset(MemorySegment s, long entry);

    abstract int size(MemorySegment s, long entry);

    abstract int count(MemorySegment s, long entry);

    abstract long minBits(MemorySegment s, long entry);

    abstract long maxBits(MemorySegment s, long entry);

    abstract long firstBits(MemorySegment s, long entry);

    abstract long lastBits(MemorySegment s, long entry);

    /** Whether entries hold the sum of their block's values ({@link #sumBits}). */
    abstract boolean hasSums();

    /** The sum of the block's values, in the arithmetic of {@link TsmValues#add}; only if {@link #hasSums()}. */
    abstract long sumBits(MemorySegment s, long entry);
}
