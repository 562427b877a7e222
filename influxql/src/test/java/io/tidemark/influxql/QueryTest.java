package io.tidemark.influxql;

import static io.tidemark.influxql.Ast.bin;
import static io.tidemark.influxql.Ast.call;
import static io.tidemark.influxql.Ast.dim;
import static io.tidemark.influxql.Ast.dur;
import static io.tidemark.influxql.Ast.field;
import static io.tidemark.influxql.Ast.flt;
import static io.tidemark.influxql.Ast.m;
import static io.tidemark.influxql.Ast.num;
import static io.tidemark.influxql.Ast.re;
import static io.tidemark.influxql.Ast.ref;
import static io.tidemark.influxql.Ast.select;
import static io.tidemark.influxql.Ast.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.common.GoJsonNumber;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.tidemark.influxql.ast.CreateDatabaseStatement;
import io.tidemark.influxql.ast.DataType;
import io.tidemark.influxql.ast.Operator;
import io.tidemark.influxql.ast.Query;
import io.tidemark.influxql.ast.SelectStatement;
import io.tidemark.influxql.ast.ShowDatabasesStatement;
import io.tidemark.influxql.ast.Statement;
import io.tidemark.influxql.ast.Wildcard;

/** Multi-statement queries, comments, bound parameters, time zones, and the round trip over a large corpus. */
class QueryTest {
    @Test
    void parsesSeveralStatementsAndSkipsComments() throws ParseException {
        Query q = InfluxQLParser.parse("""
                SELECT * FROM cpu; -- read from cpu database

                /* create continuous query */
                CREATE CONTINUOUS QUERY cq0 ON db0 BEGIN
                \tSELECT mean(*) INTO db1..:MEASUREMENT FROM cpu GROUP BY time(5m)
                END;

                /* just a multline comment
                what is this doing here?
                **/

                -- should ignore the trailing multiline comment /*
                SELECT mean(value) FROM gpu;
                -- trailing comment at the end""");
        assertThat(q.statements()).hasSize(3);
        assertThat(q.toString()).isEqualTo("SELECT * FROM cpu;\n"
                + "CREATE CONTINUOUS QUERY cq0 ON db0 BEGIN SELECT mean(*) INTO db1..:MEASUREMENT FROM cpu "
                + "GROUP BY time(5m) END;\n"
                + "SELECT mean(value) FROM gpu");
    }

    @Test
    void acceptsEmptyQueriesAndStraySemicolons() throws ParseException {
        assertThat(InfluxQLParser.parse("").statements()).isEmpty();
        assertThat(InfluxQLParser.parse(" ;; ").statements()).isEmpty();
        assertThat(InfluxQLParser.parse("SHOW DATABASES;").statements()).containsExactly(new ShowDatabasesStatement());
        assertThat(InfluxQLParser.parse(";SHOW DATABASES;;SHOW DATABASES").statements()).hasSize(2);
    }

    @Test
    void bindsParametersAsInfluxDbDoes() throws ParseException {
        SelectStatement cpu = select(field(ref("value"))).sources(m("cpu")).build();
        assertThat(only("SELECT value FROM cpu WHERE value > $value", Map.of("value", 2L)))
                .isEqualTo(cpu.toBuilder().condition(bin(Operator.GT, ref("value"), num(2))).build());
        assertThat(only("SELECT value FROM cpu WHERE value > $\"multi-word value\"", Map.of("multi-word value", 2)))
                .isEqualTo(cpu.toBuilder().condition(bin(Operator.GT, ref("value"), num(2))).build());
        assertThat(only("SELECT mean($field) FROM cpu", Map.of("field", Map.of("identifier", "value"))))
                .isEqualTo(select(field(call("mean", ref("value")))).sources(m("cpu")).build());
        assertThat(only("SELECT $fn(value) FROM cpu", Map.of("fn", Map.of("identifier", "mean"))))
                .isEqualTo(select(field(call("mean", ref("value")))).sources(m("cpu")).build());
        assertThat(only("SELECT mean(value) FROM cpu WHERE host =~ $host", Map.of("host", Map.of("regex", "^server.*"))))
                .isEqualTo(select(field(call("mean", ref("value")))).sources(m("cpu"))
                        .condition(bin(Operator.EQREGEX, ref("host"), re("^server.*"))).build());
        assertThat(only("SELECT $field::$type FROM cpu",
                Map.of("field", Map.of("identifier", "value"), "type", Map.of("identifier", "integer"))))
                .isEqualTo(select(field(ref("value", DataType.INTEGER))).sources(m("cpu")).build());
        assertThat(only("SELECT value FROM cpu WHERE value > $f", Map.of("f", Map.of("float", 2.0))))
                .isEqualTo(cpu.toBuilder().condition(bin(Operator.GT, ref("value"), flt(2))).build());
        assertThat(only("SELECT value FROM cpu WHERE value > $f", Map.of("f", Map.of("float", 2L))))
                .isEqualTo(cpu.toBuilder().condition(bin(Operator.GT, ref("value"), flt(2))).build());
        assertThat(only("SELECT value FROM cpu WHERE value > $i", Map.of("i", Map.of("integer", 2L))))
                .isEqualTo(cpu.toBuilder().condition(bin(Operator.GT, ref("value"), num(2))).build());
        assertThat(only("SELECT value FROM cpu WHERE host = $h AND up = $b", Map.of("h", "a'b", "b", true)))
                .isEqualTo(cpu.toBuilder().condition(bin(Operator.AND, bin(Operator.EQ, ref("host"), str("a'b")),
                        bin(Operator.EQ, ref("up"), new io.tidemark.influxql.ast.BooleanLiteral(true)))).build());
        SelectStatement grouped = select(field(call("mean", ref("value")))).sources(m("cpu"))
                .dimensions(dim(call("time", dur(Duration.ofMinutes(10))))).build();
        assertThat(only("SELECT mean(value) FROM cpu GROUP BY time($interval)", Map.of("interval", "10m")))
                .isNotEqualTo(grouped);
        assertThat(only("SELECT mean(value) FROM cpu GROUP BY time($interval)",
                Map.of("interval", Map.of("duration", "10m")))).isEqualTo(grouped);
        assertThat(only("SELECT mean(value) FROM cpu GROUP BY time($interval)",
                Map.of("interval", Map.of("duration", 600_000_000_000L)))).isEqualTo(grouped);
        assertThat(only("CREATE DATABASE $db", Map.of("db", Map.of("identifier", "mydb"))))
                .isEqualTo(CreateDatabaseStatement.named("mydb"));
        assertThat(only("SELECT * FROM $m LIMIT $limit",
                Map.of("m", Map.of("identifier", "shapes"), "limit", Map.of("integer", 10L))))
                .isEqualTo(select(field(Wildcard.ALL)).sources(m("shapes")).limit(10).build());
    }

