package io.tidemark.storage.tsm;

/**
 * What tombstones delete from each input of a merge ({@link TsmMerger}), as normalised time ranges
 * ({@link io.tidemark.storage.tombstone.TimeRanges}). Implementations must be safe to call from the merging thread
 * and must not change their answer during a merge.
 */
@FunctionalInterface
public interface DeletedRanges {
    /** Nothing is deleted. */
    DeletedRanges NONE = (input, seriesKey, field) -> null;

    /**
     * The normalised time ranges deleted from {@code (seriesKey, field)} in input number {@code input} (0 is the
     * oldest), or null if none. The merger neither keeps nor changes the array past the key it asked for.
     */
    long[] deleted(int input, byte[] seriesKey, String field);
}
