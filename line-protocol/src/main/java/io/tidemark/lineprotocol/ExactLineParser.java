package io.tidemark.lineprotocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses one line with InfluxDB 1.8's complete rules and error texts ({@code models/points.go}: {@code scanKey},
 * {@code scanFields}, {@code scanNumber}, {@code scanBoolean}, {@code scanTime}, {@code walkFields}), in the same
 * order of checks, so that the first error found is the one InfluxDB reports. Used for every line the
 * {@link FastLineParser} gives up on: lines with escapes, extra whitespace, comments' neighbours, and all errors.
 * Not thread-safe.
 *
 * <p>Where InfluxDB accepts a line but its later stages would misread it, this parser follows InfluxDB's parse
 * decision and its reading of the values (for example a string value followed by junk, {@code f="a"b}, is the
 * string {@code a"}, as InfluxDB stores it). Deviations, all on input no client produces: a field whose key is empty
 * or whose value InfluxDB would fail to decode only after parsing is rejected here as {@code missing field key} or
 * {@code invalid field format}.
 */
final class ExactLineParser {
    private static final long MIN_NANOS = Long.MIN_VALUE + 2;
    private static final long MAX_NANOS = Long.MAX_VALUE - 1;
    static final String TIME_OUT_OF_RANGE = "time outside range " + MIN_NANOS + " - " + MAX_NANOS;

    private final boolean allowUnsigned;
    private final int maxSeriesKeyLength;
    private final SeriesKeyBuilder keys = new SeriesKeyBuilder();

    /** Unescaped measurement and tags of the current line. */
    private byte[] keyScratch = new byte[256];
    /** Unescaped field keys and string values of the current line. */
    private byte[] fieldScratch = new byte[256];

    /** Raw tag positions: key start, '=' position, value end. */
    private int tagCount;
    private int[] tagKeyStart = new int[16];
    private int[] tagEquals = new int[16];
    private int[] tagValueEnd = new int[16];

    /** Raw field positions as InfluxDB's walkFields splits them: key [start, end), value [start, end). */
    private int fieldCount;
    private int[] fieldKeyStart = new int[16];
    private int[] fieldKeyEnd = new int[16];
    private int[] fieldValueEnd = new int[16];

    /** The error of the current line, set by the helpers that return -1 or false. */
    private String error;
    /** The result of the last successful {@link #parseSignedDecimal}. */
    private long parsedValue;

    ExactLineParser(boolean allowUnsigned, int maxSeriesKeyLength) {
        this.allowUnsigned = allowUnsigned;
        this.maxSeriesKeyLength = maxSeriesKeyLength;
    }

    /**
     * Parses {@code b[s, e)}: one line as InfluxDB splits them, leading whitespace removed, not a comment.
     *
     * @return null when the line parsed into {@code point}, else InfluxDB's reason (without the "unable to parse"
     *     prefix)
     */
    String parse(byte[] b, int s, int e, long mult, long defaultNanos, ParsedPoint point) {
        point.reset();
        tagCount = 0;
        fieldCount = 0;

        // Measurement: a byte after a backslash never ends it.
        if (s >= e || b[s] == ',') {
            return "missing measurement";
        }
        int i = s;
        boolean inTags;
        while (true) {
            i++;
            if (i >= e) {
                return "missing fields";
            }
            if (b[i - 1] == '\\') {
                continue;
            }
            if (b[i] == ',') {
                inTags = true;
                break;
            }
            if (b[i] == ' ') {
                inTags = false;
                break;
            }
        }
        int measurementEnd = i;
        if (inTags) {
            i++;
        }

        // Tags.
        while (inTags) {
            int ks = i;
            if (i >= e || b[i] == ' ' || b[i] == ',' || b[i] == '=') {
                return "missing tag key";
            }
            while (true) {
                i++;
                if (i >= e || ((b[i] == ' ' || b[i] == ',') && b[i - 1] != '\\')) {
                    return "missing tag value";
                }
                if (b[i] == '=' && b[i - 1] != '\\') {
                    break;
                }
            }
            int eq = i++;
            if (i >= e || b[i] == ',' || b[i] == ' ') {
                return "missing tag value";
            }
            while (true) {
                i++;
                if (i >= e) {
                    return "missing fields";
                }
                if (b[i] == '=' && b[i - 1] != '\\') {
                    return "invalid tag format";
                }
                if (b[i] == ',' && b[i - 1] != '\\') {
                    addRawTag(ks, eq, i);
                    i++;
                    break;
                }
                if (b[i] == ' ' && b[i - 1] != '\\') {
                    addRawTag(ks, eq, i);
                    inTags = false;
                    break;
                }
            }
        }
        int keyEnd = i;
        if (!unescapeTags(b, s, keyEnd)) {
            return "duplicate tags";
        }
        if (keyEnd - s > maxSeriesKeyLength) {
            return "max key length exceeded: " + (keyEnd - s) + " > " + maxSeriesKeyLength;
        }

        // Fields: first validated as InfluxDB's scanFields does, then split as its walkFields does.
        int fieldsStart = skipWhitespace(b, keyEnd, e);
        int fieldsEnd = scanFields(b, fieldsStart, e);
        if (fieldsEnd < 0) {
            return error;
        }
        if (!splitFields(b, fieldsStart, fieldsEnd, keyEnd - s)) {
            return error;
        }

        // Timestamp.
        int ts = skipWhitespace(b, fieldsEnd, e);
        i = ts;
        while (i < e) {
            byte c = b[i];
            if (c == '\n' || c == ' ') {
                break;
            }
            if (i == ts && c == '-') {
                i++;
                continue;
            }
            if (c < '0' || c > '9') {
                return "bad timestamp";
            }
            i++;
        }
        long nanos = defaultNanos;
        if (i > ts) {
            if (!parseSignedDecimal(b, ts, i)) {
                return error;
            }
            long v = parsedValue;
            if (mult != 1) {
                long hi = Math.multiplyHigh(v, mult);
                long lo = v * mult;
                if (hi != (lo >> 63)) {
                    return TIME_OUT_OF_RANGE;
                }
                v = lo;
            }
            if (v < MIN_NANOS || v > MAX_NANOS) {
                return TIME_OUT_OF_RANGE;
            }
            for (int p = i; p < e; p++) {
                if (b[p] != ' ') {
                    return "point is invalid";
                }
            }
            nanos = v;
        }

        if (!decodeFields(b, point)) {
            return error;
        }
        int measurementLength = Escapes.unescapeMeasurement(b, s, measurementEnd - s, keyScratch, 0);
        keys.buildEscaped(point, keyScratch, 0, measurementLength, keyScratch);
        point.mergeDuplicateFields();
        point.setTimestampNanos(nanos);
        return null;
    }

    private static int skipWhitespace(byte[] b, int i, int e) {
        while (i < e && (b[i] == ' ' || b[i] == '\t' || b[i] == 0)) {
            i++;
        }
        return i;
    }

    private void addRawTag(int keyStart, int equals, int valueEnd) {
        int t = tagCount;
        if (t == tagKeyStart.length) {
            tagKeyStart = Arrays.copyOf(tagKeyStart, t * 2);
            tagEquals = Arrays.copyOf(tagEquals, t * 2);
            tagValueEnd = Arrays.copyOf(tagValueEnd, t * 2);
        }
        tagKeyStart[t] = keyStart;
        tagEquals[t] = equals;
        tagValueEnd[t] = valueEnd;
        tagCount = t + 1;
    }

    /**
     * Unescapes every tag into {@link #keyScratch} (after room for the measurement) and sorts them.
     *
     * @return false when two tags have the same key
     */
    private boolean unescapeTags(byte[] b, int s, int keyEnd) {
        if (keyScratch.length < keyEnd - s) {
            keyScratch = new byte[Math.max(keyEnd - s, keyScratch.length * 2)];
        }
        keys.reset();
        // The measurement is unescaped into [0, measurement length) later; tags start after its raw length.
        int w = tagCount == 0 ? 0 : tagKeyStart[0] - s;
        for (int t = 0; t < tagCount; t++) {
            int ks = tagKeyStart[t];
            int eq = tagEquals[t];
            int keyLength = Escapes.unescapeTag(b, ks, eq - ks, keyScratch, w);
            int valueOffset = w + keyLength;
            int valueLength = Escapes.unescapeTag(b, eq + 1, tagValueEnd[t] - eq - 1, keyScratch, valueOffset);
            keys.add(keyScratch, w, keyLength, valueOffset, valueLength);
            w = valueOffset + valueLength;
        }
        return keys.sort(keyScratch);
    }

    /**
     * InfluxDB's scanFields: checks the field section starting at {@code start} and returns where it ends (the
     * space before the timestamp, or {@code e}), or -1 with {@link #error} set.
     */
    private int scanFields(byte[] b, int start, int e) {
        int i = start;
        boolean quoted = false;
        int equals = 0;
        int commas = 0;
        while (i < e) {
            byte c = b[i];
            if (c == '\\' && i + 1 < e) {
                i += 2;
                continue;
            }
            if (c == '"' && equals > commas) {
                quoted = !quoted;
                i++;
                continue;
            }
            if (c == '=' && !quoted) {
                equals++;
                if ((b[i - 1] == ' ' || b[i - 1] == ',') && b[i - 2] != '\\') {
                    error = "missing field key";
                    return -1;
                }
                if (i + 1 >= e || b[i + 1] == ',' || b[i + 1] == ' ') {
                    error = "missing field value";
                    return -1;
                }
                byte n = b[i + 1];
                if ((n >= '0' && n <= '9') || n == '.' || n == '-' || n == 'N' || n == 'n') {
                    i = scanNumber(b, i + 1, e);
                    if (i < 0) {
                        return -1;
                    }
                    continue;
                }
                if (n != '"') {
                    i = scanBoolean(b, i + 1, e);
                    if (i < 0) {
                        return -1;
                    }
                    continue;
                }
            }
            if (c == ',' && !quoted) {
                commas++;
            }
            if (c == ' ' && !quoted) {
                break;
            }
            i++;
        }
        if (quoted) {
            error = "unbalanced quotes";
            return -1;
        }
        if (equals == 0 || commas != equals - 1) {
            error = "invalid field format";
            return -1;
        }
        return i;
    }

    /** InfluxDB's scanNumber from {@code start} (just after '='): returns the end or -1 with {@link #error} set. */
    private int scanNumber(byte[] b, int start, int e) {
        int i = start;
        boolean isInt = false;
        boolean isUnsigned = false;
        if (b[i] == '-') {
            i++;
            if (i == e) {
                return invalidNumber();
            }
        }
        boolean decimal = false;
        boolean scientific = false;
        for (; i < e; i++) {
            byte c = b[i];
            if (c == ',' || c == ' ') {
                break;
            }
            if (c == 'i' && i > start && !(isInt || isUnsigned)) {
                isInt = true;
                continue;
            }
            if (c == 'u' && i > start && !(isInt || isUnsigned)) {
                isUnsigned = true;
                continue;
            }
            if (c == '.') {
                if (decimal) {
                    return invalidNumber();
                }
                decimal = true;
            }
            if (i > start && (c == 'e' || c == 'E')) {
                scientific = true;
                continue;
            }
            if ((c == '+' || c == '-') && (b[i - 1] == 'e' || b[i - 1] == 'E')) {
                continue;
            }
            if (i + 2 < e && (c == 'N' || c == 'n')) {
                return invalidNumber(); // NaN
            }
            if (!((c >= '0' && c <= '9') || c == '.')) {
                return invalidNumber();
            }
        }
        if ((isInt || isUnsigned) && (decimal || scientific)) {
            return invalidNumber();
        }
        int numericDigits = i - start;
        if (isInt) {
            numericDigits--;
        }
        if (decimal) {
            numericDigits--;
        }
        if (b[start] == '-') {
            numericDigits--;
        }
        if (numericDigits == 0) {
            return invalidNumber();
        }
        if (isInt) {
            if (b[i - 1] != 'i') {
                return invalidNumber();
            }
            if (i - 1 - start >= 19 && !parseSignedDecimal(b, start, i - 1)) {
                error = "unable to parse integer " + ascii(b, start, i - 1) + ": " + error;
                return -1;
            }
        } else if (isUnsigned) {
            if (!allowUnsigned || b[i - 1] != 'u' || b[start] == '-') {
                return invalidNumber();
            }
            if (i - 1 - start >= 20 && !fitsUnsigned(b, start, i - 1)) {
                String text = ascii(b, start, i - 1);
                error = "unable to parse unsigned " + text + ": strconv.ParseUint: parsing \"" + text
                        + "\": value out of range";
                return -1;
            }
        } else if (scientific || i - start >= 25) {
            if (!isGoFloat(b, start, i) || Double.isInfinite(DecimalFloats.parse(b, start, i - start))) {
                error = "invalid float";
                return -1;
            }
        }
        return i;
    }

    private int invalidNumber() {
        error = "invalid number";
        return -1;
    }

    /** InfluxDB's scanBoolean from {@code start} (just after '='). */
    private int scanBoolean(byte[] b, int start, int e) {
        byte c = b[start];
        if (c != 't' && c != 'f' && c != 'T' && c != 'F') {
            error = "invalid boolean";
            return -1;
        }
        int i = start + 1;
        while (i < e && b[i] != ',' && b[i] != ' ') {
            i++;
        }
        if (booleanValue(b, start, i) < 0) {
            error = "invalid boolean";
            return -1;
        }
        return i;
    }

    /** 1 for a true spelling, 0 for a false one, -1 otherwise. */
    private static int booleanValue(byte[] b, int start, int end) {
        int len = end - start;
        byte c = b[start];
        if (len == 1) {
            return c == 't' || c == 'T' ? 1 : (c == 'f' || c == 'F' ? 0 : -1);
        }
        if (len == 4 && (is(b, start, "true") || is(b, start, "True") || is(b, start, "TRUE"))) {
            return 1;
        }
        if (len == 5 && (is(b, start, "false") || is(b, start, "False") || is(b, start, "FALSE"))) {
            return 0;
        }
        return -1;
    }

    private static boolean is(byte[] b, int i, String word) {
        for (int k = 0; k < word.length(); k++) {
            if (b[i + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Go's ParseFloat syntax for the characters scanNumber lets through: {@code -?(d+.?d*|.d+)([eE][+-]?d+)?}.
     */
    private static boolean isGoFloat(byte[] b, int start, int end) {
        int i = start;
        if (b[i] == '-') {
            i++;
        }
        int digits = 0;
        boolean dot = false;
        for (; i < end; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int es = i;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            if (i == es) {
                return false;
            }
        }
        return i == end;
    }

    /**
     * InfluxDB's walkFields: splits {@code b[start, end)} at each '=' not preceded by a backslash and at each
     * unquoted ',' after a value, and checks each field's series key size.
     */
    private boolean splitFields(byte[] b, int start, int end, int rawKeyLength) {
        int p = start;
        while (p < end) {
            int k = p;
            while (k < end && !(b[k] == '=' && (k == p || b[k - 1] != '\\'))) {
                k++;
            }
            if (k > end - 2) {
                error = "invalid value: field-key=" + new String(b, p, k - p, StandardCharsets.UTF_8);
                return false;
            }
            int v = k + 1;
            boolean quoted = false;
            while (v < end) {
                byte c = b[v];
                if (c == '\\' && v + 1 < end && (b[v + 1] == '"' || b[v + 1] == '\\')) {
                    v += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    break;
                }
                v++;
            }
            int size = rawKeyLength + 4 + (k - p);
            if (size > maxSeriesKeyLength) {
                error = "max key length exceeded: " + size + " > " + maxSeriesKeyLength;
                return false;
            }
            addRawField(p, k, v);
            p = v < end ? v + 1 : v;
        }
        return true;
    }

    private void addRawField(int keyStart, int keyEnd, int valueEnd) {
        int f = fieldCount;
        if (f == fieldKeyStart.length) {
            fieldKeyStart = Arrays.copyOf(fieldKeyStart, f * 2);
            fieldKeyEnd = Arrays.copyOf(fieldKeyEnd, f * 2);
            fieldValueEnd = Arrays.copyOf(fieldValueEnd, f * 2);
        }
        fieldKeyStart[f] = keyStart;
        fieldKeyEnd[f] = keyEnd;
        fieldValueEnd[f] = valueEnd;
        fieldCount = f + 1;
    }

    /** Decodes every split field into {@code point} the way InfluxDB's FieldIterator reads them. */
    private boolean decodeFields(byte[] b, ParsedPoint point) {
        int total = fieldCount == 0 ? 0 : fieldValueEnd[fieldCount - 1] - fieldKeyStart[0];
        if (fieldScratch.length < total) {
            fieldScratch = new byte[Math.max(total, fieldScratch.length * 2)];
        }
        int w = 0;
        for (int f = 0; f < fieldCount; f++) {
            int ks = fieldKeyStart[f];
            int vs = fieldKeyEnd[f] + 1;
            int ve = fieldValueEnd[f];
            int nameLength = Escapes.unescapeFieldKey(b, ks, vs - 1 - ks, fieldScratch, w);
            if (nameLength == 0) {
                error = "missing field key";
                return false;
            }
            int index = point.addField(fieldScratch, w, nameLength);
            w += nameLength;
            if (ve == vs) {
                error = "invalid field format";
                return false;
            }
            byte c = b[vs];
            if (c == '"') {
                if (ve - vs < 2) {
                    error = "invalid field format";
                    return false;
                }
                int n = Escapes.unescapeString(b, vs + 1, ve - vs - 2, fieldScratch, w);
                point.setString(index, fieldScratch, w, n);
                w += n;
            } else if ((c >= '0' && c <= '9') || c == '-' || c == '.' || c == 'n' || c == 'N' || c == 'i'
                    || c == 'I' || c == 'u') {
                if (!decodeNumber(b, vs, ve, point, index)) {
                    error = "invalid field format";
                    return false;
                }
            } else {
                int v = booleanValue(b, vs, ve);
                if (v < 0) {
                    error = "invalid field format";
                    return false;
                }
                point.setBoolean(index, v == 1);
            }
        }
        return true;
    }

    private boolean decodeNumber(byte[] b, int vs, int ve, ParsedPoint point, int index) {
        byte last = b[ve - 1];
        if (last == 'i') {
            if (!parseSignedDecimal(b, vs, ve - 1)) {
                return false;
            }
            point.setInteger(index, parsedValue);
            return true;
        }
        if (last == 'u') {
            if (!allowUnsigned || ve - 1 == vs || !fitsUnsigned(b, vs, ve - 1)) {
                return false;
            }
            long v = 0;
            for (int p = vs; p < ve - 1; p++) {
                v = v * 10 + (b[p] - '0');
            }
            point.setUnsigned(index, v);
            return true;
        }
        if (!isGoFloat(b, vs, ve)) {
            return false;
        }
        double d = DecimalFloats.parse(b, vs, ve - vs);
        if (Double.isInfinite(d)) {
            return false;
        }
        point.setFloat(index, d);
        return true;
    }

    /**
     * Go's {@code strconv.ParseInt(text, 10, 64)} on {@code b[start, end)}: on success the value is in
     * {@link #parsedValue}; on failure Go's error text is in {@link #error}.
     */
    private boolean parseSignedDecimal(byte[] b, int start, int end) {
        int i = start;
        boolean negative = false;
        if (i < end && b[i] == '-') {
            negative = true;
            i++;
        }
        if (i == end) {
            return parseIntError(b, start, end, "invalid syntax");
        }
        long v = 0; // accumulated negatively so that MIN_VALUE fits
        for (; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return parseIntError(b, start, end, "invalid syntax");
            }
            if (v < (Long.MIN_VALUE + d) / 10) {
                return parseIntError(b, start, end, "value out of range");
            }
            v = v * 10 - d;
        }
        if (!negative) {
            if (v == Long.MIN_VALUE) {
                return parseIntError(b, start, end, "value out of range");
            }
            v = -v;
        }
        parsedValue = v;
        return true;
    }

    private boolean parseIntError(byte[] b, int start, int end, String reason) {
        error = "strconv.ParseInt: parsing \"" + ascii(b, start, end) + "\": " + reason;
        return false;
    }

    /** True if the digits {@code b[start, end)} are at most 2^64-1. */
    private static boolean fitsUnsigned(byte[] b, int start, int end) {
        long v = 0;
        for (int i = start; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            long hi = Math.unsignedMultiplyHigh(v, 10);
            long lo = v * 10;
            if (hi != 0 || Long.compareUnsigned(lo + d, lo) < 0) {
                return false;
            }
            v = lo + d;
        }
        return true;
    }

    private static String ascii(byte[] b, int start, int end) {
        return new String(b, start, end - start, StandardCharsets.UTF_8);
    }
}
