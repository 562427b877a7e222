package io.tidemark.query.expr;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.influxql.InfluxQLParser;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    private final Map<String, Object> row = new HashMap<>();

    private Object eval(String expr, boolean floatDivision) throws Exception {
        return new Evaluator(floatDivision).eval(InfluxQLParser.parseExpr(expr), r -> row.get(r.name()));
    }

    @Test
    void integerArithmeticStaysInteger() throws Exception {
        row.put("y", 7L);
        assertThat(eval("y + 1", true)).isEqualTo(8L);
        assertThat(eval("y % 4", true)).isEqualTo(3L);
        assertThat(eval("y & 3", true)).isEqualTo(3L);
        assertThat(eval("y | 8", true)).isEqualTo(15L);
        assertThat(eval("y ^ 1", true)).isEqualTo(6L);
    }

    @Test
    void divisionOfIntegersIsFloatInFieldsAndByZeroIsZero() throws Exception {
        row.put("y", 7L);
        assertThat(eval("y / 2", true)).isEqualTo(3.5);
        assertThat(eval("y / 2", false)).isEqualTo(3L);
        assertThat(eval("y / 0", true)).isEqualTo(0.0);
        assertThat(eval("y % 0", true)).isEqualTo(0L);
        row.put("x", 1.5);
        assertThat(eval("x / 0", true)).isEqualTo(0.0);
        assertThat(eval("x * y", true)).isEqualTo(10.5);
        assertThat(eval("-x", true)).isEqualTo(-1.5);
    }

    @Test
    void missingAndIncompatibleValues() throws Exception {
        row.put("s", "ok");
        assertThat(eval("missing > 1", false)).isEqualTo(false);
        assertThat(eval("missing != 1", false)).isEqualTo(false);
        assertThat(eval("missing + 1", true)).isNull();
        assertThat(eval("s + 1", true)).isNull();
        assertThat(eval("s < 'z'", false)).isEqualTo(false);
        assertThat(eval("s = 'ok'", false)).isEqualTo(true);
        assertThat(eval("s =~ /^o/", false)).isEqualTo(true);
        assertThat(eval("s !~ /^o/", false)).isEqualTo(false);
    }

    @Test
    void missingNextToABooleanIsFalse() throws Exception {
        row.put("up", true);
        assertThat(eval("missing = false", false)).isEqualTo(true);
        assertThat(eval("up = true AND missing = false", false)).isEqualTo(true);
        assertThat(eval("up OR missing", false)).isEqualTo(true);
    }

    @Test
    void mathFunctions() throws Exception {
        row.put("x", -2.5);
        row.put("n", -3L);
        assertThat(eval("round(x)", true)).isEqualTo(-3.0);
        assertThat(eval("abs(n)", true)).isEqualTo(3L);
        assertThat(eval("pow(2, 10)", true)).isEqualTo(1024.0);
        assertThat(eval("floor(n)", true)).isEqualTo(-3L);
        assertThat(eval("sqrt('a')", true)).isNull();
    }
}
