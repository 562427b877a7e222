package io.tidemark.lineprotocol;

/**
 * The backslash rules of InfluxDB 1.8 line protocol, per element. Stateless.
 *
 * <p>Unescaping mirrors what InfluxDB stores: a backslash followed by one of the element's escapable characters
 * stands for that character; any other backslash is a literal backslash (there is no {@code \\} escape in names).
 * <ul>
 *   <li>measurement: {@code , " space =} (as InfluxDB's {@code Name()}),</li>
 *   <li>tag key and tag value: {@code , space =},</li>
 *   <li>field key: {@code , " space =},</li>
 *   <li>string field value: {@code \\} and {@code \"}, read in pairs.</li>
 * </ul>
 *
 * <p>Escaping produces the canonical form: measurement escapes {@code ,} and space (and {@code =} or {@code "}
 * only after a literal backslash, where leaving them bare would read as an escape); tags escape {@code , space =};
 * field keys escape {@code , " space =}; string values escape {@code "} and {@code \}. For every name that can be
 * written at all, {@code unescape(escape(x)) == x}.
 */
final class Escapes {
    private Escapes() {
    }

    /** Unescapes a measurement into {@code dst}; returns the number of bytes written (never more than {@code len}). */
    static int unescapeMeasurement(byte[] src, int off, int len, byte[] dst, int dstOff) {
        return unescape(src, off, len, dst, dstOff, true);
    }

    /** Unescapes a field key; same rules as a measurement. */
    static int unescapeFieldKey(byte[] src, int off, int len, byte[] dst, int dstOff) {
        return unescape(src, off, len, dst, dstOff, true);
    }

    /** Unescapes a tag key or tag value. */
    static int unescapeTag(byte[] src, int off, int len, byte[] dst, int dstOff) {
        return unescape(src, off, len, dst, dstOff, false);
    }

    private static int unescape(byte[] src, int off, int len, byte[] dst, int dstOff, boolean quoteEscapes) {
        int end = off + len;
        int o = dstOff;
        int i = off;
        while (i < end) {
            byte c = src[i];
            if (c == '\\' && i + 1 < end) {
                byte n = src[i + 1];
                if (n == ',' || n == ' ' || n == '=' || (quoteEscapes && n == '"')) {
                    dst[o++] = n;
                    i += 2;
                    continue;
                }
            }
            dst[o++] = c;
            i++;
        }
        return o - dstOff;
    }

    /** Unescapes the content of a string field value (between the quotes). */
    static int unescapeString(byte[] src, int off, int len, byte[] dst, int dstOff) {
        int end = off + len;
        int o = dstOff;
        int i = off;
        while (i < end) {
            byte c = src[i];
            if (c == '\\' && i + 1 < end && (src[i + 1] == '\\' || src[i + 1] == '"')) {
                dst[o++] = src[i + 1];
                i += 2;
                continue;
            }
            dst[o++] = c;
            i++;
        }
        return o - dstOff;
    }

    /** Writes the canonical escaped measurement into {@code dst} (room for {@code 2 * len}); returns bytes written. */
    static int escapeMeasurement(byte[] src, int off, int len, byte[] dst, int dstOff) {
        int o = dstOff;
        for (int i = off, end = off + len; i < end; i++) {
            byte c = src[i];
            if (c == ',' || c == ' ' || ((c == '=' || c == '"') && i > off && src[i - 1] == '\\')) {
                dst[o++] = '\\';
            }
            dst[o++] = c;
        }
        return o - dstOff;
    }

    /** Writes the canonical escaped tag key or value into {@code dst} (room for {@code 2 * len}). */
    static int escapeTag(byte[] src, int off, int len, byte[] dst, int dstOff) {
        int o = dstOff;
        for (int i = off, end = off + len; i < end; i++) {
            byte c = src[i];
            if (c == ',' || c == ' ' || c == '=') {
                dst[o++] = '\\';
            }
            dst[o++] = c;
        }
        return o - dstOff;
    }

    /** Writes the escaped field key into {@code dst} (room for {@code 2 * len}). */
    static int escapeFieldKey(byte[] src, int off, int len, byte[] dst, int dstOff) {
        int o = dstOff;
        for (int i = off, end = off + len; i < end; i++) {
            byte c = src[i];
            if (c == ',' || c == ' ' || c == '=' || c == '"') {
                dst[o++] = '\\';
            }
            dst[o++] = c;
        }
        return o - dstOff;
    }

    /** Writes the escaped string field content (without the quotes) into {@code dst} (room for {@code 2 * len}). */
    static int escapeString(byte[] src, int off, int len, byte[] dst, int dstOff) {
        int o = dstOff;
        for (int i = off, end = off + len; i < end; i++) {
            byte c = src[i];
            if (c == '"' || c == '\\') {
                dst[o++] = '\\';
            }
            dst[o++] = c;
        }
        return o - dstOff;
    }
}
