package io.tidemark.influxql;

import static io.tidemark.influxql.Ast.bin;
import static io.tidemark.influxql.Ast.call;
import static io.tidemark.influxql.Ast.dim;
import static io.tidemark.influxql.Ast.dur;
import static io.tidemark.influxql.Ast.field;
import static io.tidemark.influxql.Ast.flt;
import static io.tidemark.influxql.Ast.m;
import static io.tidemark.influxql.Ast.num;
import static io.tidemark.influxql.Ast.paren;
import static io.tidemark.influxql.Ast.re;
import static io.tidemark.influxql.Ast.ref;
import static io.tidemark.influxql.Ast.select;
import static io.tidemark.influxql.Ast.str;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.tidemark.influxql.ast.DataType;
import io.tidemark.influxql.ast.Distinct;
import io.tidemark.influxql.ast.FillOption;
import io.tidemark.influxql.ast.IntegerLiteral;
import io.tidemark.influxql.ast.Measurement;
import io.tidemark.influxql.ast.Operator;
import io.tidemark.influxql.ast.Query;
import io.tidemark.influxql.ast.SelectStatement;
import io.tidemark.influxql.ast.SortField;
import io.tidemark.influxql.ast.Statement;
import io.tidemark.influxql.ast.SubQuery;
import io.tidemark.influxql.ast.Target;
import io.tidemark.influxql.ast.UnsignedLiteral;
import io.tidemark.influxql.ast.Wildcard;

/** Golden {input, expected AST, canonical text} table for SELECT, with the print → parse round trip. */
class GoldenSelectTest {
    private static final Measurement CPU = m("cpu");

