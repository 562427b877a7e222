package io.tidemark.query.expr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MathFunctionsTest {

    @Test
    void log2IsGosExponentPlusLogOfTheFraction() {
        // InfluxDB 1.6.7 answers 6.266786540694901 for log2(77); ln(77) / ln(2) gives 6.266786540694902.
        assertThat(MathFunctions.log2(77)).isEqualTo(6.266786540694901);
        assertThat(MathFunctions.log2(8)).isEqualTo(3.0);
        assertThat(MathFunctions.log2(0.25)).isEqualTo(-2.0);
        assertThat(MathFunctions.log2(Double.MIN_VALUE)).isEqualTo(-1074.0);
        assertThat(MathFunctions.log2(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(MathFunctions.log2(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(MathFunctions.log2(-1)).isNaN();
        assertThat(MathFunctions.apply("log2", new Object[] {77L})).isEqualTo(6.266786540694901);
        // Go: Log(x) * (1/Ln10) over fdlibm's log; InfluxDB 1.6.7 answers these for log10(32.383) and ln(32.383).
        assertThat(MathFunctions.apply("log10", new Object[] {32.383})).isEqualTo(1.5103170798433434);
        assertThat(MathFunctions.apply("ln", new Object[] {32.383})).isEqualTo(3.4776335937415803);
    }
}
