package io.tidemark.storage.tsm;

import static io.tidemark.storage.tsm.TsmSegments.getInt;
import static io.tidemark.storage.tsm.TsmSegments.getLong;

import io.tidemark.common.FieldType;
import java.lang.foreign.MemorySegment;

/**
 * The 64-byte block entries of TSM versions 1 and 2: every field at a fixed place, absolute, no sum. Kept so that
 * files written by those versions stay readable; compactions rewrite them as version 3.
 *
 * <p>Immutable; thread-safe.
 */
final class FixedBlockEntries extends BlockEntries {
    static final int ENTRY_BYTES = 64;
    private static final int MIN_TIME = 0;
    private static final int MAX_TIME = 8;
    private static final int OFFSET = 16;
    private static final int SIZE = 24;
    private static final int COUNT = 28;
    private static final int MIN = 32;
    private static final int MAX = 40;
    private static final int FIRST = 48;
    private static final int LAST = 56;

    FixedBlockEntries(FieldType type, long firstEntry, int count) {
        super(type, firstEntry, count, ENTRY_BYTES);
    }

    @Override
    long minTime(MemorySegment s, long entry) {
        return getLong(s, entry + MIN_TIME);
    }

    @Override
    long maxTime(MemorySegment s, long entry) {
        return getLong(s, entry + MAX_TIME);
    }

    @Override
    long offset(MemorySegment s, long entry) {
        return getLong(s, entry + OFFSET);
    }

    @Override
    int size(MemorySegment s, long entry) {
        return getInt(s, entry + SIZE);
    }

    @Override
    int count(MemorySegment s, long entry) {
        return getInt(s, entry + COUNT);
    }

    @Override
    long minBits(MemorySegment s, long entry) {
        return getLong(s, entry + MIN);
    }

    @Override
    long maxBits(MemorySegment s, long entry) {
        return getLong(s, entry + MAX);
    }

    @Override
    long firstBits(MemorySegment s, long entry) {
        return getLong(s, entry + FIRST);
    }

    @Override
    long lastBits(MemorySegment s, long entry) {
        return getLong(s, entry + LAST);
    }

    @Override
    boolean hasSums() {
        return false;
    }

    @Override
    long sumBits(MemorySegment s, long entry) {
        throw new UnsupportedOperationException("TSM version 1 and 2 block entries hold no sums");
    }
}
