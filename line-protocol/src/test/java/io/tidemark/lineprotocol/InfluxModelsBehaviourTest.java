package io.tidemark.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.Precision;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The behaviours InfluxDB 1.x pins in its own parser tests ({@code models/points_test.go}): the same inputs, with the
 * outcome InfluxDB's code gives, as a second golden table. Runs through the fast path and the exact parser alone.
 */
class InfluxModelsBehaviourTest {
    private static final String MAX_FLOAT_PLAIN = new BigDecimal(Double.MAX_VALUE).toPlainString() + ".0";

    private static List<String> parseBoth(String text, Precision precision, boolean allowUnsigned) {
        List<String> fast = Recorder.parse(new LineProtocolParser(allowUnsigned, 65535, true), text, precision, 0)
                .outcomes;
        List<String> exact = Recorder.parse(new LineProtocolParser(allowUnsigned, 65535, false), text, precision, 0)
                .outcomes;
        assertThat(fast).as("fast path vs exact parser for %s", text).isEqualTo(exact);
        return fast;
    }

    private static List<String> parseBoth(String text) {
        return parseBoth(text, Precision.NANOSECONDS, true);
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("cpu,regions=\\\\ east value=1.0", "key=cpu,regions=\\\\ east | m=cpu "
                        + "| tags=[regions=\\ east] | fields=[value=1.0] | t=0"),
                Arguments.of("cpu,regions=eas\\\\ t value=1.0", "key=cpu,regions=eas\\\\ t | m=cpu "
                        + "| tags=[regions=eas\\ t] | fields=[value=1.0] | t=0"),
                Arguments.of("cpu,regions=east\\\\  value=1.0", "key=cpu,regions=east\\\\  | m=cpu "
                        + "| tags=[regions=east\\ ] | fields=[value=1.0] | t=0"),
                Arguments.of("cpu,regions=\\\\,\\,\\=east value=1.0", "key=cpu,regions=\\\\,\\,\\=east | m=cpu "
                        + "| tags=[regions=\\,,=east] | fields=[value=1.0] | t=0"),
                Arguments.of("cpu,reg\\\\=ion=east value=1.0", "key=cpu,reg\\\\=ion=east | m=cpu "
                        + "| tags=[reg\\=ion=east] | fields=[value=1.0] | t=0"),
                Arguments.of("cpu,\\ =east value=1.0",
                        "key=cpu,\\ =east | m=cpu | tags=[ =east] | fields=[value=1.0] | t=0"),
                Arguments.of("cpu,regions=eas\\t value=1.0",
                        "key=cpu,regions=eas\\t | m=cpu | tags=[regions=eas\\t] | fields=[value=1.0] | t=0"),
                Arguments.of("cpu \\a=1i", "key=cpu | m=cpu | tags=[] | fields=[\\a=1i] | t=0"),
                Arguments.of("cpu,regions=east value\\,ms=1.0,value\\ ms=2.0", "key=cpu,regions=east | m=cpu "
                        + "| tags=[regions=east] | fields=[value,ms=1.0, value ms=2.0] | t=0"),
                Arguments.of("cpu=load,equals\\=foo=tag\\=value value=1i", "key=cpu=load,equals\\=foo=tag\\=value "
                        + "| m=cpu=load | tags=[equals=foo=tag=value] | fields=[value=1i] | t=0"),
                Arguments.of("foo\\,bar value=1i", "key=foo\\,bar | m=foo,bar | tags=[] | fields=[value=1i] | t=0"),
                Arguments.of("\"cpu\",\"host\"=\"serverA\" value=1.0 1000000000", "key=\"cpu\",\"host\"=\"serverA\" "
                        + "| m=\"cpu\" | tags=[\"host\"=\"serverA\"] | fields=[value=1.0] | t=1000000000"),
                Arguments.of("cpu str=\"foo\\\\\",str2=\"bar\" 1",
                        "key=cpu | m=cpu | tags=[] | fields=[str=\"foo\\\", str2=\"bar\"] | t=1"),
                Arguments.of("cpu value=\"test\\\\\\\"\" 1",
                        "key=cpu | m=cpu | tags=[] | fields=[value=\"test\\\"\"] | t=1"),
                Arguments.of("cpu value=\"{Hello\\\"{\\,}\\\" World}\" 1",
                        "key=cpu | m=cpu | tags=[] | fields=[value=\"{Hello\"{\\,}\" World}\"] | t=1"),
                Arguments.of("cpu value=\"foo=bar\",x=1 1",
                        "key=cpu | m=cpu | tags=[] | fields=[value=\"foo=bar\", x=1.0] | t=1"),
                Arguments.of("cpu value=0009223372036854775807i,n=-0009223372036854775808i,u=00018446744073709551615u,"
                        + "z=0000u", "key=cpu | m=cpu | tags=[] | fields=[value=9223372036854775807i, "
                        + "n=-9223372036854775808i, u=18446744073709551615u, z=0u] | t=0"),
                Arguments.of("cpu value=6.632243e+06,i=6632243i,n=-0.64,d=1.",
                        "key=cpu | m=cpu | tags=[] | fields=[value=6632243.0, i=6632243i, n=-0.64, d=1.0] | t=0"),
                Arguments.of("cpu value=0000" + MAX_FLOAT_PLAIN + ",n=-0000000" + MAX_FLOAT_PLAIN,
                        "key=cpu | m=cpu | tags=[] | fields=[value=1.7976931348623157E308, "
                                + "n=-1.7976931348623157E308] | t=0"),
                Arguments.of("cpu value=1 -1", "key=cpu | m=cpu | tags=[] | fields=[value=1.0] | t=-1"),
                Arguments.of("cpu,last=1,first=2 value=1i",
                        "key=cpu,first=2,last=1 | m=cpu | tags=[first=2, last=1] | fields=[value=1i] | t=0"));
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void acceptsAsInfluxDb(String line, String expected) {
        assertThat(parseBoth(line)).containsExactly(expected);
    }

