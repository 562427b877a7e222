package io.tidemark.diagnostics.watchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WatchdogConfigTest {
    @Test
    void defaultsAreValid() {
        WatchdogConfig d = WatchdogConfig.defaults();
        assertThat(d.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.lockWaitThreshold()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void rejectsNonPositiveDurationsAndAWindowShorterThanTheInterval() {
        assertThatThrownBy(() -> new WatchdogConfig(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), 1,
                Duration.ofSeconds(1))).hasMessage("interval must be positive, got PT0S");
        assertThatThrownBy(() -> new WatchdogConfig(Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), 0, Duration.ofSeconds(1)))
                .hasMessage("thread growth threshold must be at least 1, got 0");
        assertThatThrownBy(() -> new WatchdogConfig(Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1, Duration.ofSeconds(5)))
                .hasMessage("thread growth window (PT5S) must be at least the interval (PT10S)");
    }
}
