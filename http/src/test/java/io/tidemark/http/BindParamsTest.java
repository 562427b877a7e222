package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.common.GoJsonNumber;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BindParamsTest {
    /** {@code params} texts and the error influxd 1.6.7 answered each with (400), recorded 2026-11-27. */
    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("{", "error parsing query parameters: unexpected EOF"),
                Arguments.of("{\"a\":", "error parsing query parameters: unexpected EOF"),
                Arguments.of("nul", "error parsing query parameters: unexpected EOF"),
                Arguments.of(" ", "error parsing query parameters: EOF"),
                Arguments.of("[1]", "error parsing query parameters: json: cannot unmarshal array into Go value of "
                        + "type map[string]interface {}"),
                Arguments.of("1", "error parsing query parameters: json: cannot unmarshal number into Go value of "
                        + "type map[string]interface {}"),
                Arguments.of("\"x\"", "error parsing query parameters: json: cannot unmarshal string into Go value "
                        + "of type map[string]interface {}"),
                Arguments.of("{\"a\":1,}",
                        "error parsing query parameters: invalid character '}' looking for beginning of object key string"),
                Arguments.of("{a:1}",
                        "error parsing query parameters: invalid character 'a' looking for beginning of object key string"),
                Arguments.of("{\"a\":tru}",
                        "error parsing query parameters: invalid character '}' in literal true (expecting 'e')"),
                Arguments.of("{\"a\":1e}",
                        "error parsing query parameters: invalid character '}' in exponent of numeric literal"),
                Arguments.of("{\"a\":\"\\x\"}",
                        "error parsing query parameters: invalid character 'x' in string escape code"),
                Arguments.of("{\"a\":[1,2}",
                        "error parsing query parameters: invalid character '}' after array element"),
                Arguments.of("{\"a\":-}", "error parsing query parameters: invalid character '}' in numeric literal"),
                Arguments.of("{\"a\":01}",
                        "error parsing query parameters: invalid character '1' after object key:value pair"),
                Arguments.of("{\"a\":\"\u0001\"}",
                        "error parsing query parameters: invalid character '\\x01' in string literal"),
                Arguments.of("{\"a\":1e3}", "error parsing json value: strconv.ParseInt: parsing \"1e3\": invalid syntax"),
                Arguments.of("{\"a\":99999999999999999999}",
                        "error parsing json value: strconv.ParseInt: parsing \"99999999999999999999\": value out of range"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void refusesWhatInfluxDbRefusesWithItsText(String params, String error) {
        assertThatThrownBy(() -> BindParams.parse(params)).hasMessage(error);
    }

    @Test
    void readsOnlyTheFirstValueAsGosDecoderDoes() {
        assertThat(BindParams.parse("{\"a\":1}x")).containsExactlyEntriesOf(Map.of("a", 1L));
        assertThat(BindParams.parse("{\"a\":1}{\"b\":2}")).containsExactlyEntriesOf(Map.of("a", 1L));
        assertThat(BindParams.parse("null")).isEmpty();
        assertThat(BindParams.parse("")).isEmpty();
        assertThat(BindParams.parse(null)).isEmpty();
    }

    @Test
    void convertsNumbersByTheirDecimalPointAndKeepsTypedObjectsForTheParser() {
        Map<String, Object> p = BindParams.parse(" {\"i\": -12, \"f\": 1.5e3, \"z\": 0.0, \"s\": \"h\\u00e9\\n\", "
                + "\"b\": true, \"n\": null, \"o\": {\"integer\": 1e3}, \"l\": [1, \"x\"]} ");
        assertThat(p).containsEntry("i", -12L).containsEntry("f", 1500.0).containsEntry("z", 0.0)
                .containsEntry("s", "hé\n").containsEntry("b", true).containsEntry("n", null)
                .containsEntry("o", Map.of("integer", new GoJsonNumber("1e3")))
                .containsEntry("l", List.of(new GoJsonNumber("1"), "x"));
    }

    @Test
    void decodesEscapesAsGoDoes() {
        assertThat(BindParams.parse("{\"s\":\"\\ud83d\\ude00 \\ud83d x \\/\\b\\f\\r\\t\\\\\\\"\"}"))
                .containsEntry("s", "\uD83D\uDE00 \uFFFD x /\b\f\r\t\\\"");
        assertThatThrownBy(() -> BindParams.parse("{\"s\":\"\\u12G4\"}"))
                .hasMessage("error parsing query parameters: invalid character 'G' in \\u hexadecimal character escape");
        // Bytes, not characters: Go's scanner names the first byte of a UTF-8 sequence as a code point.
        assertThatThrownBy(() -> BindParams.parse("é"))
                .hasMessage("error parsing query parameters: invalid character 'Ã' looking for beginning of value");
        assertThatThrownBy(() -> BindParams.parse("{\"a\" 1}"))
                .hasMessage("error parsing query parameters: invalid character '1' after object key");
        assertThatThrownBy(() -> BindParams.parse("{\"a\":1.}"))
                .hasMessage("error parsing query parameters: invalid character '}' after decimal point in numeric literal");
        assertThatThrownBy(() -> BindParams.parse("[\"a\",]"))
                .hasMessage("error parsing query parameters: invalid character ']' looking for beginning of value");
    }

    @Test
    void nestingIsBounded() {
        String deep = "{\"a\":" + "[".repeat(GoJsonReader.MAX_DEPTH) + "]".repeat(GoJsonReader.MAX_DEPTH) + "}";
        assertThatThrownBy(() -> BindParams.parse(deep)).hasMessage("error parsing query parameters: exceeded max depth");
        String deepest = "{\"a\":" + "[".repeat(GoJsonReader.MAX_DEPTH - 1) + "]".repeat(GoJsonReader.MAX_DEPTH - 1) + "}";
        assertThat(BindParams.parse(deepest)).containsKey("a");
        assertThatThrownBy(() -> BindParams.parse("[".repeat(1_000_000)))
                .hasMessage("error parsing query parameters: exceeded max depth");
    }

    @Test
    void quotesBytesAsGosQuoteChar() {
        assertThat(GoJsonReader.quoteChar((byte) '\'')).isEqualTo("'\\''");
        assertThat(GoJsonReader.quoteChar((byte) '"')).isEqualTo("'\"'");
        assertThat(GoJsonReader.quoteChar((byte) '\n')).isEqualTo("'\\n'");
        assertThat(GoJsonReader.quoteChar((byte) 0x7F)).isEqualTo("'\\x7f'");
        assertThat(GoJsonReader.quoteChar((byte) 0x85)).isEqualTo("'\\u0085'");
        assertThat(GoJsonReader.quoteChar((byte) 0xE9)).isEqualTo("'é'");
    }
}
