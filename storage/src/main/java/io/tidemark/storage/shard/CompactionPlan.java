package io.tidemark.storage.shard;

import io.tidemark.storage.tombstone.TombstoneSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which files of a shard to merge next, and into which level. The strategy (InfluxDB's, simplified):
 * <ol>
 * <li>Tombstones waiting, or the shard cold for {@code compact-full-write-cold-duration} and not fully compacted
 *     (more than one file, or one that a full compaction did not write): a <em>full</em> compaction of every file
 *     into one (which applies the tombstones, so they can be dropped), of level {@link #FULL_LEVEL} or more, written
 *     in the larger, day-aligned blocks of cold data ({@link ShardSettings#fullCompactionPointsPerBlock()}).</li>
 * <li>Otherwise a <em>level</em> compaction: the oldest run of at least {@code perLevel} adjacent files of one level
 *     (1 to 3), at most {@code 2 * perLevel} of them, into one file of the next level; level-4 files are merged
 *     among themselves the same way. Files of full compactions are merged only by the next full compaction.</li>
 * </ol>
 * Only adjacent files (in generation order) are merged, so a merged file never spans a generation another file
 * holds, which keeps "newest wins" a matter of file order. Immutable.
 */
record CompactionPlan(List<TsmFile> inputs, int outputLevel, boolean full) {
    /** The highest level of level compactions. */
    static final int TOP_LEVEL = 4;
    /** The level of a full compaction's output (higher for a file rewritten again to apply tombstones). */
    static final int FULL_LEVEL = 5;

    long firstSeq() {
        return inputs.getFirst().firstSeq();
    }

    long lastSeq() {
        return inputs.getLast().lastSeq();
    }

    static Optional<CompactionPlan> plan(List<TsmFile> files, TombstoneSet tombstones, boolean cold, int perLevel) {
        if (files.isEmpty()) {
            return Optional.empty();
        }
        boolean fullyCompacted = files.size() == 1 && files.getFirst().level() >= FULL_LEVEL;
        if (!tombstones.isEmpty() || (cold && !fullyCompacted)) {
            int level = FULL_LEVEL;
            for (TsmFile f : files) {
                level = Math.max(level, f.level());
            }
            // A single full compaction's file rewritten to apply tombstones gets the next level, so that its name
            // differs.
            if (fullyCompacted) {
                level = Math.min(99, level + 1);
            }
            return Optional.of(new CompactionPlan(files, level, true));
        }
        int i = 0;
        while (i < files.size()) {
            int level = files.get(i).level();
            int j = i;
            while (j < files.size() && files.get(j).level() == level) {
                j++;
            }
            if (j - i >= perLevel && level <= TOP_LEVEL) {
                List<TsmFile> run = new ArrayList<>(files.subList(i, Math.min(j, i + 2 * perLevel)));
                return Optional.of(new CompactionPlan(run, Math.min(TOP_LEVEL, level + 1), false));
            }
            i = j;
        }
        return Optional.empty();
    }
}
