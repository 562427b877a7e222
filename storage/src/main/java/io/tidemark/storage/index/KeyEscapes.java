package io.tidemark.storage.index;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The backslash escapes of series keys, as line protocol writes them canonically: a measurement escapes {@code ,}
 * and space (and {@code =} or {@code "} after a literal backslash, where a bare one would read as an escape); a tag
 * key or value escapes {@code , space =}. A backslash followed by another character is a literal backslash. The
 * index stores escaped bytes, so that a key is rebuilt by concatenation, and speaks unescaped strings in its API.
 * Stateless.
 */
final class KeyEscapes {
    private KeyEscapes() {
    }

    static byte[] escapeMeasurement(String name) {
        byte[] raw = name.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 4);
        for (int i = 0; i < raw.length; i++) {
            byte c = raw[i];
            if (c == ',' || c == ' ' || ((c == '=' || c == '"') && i > 0 && raw[i - 1] == '\\')) {
                out.write('\\');
            }
            out.write(c);
        }
        return out.toByteArray();
    }

    static byte[] escapeTag(String s) {
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 4);
        for (byte c : raw) {
            if (c == ',' || c == ' ' || c == '=') {
                out.write('\\');
            }
            out.write(c);
        }
        return out.toByteArray();
    }

    static String unescapeMeasurement(byte[] b) {
        byte[] dst = new byte[b.length];
        int n = unescape(b, 0, b.length, dst, true);
        return new String(dst, 0, n, StandardCharsets.UTF_8);
    }

    static String unescapeTag(byte[] b, int off, int len) {
        byte[] dst = new byte[len];
        int n = unescapeTag(b, off, len, dst);
        return new String(dst, 0, n, StandardCharsets.UTF_8);
    }

    /** Unescapes a tag key or value into {@code dst} (room for {@code len}); returns the bytes written. */
    static int unescapeTag(byte[] src, int off, int len, byte[] dst) {
        return unescape(src, off, len, dst, false);
    }

    private static int unescape(byte[] src, int off, int len, byte[] dst, boolean measurement) {
        int o = 0;
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte c = src[i];
            if (c == '\\' && i + 1 < end && isEscapable(src[i + 1], measurement)) {
                c = src[++i];
            }
            dst[o++] = c;
        }
        return o;
    }

    private static boolean isEscapable(byte c, boolean measurement) {
        return c == ',' || c == ' ' || c == '=' || (measurement && c == '"');
    }

    /**
     * The end of the element starting at {@code pos}: the first {@code ,} that is not escaped (or {@code =}, unless
     * the element is a measurement, where a bare {@code =} is part of the name), or {@code end}. Returns
     * {@code -1 - position} of an unescaped space, which no canonical key has.
     */
    static int elementEnd(byte[] key, int pos, int end, boolean measurement) {
        for (int i = pos; i < end; i++) {
            byte c = key[i];
            if (c == '\\') {
                if (i + 1 < end && isEscapable(key[i + 1], true)) {
                    i++;
                }
            } else if (c == ',' || (c == '=' && !measurement)) {
                return i;
            } else if (c == ' ') {
                return -1 - i;
            }
        }
        return end;
    }
}