    static Stream<Arguments> selects() {
        return Stream.of(
                g("SELECT * FROM myseries",
                        select(field(Wildcard.ALL)).sources(m("myseries")).build(),
                        "SELECT * FROM myseries"),
                g("SELECT field1, * FROM myseries GROUP BY *",
                        select(field(ref("field1")), field(Wildcard.ALL)).sources(m("myseries"))
                                .dimensions(dim(Wildcard.ALL)).build(),
                        "SELECT field1, * FROM myseries GROUP BY *"),
                g("SELECT mean(field1), sum(field2), count(field3) AS field_x FROM myseries WHERE host = "
                        + "'hosta.influxdb.org' and time > '2020-01-01T00:00:00Z' GROUP BY time(10h) ORDER BY DESC "
                        + "LIMIT 20 OFFSET 10;",
                        select(field(call("mean", ref("field1"))), field(call("sum", ref("field2"))),
                                field(call("count", ref("field3")), "field_x"))
                                .sources(m("myseries"))
                                .condition(bin(Operator.AND, bin(Operator.EQ, ref("host"), str("hosta.influxdb.org")),
                                        bin(Operator.GT, ref("time"), str("2020-01-01T00:00:00Z"))))
                                .dimensions(dim(call("time", dur(Duration.ofHours(10)))))
                                .sortFields(new SortField("", false)).limit(20).offset(10).build(),
                        "SELECT mean(field1), sum(field2), count(field3) AS field_x FROM myseries WHERE host = "
                                + "'hosta.influxdb.org' AND time > '2020-01-01T00:00:00Z' GROUP BY time(10h) "
                                + "ORDER BY DESC LIMIT 20 OFFSET 10"),
                g("SELECT \"foo.bar.baz\" AS foo FROM myseries",
                        select(field(ref("foo.bar.baz"), "foo")).sources(m("myseries")).build(),
                        "SELECT \"foo.bar.baz\" AS foo FROM myseries"),
                g("SELECT derivative(field1, 1h) / derivative(field2, 1h) FROM myseries",
                        select(field(bin(Operator.DIV, call("derivative", ref("field1"), dur(Duration.ofHours(1))),
                                call("derivative", ref("field2"), dur(Duration.ofHours(1))))))
                                .sources(m("myseries")).build(),
                        "SELECT derivative(field1, 1h) / derivative(field2, 1h) FROM myseries"),
                g("SELECT \"usage\"::field, \"host\"::tag, value::float, n::INTEGER FROM cpu",
                        select(field(ref("usage", DataType.ANY_FIELD)), field(ref("host", DataType.TAG)),
                                field(ref("value", DataType.FLOAT)), field(ref("n", DataType.INTEGER)))
                                .sources(CPU).build(),
                        "SELECT usage::field, host::tag, value::float, n::integer FROM cpu"),
                g("SELECT *::tag, *::field FROM cpu",
                        select(field(new Wildcard(DataType.TAG)), field(new Wildcard(DataType.ANY_FIELD)))
                                .sources(CPU).build(),
                        "SELECT *::tag, *::field FROM cpu"),
                g("SELECT /^u/ FROM cpu WHERE host !~ /1/ AND host != 'h2'",
                        select(field(re("^u"))).sources(CPU)
                                .condition(bin(Operator.AND, bin(Operator.NEQREGEX, ref("host"), re("1")),
                                        bin(Operator.NEQ, ref("host"), str("h2")))).build(),
                        "SELECT /^u/ FROM cpu WHERE host !~ /1/ AND host != 'h2'"),
                g("SELECT a + b * c - d FROM m WHERE a = 1 OR b <> 2 AND c >= 3.5",
                        select(field(bin(Operator.SUB, bin(Operator.ADD, ref("a"), bin(Operator.MUL, ref("b"),
                                ref("c"))), ref("d")))).sources(m("m"))
                                .condition(bin(Operator.OR, bin(Operator.EQ, ref("a"), num(1)),
                                        bin(Operator.AND, bin(Operator.NEQ, ref("b"), num(2)),
                                                bin(Operator.GTE, ref("c"), flt(3.5))))).build(),
                        "SELECT a + b * c - d FROM m WHERE a = 1 OR b != 2 AND c >= 3.5"),
                g("SELECT (x + y) * (z - 1), -x, +y, y & 3 | 8 ^ 1 % 2 FROM pair",
                        select(field(bin(Operator.MUL, paren(bin(Operator.ADD, ref("x"), ref("y"))),
                                        paren(bin(Operator.SUB, ref("z"), num(1))))),
                                field(bin(Operator.MUL, num(-1), ref("x"))),
                                field(bin(Operator.MUL, num(1), ref("y"))),
                                field(bin(Operator.BITWISE_XOR, bin(Operator.BITWISE_OR,
                                        bin(Operator.BITWISE_AND, ref("y"), num(3)), num(8)),
                                        bin(Operator.MOD, num(1), num(2)))))
                                .sources(m("pair")).build(),
                        "SELECT (x + y) * (z - 1), -1 * x, 1 * y, y & 3 | 8 ^ 1 % 2 FROM pair"),
                g("SELECT value FROM cpu WHERE time > now() - 1h AND v < -1.5 AND w = -10s",
                        select(field(ref("value"))).sources(CPU)
                                .condition(bin(Operator.AND, bin(Operator.AND,
                                        bin(Operator.GT, ref("time"), bin(Operator.SUB, call("now"),
                                                dur(Duration.ofHours(1)))),
                                        bin(Operator.LT, ref("v"), flt(-1.5))),
                                        bin(Operator.EQ, ref("w"), dur(Duration.ofSeconds(-10))))).build(),
                        "SELECT value FROM cpu WHERE time > now() - 1h AND v < -1.5 AND w = -10s"),
                g("SELECT 9223372036854775808, -9223372036854775808, 100., .5, true, FALSE FROM m",
                        select(field(new UnsignedLiteral(Long.MIN_VALUE)), field(new IntegerLiteral(Long.MIN_VALUE)),
                                field(flt(100)), field(flt(0.5)),
                                field(new io.tidemark.influxql.ast.BooleanLiteral(true)),
                                field(new io.tidemark.influxql.ast.BooleanLiteral(false)))
                                .sources(m("m")).build(),
                        "SELECT 9223372036854775808, -9223372036854775808, 100.0, 0.5, true, false FROM m"),
                g("SELECT DISTINCT state, count(DISTINCT host), distinct(x) FROM cpu",
                        select(field(new Distinct("state")), field(call("count", new Distinct("host"))),
                                field(call("distinct", ref("x")))).sources(CPU).build(),
                        "SELECT DISTINCT state, count(DISTINCT host), distinct(x) FROM cpu"),
                g("SELECT TOP(usage, host, 2), Percentile(v, 99.9) FROM cpu",
                        select(field(call("top", ref("usage"), ref("host"), num(2))),
                                field(call("percentile", ref("v"), flt(99.9)))).sources(CPU).build(),
                        "SELECT top(usage, host, 2), percentile(v, 99.9) FROM cpu"),
                g("SELECT count(/^x/), now() FROM cpu",
                        select(field(call("count", re("^x"))), field(call("now"))).sources(CPU).build(),
                        "SELECT count(/^x/), now() FROM cpu"),
                g("SELECT * FROM db..cpu, rp./^c/, db.rp./x/, \"my.db\".\"my rp\".\"my m\", /a\\/b/",
                        select(field(Wildcard.ALL)).sources(new Measurement("db", "", "cpu", null),
                                new Measurement("", "rp", "", re("^c")), new Measurement("db", "rp", "", re("x")),
                                new Measurement("my.db", "my rp", "my m", null), Measurement.matching("a/b")).build(),
                        "SELECT * FROM db..cpu, rp./^c/, db.rp./x/, \"my.db\".\"my rp\".\"my m\", /a\\/b/"),
                g("SELECT max(m) FROM (SELECT mean(usage) AS m FROM cpu GROUP BY host) WHERE m > 1",
                        select(field(call("max", ref("m"))))
                                .sources(new SubQuery(select(field(call("mean", ref("usage")), "m")).sources(CPU)
                                        .dimensions(dim(ref("host"))).build()))
                                .condition(bin(Operator.GT, ref("m"), num(1))).build(),
                        "SELECT max(m) FROM (SELECT mean(usage) AS m FROM cpu GROUP BY host) WHERE m > 1"),
                g("SELECT mean(usage) INTO cpu_30m FROM cpu GROUP BY time(30m, 15m), host",
                        select(field(call("mean", ref("usage")))).target(new Target(m("cpu_30m"))).sources(CPU)
                                .dimensions(dim(call("time", dur(Duration.ofMinutes(30)), dur(Duration.ofMinutes(15)))),
                                        dim(ref("host"))).build(),
                        "SELECT mean(usage) INTO cpu_30m FROM cpu GROUP BY time(30m, 15m), host"),
                g("SELECT procs INTO \"db_arch\".\"autogen\".procs FROM cpu GROUP BY *",
                        select(field(ref("procs"))).target(new Target(new Measurement("db_arch", "autogen", "procs",
                                null))).sources(CPU).dimensions(dim(Wildcard.ALL)).build(),
                        "SELECT procs INTO db_arch.autogen.procs FROM cpu GROUP BY *"),
                g("SELECT mean(*) INTO db1..:MEASUREMENT FROM cpu GROUP BY time(5m)",
                        select(field(call("mean", Wildcard.ALL))).target(new Target(new Measurement("db1", "", "",
                                null))).sources(CPU).dimensions(dim(call("time", dur(Duration.ofMinutes(5))))).build(),
                        "SELECT mean(*) INTO db1..:MEASUREMENT FROM cpu GROUP BY time(5m)"),
                g("SELECT mean(*) INTO rp.:MEASUREMENT FROM /.*/ GROUP BY time(5m)",
                        select(field(call("mean", Wildcard.ALL))).target(new Target(new Measurement("", "rp", "",
                                null))).sources(Measurement.matching(".*"))
                                .dimensions(dim(call("time", dur(Duration.ofMinutes(5))))).build(),
                        "SELECT mean(*) INTO rp.:MEASUREMENT FROM /.*/ GROUP BY time(5m)"),
                g("SELECT sum(procs) FROM cpu GROUP BY /reg/, host fill(none)",
                        select(field(call("sum", ref("procs")))).sources(CPU).dimensions(dim(re("reg")),
                                dim(ref("host"))).fill(FillOption.NONE, null).build(),
                        "SELECT sum(procs) FROM cpu GROUP BY /reg/, host fill(none)"),
                g("SELECT count(v) FROM cpu GROUP BY time(10m) fill(0)",
                        select(field(call("count", ref("v")))).sources(CPU)
                                .dimensions(dim(call("time", dur(Duration.ofMinutes(10))))).fill(FillOption.NUMBER, 0L)
                                .build(),
                        "SELECT count(v) FROM cpu GROUP BY time(10m) fill(0)"),
                g("SELECT mean(v) FROM cpu GROUP BY time(1m) FILL(-2.5)",
                        select(field(call("mean", ref("v")))).sources(CPU)
                                .dimensions(dim(call("time", dur(Duration.ofMinutes(1)))))
                                .fill(FillOption.NUMBER, -2.5).build(),
                        "SELECT mean(v) FROM cpu GROUP BY time(1m) fill(-2.5)"),
                g("SELECT mean(v) FROM cpu GROUP BY time(1m) fill(previous)",
                        select(field(call("mean", ref("v")))).sources(CPU)
                                .dimensions(dim(call("time", dur(Duration.ofMinutes(1)))))
                                .fill(FillOption.PREVIOUS, null).build(),
                        "SELECT mean(v) FROM cpu GROUP BY time(1m) fill(previous)"),
                g("SELECT mean(v) FROM cpu GROUP BY time(1m) fill(linear)",
                        select(field(call("mean", ref("v")))).sources(CPU)
                                .dimensions(dim(call("time", dur(Duration.ofMinutes(1)))))
                                .fill(FillOption.LINEAR, null).build(),
                        "SELECT mean(v) FROM cpu GROUP BY time(1m) fill(linear)"),
                g("SELECT mean(v) FROM cpu GROUP BY time(1m) fill(null)",
                        select(field(call("mean", ref("v")))).sources(CPU)
                                .dimensions(dim(call("time", dur(Duration.ofMinutes(1))))).build(),
                        "SELECT mean(v) FROM cpu GROUP BY time(1m)"),
                g("SELECT v FROM cpu ORDER BY time DESC LIMIT 3 OFFSET 4 SLIMIT 1 SOFFSET 2",
                        select(field(ref("v"))).sources(CPU).sortFields(new SortField("time", false)).limit(3)
                                .offset(4).sLimit(1).sOffset(2).build(),
                        "SELECT v FROM cpu ORDER BY time DESC LIMIT 3 OFFSET 4 SLIMIT 1 SOFFSET 2"),
                g("SELECT v FROM cpu ORDER BY time",
                        select(field(ref("v"))).sources(CPU).sortFields(new SortField("time", true)).build(),
                        "SELECT v FROM cpu ORDER BY time ASC"),
                g("SELECT v FROM tzm WHERE time < '2021-03-04T12:00:00Z' tz('America/Chicago')",
                        select(field(ref("v"))).sources(m("tzm"))
                                .condition(bin(Operator.LT, ref("time"), str("2021-03-04T12:00:00Z")))
                                .location(ZoneId.of("America/Chicago")).build(),
                        "SELECT v FROM tzm WHERE time < '2021-03-04T12:00:00Z' TZ('America/Chicago')"));
    }

    private static Arguments g(String input, Statement expected, String printed) {
        return Arguments.of(input, expected, printed);
    }

    @ParameterizedTest
    @MethodSource("selects")
    void parsesPrintsAndRoundTrips(String input, Statement expected, String printed) throws ParseException {
        Query q = InfluxQLParser.parse(input);
        assertThat(q.statements()).containsExactly(expected);
        assertThat(q.statements().getFirst().toString()).isEqualTo(printed);
        assertThat(InfluxQLParser.parse(printed).statements()).containsExactly(expected);
    }
}
