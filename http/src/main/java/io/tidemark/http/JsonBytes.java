package io.tidemark.http;

import java.time.ZoneId;
import java.util.Arrays;

/**
 * Compact JSON text written token by token into a growable byte array, strings escaped byte for byte as InfluxDB's
 * Go encoder ({@code encoding/json} before Go 1.22, HTML escaping on) escapes them: quote and backslash with a
 * backslash; newline, carriage return and tab as {@code \n}, {@code \r}, {@code \t}; every other control character,
 * and {@code <}, {@code >} and {@code &}, as a six-character escape of lower-case hex digits; U+2028 and U+2029
 * likewise; an unpaired surrogate as {@code \ufffd}, as Go writes an invalid UTF-8 byte.
 *
 * <p>Ours rather than Jackson's generator because the result writer calls it for every value of every row, and a new
 * server answers its first queries with that code interpreted or freshly compiled: the generator's context tracking
 * and escape tables made each row's code large (its row loop took C2 50–75 ms to compile, twice, during the first
 * hundred queries). The caller writes the punctuation; nothing here checks that the document is well formed.
 *
 * <p>Not thread-safe: one per document.
 */
final class JsonBytes {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Characters below 128 that a string holds as they are. */
    private static final boolean[] PLAIN = new boolean[128];

    static {
        for (int c = 0x20; c < 128; c++) {
            PLAIN[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&';
        }
    }

    private byte[] bytes;
    private int size;

    JsonBytes(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    byte byteAt(int index) {
        return bytes[index];
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** One ASCII character: punctuation. */
    JsonBytes put(char c) {
        ensure(1);
        bytes[size++] = (byte) c;
        return this;
    }

    /** Text known to be ASCII that needs no escaping: field names with their quotes, numbers, literals. */
    JsonBytes ascii(String text) {
        int n = text.length();
        ensure(n);
        byte[] b = bytes;
        int p = size;
        for (int i = 0; i < n; i++) {
            b[p + i] = (byte) text.charAt(i);
        }
        size = p + n;
        return this;
    }

    JsonBytes number(long value) {
        if (value >= 0 && value < 10) {
            return put((char) ('0' + value));
        }
        return ascii(Long.toString(value));
    }

    /** A quoted, escaped string. */
    JsonBytes string(String s) {
        int n = s.length();
        ensure(n + 2);
        byte[] b = bytes;
        int p = size;
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 128 || !PLAIN[c]) {
                size = p;
                escapedTail(s, i);
                return put('"');
            }
            b[p++] = (byte) c;
        }
        b[p++] = '"';
        size = p;
        return this;
    }

    /** The rest of a string from its first character that is not plain ASCII, one character at a time. */
    private void escapedTail(String s, int from) {
        int n = s.length();
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if (c < 128) {
                if (PLAIN[c]) {
                    put(c);
                } else if (c == '"' || c == '\\') {
                    put('\\').put(c);
                } else if (c == '\n') {
                    put('\\').put('n');
                } else if (c == '\r') {
                    put('\\').put('r');
                } else if (c == '\t') {
                    put('\\').put('t');
                } else {
                    unicodeEscape(c);
                }
            } else if (c == '\u2028' || c == '\u2029') {
                unicodeEscape(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                utf8(Character.toCodePoint(c, s.charAt(i + 1)));
                i++;
            } else if (Character.isSurrogate(c)) {
                unicodeEscape('\ufffd');
            } else {
                utf8(c);
            }
        }
    }

    private void unicodeEscape(char c) {
        ensure(6);
        bytes[size++] = '\\';
        bytes[size++] = 'u';
        bytes[size++] = HEX[(c >> 12) & 0xf];
        bytes[size++] = HEX[(c >> 8) & 0xf];
        bytes[size++] = HEX[(c >> 4) & 0xf];
        bytes[size++] = HEX[c & 0xf];
    }

    private void utf8(int codePoint) {
        ensure(4);
        if (codePoint < 0x800) {
            bytes[size++] = (byte) (0xc0 | codePoint >> 6);
        } else if (codePoint < 0x10000) {
            bytes[size++] = (byte) (0xe0 | codePoint >> 12);
            bytes[size++] = (byte) (0x80 | (codePoint >> 6) & 0x3f);
        } else {
            bytes[size++] = (byte) (0xf0 | codePoint >> 18);
            bytes[size++] = (byte) (0x80 | (codePoint >> 12) & 0x3f);
            bytes[size++] = (byte) (0x80 | (codePoint >> 6) & 0x3f);
        }
        bytes[size++] = (byte) (0x80 | codePoint & 0x3f);
    }

    /** A time as a quoted RFC 3339 string ({@link EpochFormat#rfc3339(long, ZoneId)}). */
    JsonBytes rfc3339(long nanos, ZoneId zone) {
        ensure(EpochFormat.RFC3339_MAX_LENGTH + 2);
        bytes[size++] = '"';
        size = EpochFormat.rfc3339(nanos, zone, bytes, size);
        bytes[size++] = '"';
        return this;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
