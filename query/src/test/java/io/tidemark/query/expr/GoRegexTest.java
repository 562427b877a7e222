package io.tidemark.query.expr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Go RE2's meaning of InfluxQL regular expressions where Java's differs. The expectations are RE2's (checked against
 * influxd 1.6.7 for {@code $} and string fields ending in line breaks).
 */
class GoRegexTest {
    @ParameterizedTest(name = "/{0}/ on \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ^a$             | a              | true
            ^a$             | a\\n           | false
            ^a$             | a\\r           | false
            a$              | xa\\n          | false
            'a$|b'          | b\\n           | true
            a.b             | a\\rb          | true
            a.b             | a\\nb          | false
            (?s)a.b         | a\\nb          | true
            (?m)^b$         | a\\nb\\nc      | true
            (?m)^b$         | a\\nb\\rc      | false
            '(?m:a$)|c$'    | a\\nx          | true
            '(?m:a$)|c$'    | c\\nx          | false
            (?m)a$(?-m)     | a\\nx          | true
            (?m)(?-m:a$)    | a\\nx          | false
            [$]             | $              | true
            \\$             | x$y            | true
            \\Qa$\\E        | xa$y           | true
            [[:alpha:]]$    | x              | true
            [[:alpha:]]$    | x\\n           | false
            []$]x           | $x             | true
            (?P<h>host)_1$  | host_1         | true
            (?P<h>host)_1$  | host_1\\n      | false
            (?P<h_2>a)b     | ab             | true
            ^\\141$         | a              | true
            ^a{,3}$         | a{,3}          | true
            ^a{,3}$         | aaa            | false
            '^\\Qa(\\E$'      | a(             | true
            '^\\Q{1,\\E$'     | {1,            | true
            ^[[:word:]]+$   | a_1            | true
            ^[[:^word:]]+$  | _              | false
            ^\\x41\\_$       | A_             | true
            """)
    void matchesAsRe2Does(String pattern, String text, boolean expected) {
        String input = text.replace("\\n", "\n").replace("\\r", "\r");
        String re = pattern.replace("\\\\", "\\");
        assertThat(GoRegex.matches(GoRegex.compile(re), input)).isEqualTo(expected);
    }

    @Test
    void aPatternWithoutADollarIsOnlyRespelled() {
        assertThat(GoRegex.translate("(?P<x_1>[[:digit:]]+)")).isEqualTo("([\\p{Digit}]+)");
    }
}
