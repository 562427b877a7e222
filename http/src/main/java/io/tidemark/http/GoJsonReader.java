package io.tidemark.http;

import io.tidemark.common.GoJsonNumber;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the first JSON value of a text as InfluxDB reads {@code params}: Go's {@code json.Decoder} with
 * {@code UseNumber}, into Go's generic values (here a {@code Map} in document order, a {@code List}, a {@code String},
 * a {@link GoJsonNumber}, a {@code Boolean} or null). What follows the first value is not read, as the decoder does
 * not read it. A malformed value fails with Go's text: {@code EOF} for no value at all, {@code unexpected EOF} for a
 * value cut short, and the scanner's {@code invalid character 'x' looking for beginning of value} and its kin for
 * the first byte that breaks the grammar (bytes, not characters, as Go's scanner reads them). Stateless between
 * calls; one instance per text.
 */
final class GoJsonReader {
    /**
     * Objects and lists nested deeper are refused with the text of Go 1.15's limit (10,000 there): the reader
     * recurses, and a request thread's stack holds this many levels with room to spare.
     */
    static final int MAX_DEPTH = 1000;
    private final byte[] in;
    private int pos;
    private int depth;

    private GoJsonReader(byte[] in) {
        this.in = in;
    }

    /**
     * The first value of {@code text}.
     *
     * @throws IllegalArgumentException with Go's error text when there is none or it is malformed
     */
    static Object readFirst(String text) {
        GoJsonReader r = new GoJsonReader(text.getBytes(StandardCharsets.UTF_8));
        r.skipSpace();
        if (r.pos == r.in.length) {
            throw new IllegalArgumentException("EOF");
        }
        return r.value();
    }

    private Object value() {
        skipSpace();
        byte c = next();
        if ((c == '{' || c == '[') && depth == MAX_DEPTH) {
            throw new IllegalArgumentException("exceeded max depth");
        }
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || isDigit(c)) {
                    yield number();
                }
                throw invalid(c, "looking for beginning of value");
            }
        };
    }

    private Map<String, Object> object() {
        Map<String, Object> m = new LinkedHashMap<>();
        depth++;
        pos++;
        skipSpace();
        if (next() == '}') {
            pos++;
            depth--;
            return m;
        }
        while (true) {
            byte c = next();
            if (c != '"') {
                throw invalid(c, "looking for beginning of object key string");
            }
            String key = string();
            skipSpace();
            c = next();
            if (c != ':') {
                throw invalid(c, "after object key");
            }
            pos++;
            m.put(key, value());
            skipSpace();
            c = next();
            pos++;
            if (c == '}') {
                depth--;
                return m;
            }
            if (c != ',') {
                pos--;
                throw invalid(c, "after object key:value pair");
            }
            skipSpace();
        }
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        depth++;
        pos++;
        skipSpace();
        if (next() == ']') {
            pos++;
            depth--;
            return list;
        }
        while (true) {
            list.add(value());
            skipSpace();
            byte c = next();
            if (c == ']') {
                pos++;
                depth--;
                return list;
            }
            if (c != ',') {
                throw invalid(c, "after array element");
            }
            pos++;
        }
    }

    /** At the opening quote; decodes escapes as Go does, a lone UTF-16 surrogate becoming U+FFFD. */
    private String string() {
        pos++;
        StringBuilder out = new StringBuilder();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        while (true) {
            byte c = next();
            pos++;
            if (c == '"') {
                flush(raw, out);
                return out.toString();
            }
            if (c == '\\') {
                flush(raw, out);
                escape(out);
            } else if ((c & 0xFF) < 0x20) {
                throw invalid(c, "in string literal");
            } else {
                raw.write(c);
            }
        }
    }

    private static void flush(ByteArrayOutputStream raw, StringBuilder out) {
        if (raw.size() > 0) {
            out.append(raw.toString(StandardCharsets.UTF_8));
            raw.reset();
        }
    }

    /** After a backslash. */
    private void escape(StringBuilder out) {
        byte e = next();
        pos++;
        switch (e) {
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case '"', '\\', '/' -> out.append((char) e);
            case 'u' -> {
                char unit = hex4();
                if (Character.isHighSurrogate(unit) && pos + 1 < in.length && in[pos] == '\\' && in[pos + 1] == 'u') {
                    int mark = pos;
                    pos += 2;
                    char low = hex4();
                    if (Character.isLowSurrogate(low)) {
                        out.append(unit).append(low);
                        return;
                    }
                    // Not a pair: the first becomes U+FFFD and the second escape is read on its own.
                    pos = mark;
                }
                out.append(Character.isSurrogate(unit) ? '\uFFFD' : unit);
            }
            default -> {
                pos--;
                throw invalid(e, "in string escape code");
            }
        }
    }

    private char hex4() {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            byte c = next();
            int d = Character.digit(c, 16);
            if (d < 0) {
                throw invalid(c, "in \\u hexadecimal character escape");
            }
            v = v << 4 | d;
            pos++;
        }
        return (char) v;
    }

    /** At a minus sign or a digit; the grammar of Go's scanner, which ends a number at the first byte past it. */
    private GoJsonNumber number() {
        int start = pos;
        if (in[pos] == '-') {
            pos++;
            byte c = next();
            if (!isDigit(c)) {
                throw invalid(c, "in numeric literal");
            }
        }
        if (in[pos] == '0') {
            pos++;
        } else {
            digits();
        }
        if (pos < in.length && in[pos] == '.') {
            pos++;
            byte c = next();
            if (!isDigit(c)) {
                throw invalid(c, "after decimal point in numeric literal");
            }
            digits();
        }
        if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
            pos++;
            byte c = next();
            if (c == '+' || c == '-') {
                pos++;
                c = next();
            }
            if (!isDigit(c)) {
                throw invalid(c, "in exponent of numeric literal");
            }
            digits();
        }
        return new GoJsonNumber(new String(in, start, pos - start, StandardCharsets.US_ASCII));
    }

    private void digits() {
        while (pos < in.length && isDigit(in[pos])) {
            pos++;
        }
    }

    private Object literal(String word, Object value) {
        pos++;
        for (int i = 1; i < word.length(); i++) {
            byte c = next();
            if (c != word.charAt(i)) {
                throw invalid(c, "in literal " + word + " (expecting " + quoteChar((byte) word.charAt(i)) + ")");
            }
            pos++;
        }
        return value;
    }

    /** The byte at the read position, which is not moved; a value cut short fails as Go's decoder fails it. */
    private byte next() {
        if (pos >= in.length) {
            throw new IllegalArgumentException("unexpected EOF");
        }
        return in[pos];
    }

    private void skipSpace() {
        while (pos < in.length && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\n' || in[pos] == '\r')) {
            pos++;
        }
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException invalid(byte c, String context) {
        return new IllegalArgumentException("invalid character " + quoteChar(c) + " " + context);
    }

    /**
     * Go's {@code quoteChar}: the byte taken as the code point of its value, quoted as {@code strconv.Quote} quotes
     * it, between single quotes.
     */
    static String quoteChar(byte b) {
        int c = b & 0xFF;
        if (c == '\'') {
            return "'\\''";
        }
        if (c == '"') {
            return "'\"'";
        }
        String quoted = switch (c) {
            case 0x07 -> "\\a";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case 0x0B -> "\\v";
            case '\\' -> "\\\\";
            default -> {
                if (c < 0x20 || c == 0x7F) {
                    yield String.format("\\x%02x", c);
                }
                if (c >= 0x80 && c <= 0xA0 || c == 0xAD) {
                    // Not printable for Go: the C1 controls, the no-break space and the soft hyphen.
                    yield String.format("\\u%04x", c);
                }
                yield String.valueOf((char) c);
            }
        };
        return "'" + quoted + "'";
    }
}
