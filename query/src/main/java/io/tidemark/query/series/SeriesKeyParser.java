package io.tidemark.query.series;

import io.tidemark.storage.api.MeasurementName;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Parses canonical series keys: the escaped measurement, then {@code ,key=value} per tag in key order, where tag
 * keys and values escape {@code ,}, {@code =} and space with a backslash (any other backslash is literal).
 *
 * <p>Stateless; thread-safe.
 */
public final class SeriesKeyParser {
    /** Orders strings as their UTF-8 bytes compare, which is how tags and keys are sorted in storage. */
    public static final Comparator<String> BYTE_ORDER = SeriesKeyParser::compareCodePoints;

    private SeriesKeyParser() {
    }

    /**
     * The series of a canonical key. The key is parsed when its measurement or tags are first asked for, and then
     * throws {@link IllegalArgumentException} if it is not well-formed.
     */
    public static SeriesKey parse(byte[] key) {
        return new SeriesKey(key);
    }

    /**
     * @throws IllegalArgumentException if the key is not a well-formed canonical key
     */
    static SeriesKey.Parts parts(byte[] key) {
        int end = key.length;
        int m = nextUnescaped(key, 0, end, (byte) ',');
        String measurement = measurement(key, m);
        int tags = 0;
        for (int pos = m; pos < end; pos = nextUnescaped(key, pos + 1, end, (byte) ',')) {
            tags++;
        }
        String[] keys = new String[tags];
        String[] values = new String[tags];
        int pos = m;
        for (int t = 0; t < tags; t++) {
            int start = pos + 1;
            int next = nextUnescaped(key, start, end, (byte) ',');
            int eq = equalsSign(key, start, next);
            keys[t] = unescapeTag(key, start, eq);
            values[t] = unescapeTag(key, eq + 1, next);
            pos = next;
        }
        return new SeriesKey.Parts(measurement, keys, values);
    }

    /** The unescaped measurement of a canonical key; parses nothing else. */
    static String measurement(byte[] key) {
        return measurement(key, nextUnescaped(key, 0, key.length, (byte) ','));
    }

    private static String measurement(byte[] key, int end) {
        return MeasurementName.unescape(new String(key, 0, end, StandardCharsets.UTF_8));
    }

    /**
     * The unescaped value of one tag of a canonical key, or null if the key has no such tag; parses nothing else and
     * keeps nothing but the value.
     *
     * @param tagKey the tag key, unescaped, in UTF-8
     * @throws IllegalArgumentException if the key is not well-formed up to the tag
     */
    static String tagValue(byte[] key, byte[] tagKey) {
        int end = key.length;
        int pos = nextUnescaped(key, 0, end, (byte) ',');
        while (pos < end) {
            int start = pos + 1;
            int next = nextUnescaped(key, start, end, (byte) ',');
            int eq = equalsSign(key, start, next);
            if (unescapedEquals(key, start, eq, tagKey)) {
                return unescapeTag(key, eq + 1, next);
            }
            pos = next;
        }
        return null;
    }

    /**
     * The values of the tags named {@code names} (their UTF-8 bytes, unescaped, each once) into {@code out}, null where
     * the key has no such tag: one scan of the key for all of them.
     */
    static void tagValues(byte[] key, byte[][] names, String[] out) {
        Arrays.fill(out, 0, names.length, null);
        int missing = names.length;
        int end = key.length;
        int pos = nextUnescaped(key, 0, end, (byte) ',');
        while (pos < end && missing > 0) {
            int start = pos + 1;
            int next = nextUnescaped(key, start, end, (byte) ',');
            int eq = equalsSign(key, start, next);
            for (int i = 0; i < names.length; i++) {
                if (out[i] == null && unescapedEquals(key, start, eq, names[i])) {
                    out[i] = unescapeTag(key, eq + 1, next);
                    missing--;
                    break;
                }
            }
            pos = next;
        }
    }

    /** Where the tag {@code [start, next)} of a key splits into key and value. */
    private static int equalsSign(byte[] key, int start, int next) {
        int eq = nextUnescaped(key, start, next, (byte) '=');
        if (eq >= next) {
            throw new IllegalArgumentException("malformed series key: " + new String(key, StandardCharsets.UTF_8));
        }
        return eq;
    }

    /** Whether the byte at {@code i} is a backslash escaping the next, one of the three a tag escapes. */
    private static boolean escapes(byte[] b, int i, int to) {
        return b[i] == '\\' && i + 1 < to && (b[i + 1] == ',' || b[i + 1] == '=' || b[i + 1] == ' ');
    }

    /** Whether {@code [from, to)} unescaped as {@link #unescapeTag} does equals {@code wanted}. */
    private static boolean unescapedEquals(byte[] b, int from, int to, byte[] wanted) {
        int j = 0;
        for (int i = from; i < to; i++) {
            if (escapes(b, i, to)) {
                i++;
            }
            byte c = b[i];
            if (j == wanted.length || wanted[j++] != c) {
                return false;
            }
        }
        return j == wanted.length;
    }

    /** The index of the first {@code c} not preceded by a backslash in {@code [from, to)}, or {@code to}. */
    private static int nextUnescaped(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\\' && i + 1 < to) {
                i++;
                continue;
            }
            if (b[i] == c) {
                return i;
            }
        }
        return to;
    }

    private static String unescapeTag(byte[] b, int from, int to) {
        if (!hasBackslash(b, from, to)) {
            return new String(b, from, to - from, StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            if (escapes(b, i, to)) {
                i++;
            }
            out.write(b[i]);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean hasBackslash(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\\') {
                return true;
            }
        }
        return false;
    }

    /** Code point order, which equals the unsigned order of the UTF-8 encodings. */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
