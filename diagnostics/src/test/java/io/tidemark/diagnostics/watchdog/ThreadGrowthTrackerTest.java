package io.tidemark.diagnostics.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThreadGrowthTrackerTest {
    private final Instant t0 = Instant.parse("2024-03-04T05:00:00Z");

    @Test
    void measuresGrowthFromTheLowestCountInTheWindow() {
        ThreadGrowthTracker tracker = new ThreadGrowthTracker(Duration.ofSeconds(60));

        assertThat(tracker.update(t0, 100).threads()).isZero();
        assertThat(tracker.update(t0.plusSeconds(10), 90).threads()).isZero();
        assertThat(tracker.update(t0.plusSeconds(20), 400).threads()).isEqualTo(310);
        ThreadGrowthTracker.Growth g = tracker.update(t0.plusSeconds(30), 450);
        assertThat(g.threads()).isEqualTo(360);
        assertThat(g.lowestAt()).isEqualTo(t0.plusSeconds(10));
    }

    @Test
    void aCountThatHeldSteadyForAWholeWindowIsNoLongerGrowth() {
        ThreadGrowthTracker tracker = new ThreadGrowthTracker(Duration.ofSeconds(60));
        tracker.update(t0, 100);
        tracker.update(t0.plusSeconds(30), 500);

        assertThat(tracker.update(t0.plusSeconds(60), 500).threads()).isEqualTo(400);
        assertThat(tracker.update(t0.plusSeconds(91), 500).threads()).isZero();
    }
}
