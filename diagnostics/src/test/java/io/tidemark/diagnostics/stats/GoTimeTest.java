package io.tidemark.diagnostics.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class GoTimeTest {
    @Test
    void formatsLikeRfc3339NanoWithoutTrailingZeros() {
        assertThat(GoTime.format(Instant.parse("2024-03-04T05:06:07Z"))).isEqualTo("2024-03-04T05:06:07Z");
        assertThat(GoTime.format(Instant.parse("2024-03-04T05:06:07.120Z"))).isEqualTo("2024-03-04T05:06:07.12Z");
        assertThat(GoTime.format(Instant.parse("2024-03-04T05:06:07.000000001Z")))
                .isEqualTo("2024-03-04T05:06:07.000000001Z");
    }
}
