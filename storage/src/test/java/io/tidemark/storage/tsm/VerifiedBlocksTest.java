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
    void theLatestBlocksOfAFileOfAsManyKeysAreRemembered() {
        // A read of the latest points of every key verifies one block a key: the blocks of a file of 1,000 keys,
        // 1,500 to 4,000 bytes apart (fixed, so the outcome is too), in a table made for it.
        VerifiedBlocks v = VerifiedBlocks.forKeys(1_000);
        SplittableRandom rnd = new SplittableRandom(42);
        long[] offsets = new long[1_000];
        long at = 5;
        for (int i = 0; i < offsets.length; i++) {
            at += 1_500 + rnd.nextInt(2_500);
            offsets[i] = at;
            v.add(at);
        }
        int remembered = 0;
        for (long o : offsets) {
            remembered += v.contains(o) ? 1 : 0;
        }
        assertThat(remembered).as("remembered of 1,000").isGreaterThanOrEqualTo(980);
    }

    @Test
    void theTableFollowsTheKeysOfTheFileWithinBounds() {
        assertThat(VerifiedBlocks.forKeys(0).capacity()).isEqualTo(16);
        assertThat(VerifiedBlocks.forKeys(1_000).capacity()).isEqualTo(2_048);
        assertThat(VerifiedBlocks.forKeys(1_024).capacity()).isEqualTo(2_048);
        assertThat(VerifiedBlocks.forKeys(1_025).capacity()).isEqualTo(4_096);
        assertThat(VerifiedBlocks.forKeys(Integer.MAX_VALUE).capacity()).isEqualTo(VerifiedBlocks.MAX_SLOTS);
        assertThatThrownBy(() -> new VerifiedBlocks(100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VerifiedBlocks(2)).isInstanceOf(IllegalArgumentException.class);
    }
}
