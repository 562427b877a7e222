package io.tidemark.storage.index;

import io.tidemark.storage.CorruptionException;
import java.util.List;

/**
 * What opening a series index found on disk. Immutable.
 *
 * @param snapshotLoaded whether a snapshot was loaded
 * @param logRecords log records replayed on top of it
 * @param truncatedTail whether a torn tail was cut off the log (normal after a crash)
 * @param corruptions damage found in the log: the records after it were not read (their series come back from
 *     the WAL with new ids), the file was set aside with the {@link SeriesIndexFormat#CORRUPT_SUFFIX} suffix, and
 *     the ids it may have held are not assigned again
 */
public record IndexRecovery(boolean snapshotLoaded, long logRecords, boolean truncatedTail,
        List<CorruptionException> corruptions) {
    public IndexRecovery {
        corruptions = List.copyOf(corruptions);
    }
}
