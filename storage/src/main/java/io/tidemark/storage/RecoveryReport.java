package io.tidemark.storage;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Store#open} found while replaying the WALs. Immutable.
 *
 * @param entriesReplayed WAL entries applied to the caches
 * @param truncatedSegments segments whose torn tail (an entry cut short or half-written by a crash) was cut off
 * @param corruptions corrupt entries in the middle of a segment; the rest of each such segment was skipped and the
 *     file left as it was for inspection
 */
public record RecoveryReport(long entriesReplayed, List<Path> truncatedSegments, List<CorruptionException> corruptions) {
    public RecoveryReport {
        truncatedSegments = List.copyOf(truncatedSegments);
        corruptions = List.copyOf(corruptions);
    }

    /** Whether every segment replayed to its end. */
    public boolean isClean() {
        return corruptions.isEmpty();
    }
}
