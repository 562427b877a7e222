package io.tidemark.influxql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LexerTest {
    static Stream<Arguments> singleTokens() {
        return Stream.of(
                // Special tokens (EOF, ILLEGAL, WS)
                Arguments.of("", Token.EOF, "", 0),
                Arguments.of("#", Token.ILLEGAL, "#", 0),
                Arguments.of("!", Token.ILLEGAL, "!", 0),
                Arguments.of(" ", Token.WS, " ", 0),
                Arguments.of("\t", Token.WS, "\t", 0),
                Arguments.of("\n", Token.WS, "\n", 0),
                Arguments.of("\r", Token.WS, "\n", 0),
                Arguments.of("\r\n", Token.WS, "\n", 0),
                Arguments.of(" \n\t \r\n\t", Token.WS, " \n\t \n\t", 0),
                // Operators
                Arguments.of("+", Token.ADD, "", 0),
                Arguments.of("-", Token.SUB, "", 0),
                Arguments.of("*", Token.MUL, "", 0),
                Arguments.of("/", Token.DIV, "", 0),
                Arguments.of("%", Token.MOD, "", 0),
                Arguments.of("&", Token.BITWISE_AND, "", 0),
                Arguments.of("|", Token.BITWISE_OR, "", 0),
                Arguments.of("^", Token.BITWISE_XOR, "", 0),
                Arguments.of("AND", Token.AND, "", 0),
                Arguments.of("and", Token.AND, "", 0),
                Arguments.of("OR", Token.OR, "", 0),
                Arguments.of("=", Token.EQ, "", 0),
                Arguments.of("<>", Token.NEQ, "", 0),
                Arguments.of("! ", Token.ILLEGAL, "!", 0),
                Arguments.of("!=", Token.NEQ, "", 0),
                Arguments.of("=~", Token.EQREGEX, "", 0),
                Arguments.of("!~", Token.NEQREGEX, "", 0),
                Arguments.of("<", Token.LT, "", 0),
                Arguments.of("<=", Token.LTE, "", 0),
                Arguments.of(">", Token.GT, "", 0),
                Arguments.of(">=", Token.GTE, "", 0),
                // Misc tokens
                Arguments.of("(", Token.LPAREN, "", 0),
                Arguments.of(")", Token.RPAREN, "", 0),
                Arguments.of(",", Token.COMMA, "", 0),
                Arguments.of(";", Token.SEMICOLON, "", 0),
                Arguments.of(".", Token.DOT, "", 0),
                Arguments.of(":", Token.COLON, "", 0),
                Arguments.of("::", Token.DOUBLECOLON, "", 0),
                // Identifiers
                Arguments.of("foo", Token.IDENT, "foo", 0),
                Arguments.of("_foo", Token.IDENT, "_foo", 0),
                Arguments.of("Zx12_3U_-", Token.IDENT, "Zx12_3U_", 0),
                Arguments.of("\"foo\"", Token.IDENT, "foo", 0),
                Arguments.of("\"foo\\\\bar\"", Token.IDENT, "foo\\bar", 0),
                Arguments.of("\"foo\\bar\"", Token.BADESCAPE, "\\b", 5),
                Arguments.of("\"foo\\\"bar\\\"\"", Token.IDENT, "foo\"bar\"", 0),
                Arguments.of("test\"", Token.BADSTRING, "", 3),
                Arguments.of("\"test", Token.BADSTRING, "test", 0),
                Arguments.of("$host", Token.BOUNDPARAM, "$host", 0),
                Arguments.of("$\"host param\"", Token.BOUNDPARAM, "$host param", 0),
                Arguments.of("true", Token.TRUE, "", 0),
                Arguments.of("false", Token.FALSE, "", 0),
                // Strings
                Arguments.of("'testing 123!'", Token.STRING, "testing 123!", 0),
                Arguments.of("'foo\\nbar'", Token.STRING, "foo\nbar", 0),
                Arguments.of("'foo\\\\bar'", Token.STRING, "foo\\bar", 0),
                Arguments.of("'test", Token.BADSTRING, "test", 0),
                Arguments.of("'test\nfoo", Token.BADSTRING, "test", 0),
                Arguments.of("'test\\g'", Token.BADESCAPE, "\\g", 6),
                // Numbers
                Arguments.of("100", Token.INTEGER, "100", 0),
                Arguments.of("100.23", Token.NUMBER, "100.23", 0),
                Arguments.of(".23", Token.NUMBER, ".23", 0),
                Arguments.of("10.3s", Token.NUMBER, "10.3", 0),
                // Durations
                Arguments.of("10u", Token.DURATIONVAL, "10u", 0),
                Arguments.of("10µ", Token.DURATIONVAL, "10µ", 0),
                Arguments.of("10ms", Token.DURATIONVAL, "10ms", 0),
                Arguments.of("1s", Token.DURATIONVAL, "1s", 0),
                Arguments.of("10m", Token.DURATIONVAL, "10m", 0),
                Arguments.of("10h", Token.DURATIONVAL, "10h", 0),
                Arguments.of("10d", Token.DURATIONVAL, "10d", 0),
                Arguments.of("10w", Token.DURATIONVAL, "10w", 0),
                Arguments.of("1h30m", Token.DURATIONVAL, "1h30m", 0),
                Arguments.of("10x", Token.DURATIONVAL, "10x", 0),
                // Keywords
                Arguments.of("ALL", Token.ALL, "", 0),
                Arguments.of("ALTER", Token.ALTER, "", 0),
                Arguments.of("AS", Token.AS, "", 0),
                Arguments.of("BY", Token.BY, "", 0),
                Arguments.of("CARDINALITY", Token.CARDINALITY, "", 0),
                Arguments.of("DESTINATIONS", Token.DESTINATIONS, "", 0),
                Arguments.of("EXACT", Token.EXACT, "", 0),
                Arguments.of("select", Token.SELECT, "", 0),
                Arguments.of("sElEcT", Token.SELECT, "", 0),
                Arguments.of("INF", Token.INF, "", 0),
                Arguments.of("WRITE", Token.WRITE, "", 0),
                Arguments.of("seLECT", Token.SELECT, "", 0));
    }

    @ParameterizedTest
    @MethodSource("singleTokens")
    void scansOneToken(String input, Token token, String literal, int column) {
        Lexeme l = new Lexer(input).scan();
        assertThat(l.token()).isEqualTo(token);
        assertThat(l.literal()).isEqualTo(literal);
        assertThat(l.pos()).isEqualTo(new Pos(0, column));
    }

    @Test
    void scansMultipleTokensWithPositions() {
        Lexer lexer = new Lexer("SELECT value from myseries WHERE a = 'b'");
        List<String> seen = new ArrayList<>();
        while (true) {
            Lexeme l = lexer.scan();
            seen.add(l.token() + ":" + l.pos().column() + ":" + l.literal());
            if (l.token() == Token.EOF) {
                break;
            }
        }
        assertThat(seen).containsExactly("SELECT:0:", "WS:6: ", "IDENT:7:value", "WS:12: ", "FROM:13:",
                "WS:17: ", "IDENT:18:myseries", "WS:26: ", "WHERE:27:", "WS:32: ", "IDENT:33:a", "WS:34: ",
                "EQ:35:", "WS:36: ", "STRING:36:b", "EOF:40:");
    }

    @Test
    void skipsCommentsAsSingleTokens() {
        Lexer lexer = new Lexer("a -- rest of line\n/* block\n** */b /* unterminated");
        assertThat(lexer.scan().token()).isEqualTo(Token.IDENT);
        assertThat(lexer.scan().token()).isEqualTo(Token.WS);
        assertThat(lexer.scan().token()).isEqualTo(Token.COMMENT);
        assertThat(lexer.scan().token()).isEqualTo(Token.COMMENT);
        Lexeme b = lexer.scan();
        assertThat(b.literal()).isEqualTo("b");
        assertThat(b.pos()).isEqualTo(new Pos(2, 5));
        assertThat(lexer.scan().token()).isEqualTo(Token.WS);
        assertThat(lexer.scan().token()).isEqualTo(Token.ILLEGAL);
    }

    @Test
    void scansRegexOnRequestWithEscapedSlash() {
        Lexer lexer = new Lexer("/^cpu\\/[0-9]\\d$/ x");
        assertThat(lexer.peekRune()).isEqualTo('/');
        Lexeme re = lexer.scanRegex();
        assertThat(re.token()).isEqualTo(Token.REGEX);
        assertThat(re.literal()).isEqualTo("^cpu/[0-9]\\d$");
        assertThat(new Lexer("/abc").scanRegex().token()).isEqualTo(Token.BADREGEX);
        assertThat(new Lexer("/ab\nc/").scanRegex().token()).isEqualTo(Token.BADREGEX);
    }

    @Test
    void countsPositionsInCodePointsAndLines() {
        Lexer lexer = new Lexer("\"µ😀\"\r\n  x");
        assertThat(lexer.scan().literal()).isEqualTo("µ😀");
        assertThat(lexer.scan().token()).isEqualTo(Token.WS);
        Lexeme x = lexer.scan();
        assertThat(x.pos()).isEqualTo(new Pos(1, 2));
    }
}
