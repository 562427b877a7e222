package io.tidemark.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.Precision;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tables: inputs with the parsed content, and inputs with InfluxDB 1.8's exact error text. Cases marked
 * "compat" are the write cases of the recorded InfluxDB suite ({@code 01_lp_types_and_escapes},
 * {@code 02_lp_errors_and_overwrite}); the rest follow {@code models/points.go} and FEATURES.md section 2.
 * Every case runs twice: with the fast path and with the exact parser alone, which must agree.
 */
class LineProtocolParserGoldenTest {
    private static final long NOW = 1_700_000_000_123_456_789L;
    private static final String RANGE = "time outside range -9223372036854775806 - 9223372036854775806";

    private static List<String> parse(String text, Precision precision, boolean allowUnsigned, boolean fastPath) {
        LineProtocolParser parser = new LineProtocolParser(allowUnsigned, 65535, fastPath);
        return Recorder.parse(parser, text, precision, NOW).outcomes;
    }

    /** Parses with both parsers, checks they agree, and returns the outcomes. */
    private static List<String> parseBoth(String text, Precision precision, boolean allowUnsigned) {
        List<String> fast = parse(text, precision, allowUnsigned, true);
        List<String> exact = parse(text, precision, allowUnsigned, false);
        assertThat(fast).as("fast path vs exact parser for %s", text).isEqualTo(exact);
        return fast;
    }

    private static List<String> parseBoth(String text) {
        return parseBoth(text, Precision.NANOSECONDS, false);
    }

