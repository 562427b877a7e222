package io.tidemark.http;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Escapes JSON strings byte for byte as InfluxDB's Go encoder ({@code encoding/json} before Go 1.22) does: quote and
 * backslash with a backslash; newline, carriage return and tab as {@code \n}, {@code \r}, {@code \t}; every other
 * control character, and the HTML-sensitive {@code <}, {@code >} and {@code &}, as a six-character escape of
 * lower-case hex digits; U+2028 and U+2029 likewise. Jackson's default writes {@code \b}, {@code \f} and
 * upper-case hex, and leaves the rest as they are: the same JSON, different bytes. Immutable.
 */
final class GoJsonEscapes extends CharacterEscapes {
    static final GoJsonEscapes INSTANCE = new GoJsonEscapes();

    private final int[] ascii = standardAsciiEscapesForJSON();
    private final SerializableString[] sequences = new SerializableString[128];
    private final SerializableString lineSeparator = new SerializedString("\\u2028");
    private final SerializableString paragraphSeparator = new SerializedString("\\u2029");

    private GoJsonEscapes() {
        for (int c = 0; c < 0x20; c++) {
            if (c != '\n' && c != '\r' && c != '\t') {
                custom(c);
            }
        }
        custom('<');
        custom('>');
        custom('&');
    }

    private void custom(int c) {
        ascii[c] = ESCAPE_CUSTOM;
        sequences[c] = new SerializedString(String.format("\\u%04x", c));
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        if (ch < sequences.length) {
            return sequences[ch];
        }
        return switch (ch) {
            case 0x2028 -> lineSeparator;
            case 0x2029 -> paragraphSeparator;
            default -> null;
        };
    }
}