    static Stream<Arguments> rejected() {
        String maxFloatPlusDigit = "1" + MAX_FLOAT_PLAIN;
        return Stream.of(
                Arguments.of("cpu,host=serverA value=\"test", "unbalanced quotes"),
                Arguments.of("cpu,host=serverA value=\"test\"\"", "unbalanced quotes"),
                Arguments.of("cpu_load_short,host=server01,region=us-west", "missing fields"),
                Arguments.of("cpu,host==", "missing fields"),
                Arguments.of("=", "missing fields"),
                Arguments.of("cpu,,,", "missing tag key"),
                Arguments.of("cpu,host=serverA,=us-east value=1i", "missing tag key"),
                Arguments.of("cpu,host=serverAa\\,,=us-east value=1i", "missing tag key"),
                Arguments.of("cpu, =serverA value=1i", "missing tag key"),
                Arguments.of("cpu,host,", "missing tag value"),
                Arguments.of("cpu,host=", "missing tag value"),
                Arguments.of("cpu,host=serverA,region=,zone=us-west value=1i", "missing tag value"),
                Arguments.of("cpu,host=f=o,", "invalid tag format"),
                Arguments.of("cpu,host=f\\==o,", "invalid tag format"),
                Arguments.of("cpu,host=serverA,region=us-west =", "missing field key"),
                Arguments.of("cpu,host=serverA,region=us-west =123i", "missing field key"),
                Arguments.of("cpu,host=serverA,region=us-west value=123i,=456i", "missing field key"),
                Arguments.of("cpu,host=serverA,region=us-west value=", "missing field value"),
                Arguments.of("cpu,host=serverA,region=us-west value= 1000000000i", "missing field value"),
                Arguments.of("cpu,host=serverA,region=us-west value=,value2=1i", "missing field value"),
                Arguments.of("cpu,host=server01,region=us-west 1434055562000000000i", "invalid field format"),
                Arguments.of("cpu,host=server01,region=us-west value=1i,b", "invalid field format"),
                Arguments.of("m f=\"blah\"=123,r 1531703600000000000", "invalid value: field-key=r"),
                Arguments.of("cpu \"\\, '= \"\\ v=1.0", "invalid field format"),
                Arguments.of("cpu v=- ", "invalid number"),
                Arguments.of("cpu v=-i ", "invalid number"),
                Arguments.of("cpu v=-. ", "invalid number"),
                Arguments.of("cpu v=. ", "invalid number"),
                Arguments.of("cpu v=1.0i ", "invalid number"),
                Arguments.of("cpu v=1ii ", "invalid number"),
                Arguments.of("cpu v=1a ", "invalid number"),
                Arguments.of("cpu v=-e-e-e ", "invalid float"),
                Arguments.of("cpu v=42+3 ", "invalid number"),
                Arguments.of("cpu v= ", "missing field value"),
                Arguments.of("cpu v=-123u", "invalid number"),
                Arguments.of("cpu value=--1u", "invalid number"),
                Arguments.of("cpu value=.1a", "invalid number"),
                Arguments.of("cpu value=0.-1", "invalid number"),
                Arguments.of("cpu value=9ie10", "invalid number"),
                Arguments.of("cpu value=9e10i", "invalid number"),
                Arguments.of("cpu value=a", "invalid boolean"),
                Arguments.of("cpu value=NaN 1000000000", "invalid number"),
                Arguments.of("cpu value=nAn 1000000000", "invalid number"),
                Arguments.of("cpu value=NaN", "invalid number"),
                Arguments.of("cpu value=" + maxFloatPlusDigit, "invalid float"),
                Arguments.of("cpu value=-" + maxFloatPlusDigit, "invalid float"),
                Arguments.of("cpu value=9223372036854775808i", "unable to parse integer 9223372036854775808: "
                        + "strconv.ParseInt: parsing \"9223372036854775808\": value out of range"),
                Arguments.of("cpu value=18446744073709551616u", "unable to parse unsigned 18446744073709551616: "
                        + "strconv.ParseUint: parsing \"18446744073709551616\": value out of range"),
                Arguments.of("cpu value=1 9223372036854775808",
                        "strconv.ParseInt: parsing \"9223372036854775808\": value out of range"),
                Arguments.of("cpu value=1 -92233720368547758078",
                        "strconv.ParseInt: parsing \"-92233720368547758078\": value out of range"),
                Arguments.of("cpu value=1 -", "strconv.ParseInt: parsing \"-\": invalid syntax"),
                Arguments.of("cpu value=1 -/", "bad timestamp"),
                Arguments.of("cpu value=1 -1?", "bad timestamp"),
                Arguments.of("cpu value=1 1-", "bad timestamp"),
                Arguments.of("cpu value=1 9223372036854775807 12",
                        "time outside range -9223372036854775806 - 9223372036854775806"),
                Arguments.of("a v=1 0\\", "bad timestamp"),
                Arguments.of("cpu,host=serverA,host=serverB value=1i 1000000000", "duplicate tags"),
                Arguments.of("cpu,b=2,b=1,c=3 value=1i 1000000000", "duplicate tags"),
                Arguments.of("cpu,b=2,c=3,b=1 value=1i 1000000000", "duplicate tags"));
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void rejectsAsInfluxDb(String line, String reason) {
        assertThat(parseBoth(line)).containsExactly("ERROR unable to parse '" + line + "': " + reason);
    }

    @Test
    void whitespaceBetweenSectionsIsTolerated() {
        for (String line : List.of("cpu    value=1.0 1257894000000000000", "cpu value=1.0     1257894000000000000",
                "cpu      value=1.0     1257894000000000000", "cpu value=1.0 1257894000000000000   ",
                "cpu value=1.0 1257894000000000000\n", "cpu   value=1.0 1257894000000000000\n")) {
            assertThat(parseBoth(line)).as(line)
                    .containsExactly("key=cpu | m=cpu | tags=[] | fields=[value=1.0] | t=1257894000000000000");
        }
    }

    @Test
    void quotesOutsideFieldValuesDoNotSpanLines() {
        assertThat(parseBoth("baz,mytag=\"a x=1 1441103862125\nbaz,mytag=a z=1 1441103862126")).containsExactly(
                "key=baz,mytag=\"a | m=baz | tags=[mytag=\"a] | fields=[x=1.0] | t=1441103862125",
                "key=baz,mytag=a | m=baz | tags=[mytag=a] | fields=[z=1.0] | t=1441103862126");
        assertThat(parseBoth("cpu \"a=1\ncpu value=2 1")).containsExactly(
                "key=cpu | m=cpu | tags=[] | fields=[\"a=1.0] | t=0",
                "key=cpu | m=cpu | tags=[] | fields=[value=2.0] | t=1");
        assertThat(parseBoth("t159,label=hey\\ \"ya a=1i,value=0i\nt159,label=another a=2i,value=1i 1"))
                .hasSize(2).noneMatch(s -> s.startsWith("ERROR"));
    }

    @Test
    void scalesTimestampsByPrecision() {
        String key = "key=cpu,host=serverA,region=us-east | m=cpu | tags=[host=serverA, region=us-east] "
                + "| fields=[value=1.0] | t=";
        String line = "cpu,host=serverA,region=us-east value=1.0 ";
        assertThat(parseBoth(line + "946730096789012345", Precision.NANOSECONDS, false))
                .containsExactly(key + "946730096789012345");
        assertThat(parseBoth(line + "946730096789012", Precision.MICROSECONDS, false))
                .containsExactly(key + "946730096789012000");
        assertThat(parseBoth(line + "946730096789", Precision.MILLISECONDS, false))
                .containsExactly(key + "946730096789000000");
        assertThat(parseBoth(line + "946730096", Precision.SECONDS, false))
                .containsExactly(key + "946730096000000000");
        assertThat(parseBoth(line + "15778834", Precision.MINUTES, false))
                .containsExactly(key + "946730040000000000");
        assertThat(parseBoth(line + "262980", Precision.HOURS, false)).containsExactly(key + "946728000000000000");
    }

    @Test
    void defaultTimeIsTruncatedToThePrecision() {
        long now = 946730096789012345L; // 2000-01-01T12:34:56.789012345Z
        String line = "cpu value=1.0";
        long[] expected = {946730096789012345L, 946730096789012000L, 946730096789000000L, 946730096000000000L,
            946730040000000000L, 946728000000000000L};
        Precision[] precisions = {Precision.NANOSECONDS, Precision.MICROSECONDS, Precision.MILLISECONDS,
            Precision.SECONDS, Precision.MINUTES, Precision.HOURS};
        for (int i = 0; i < precisions.length; i++) {
            Recorder r = Recorder.parse(new LineProtocolParser(), line, precisions[i], now);
            assertThat(r.points).singleElement().extracting(PointCopy::timestampNanos).isEqualTo(expected[i]);
        }
    }

    @Test
    void seriesKeyLimitCountsTheLongestFieldKey() {
        String key = "a".repeat(65535 - "value".length() - 4);
        assertThat(parseBoth(key + " value=1,ok=2.0")).singleElement().asString().startsWith("key=aaa");
        assertThat(parseBoth(key + "a value=1,ok=2.0")).containsExactly("ERROR unable to parse '" + key
                + "a value=1,ok=2.0': max key length exceeded: 65536 > 65535");
    }

    @Test
    void manyTags() {
        StringBuilder line = new StringBuilder("cpu");
        for (int i = 0; i < 255; i++) {
            line.append(",tag").append(i).append("=value").append(i);
        }
        Recorder r = Recorder.parse(new LineProtocolParser(), line + " value=1", Precision.NANOSECONDS, 0);
        assertThat(r.points).singleElement().satisfies(p -> assertThat(p.tags()).hasSize(255));
    }
}
