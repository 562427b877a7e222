package io.tidemark.influxql;

import static io.tidemark.influxql.Ast.bin;
import static io.tidemark.influxql.Ast.call;
import static io.tidemark.influxql.Ast.dur;
import static io.tidemark.influxql.Ast.flt;
import static io.tidemark.influxql.Ast.num;
import static io.tidemark.influxql.Ast.paren;
import static io.tidemark.influxql.Ast.re;
import static io.tidemark.influxql.Ast.ref;
import static io.tidemark.influxql.Ast.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.tidemark.influxql.ast.BooleanLiteral;
import io.tidemark.influxql.ast.Expr;
import io.tidemark.influxql.ast.IntegerLiteral;
import io.tidemark.influxql.ast.Operator;
import io.tidemark.influxql.ast.UnsignedLiteral;

/** Expression golden table from influxql parser_test.go TestParser_ParseExpr, plus the print → parse round trip. */
class ExpressionTest {
    static Stream<Arguments> expressions() {
        return Stream.of(
                Arguments.of("100.0", flt(100)),
                Arguments.of("100", num(100)),
                Arguments.of("9223372036854775808", new UnsignedLiteral(Long.MIN_VALUE)),
                Arguments.of("-9223372036854775808", new IntegerLiteral(Long.MIN_VALUE)),
                Arguments.of("-100.0", flt(-100)),
                Arguments.of("-100", num(-100)),
                Arguments.of("100.", flt(100)),
                Arguments.of("-100.", flt(-100)),
                Arguments.of(".23", flt(0.23)),
                Arguments.of("-.23", flt(-0.23)),
                Arguments.of("1s", dur(Duration.ofSeconds(1))),
                Arguments.of("-1s", dur(Duration.ofSeconds(-1))),
                Arguments.of("'foo bar'", str("foo bar")),
                Arguments.of("true", new BooleanLiteral(true)),
                Arguments.of("false", new BooleanLiteral(false)),
                Arguments.of("my_ident", ref("my_ident")),
                Arguments.of("'2000-01-01 00:00:00'", str("2000-01-01 00:00:00")),
                Arguments.of("'2000-01-01'", str("2000-01-01")),
                Arguments.of("1 + 2", bin(Operator.ADD, num(1), num(2))),
                Arguments.of("1 * 2 + 3", bin(Operator.ADD, bin(Operator.MUL, num(1), num(2)), num(3))),
                Arguments.of("1 + 2 * 3", bin(Operator.ADD, num(1), bin(Operator.MUL, num(2), num(3)))),
                Arguments.of("1 / 2 + 3", bin(Operator.ADD, bin(Operator.DIV, num(1), num(2)), num(3))),
                Arguments.of("1 + 2 / 3", bin(Operator.ADD, num(1), bin(Operator.DIV, num(2), num(3)))),
                Arguments.of("1 % 2 + 3", bin(Operator.ADD, bin(Operator.MOD, num(1), num(2)), num(3))),
                Arguments.of("1 + 2 % 3", bin(Operator.ADD, num(1), bin(Operator.MOD, num(2), num(3)))),
                Arguments.of("(1 + 2) * 3", bin(Operator.MUL, paren(bin(Operator.ADD, num(1), num(2))), num(3))),
                Arguments.of("1 * 2 * 3", bin(Operator.MUL, bin(Operator.MUL, num(1), num(2)), num(3))),
                Arguments.of("1+2-3", bin(Operator.SUB, bin(Operator.ADD, num(1), num(2)), num(3))),
                Arguments.of("time>now()-5m",
                        bin(Operator.GT, ref("time"), bin(Operator.SUB, call("now"), dur(Duration.ofMinutes(5))))),
                Arguments.of("-value", bin(Operator.MUL, num(-1), ref("value"))),
                Arguments.of("-mean(value)", bin(Operator.MUL, num(-1), call("mean", ref("value")))),
                Arguments.of("-(-4)", bin(Operator.MUL, num(-1), paren(num(-4)))),
                Arguments.of("-2 * 3", bin(Operator.MUL, num(-2), num(3))),
                Arguments.of("region =~ /us.*/", bin(Operator.EQREGEX, ref("region"), re("us.*"))),
                Arguments.of("url =~ /http\\:\\/\\/www\\.example\\.com/",
                        bin(Operator.EQREGEX, ref("url"), re("http\\://www\\.example\\.com"))),
                Arguments.of("url=~/http\\:\\/\\/www\\.example\\.com/",
                        bin(Operator.EQREGEX, ref("url"), re("http\\://www\\.example\\.com"))),
                Arguments.of("value + 3 < 30 AND 1 + 2 OR true",
                        bin(Operator.OR, bin(Operator.AND,
                                bin(Operator.LT, bin(Operator.ADD, ref("value"), num(3)), num(30)),
                                bin(Operator.ADD, num(1), num(2))), new BooleanLiteral(true))),
                Arguments.of("time > now() - 1d AND time < now() + 1d",
                        bin(Operator.AND,
                                bin(Operator.GT, ref("time"), bin(Operator.SUB, call("now"), dur(Duration.ofDays(1)))),
                                bin(Operator.LT, ref("time"), bin(Operator.ADD, call("now"), dur(Duration.ofDays(1)))))),
                Arguments.of("my_func()", call("my_func")),
                Arguments.of("my_func(1, 2 + 3)", call("my_func", num(1), bin(Operator.ADD, num(2), num(3)))),
                // Beyond the Go table: comparison chains and bitwise precedence.
                Arguments.of("a = 1 AND b = 2 AND c = 3", bin(Operator.AND,
                        bin(Operator.AND, bin(Operator.EQ, ref("a"), num(1)), bin(Operator.EQ, ref("b"), num(2))),
                        bin(Operator.EQ, ref("c"), num(3)))),
                Arguments.of("a | b & c", bin(Operator.BITWISE_OR, ref("a"), bin(Operator.BITWISE_AND, ref("b"),
                        ref("c")))),
                Arguments.of("\"my field\" <= 0.000001", bin(Operator.LTE, ref("my field"), flt(0.000001))),
                Arguments.of("v > 0.1234567", bin(Operator.GT, ref("v"), flt(0.1234567))));
    }

    @ParameterizedTest
    @MethodSource("expressions")
    void parsesAndRoundTrips(String input, Expr expected) throws ParseException {
        Expr e = InfluxQLParser.parseExpr(input);
        assertThat(e).isEqualTo(expected);
        assertThat(InfluxQLParser.parseExpr(e.toString())).isEqualTo(expected);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("-9223372036854775809", "constant -9223372036854775809 underflows int64"),
                Arguments.of("-+1", "found +, expected identifier, number, duration, ( at line 1, char 2"),
                Arguments.of("time > now() - 1y", "invalid duration"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void rejects(String input, String error) {
        assertThatThrownBy(() -> InfluxQLParser.parseExpr(input)).isInstanceOf(ParseException.class)
                .hasMessage(error);
    }
}
