package io.tidemark.query.select;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.influxql.InfluxQLParser;
import io.tidemark.influxql.ast.SelectStatement;
import org.junit.jupiter.api.Test;

class ColumnNamesTest {
    private static java.util.List<String> columns(String q) throws Exception {
        SelectStatement s = (SelectStatement) InfluxQLParser.parseStatement(q);
        return ColumnNames.of("time", s.fields());
    }

    @Test
    void namesComeFromAliasesFunctionsAndVariables() throws Exception {
        assertThat(columns("SELECT used / 3, used * 2, mean(x) AS m, (a + b) * c FROM m"))
                .containsExactly("time", "used", "used_1", "m", "a_b_c");
    }

    @Test
    void aliasesAreReservedBeforeGeneratedNames() throws Exception {
        assertThat(columns("SELECT median(x), median(y), x AS median_1 FROM m"))
                .containsExactly("time", "median", "median_2", "median_1");
    }

    @Test
    void topAndBottomAddTheirTagArguments() throws Exception {
        assertThat(columns("SELECT top(usage, host, region, 2) FROM m"))
                .containsExactly("time", "top", "host", "region");
    }
}