    static Stream<Arguments> points() {
        return Stream.of(
                // compat w_types
                Arguments.of("readings,dev=a f=1.5,i=42i,neg=-7i,s=\"hello world\",b=true,e=1e3 1614816000",
                        Precision.SECONDS,
                        "key=readings,dev=a | m=readings | tags=[dev=a] | fields=[f=1.5, i=42i, neg=-7i, "
                                + "s=\"hello world\", b=true, e=1000.0] | t=1614816000000000000"),
                // compat w_bools
                Arguments.of("flags,dev=a b1=t,b2=T,b3=true,b4=True,b5=TRUE,b6=f,b7=F,b8=false,b9=False,b10=FALSE "
                                + "1614816000", Precision.SECONDS,
                        "key=flags,dev=a | m=flags | tags=[dev=a] | fields=[b1=true, b2=true, b3=true, b4=true, "
                                + "b5=true, b6=false, b7=false, b8=false, b9=false, b10=false] "
                                + "| t=1614816000000000000"),
                // compat w_escape
                Arguments.of("my\\ meas\\,x,tag\\ key=va\\,l\\=ue f\\=k\\ 1=1i,msg=\"say \\\"hi\\\", ok\" 1614816000",
                        Precision.SECONDS,
                        "key=my\\ meas\\,x,tag\\ key=va\\,l\\=ue | m=my meas,x | tags=[tag key=va,l=ue] "
                                + "| fields=[f=k 1=1i, msg=\"say \"hi\", ok\"] | t=1614816000000000000"),
                // compat w_ms, w_m, w_h: precision scaling
                Arguments.of("prec,unit=ms v=1i 1614816000123", Precision.MILLISECONDS,
                        "key=prec,unit=ms | m=prec | tags=[unit=ms] | fields=[v=1i] | t=1614816000123000000"),
                Arguments.of("prec,unit=m v=4i 26913601", Precision.MINUTES,
                        "key=prec,unit=m | m=prec | tags=[unit=m] | fields=[v=4i] | t=1614816060000000000"),
                Arguments.of("prec,unit=h v=5i 448560", Precision.HOURS,
                        "key=prec,unit=h | m=prec | tags=[unit=h] | fields=[v=5i] | t=1614816000000000000"),
                Arguments.of("prec v=1i 1614816000123456", Precision.MICROSECONDS,
                        "key=prec | m=prec | tags=[] | fields=[v=1i] | t=1614816000123456000"),
                // compat w_no_timestamp: the default time, truncated to the precision as InfluxDB does
                Arguments.of("nots,dev=z v=9i", Precision.NANOSECONDS,
                        "key=nots,dev=z | m=nots | tags=[dev=z] | fields=[v=9i] | t=" + NOW),
                Arguments.of("nots,dev=z v=9i", Precision.SECONDS,
                        "key=nots,dev=z | m=nots | tags=[dev=z] | fields=[v=9i] | t=1700000000000000000"),
                // compat setup and w_dup_overwrite lines
                Arguments.of("ev,src=a val=1.0,note=\"first\" 1614816000", Precision.SECONDS,
                        "key=ev,src=a | m=ev | tags=[src=a] | fields=[val=1.0, note=\"first\"] "
                                + "| t=1614816000000000000"),
                // FEATURES.md 2.3 escaping example
                Arguments.of("lp\\ m\\,x,t\\ k\\=1=v\\,a\\ b f\\ 1=\"q\\\"uote\\\\d\"", Precision.NANOSECONDS,
                        "key=lp\\ m\\,x,t\\ k\\=1=v\\,a\\ b | m=lp m,x | tags=[t k=1=v,a b] "
                                + "| fields=[f 1=\"q\"uote\\d\"] | t=" + NOW),
                // tags are sorted by key; the series key is canonical
                Arguments.of("cpu,zone=z,host=a,region=x v=1 10", Precision.NANOSECONDS,
                        "key=cpu,host=a,region=x,zone=z | m=cpu | tags=[host=a, region=x, zone=z] "
                                + "| fields=[v=1.0] | t=10"),
                Arguments.of("cpu,service_version=1,service_environment=test,service=7 v=1 10",
                        Precision.NANOSECONDS,
                        "key=cpu,service=7,service_environment=test,service_version=1 | m=cpu | tags=[service=7, "
                                + "service_environment=test, service_version=1] | fields=[v=1.0] | t=10"),
                // duplicate field keys of one type: the last value wins, at the first position
                Arguments.of("m f=1,g=2i,f=3 5", Precision.NANOSECONDS,
                        "key=m | m=m | tags=[] | fields=[f=3.0, g=2i] | t=5"),
                // of another type: kept, for the shard to refuse the point with a type conflict as InfluxDB does
                Arguments.of("m f=1,g=2i,f=\"x\",f=4 5", Precision.NANOSECONDS,
                        "key=m | m=m | tags=[] | fields=[f=4.0, g=2i, f=\"x\"] | t=5"),
                // whitespace InfluxDB tolerates: leading, between sections, trailing
                Arguments.of("  \tcpu  f=1   7   ", Precision.NANOSECONDS,
                        "key=cpu | m=cpu | tags=[] | fields=[f=1.0] | t=7"),
                Arguments.of("cpu f=1 ", Precision.NANOSECONDS,
                        "key=cpu | m=cpu | tags=[] | fields=[f=1.0] | t=" + NOW),
                // number forms
                Arguments.of("m a=1.,b=.5,c=-.5,d=1.e+78,e=1.E+78,f=-0.0,g=007,h=1E-3,i=-0i", Precision.NANOSECONDS,
                        "key=m | m=m | tags=[] | fields=[a=1.0, b=0.5, c=-0.5, d=1.0E78, e=1.0E78, f=-0.0, g=7.0, "
                                + "h=0.001, i=0i] | t=" + NOW),
                Arguments.of("m a=-9223372036854775808i,b=9223372036854775807i,c=0000000000000000000042i",
                        Precision.NANOSECONDS, "key=m | m=m | tags=[] | fields=[a=-9223372036854775808i, "
                                + "b=9223372036854775807i, c=42i] | t=" + NOW),
                Arguments.of("m a=37.82735283741538,b=1.7976931348623157e308,c=4.9e-324,"
                                + "d=123456789012345678901234567890", Precision.NANOSECONDS,
                        "key=m | m=m | tags=[] | fields=[a=37.82735283741538, "
                                + "b=1.7976931348623157E308, c=4.9E-324, d=1.2345678901234568E29] | t=" + NOW),
                Arguments.of("m a=1e-400", Precision.NANOSECONDS, "key=m | m=m | tags=[] | fields=[a=0.0] | t=" + NOW),
                // timestamps at the edges of the range
                Arguments.of("m f=1 -9223372036854775806", Precision.NANOSECONDS,
                        "key=m | m=m | tags=[] | fields=[f=1.0] | t=-9223372036854775806"),
                Arguments.of("m f=1 9223372036854775806", Precision.NANOSECONDS,
                        "key=m | m=m | tags=[] | fields=[f=1.0] | t=9223372036854775806"),
                Arguments.of("m f=1 2562047", Precision.HOURS,
                        "key=m | m=m | tags=[] | fields=[f=1.0] | t=9223369200000000000"),
                // quotes are literal in names; '=' is literal in a measurement
                Arguments.of("\"m\",\"t\"=\"v\" \"f\"=1 1", Precision.NANOSECONDS,
                        "key=\"m\",\"t\"=\"v\" | m=\"m\" | tags=[\"t\"=\"v\"] | fields=[\"f\"=1.0] | t=1"),
                Arguments.of("a=b f=1 1", Precision.NANOSECONDS, "key=a=b | m=a=b | tags=[] | fields=[f=1.0] | t=1"),
                // a tag value may start with '=' (InfluxDB accepts it); canonically escaped
                Arguments.of("m,t==x f=1 1", Precision.NANOSECONDS,
                        "key=m,t=\\=x | m=m | tags=[t==x] | fields=[f=1.0] | t=1"),
                // backslashes that escape nothing stay literal
                Arguments.of("m\\x,t=a\\\\b f\\n=\"c:\\\\dir\\n\" 1", Precision.NANOSECONDS,
                        "key=m\\x,t=a\\\\b | m=m\\x | tags=[t=a\\\\b] | fields=[f\\n=\"c:\\dir\\n\"] | t=1"),
                // escaped '=' and '"' in a measurement unescape; canonical form drops the needless backslash
                Arguments.of("a\\=b\\\"c f=1 1", Precision.NANOSECONDS,
                        "key=a=b\"c | m=a=b\"c | tags=[] | fields=[f=1.0] | t=1"),
                // a string value may contain newlines, commas, spaces and '='
                Arguments.of("m s=\"a\nb, c=d\" 1", Precision.NANOSECONDS,
                        "key=m | m=m | tags=[] | fields=[s=\"a\nb, c=d\"] | t=1"),
                // InfluxDB quirk: junk after a closing quote stays in the value, minus its last byte
                Arguments.of("m s=\"x\"\r", Precision.NANOSECONDS,
                        "key=m | m=m | tags=[] | fields=[s=\"x\"\"] | t=" + NOW),
                // UTF-8 names and values
                Arguments.of("温度,城市=東京 値=1,s=\"ü\" 1", Precision.NANOSECONDS,
                        "key=温度,城市=東京 | m=温度 | tags=[城市=東京] | fields=[値=1.0, s=\"ü\"] | t=1"));
    }

