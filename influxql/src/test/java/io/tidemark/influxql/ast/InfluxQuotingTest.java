package io.tidemark.influxql.ast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.tidemark.influxql.parser.Token;

/** TestQuote / TestQuoteIdent of influxql parser_test.go. */
class InfluxQuotingTest {
    static Stream<Arguments> strings() {
        return Stream.of(
                Arguments.of("", "''"),
                Arguments.of("foo", "'foo'"),
                Arguments.of("foo\nbar", "'foo\\nbar'"),
                Arguments.of("foo bar\\\\", "'foo bar\\\\\\\\'"),
                Arguments.of("'foo'", "'\\'foo\\''"));
    }

    @ParameterizedTest
    @MethodSource("strings")
    void quotesStrings(String in, String out) {
        assertThat(InfluxQuoting.quoteString(in)).isEqualTo(out);
    }

    static Stream<Arguments> idents() {
        return Stream.of(
                Arguments.of(new String[] {""}, "\"\""),
                Arguments.of(new String[] {"select"}, "\"select\""),
                Arguments.of(new String[] {"in-bytes"}, "\"in-bytes\""),
                Arguments.of(new String[] {"foo", "bar"}, "\"foo\".bar"),
                Arguments.of(new String[] {"foo", "", "bar"}, "\"foo\"..bar"),
                Arguments.of(new String[] {"foo bar", "baz"}, "\"foo bar\".baz"),
                Arguments.of(new String[] {"foo.bar", "baz"}, "\"foo.bar\".baz"),
                Arguments.of(new String[] {"foo.bar", "rp", "baz"}, "\"foo.bar\".\"rp\".baz"),
                Arguments.of(new String[] {"foo.bar", "rp", "1baz"}, "\"foo.bar\".\"rp\".\"1baz\""),
                Arguments.of(new String[] {"a\"b\\c"}, "\"a\\\"b\\\\c\""));
    }

    @ParameterizedTest
    @MethodSource("idents")
    void quotesIdentifiers(String[] segments, String out) {
        assertThat(InfluxQuoting.quoteIdent(segments)).isEqualTo(out);
    }

    @Test
    void keywordListMatchesTheLexer() {
        var lexerKeywords = Arrays.stream(Token.values())
                .filter(t -> Token.lookup(t.name()) == t && t != Token.IDENT)
                .map(t -> t.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        assertThat(InfluxQuoting.KEYWORDS).containsExactlyInAnyOrderElementsOf(lexerKeywords);
    }
}
