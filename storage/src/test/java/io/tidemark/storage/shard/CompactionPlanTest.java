package io.tidemark.storage.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.tombstone.Tombstone;
import io.tidemark.storage.tombstone.TombstoneSet;
import io.tidemark.storage.tombstone.TombstoneTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompactionPlanTest {
    private static final int PER_LEVEL = 4;

    /** Files of the given levels, one generation each, oldest first (the plan reads only identities). */
    private static List<TsmFile> files(int... levels) {
        List<TsmFile> out = new ArrayList<>();
        long seq = 1;
        for (int level : levels) {
            out.add(new TsmFile(null, seq, seq, level));
            seq++;
        }
        return out;
    }

    private static Optional<CompactionPlan> plan(List<TsmFile> files, boolean cold) {
        return CompactionPlan.plan(files, TombstoneSet.EMPTY, cold, PER_LEVEL);
    }

    @Test
    void aRunOfFilesOfOneLevelGoesUpOneLevel() {
        CompactionPlan p = plan(files(1, 1, 1, 1, 1), false).orElseThrow();
        assertThat(p.full()).isFalse();
        assertThat(p.inputs()).hasSize(5);
        assertThat(p.outputLevel()).isEqualTo(2);
        assertThat(plan(files(2, 1, 1, 1), false)).as("too short a run").isEmpty();
        CompactionPlan top = plan(files(4, 4, 4, 4), false).orElseThrow();
        assertThat(top.outputLevel()).as("level 4 files merge among themselves").isEqualTo(4);
        assertThat(top.full()).isFalse();
    }

    @Test
    void aColdShardIsCompactedFullyOnceEvenFromOneFile() {
        CompactionPlan many = plan(files(4, 2, 1), true).orElseThrow();
        assertThat(many.full()).isTrue();
        assertThat(many.outputLevel()).isEqualTo(CompactionPlan.FULL_LEVEL);
        // One file a level compaction wrote is not fully compacted: its blocks are not those of cold data.
        CompactionPlan one = plan(files(2), true).orElseThrow();
        assertThat(one.full()).isTrue();
        assertThat(one.outputLevel()).isEqualTo(CompactionPlan.FULL_LEVEL);
        assertThat(plan(files(CompactionPlan.FULL_LEVEL), true)).as("already fully compacted").isEmpty();
        assertThat(plan(files(CompactionPlan.FULL_LEVEL), false)).isEmpty();
        assertThat(plan(files(2), false)).isEmpty();
    }

    @Test
    void newFilesOfAFullyCompactedShardAreLevelCompactedThenMergedWithItWhenCold() {
        CompactionPlan warm = plan(files(CompactionPlan.FULL_LEVEL, 1, 1, 1, 1), false).orElseThrow();
        assertThat(warm.full()).isFalse();
        assertThat(warm.inputs()).hasSize(4);
        assertThat(warm.outputLevel()).isEqualTo(2);
        CompactionPlan cold = plan(files(CompactionPlan.FULL_LEVEL, 2), true).orElseThrow();
        assertThat(cold.full()).isTrue();
        assertThat(cold.inputs()).hasSize(2);
        assertThat(cold.outputLevel()).isEqualTo(CompactionPlan.FULL_LEVEL);
    }

    @Test
    void tombstonesAreAppliedByAFullCompactionUnderANewName() {
        TombstoneSet tombstones = TombstoneSet.of(List.of(new Tombstone(1, TombstoneTarget.measurement("cpu"), null, 0, 10)));
        CompactionPlan p = CompactionPlan.plan(files(CompactionPlan.FULL_LEVEL), tombstones, false, PER_LEVEL)
                .orElseThrow();
        assertThat(p.full()).isTrue();
        assertThat(p.outputLevel()).isEqualTo(CompactionPlan.FULL_LEVEL + 1);
        CompactionPlan fromLevel = CompactionPlan.plan(files(1), tombstones, false, PER_LEVEL).orElseThrow();
        assertThat(fromLevel.outputLevel()).isEqualTo(CompactionPlan.FULL_LEVEL);
        assertThat(plan(List.of(), true)).isEmpty();
    }
}