    @Test
    void reportsUnusableParametersWhereInfluxDbDoes() {
        assertThatThrownBy(() -> InfluxQLParser.parse("SELECT v FROM cpu WHERE host = $missing", Map.of()))
                .hasMessage("missing parameter: missing");
        assertThatThrownBy(() -> InfluxQLParser.parse("SELECT * FROM cpu WHERE \"tagkey\" = $$", Map.of()))
                .hasMessage("empty bound parameter");
        assertThatThrownBy(() -> InfluxQLParser.parse("SELECT v FROM cpu LIMIT $n", Map.of("n", -1L)))
                .hasMessage("LIMIT must be >= 0 at line 1, char 25");
        assertThatThrownBy(() -> InfluxQLParser.parse("SELECT v FROM $m", Map.of("m", "cpu")))
                .hasMessage("found cpu, expected identifier at line 1, char 15");
        // An unusable value surfaces only where an expression is expected, under its own message as the key.
        assertThatThrownBy(() -> InfluxQLParser.parse("SELECT v FROM cpu WHERE x = $p",
                Map.of("p", Map.of("identifier", 1L))))
                .hasMessage("missing parameter: identifier must be a string value");
    }

    @Test
    void jsonNumbersBindAsInfluxDbConvertsThemWhereTheyAreUsed() throws ParseException {
        // A decimal point makes a float, anything else an integer (Go's json.Number as InfluxDB converts it).
        assertThat(only("SELECT v FROM cpu WHERE v > $x", Map.of("x", new GoJsonNumber("2.0"))))
                .isEqualTo(only("SELECT v FROM cpu WHERE v > 2.0", Map.of()));
        assertThat(only("SELECT v FROM cpu LIMIT $n", Map.of("n", Map.of("integer", new GoJsonNumber("10")))))
                .isEqualTo(only("SELECT v FROM cpu LIMIT 10", Map.of()));
        assertThatThrownBy(() -> InfluxQLParser.parse("SELECT v FROM cpu WHERE v > $x",
                Map.of("x", Map.of("integer", new GoJsonNumber("1e3")))))
                .hasMessage("missing parameter: strconv.ParseInt: parsing \"1e3\": invalid syntax");
        assertThatThrownBy(() -> InfluxQLParser.parse("SELECT v FROM cpu WHERE v > $x",
                Map.of("x", new GoJsonNumber("99999999999999999999"))))
                .hasMessage("missing parameter: strconv.ParseInt: parsing \"99999999999999999999\": value out of range");
        // Unused, a value that cannot bind is no error.
        assertThat(only("SELECT v FROM cpu", Map.of("x", Map.of("integer", new GoJsonNumber("1.5")))))
                .isEqualTo(only("SELECT v FROM cpu", Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"America/Chicago", "Asia/Kolkata", "Europe/Paris", "UTC", "US/Eastern", "Etc/GMT+5"})
    void acceptsIanaTimeZones(String zone) throws ParseException {
        SelectStatement s = (SelectStatement) only("SELECT v FROM cpu tz('" + zone + "')", Map.of());
        assertThat(s.location()).isEqualTo(ZoneId.of(zone));
        assertThat(s.toString()).isEqualTo("SELECT v FROM cpu TZ('" + zone + "')");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mars/Olympus", "+05:00", "america/chicago", "UTC+3", "Z"})
    void rejectsUnknownTimeZones(String zone) {
        assertThatThrownBy(() -> InfluxQLParser.parse("SELECT v FROM cpu tz('" + zone + "')"))
                .isInstanceOf(ParseException.class).hasMessage("unable to find time zone " + zone);
    }

    static Stream<String> corpus() throws IOException {
        try (InputStream in = QueryTest.class.getResourceAsStream("statements-influxql-parser-test.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList().stream();
        }
    }

    /** Every statement of InfluxDB's parser test parses, and its canonical text parses back to the same AST. */
    @ParameterizedTest
    @MethodSource("corpus")
    void corpusRoundTrips(String input) throws ParseException {
        List<Statement> parsed = InfluxQLParser.parse(input).statements();
        String printed = new Query(parsed).toString();
        assertThat(InfluxQLParser.parse(printed).statements()).isEqualTo(parsed);
        assertThat(new Query(InfluxQLParser.parse(printed).statements()).toString()).isEqualTo(printed);
    }

    private static Statement only(String text, Map<String, ?> params) throws ParseException {
        List<Statement> s = InfluxQLParser.parse(text, params).statements();
        assertThat(s).hasSize(1);
        return s.getFirst();
    }
}
