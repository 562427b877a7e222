package io.tidemark.query.expr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InfluxExprTextTest {
    @Test
    void floatLiteralsHaveThreeDecimalsRoundedLikeGo() {
        assertThat(InfluxExprText.number(95.5)).isEqualTo("95.500");
        assertThat(InfluxExprText.number(2)).isEqualTo("2.000");
        assertThat(InfluxExprText.number(1.23456)).isEqualTo("1.235");
        // Go rounds the exact binary value: 0.0005 and 0.0025 lie a little above their halfway points.
        assertThat(InfluxExprText.number(0.0005)).isEqualTo("0.001");
        assertThat(InfluxExprText.number(0.0025)).isEqualTo("0.003");
        // 1.0005 lies a little below its halfway point: it rounds down, where decimal half-up would not.
        assertThat(InfluxExprText.number(1.0005)).isEqualTo("1.000");
        assertThat(InfluxExprText.number(-0.0)).isEqualTo("-0.000");
        assertThat(InfluxExprText.number(1e21)).isEqualTo("1000000000000000000000.000");
        assertThat(InfluxExprText.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    }
}
