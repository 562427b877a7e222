package io.tidemark.server.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CollectionTargetTest {
    private static final long MB = 1 << 20;

    @Test
    void asksOnceThePassingOfTwiceTheLiveSizeAndNotAgainUntilTheFullCollection() {
        CollectionTarget t = new CollectionTarget(32 * MB);
        assertThat(t.afterYoungCollection(32 * MB)).as("at the floor").isFalse();
        assertThat(t.afterYoungCollection(33 * MB)).as("past the floor before any full collection").isTrue();
        assertThat(t.afterYoungCollection(40 * MB)).as("asked already").isFalse();
        t.afterFullCollection(25 * MB);
        assertThat(t.targetBytes()).isEqualTo(50 * MB);
        assertThat(t.afterYoungCollection(50 * MB)).isFalse();
        assertThat(t.afterYoungCollection(51 * MB)).isTrue();
        t.afterFullCollection(5 * MB);
        assertThat(t.targetBytes()).as("never below the floor").isEqualTo(32 * MB);
        assertThat(t.afterYoungCollection(31 * MB)).isFalse();
    }

    @Test
    void aFloorMustBePositive() {
        assertThatThrownBy(() -> new CollectionTarget(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
