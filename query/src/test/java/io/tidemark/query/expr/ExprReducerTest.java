package io.tidemark.query.expr;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.influxql.InfluxQLParser;
import org.junit.jupiter.api.Test;

/** InfluxQL's Reduce with the math valuer (floats print with the shortest digits here, three decimals in 1.8). */
class ExprReducerTest {

    private static String reduced(String expr) throws Exception {
        return ExprReducer.reduce(InfluxQLParser.parseExpr(expr)).toString();
    }

    @Test
    void literalArithmeticIsFoldedWithInfluxQlsTypes() throws Exception {
        assertThat(reduced("1 + 2")).isEqualTo("3");
        assertThat(reduced("usage / (1024 * 1024)")).isEqualTo("usage / 1048576");
        assertThat(reduced("10 / 4 * usage")).isEqualTo("2.5 * usage");
        assertThat(reduced("usage + 1.5 * 2")).isEqualTo("usage + 3.0");
        assertThat(reduced("7 % 3 + usage")).isEqualTo("1 + usage");
        // Dividing by zero gives 0, for integers as for floats, and an integer remainder by zero too.
        assertThat(reduced("usage / (4 - 4)")).isEqualTo("usage / 0");
        assertThat(reduced("usage * (4 / 0)")).isEqualTo("usage * 0.0");
        assertThat(reduced("usage * (5 % 0)")).isEqualTo("usage * 0");
        assertThat(reduced("6 & 3 | 8")).isEqualTo("10");
        assertThat(reduced("'a' + 'b'")).isEqualTo("'ab'");
        assertThat(reduced("2 > 1")).isEqualTo("true");
    }

    @Test
    void mathFunctionsOfLiteralsAreComputedAndParenthesesDropped() throws Exception {
        assertThat(reduced("pow(2, 3) * usage")).isEqualTo("8.0 * usage");
        assertThat(reduced("round(2.5) + usage")).isEqualTo("3.0 + usage");
        assertThat(reduced("abs(-4)")).isEqualTo("4");
        assertThat(reduced("(usage)")).isEqualTo("usage");
        assertThat(reduced("((usage + 1)) * 2")).isEqualTo("(usage + 1) * 2");
        assertThat(reduced("abs(usage) * (2)")).isEqualTo("abs(usage) * 2");
        // A call that is not a math function keeps its (reduced) arguments.
        assertThat(reduced("mean(usage * (1 + 1))")).isEqualTo("mean(usage * 2)");
    }

    @Test
    void booleanLiteralsSimplifyAndOr() throws Exception {
        assertThat(reduced("host = 'a' AND true")).isEqualTo("host = 'a'");
        assertThat(reduced("false OR host = 'a'")).isEqualTo("host = 'a'");
        assertThat(reduced("host = 'a' AND 1 > 2")).isEqualTo("false");
        assertThat(reduced("host = 'a' OR 1 < 2")).isEqualTo("true");
        assertThat(reduced("host = 'h' + '0'")).isEqualTo("host = 'h0'");
    }

    @Test
    void durationsFoldAndTimesAreLeftToTheTimeCondition() throws Exception {
        assertThat(reduced("30m + 30m")).isEqualTo("1h");
        assertThat(reduced("1h * 2")).isEqualTo("2h");
        assertThat(reduced("time > now() - (30m * 2)")).isEqualTo("time > now() - 1h");
        assertThat(reduced("time > '2021-03-02T00:00:00Z' + 1h")).isEqualTo("time > '2021-03-02T00:00:00Z' + 1h");
    }
}
