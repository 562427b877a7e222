package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.result.Series;
import io.tidemark.common.result.StatementResult;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultJsonWriterTest {
    private final ResultJsonWriter writer = new ResultJsonWriter();

    private String write(List<StatementResult> results, String epoch) {
        return new String(writer.write(results, EpochFormat.of(epoch), false), StandardCharsets.UTF_8);
    }

    @Test
    void writesInfluxDbFieldOrderAndOmissions() {
        Series s = new Series("cpu", Map.of("host", "a"), List.of("time", "v", "s", "b", "n"),
                List.of(Arrays.asList(1_614_816_000_000_000_000L, 2.0, "x", true, null)), false);
        assertThat(write(List.of(StatementResult.of(0, List.of(s)), StatementResult.error(1, "boom")), null))
                .isEqualTo("{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"cpu\",\"tags\":{\"host\":\"a\"},"
                        + "\"columns\":[\"time\",\"v\",\"s\",\"b\",\"n\"],\"values\":[[\"2021-03-04T00:00:00Z\",2,\"x\","
                        + "true,null]]}]},{\"statement_id\":1,\"error\":\"boom\"}]}\n");
    }

    @Test
    void escapesStringsAsInfluxDbsGoEncoderDoes() {
        // Recorded from influxd 1.6.7: a string field holding these characters, and a tag holding <, & and >.
        Series s = new Series("esc", Map.of("t<&>", "a<b&c>d"), List.of("time", "f"),
                List.of(List.of(0L, "a\u0001b\bc\u001bd\fe\u007ff\u2028g\u2029\n\r\t\"\\")), false);
        assertThat(write(List.of(StatementResult.of(0, List.of(s))), "ns")).isEqualTo(
                "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"esc\",\"tags\":{\"t\\u003c\\u0026\\u003e\":"
                        + "\"a\\u003cb\\u0026c\\u003ed\"},\"columns\":[\"time\",\"f\"],\"values\":[[0,"
                        + "\"a\\u0001b\\u0008c\\u001bd\\u000ce\u007ff\\u2028g\\u2029\\n\\r\\t\\\"\\\\\"]]}]}]}\n");
        assertThat(new String(writer.error("unable to bind parameter with type <nil>"), StandardCharsets.UTF_8))
                .isEqualTo("{\"error\":\"unable to bind parameter with type \\u003cnil\\u003e\"}\n");
    }

    @Test
    void writesCharactersBeyondAsciiAsUtf8AndAnUnpairedSurrogateAsGoWritesAnInvalidByte() {
        Series s = Series.of("m\u00e9", List.of("time", "f"), List.of(List.of(0L, "\u20ac\uD83D\uDE00x\uD83Dy\uDE00")));
        assertThat(writer.write(List.of(StatementResult.of(0, List.of(s))), EpochFormat.of("s"), false)).isEqualTo(
                ("{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"m\u00e9\",\"columns\":[\"time\",\"f\"],"
                        + "\"values\":[[0,\"\u20ac\uD83D\uDE00x\\ufffdy\\ufffd\"]]}]}]}\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesMessagesPartialFlagsAndASeriesWithNothingToShow() {
        StatementResult r = new StatementResult(3, List.of(new Series(null, Map.of(), List.of(), List.of(), true,
                null, -1), new Series("", Map.of(), List.of(), List.of(), false, null, -1)),
                List.of(new StatementResult.Message("warning", "deprecated")), null, true);
        assertThat(write(List.of(r), null)).isEqualTo("{\"results\":[{\"statement_id\":3,\"series\":[{\"partial\":true},"
                + "{}],\"messages\":[{\"level\":\"warning\",\"text\":\"deprecated\"}],\"partial\":true}]}\n");
    }

    @Test
    void prettyKeepsEmptyObjectsCompactAndLeavesStringsAlone() {
        StatementResult r = StatementResult.of(0, List.of(new Series("a,b:{[", Map.of(), List.of(), List.of(), false,
                null, -1)));
        assertThat(new String(writer.write(List.of(r), EpochFormat.of(null), true), StandardCharsets.UTF_8))
                .isEqualTo("""
                        {
                            "results": [
                                {
                                    "statement_id": 0,
                                    "series": [
                                        {
                                            "name": "a,b:{["
                                        }
                                    ]
                                }
                            ]
                        }
                        """);
        assertThat(new String(writer.write(List.of(StatementResult.of(0, List.of(new Series(null, Map.of(), List.of(),
                List.of(), false, null, -1)))), EpochFormat.of(null), true), StandardCharsets.UTF_8))
                .contains("\"series\": [\n                {}\n            ]");
    }

    @Test
    void noStatementsIsAnEmptyObjectAsInGo() {
        assertThat(write(List.of(), null)).isEqualTo("{}\n");
    }

    @Test
    void prettyOutputIsGosMarshalIndent() {
        Series s = Series.of("m", List.of("time", "v"), List.of(List.of(0L, 1L)));
        assertThat(new String(writer.write(List.of(StatementResult.of(0, List.of(s))), EpochFormat.of(null), true),
                StandardCharsets.UTF_8)).isEqualTo("""
                {
                    "results": [
                        {
                            "statement_id": 0,
                            "series": [
                                {
                                    "name": "m",
                                    "columns": [
                                        "time",
                                        "v"
                                    ],
                                    "values": [
                                        [
                                            "1970-01-01T00:00:00Z",
                                            1
                                        ]
                                    ]
                                }
                            ]
                        }
                    ]
                }
                """);
    }

    @Test
    void epochParameterTurnsTimesIntoIntegers() {
        Series s = Series.of("m", List.of("time", "v"), List.of(List.of(1_614_816_000_123_000_000L, 1L)));
        assertThat(write(List.of(StatementResult.of(0, List.of(s))), "ms")).contains("[[1614816000123,1]]");
        assertThat(write(List.of(StatementResult.of(0, List.of(s))), "s")).contains("[[1614816000,1]]");
        assertThat(write(List.of(StatementResult.of(0, List.of(s))), "ns")).contains("[[1614816000123000000,1]]");
        assertThat(write(List.of(StatementResult.of(0, List.of(s))), null)).contains("\"2021-03-04T00:00:00.123Z\"");
    }

    @Test
    void rfc3339TrimsTrailingZerosAndHandlesNegativeTimes() {
        assertThat(EpochFormat.rfc3339(0)).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(EpochFormat.rfc3339(1)).isEqualTo("1970-01-01T00:00:00.000000001Z");
        assertThat(EpochFormat.rfc3339(-1)).isEqualTo("1969-12-31T23:59:59.999999999Z");
        assertThat(EpochFormat.rfc3339(500_000_000)).isEqualTo("1970-01-01T00:00:00.5Z");
    }

    @Test
    void rfc3339InATimeZoneCarriesItsOffset() {
        long t = 1_572_764_400_000_000_000L; // 2019-11-03T07:00:00Z, after the US DST change
        assertThat(EpochFormat.rfc3339(t, java.time.ZoneId.of("America/Chicago"))).isEqualTo("2019-11-03T01:00:00-06:00");
        assertThat(EpochFormat.rfc3339(t - 3_600_000_000_000L * 6, java.time.ZoneId.of("America/Chicago")))
                .isEqualTo("2019-11-02T20:00:00-05:00");
        assertThat(EpochFormat.rfc3339(t, java.time.ZoneId.of("Asia/Kolkata"))).isEqualTo("2019-11-03T12:30:00+05:30");
        assertThat(EpochFormat.rfc3339(t + 1, java.time.ZoneId.of("UTC"))).isEqualTo("2019-11-03T07:00:00.000000001Z");
    }

    @Test
    void floatsAreFormattedAsGoFormatsThem() {
        assertThat(GoNumbers.formatFloat(2.0)).isEqualTo("2");
        assertThat(GoNumbers.formatFloat(-0.5)).isEqualTo("-0.5");
        assertThat(GoNumbers.formatFloat(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(GoNumbers.formatFloat(1e20)).isEqualTo("100000000000000000000");
        assertThat(GoNumbers.formatFloat(1e21)).isEqualTo("1e+21");
        assertThat(GoNumbers.formatFloat(1.5e-7)).isEqualTo("1.5e-7");
        assertThat(GoNumbers.formatFloat(0.000001)).isEqualTo("0.000001");
        assertThat(GoNumbers.formatFloat(123456789.125)).isEqualTo("123456789.125");
    }

    @Test
    void mergesPartialResultsOfOneStatement() {
        Series a = new Series("m", Map.of(), List.of("time", "v"), List.of(List.of(1L, 1L)), true);
        Series b = new Series("m", Map.of(), List.of("time", "v"), List.of(List.of(2L, 2L)), false);
        List<StatementResult> merged = ResultMerger.merge(List.of(
                new StatementResult(0, List.of(a), List.of(), null, true), StatementResult.of(0, List.of(b)),
                StatementResult.ok(1)));
        assertThat(merged).hasSize(2);
        assertThat(merged.get(0).partial()).isFalse();
        assertThat(merged.get(0).series()).singleElement().satisfies(s -> {
            assertThat(s.values()).hasSize(2);
            assertThat(s.partial()).isFalse();
        });
    }
}
