package io.tidemark.lineprotocol;

import io.tidemark.common.FieldType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Formats points as line protocol text, escaping names and values as InfluxDB expects, one line per point:
 * <pre>{@code
 * writer.measurement("cpu").tag("host", "a b").floatField("usage", 0.5).integerField("n", 3).timestamp(1700000000L);
 * }</pre>
 * Tags are written in the order given (the parser sorts them). Floats use the shortest text that reads back to the
 * same double; integers get an {@code i} suffix, unsigned values a {@code u} suffix. Text accumulates in an internal
 * buffer until {@link #reset()}. Not thread-safe.
 *
 * <p>Some names cannot be written so that InfluxDB reads them back unchanged; those are refused with an
 * {@link IllegalArgumentException} instead of being silently altered: empty names or tag values, any name containing
 * '\n' or ending with a backslash, a measurement starting with '#', tab or NUL (a comment, or whitespace InfluxDB
 * skips), a field key starting with tab or NUL or containing a backslash right before {@code , = space "}, and
 * NaN or infinite floats.
 */
public final class LineProtocolWriter {
    private enum State { LINE_START, TAGS, FIELDS }

    private byte[] buf = new byte[1024];
    private int size;
    private State state = State.LINE_START;

    /** Starts a new line. The previous line must have been ended with {@link #timestamp} or {@link #endLine}. */
    public LineProtocolWriter measurement(String name) {
        if (state != State.LINE_START) {
            throw new IllegalStateException("the previous line has not been ended");
        }
        byte[] b = utf8(name);
        checkName("measurement", name, b);
        if (b[0] == '#' || b[0] == '\t' || b[0] == 0) {
            throw new IllegalArgumentException("a measurement cannot start with '#', tab or NUL: " + quote(name));
        }
        ensure(2 * b.length);
        size += Escapes.escapeMeasurement(b, 0, b.length, buf, size);
        state = State.TAGS;
        return this;
    }

    /** Adds a tag to the current line; all tags come before the first field. */
    public LineProtocolWriter tag(String key, String value) {
        if (state != State.TAGS) {
            throw new IllegalStateException("tags go after the measurement and before the fields");
        }
        byte[] k = utf8(key);
        byte[] v = utf8(value);
        checkName("tag key", key, k);
        checkName("tag value", value, v);
        ensure(2 + 2 * (k.length + v.length));
        buf[size++] = ',';
        size += Escapes.escapeTag(k, 0, k.length, buf, size);
        buf[size++] = '=';
        size += Escapes.escapeTag(v, 0, v.length, buf, size);
        return this;
    }

    public LineProtocolWriter floatField(String key, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("line protocol has no " + value + " (field " + quote(key) + ")");
        }
        fieldKey(key);
        ascii(Double.toString(value));
        return this;
    }

    public LineProtocolWriter integerField(String key, long value) {
        fieldKey(key);
        ascii(Long.toString(value));
        appendByte('i');
        return this;
    }

    /** An unsigned field; {@code value} holds the 64 bits (InfluxDB 1.x OSS rejects these unless enabled). */
    public LineProtocolWriter unsignedField(String key, long value) {
        fieldKey(key);
        ascii(Long.toUnsignedString(value));
        appendByte('u');
        return this;
    }

    public LineProtocolWriter stringField(String key, String value) {
        fieldKey(key);
        byte[] v = utf8(value);
        stringValue(v, 0, v.length);
        return this;
    }

    public LineProtocolWriter booleanField(String key, boolean value) {
        fieldKey(key);
        ascii(value ? "true" : "false");
        return this;
    }

    /** Ends the line with a timestamp, in whatever precision the reader will be told. */
    public LineProtocolWriter timestamp(long value) {
        checkFields();
        ensure(22);
        buf[size++] = ' ';
        ascii(Long.toString(value));
        return endLine();
    }

    /** Ends the line without a timestamp (the reader uses its own time). */
    public LineProtocolWriter endLine() {
        checkFields();
        appendByte('\n');
        state = State.LINE_START;
        return this;
    }

    /**
     * Writes a whole parsed point, with its timestamp in nanoseconds. If a field cannot be written (see the class
     * comment) nothing of the point is kept and the exception propagates.
     */
    public LineProtocolWriter point(ParsedPoint p) {
        if (state != State.LINE_START) {
            throw new IllegalStateException("the previous line has not been ended");
        }
        int lineStart = size;
        try {
            return writePoint(p);
        } catch (RuntimeException e) {
            size = lineStart;
            state = State.LINE_START;
            throw e;
        }
    }

    private LineProtocolWriter writePoint(ParsedPoint p) {
        ensure(p.seriesKeyLength());
        System.arraycopy(p.seriesKey(), 0, buf, size, p.seriesKeyLength());
        size += p.seriesKeyLength();
        state = State.TAGS;
        for (int i = 0; i < p.fieldCount(); i++) {
            fieldKey(p.fieldNameBytes(i), p.fieldNameOffset(i), p.fieldNameLength(i));
            FieldType type = p.fieldType(i);
            switch (type) {
                case FLOAT -> {
                    double v = p.floatValue(i);
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException("line protocol has no " + v);
                    }
                    ascii(Double.toString(v));
                }
                case INTEGER -> {
                    ascii(Long.toString(p.longValue(i)));
                    appendByte('i');
                }
                case UNSIGNED -> {
                    ascii(Long.toUnsignedString(p.longValue(i)));
                    appendByte('u');
                }
                case STRING -> stringValue(p.stringBytes(i), p.stringOffset(i), p.stringLength(i));
                case BOOLEAN -> ascii(p.booleanValue(i) ? "true" : "false");
            }
        }
        return timestamp(p.timestampNanos());
    }

    /** The text written so far. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    public int size() {
        return size;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, size);
    }

    /** Discards the text written so far, including an unfinished line. */
    public void reset() {
        size = 0;
        state = State.LINE_START;
    }

    @Override
    public String toString() {
        return new String(buf, 0, size, StandardCharsets.UTF_8);
    }

    private void fieldKey(String key) {
        byte[] k = utf8(key);
        fieldKey(k, 0, k.length);
    }

    private void fieldKey(byte[] k, int off, int len) {
        if (state == State.LINE_START) {
            throw new IllegalStateException("a field needs a measurement first");
        }
        String shown = new String(k, off, len, StandardCharsets.UTF_8);
        checkName("field key", shown, Arrays.copyOfRange(k, off, off + len));
        if (k[off] == '\t' || k[off] == 0) {
            throw new IllegalArgumentException("a field key cannot start with tab or NUL: " + quote(shown));
        }
        for (int i = off; i < off + len - 1; i++) {
            byte n = k[i + 1];
            if (k[i] == '\\' && (n == ',' || n == '=' || n == ' ' || n == '"')) {
                throw new IllegalArgumentException(
                        "a field key cannot have a backslash before , = space or \": " + quote(shown));
            }
        }
        ensure(1 + 2 * len + 1);
        buf[size++] = (byte) (state == State.FIELDS ? ',' : ' ');
        size += Escapes.escapeFieldKey(k, off, len, buf, size);
        buf[size++] = '=';
        state = State.FIELDS;
    }

    private void stringValue(byte[] v, int off, int len) {
        ensure(2 + 2 * len);
        buf[size++] = '"';
        size += Escapes.escapeString(v, off, len, buf, size);
        buf[size++] = '"';
    }

    private void checkFields() {
        if (state != State.FIELDS) {
            throw new IllegalStateException("a line needs at least one field");
        }
    }

    private static void checkName(String what, String shown, byte[] b) {
        if (b.length == 0) {
            throw new IllegalArgumentException("empty " + what);
        }
        if (b[b.length - 1] == '\\') {
            throw new IllegalArgumentException("a " + what + " cannot end with a backslash: " + quote(shown));
        }
        for (byte c : b) {
            if (c == '\n') {
                throw new IllegalArgumentException("a " + what + " cannot contain a newline: " + quote(shown));
            }
        }
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[size++] = (byte) s.charAt(i);
        }
    }

    private void appendByte(char c) {
        ensure(1);
        buf[size++] = (byte) c;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