    @ParameterizedTest
    @MethodSource("points")
    void parsesPoint(String line, Precision precision, String expected) {
        assertThat(parseBoth(line, precision, false)).containsExactly(expected);
    }

    static Stream<Arguments> errors() {
        String longMeasurement = "m".repeat(65543);
        return Stream.of(
                // compat
                Arguments.of("readings,dev=u cnt=5u 1614816060", "invalid number"),
                Arguments.of("ev,src=d msg=\"oops 1614816000", "unbalanced quotes"),
                Arguments.of("this is not valid", "invalid field format"),
                // FEATURES.md 2.1
                Arguments.of("lp8 f=1 1\r", "bad timestamp"),
                Arguments.of(",a=1 f=1", "missing measurement"),
                Arguments.of("m,t= f=1", "missing tag value"),
                Arguments.of("m f=1 1 2", "point is invalid"),
                Arguments.of("m f=1 1.5", "bad timestamp"),
                Arguments.of("m f=1 \"1\"", "bad timestamp"),
                Arguments.of("m f=1 9223372036854775807", RANGE),
                Arguments.of("m f=1 -9223372036854775807", RANGE),
                Arguments.of("m f=1 -9223372036854775808", RANGE),
                Arguments.of("m f=9223372036854775808i", "unable to parse integer 9223372036854775808: "
                        + "strconv.ParseInt: parsing \"9223372036854775808\": value out of range"),
                Arguments.of("m f=-9223372036854775809i", "unable to parse integer -9223372036854775809: "
                        + "strconv.ParseInt: parsing \"-9223372036854775809\": value out of range"),
                Arguments.of("m f=NaN", "invalid number"),
                Arguments.of("m f=nan", "invalid number"),
                Arguments.of("m f=Inf", "invalid boolean"),
                Arguments.of("m f=-Inf", "invalid number"),
                Arguments.of("m f=tRue", "invalid boolean"),
                // key section
                Arguments.of("cpu", "missing fields"),
                Arguments.of("cpu,a=b", "missing fields"),
                Arguments.of("cpu ", "invalid field format"),
                Arguments.of("cpu,a f=1", "missing tag value"),
                Arguments.of("cpu,a", "missing tag value"),
                Arguments.of("cpu,=a f=1", "missing tag key"),
                Arguments.of("cpu, f=1", "missing tag key"),
                Arguments.of("cpu,a=b=c f=1", "invalid tag format"),
                Arguments.of("cpu,a=1,a=2 f=1", "duplicate tags"),
                Arguments.of("cpu,b=1,a=1,b=2 f=1", "duplicate tags"),
                Arguments.of(longMeasurement + " f=1", "max key length exceeded: 65543 > 65535"),
                Arguments.of("m".repeat(65535) + " abcd=1", "max key length exceeded: 65543 > 65535"),
                Arguments.of("m".repeat(65530) + " a=1,abcd=1", "max key length exceeded: 65538 > 65535"),
                // field section
                Arguments.of("cpu =1", "missing field key"),
                Arguments.of("cpu f=1,=2", "missing field key"),
                Arguments.of("cpu f=", "missing field value"),
                Arguments.of("cpu f= 1", "missing field value"),
                Arguments.of("cpu f=,g=1", "missing field value"),
                Arguments.of("cpu f=1,", "invalid field format"),
                Arguments.of("cpu f=1,g", "invalid field format"),
                Arguments.of("cpu f", "invalid field format"),
                Arguments.of("cpu f==1", "invalid boolean"),
                Arguments.of("cpu f=+1", "invalid boolean"),
                Arguments.of("cpu f=yes", "invalid boolean"),
                Arguments.of("cpu f=truE", "invalid boolean"),
                Arguments.of("cpu f=1.1.1", "invalid number"),
                Arguments.of("cpu f=1.5i", "invalid number"),
                Arguments.of("cpu f=1e5i", "invalid number"),
                Arguments.of("cpu f=1i5", "invalid number"),
                Arguments.of("cpu f=1ii", "invalid number"),
                Arguments.of("cpu f=-", "invalid number"),
                Arguments.of("cpu f=-,g=1", "invalid number"),
                Arguments.of("cpu f=.", "invalid number"),
                Arguments.of("cpu f=1_000", "invalid number"),
                Arguments.of("cpu f=0x10", "invalid number"),
                Arguments.of("cpu f=1e", "invalid float"),
                Arguments.of("cpu f=1e+", "invalid float"),
                Arguments.of("cpu f=.e5", "invalid float"),
                Arguments.of("cpu f=1e5e5", "invalid float"),
                Arguments.of("cpu f=1e400", "invalid float"),
                Arguments.of("cpu f=-1e400", "invalid float"),
                Arguments.of("cpu f=1" + "0".repeat(400), "invalid float"),
                Arguments.of("cpu f=\"a\" g=1", "bad timestamp"),
                // timestamp
                Arguments.of("m f=1 -", "strconv.ParseInt: parsing \"-\": invalid syntax"),
                Arguments.of("m f=1 99999999999999999999",
                        "strconv.ParseInt: parsing \"99999999999999999999\": value out of range"),
                Arguments.of("m f=1 1-2", "bad timestamp"),
                Arguments.of("m f=1 +1", "bad timestamp"),
                // walkFields: a key ending in an escaped backslash swallows the '='
                Arguments.of("m a\\\\=1", "invalid value: field-key=a\\\\=1"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void rejectsWithInfluxText(String line, String reason) {
        assertThat(parseBoth(line)).containsExactly("ERROR unable to parse '" + line + "': " + reason);
    }

    @Test
    void rejectsOverflowingScaledTimestamps() {
        assertThat(parseBoth("m f=1 2562048", Precision.HOURS, false))
                .containsExactly("ERROR unable to parse 'm f=1 2562048': " + RANGE);
        assertThat(parseBoth("m f=1 9223372037", Precision.SECONDS, false))
                .containsExactly("ERROR unable to parse 'm f=1 9223372037': " + RANGE);
        assertThat(parseBoth("m f=1 -9223372037", Precision.SECONDS, false))
                .containsExactly("ERROR unable to parse 'm f=1 -9223372037': " + RANGE);
    }

    @Test
    void unsignedOnlyWhenAllowed() {
        assertThat(parseBoth("m u=5u,max=18446744073709551615u 1", Precision.NANOSECONDS, true)).containsExactly(
                "key=m | m=m | tags=[] | fields=[u=5u, max=18446744073709551615u] | t=1");
        assertThat(parseBoth("m u=5u 1", Precision.NANOSECONDS, false))
                .containsExactly("ERROR unable to parse 'm u=5u 1': invalid number");
        assertThat(parseBoth("m u=18446744073709551616u", Precision.NANOSECONDS, true)).containsExactly(
                "ERROR unable to parse 'm u=18446744073709551616u': unable to parse unsigned 18446744073709551616: "
                        + "strconv.ParseUint: parsing \"18446744073709551616\": value out of range");
        assertThat(parseBoth("m u=-1u", Precision.NANOSECONDS, true))
                .containsExactly("ERROR unable to parse 'm u=-1u': invalid number");
        assertThat(parseBoth("m u=1.5u", Precision.NANOSECONDS, true))
                .containsExactly("ERROR unable to parse 'm u=1.5u': invalid number");
    }

    @Test
    void compatPartialBatchKeepsGoodLines() {
        // compat w_partial_parse
        assertThat(parseBoth("ev,src=e val=1.5 1614816000\nthis is not valid\nev,src=e val=2.5 1614816060",
                Precision.SECONDS, false)).containsExactly(
                "key=ev,src=e | m=ev | tags=[src=e] | fields=[val=1.5] | t=1614816000000000000",
                "ERROR unable to parse 'this is not valid': invalid field format",
                "key=ev,src=e | m=ev | tags=[src=e] | fields=[val=2.5] | t=1614816060000000000");
        // compat setup, w_conflict_batch (type conflicts are the storage layer's business, not the parser's)
        assertThat(parseBoth("ev,src=b val=5.0 1614816120\nev,src=b val=6i 1614816180\nev,src=b val=7.0 1614816240",
                Precision.SECONDS, false)).hasSize(3).noneMatch(s -> s.startsWith("ERROR"));
        // compat w_empty
        assertThat(parseBoth("")).isEmpty();
    }

    @Test
    void skipsCommentsAndBlankLines() {
        String text = "# a comment\n\n   \n\t# indented comment\ncpu f=1 1\n\n\n#cpu f=2 2\ncpu f=3 3\n";
        assertThat(parseBoth(text)).containsExactly(
                "key=cpu | m=cpu | tags=[] | fields=[f=1.0] | t=1",
                "key=cpu | m=cpu | tags=[] | fields=[f=3.0] | t=3");
    }

    @Test
    void crlfLinesFailAsInInfluxDb() {
        assertThat(parseBoth("cpu f=1 1\r\ncpu f=2\r\ncpu f=t\r\n\r\ncpu,t=a f=\"s\" 1\r\n")).containsExactly(
                "ERROR unable to parse 'cpu f=1 1\r': bad timestamp",
                "ERROR unable to parse 'cpu f=2\r': invalid number",
                "ERROR unable to parse 'cpu f=t\r': invalid boolean",
                "ERROR unable to parse '\r': missing fields",
                "ERROR unable to parse 'cpu,t=a f=\"s\" 1\r': bad timestamp");
    }

    @Test
    void multiLineBatchWithGoodAndBadLines() {
        String text = String.join("\n",
                "cpu,host=a usage=1.5,count=3i 1000",
                "cpu,host=b usage=oops 1000",
                "",
                "mem,host=a free=10i,ok=true 1000",
                "mem,host=a free=",
                "disk,path=/\\ data used=\"90%\" 1000");
        assertThat(parseBoth(text)).containsExactly(
                "key=cpu,host=a | m=cpu | tags=[host=a] | fields=[usage=1.5, count=3i] | t=1000",
                "ERROR unable to parse 'cpu,host=b usage=oops 1000': invalid boolean",
                "key=mem,host=a | m=mem | tags=[host=a] | fields=[free=10i, ok=true] | t=1000",
                "ERROR unable to parse 'mem,host=a free=': missing field value",
                "key=disk,path=/\\ data | m=disk | tags=[path=/ data] | fields=[used=\"90%\"] | t=1000");
    }

    @Test
    void unbalancedQuoteSwallowsFollowingLinesAsInInfluxDb() {
        assertThat(parseBoth("m s=\"abc 1\nm f=1 2\nm f=2 3")).containsExactly(
                "ERROR unable to parse 'm s=\"abc 1\nm f=1 2\nm f=2 3': unbalanced quotes");
    }

    @Test
    void commentWithOpenQuoteAfterEqualsSwallowsNextLineAsInInfluxDb() {
        // InfluxDB splits comments with the same quote-aware scan as data lines.
        assertThat(parseBoth("# note: a=\"x\nm f=1 1\"\nm f=2 2")).containsExactly(
                "key=m | m=m | tags=[] | fields=[f=2.0] | t=2");
    }

    @Test
    void lastLineWithoutNewlineAndEscapedNewlineInName() {
        assertThat(parseBoth("m,t=a\\\nb f=1 1\nm f=2 2")).containsExactly(
                "key=m,t=a\\\nb | m=m | tags=[t=a\\\nb] | fields=[f=1.0] | t=1",
                "key=m | m=m | tags=[] | fields=[f=2.0] | t=2");
    }

    @Test
    void parsesSubRangeOfBuffer() {
        byte[] b = "XXcpu f=1 1\nYY".getBytes(StandardCharsets.UTF_8);
        Recorder r = new Recorder();
        new LineProtocolParser().parse(b, 2, 10, Precision.NANOSECONDS, NOW, r);
        assertThat(r.outcomes).containsExactly("key=cpu | m=cpu | tags=[] | fields=[f=1.0] | t=1");
    }

    @Test
    void aRepeatedFieldIsMergedAfterLinesThatNameTheSameFieldsOnce() {
        assertThat(parseBoth("m a=1i,b=2i 1\nm a=3i,b=4i 2\nm a=5i,a=6i 3\nm a=7i,b=8i 4\nm b=9i,b=10i 5"))
                .containsExactly(
                        "key=m | m=m | tags=[] | fields=[a=1i, b=2i] | t=1",
                        "key=m | m=m | tags=[] | fields=[a=3i, b=4i] | t=2",
                        "key=m | m=m | tags=[] | fields=[a=6i] | t=3",
                        "key=m | m=m | tags=[] | fields=[a=7i, b=8i] | t=4",
                        "key=m | m=m | tags=[] | fields=[b=10i] | t=5");
    }

    @Test
    void manyTagsAreSortedAndManyFieldsDeduplicated() {
        StringBuilder line = new StringBuilder("m");
        StringBuilder key = new StringBuilder("m");
        for (int t = 99; t >= 0; t--) {
            line.append(String.format(Locale.ROOT, ",t%02d=v%d", t, t));
        }
        for (int t = 0; t < 100; t++) {
            key.append(String.format(Locale.ROOT, ",t%02d=v%d", t, t));
        }
        StringBuilder fields = new StringBuilder();
        for (int f = 0; f < 40; f++) {
            line.append(f == 0 ? ' ' : ',').append(String.format(Locale.ROOT, "f%02d=%di", f, f));
            fields.append(f == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "f%02d=%si", f, f == 5 ? "-1" : f));
        }
        line.append(",f05=-1i 1");
        List<String> out = parseBoth(line.toString());
        assertThat(out).hasSize(1);
        assertThat(out.getFirst()).startsWith("key=" + key + " | m=m | tags=[t00=v0, t01=v1,")
                .endsWith("| fields=[" + fields + "] | t=1");
        assertThat(parseBoth("m" + line.substring(1).replace(",t42=v42", ",t42=v42,t07=x")))
                .singleElement().asString().endsWith("': duplicate tags");
    }

    @Test
    void keysNamedTimeAreLeftToTheCaller() {
        assertThat(parseBoth("m,time=1 time=2 3")).containsExactly(
                "key=m,time=1 | m=m | tags=[time=1] | fields=[time=2.0] | t=3");
    }
}
