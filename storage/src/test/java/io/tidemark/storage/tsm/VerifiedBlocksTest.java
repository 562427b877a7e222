package io.tidemark.storage.tsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VerifiedBlocksTest {
    private static final long SEED = new SplittableRandom().nextLong();

    @Test
    void aBlockIsVerifiedOnlyIfAddedAndTheLastAddedIsAlwaysRemembered() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        VerifiedBlocks v = new VerifiedBlocks(64);
        Set<Long> added = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            // Offsets of blocks (a few hundred bytes apart) and some arbitrary ones, 0 included.
            long offset = rnd.nextInt(4) == 0 ? rnd.nextLong(0, Long.MAX_VALUE - 1) : 16 + 300L * rnd.nextInt(2_000);
            if (rnd.nextBoolean()) {
                v.add(offset);
                added.add(offset);
                assertThat(v.contains(offset)).as("seed %d: just added %d", SEED, offset).isTrue();
            } else if (v.contains(offset)) {
                assertThat(added).as("seed %d: %d is remembered but was never added", SEED, offset)
                        .contains(offset);
            }
        }
        assertThat(new VerifiedBlocks(16).contains(0)).as("an empty slot is no block at offset 0").isFalse();
    }

    @Test
    void theTableFollowsTheKeysOfTheFileWithinBounds() {
        assertThat(VerifiedBlocks.forKeys(0).capacity()).isEqualTo(16);
        assertThat(VerifiedBlocks.forKeys(1_000).capacity()).isEqualTo(2_048);
        assertThat(VerifiedBlocks.forKeys(1_024).capacity()).isEqualTo(2_048);
        assertThat(VerifiedBlocks.forKeys(1_025).capacity()).isEqualTo(4_096);
        assertThat(VerifiedBlocks.forKeys(Integer.MAX_VALUE).capacity()).isEqualTo(VerifiedBlocks.MAX_SLOTS);
        assertThatThrownBy(() -> new VerifiedBlocks(100)).isInstanceOf(IllegalArgumentException.class);
    }
}
