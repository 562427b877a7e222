package io.tidemark.query.series;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.influxql.InfluxQLParser;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TagConditionTest {
    private static final SeriesKey H1 = SeriesKeyParser.parse("cpu,host=h1,region=east".getBytes(StandardCharsets.UTF_8));
    private static final SeriesKey NO_HOST = SeriesKeyParser.parse("cpu,region=west".getBytes(StandardCharsets.UTF_8));

    private static TagCondition.Result test(String where, SeriesKey s) throws Exception {
        return new TagCondition(InfluxQLParser.parseExpr(where), Set.of("usage")).test(s);
    }

    @Test
    void tagComparisonsAreDecidedByTheSeries() throws Exception {
        assertThat(test("host = 'h1'", H1)).isEqualTo(TagCondition.Result.TRUE);
        assertThat(test("host = 'h2'", H1)).isEqualTo(TagCondition.Result.FALSE);
        assertThat(test("host =~ /^h/ AND region != 'west'", H1)).isEqualTo(TagCondition.Result.TRUE);
        assertThat(test("host !~ /1/", H1)).isEqualTo(TagCondition.Result.FALSE);
    }

    @Test
    void aMissingTagIsTheEmptyString() throws Exception {
        assertThat(test("host != 'h1'", NO_HOST)).isEqualTo(TagCondition.Result.TRUE);
        assertThat(test("host = ''", NO_HOST)).isEqualTo(TagCondition.Result.TRUE);
        assertThat(test("host = 'h1'", NO_HOST)).isEqualTo(TagCondition.Result.FALSE);
    }

    @Test
    void fieldComparisonsAreLeftToTheRows() throws Exception {
        assertThat(test("usage > 5", H1)).isEqualTo(TagCondition.Result.UNKNOWN);
        assertThat(test("usage > 5 AND host = 'h2'", H1)).isEqualTo(TagCondition.Result.FALSE);
        assertThat(test("usage > 5 OR host = 'h1'", H1)).isEqualTo(TagCondition.Result.TRUE);
        assertThat(test("usage > 5 OR host = 'h2'", H1)).isEqualTo(TagCondition.Result.UNKNOWN);
        assertThat(test("usage::tag = 'x'", H1)).isEqualTo(TagCondition.Result.FALSE);
    }

    @Test
    void nameIsTheMeasurement() throws Exception {
        assertThat(test("_name = 'cpu'", H1)).isEqualTo(TagCondition.Result.TRUE);
        assertThat(test("_name =~ /^m/", H1)).isEqualTo(TagCondition.Result.FALSE);
    }
}
