package io.tidemark.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GoJsonNumberTest {
    @Test
    void aDecimalPointMakesAFloatAndAnythingElseAnInteger() {
        assertThat(new GoJsonNumber("10").value()).isEqualTo(10L);
        assertThat(new GoJsonNumber("-0").value()).isEqualTo(0L);
        assertThat(new GoJsonNumber("-9223372036854775808").value()).isEqualTo(Long.MIN_VALUE);
        assertThat(new GoJsonNumber("10.0").value()).isEqualTo(10.0);
        assertThat(new GoJsonNumber("1.5e3").value()).isEqualTo(1500.0);
        assertThat(new GoJsonNumber("0.1").value()).isEqualTo(0.1);
    }

    @Test
    void failsAsGosStrconvFails() {
        assertThatThrownBy(() -> new GoJsonNumber("1e3").value())
                .hasMessage("strconv.ParseInt: parsing \"1e3\": invalid syntax");
        assertThatThrownBy(() -> new GoJsonNumber("9223372036854775808").value())
                .hasMessage("strconv.ParseInt: parsing \"9223372036854775808\": value out of range");
        assertThatThrownBy(() -> new GoJsonNumber("1.5e999").value())
                .hasMessage("strconv.ParseFloat: parsing \"1.5e999\": value out of range");
        assertThatThrownBy(() -> new GoJsonNumber("-1.0e99999999999").value())
                .hasMessage("strconv.ParseFloat: parsing \"-1.0e99999999999\": value out of range");
    }

    @Test
    void anUnderflowIsZeroAsInGo() {
        assertThat(new GoJsonNumber("1.0e-400").value()).isEqualTo(0.0);
        assertThat(new GoJsonNumber("-1.0e-99999999999").value()).isEqualTo(-0.0);
        assertThat(new GoJsonNumber("0.0e99999999999").value()).isEqualTo(0.0);
    }
}
