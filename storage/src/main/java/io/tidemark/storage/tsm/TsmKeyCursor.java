package io.tidemark.storage.tsm;

import io.tidemark.common.FieldType;

/**
 * Series fields of a TSM file in index order ((series key, field), bytewise), for compaction, listing and
 * diagnostics. Accessors are defined after {@link #next()} returned true. Not thread-safe.
 */
public final class TsmKeyCursor {
    private final TsmReader reader;
    private final TsmKeyEntry entry;
    private final int end;
    private int index;

    TsmKeyCursor(TsmReader reader, int from, int to) {
        this.reader = reader;
        this.entry = reader.newKeyEntry();
        this.index = from - 1;
        this.end = to;
    }

    public boolean next() {
        if (index + 1 >= end) {
            index = end;
            return false;
        }
        index++;
        reader.entryAt(index, entry);
        return true;
    }

    /** A copy of the series key. */
    public byte[] seriesKey() {
        return entry.seriesKey(reader.segment());
    }

    public String field() {
        return entry.field(reader.segment());
    }

    public FieldType type() {
        return entry.type;
    }

    public int blockCount() {
        return entry.blockCount;
    }

    public long minTimeNanos() {
        BlockEntries blocks = entry.blocks();
        return blocks.minTime(reader.segment(), blocks.entry(0));
    }

    public long maxTimeNanos() {
        BlockEntries blocks = entry.blocks();
        return blocks.maxTime(reader.segment(), blocks.entry(entry.blockCount - 1));
    }

    /** The blocks of the current series field with points in {@code [minTimeNanos, maxTimeNanos]}. */
    public TsmBlockCursor blocks(long minTimeNanos, long maxTimeNanos) {
        return new TsmBlockCursor(reader, entry, minTimeNanos, maxTimeNanos);
    }

    /** The points of the current series field in {@code [minTimeNanos, maxTimeNanos]}. */
    public TsmSeriesCursor read(long minTimeNanos, long maxTimeNanos) {
        return new TsmSeriesCursor(blocks(minTimeNanos, maxTimeNanos), entry.type, minTimeNanos, maxTimeNanos);
    }
}
