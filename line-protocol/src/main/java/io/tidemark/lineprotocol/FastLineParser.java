package io.tidemark.lineprotocol;

/**
 * Single-pass parser for the lines nearly every client sends: no backslash outside string values, single spaces
 * between sections, nothing unusual. It gives up on anything else, valid or not, and {@link ExactLineParser} then
 * parses that line with InfluxDB's full rules (and words its errors). So this class never decides that a line is
 * wrong; it only ever accepts lines that the exact parser would accept identically.
 *
 * <p>Names are never copied or unescaped here (without backslashes the raw bytes are the unescaped and canonical
 * form); numbers are converted straight from the bytes. The only per-line work outside the scan is building the
 * sorted series key and the duplicate-field check. Not thread-safe.
 */
final class FastLineParser {
    /** Returned instead of a line end when the line needs the exact parser. */
    static final int GIVE_UP = -1;

    private static final long MIN_NANOS = Long.MIN_VALUE + 2;
    private static final long MAX_NANOS = Long.MAX_VALUE - 1;

    /** Bytes that end a measurement: {@code , space \ \n}. */
    private static final boolean[] MEASUREMENT_STOP = table(", \\\n");
    /** Bytes that end a tag key, tag value or field key: {@code = , space \ \n}. */
    private static final boolean[] NAME_STOP = table("=, \\\n");

    private final boolean allowUnsigned;
    private final int maxSeriesKeyLength;
    private final SeriesKeyBuilder keys = new SeriesKeyBuilder();
    private final SeriesKeyCache knownKeys = new SeriesKeyCache();
    /** Unescaped string values of the current line. */
    private byte[] scratch = new byte[256];
    private int scratchUsed;

    FastLineParser(boolean allowUnsigned, int maxSeriesKeyLength) {
        this.allowUnsigned = allowUnsigned;
        this.maxSeriesKeyLength = maxSeriesKeyLength;
    }

    private static boolean[] table(String stops) {
        boolean[] t = new boolean[256];
        for (int i = 0; i < stops.length(); i++) {
            t[stops.charAt(i)] = true;
        }
        return t;
    }

    /**
     * Parses the line starting at {@code s} (a byte that is not whitespace, '#' or '\n') into {@code point}.
     *
     * @param mult nanoseconds per timestamp unit
     * @param defaultNanos the timestamp of a line without one
     * @return the index of the line's terminating '\n' (or {@code limit}), or {@link #GIVE_UP}
     */
    int parse(byte[] b, int s, int limit, long mult, long defaultNanos, ParsedPoint point) {
        point.reset();
        scratchUsed = 0;

        int keyEnd = knownKeys.find(b, s, limit, point);
        if (keyEnd < 0) {
            keyEnd = parseKey(b, s, limit, point);
            if (keyEnd < 0) {
                return GIVE_UP;
            }
            knownKeys.remember(b, s, keyEnd, point);
        }
        int rawKeyLength = keyEnd - s;

        // Fields. InfluxDB skips tabs and NULs before the first field key: leave those lines to the exact parser.
        int i = keyEnd + 1;
        byte c;
        if (i >= limit || b[i] == '\t' || b[i] == 0) {
            return GIVE_UP;
        }
        int longestFieldKey = 0;
        while (true) {
            int ks = i;
            i = scan(b, ks, limit, NAME_STOP);
            if (i < 0) {
                return GIVE_UP;
            }
            c = b[i];
            int keyLength = i - ks;
            if (c != '=' || keyLength == 0) {
                return GIVE_UP;
            }
            if (keyLength > longestFieldKey) {
                longestFieldKey = keyLength;
            }
            if (++i >= limit) {
                return GIVE_UP;
            }
            int f = point.addField(b, ks, keyLength);
            c = b[i];
            if ((c >= '0' && c <= '9') || c == '-' || c == '.') {
                i = number(b, i, limit, point, f);
            } else if (c == '"') {
                i = string(b, i, limit, point, f);
            } else {
                i = bool(b, i, limit, point, f);
            }
            // The value parsers return the index of a ',', ' ', '\n' or limit.
            if (i < 0 || i >= limit || (c = b[i]) != ',') {
                break;
            }
            i++;
        }
        if (i < 0 || rawKeyLength + 4 + longestFieldKey > maxSeriesKeyLength) {
            return GIVE_UP;
        }

        // Timestamp.
        long nanos = defaultNanos;
        if (i < limit && c == ' ') {
            i++;
            boolean negative = false;
            if (i < limit && b[i] == '-') {
                negative = true;
                i++;
            }
            int ds = i;
            long v = 0;
            while (i < limit) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                v = v * 10 + d;
                i++;
            }
            int digits = i - ds;
            if (digits == 0 || digits > 19 || (i < limit && b[i] != '\n')) {
                return GIVE_UP;
            }
            if (digits == 19 && v < 0) {
                return GIVE_UP; // above Long.MAX_VALUE (or exactly MIN_VALUE, which is out of range anyway)
            }
            v = negative ? -v : v;
            if (mult != 1) {
                long hi = Math.multiplyHigh(v, mult);
                long lo = v * mult;
                if (hi != (lo >> 63)) {
                    return GIVE_UP;
                }
                v = lo;
            }
            if (v < MIN_NANOS || v > MAX_NANOS) {
                return GIVE_UP;
            }
            nanos = v;
        }

        point.mergeDuplicateFields();
        point.setTimestampNanos(nanos);
        return i;
    }

    /**
     * Parses the measurement and tags of the line at {@code s} and writes its canonical series key into {@code point};
     * returns the index of the space that ends them, or {@link #GIVE_UP}.
     */
    private int parseKey(byte[] b, int s, int limit, ParsedPoint point) {
        keys.reset();
        int i = scan(b, s, limit, MEASUREMENT_STOP);
        if (i < 0) {
            return GIVE_UP;
        }
        byte c = b[i];
        if (i == s || (c != ',' && c != ' ')) {
            return GIVE_UP;
        }
        int measurementEnd = i;
        while (c == ',') {
            int ks = i + 1;
            i = scan(b, ks, limit, NAME_STOP);
            if (i < 0) {
                return GIVE_UP;
            }
            c = b[i];
            if (c != '=' || i == ks) {
                return GIVE_UP;
            }
            int vs = i + 1;
            i = scan(b, vs, limit, NAME_STOP);
            if (i < 0) {
                return GIVE_UP;
            }
            c = b[i];
            if (i == vs || (c != ',' && c != ' ')) {
                return GIVE_UP;
            }
            keys.add(b, ks, vs - 1 - ks, vs, i - vs);
        }
        int keyEnd = i; // b[i] == ' '
        int rawKeyLength = keyEnd - s;
        if (rawKeyLength > maxSeriesKeyLength) {
            return GIVE_UP;
        }
        if (keys.count() == 0) {
            byte[] key = point.seriesKeyBuffer(rawKeyLength);
            System.arraycopy(b, s, key, 0, rawKeyLength);
            point.seriesKeyWritten(rawKeyLength, rawKeyLength);
        } else if (!keys.buildRaw(point, b, s, measurementEnd, keyEnd)) {
            return GIVE_UP; // duplicate tags
        }
        return keyEnd;
    }

    /**
     * The index of the first byte from {@code i} on that {@code stops} marks, or {@link #GIVE_UP} if the input ends
     * first. The name scans are a method of their own so that {@link #parse} has no byte loop: the JIT then compiles
     * it when it is called often, as it is once a line, rather than in the middle of a loop (on-stack replacement),
     * a compilation that was seen thrown away at its first uncommon trap, leaving the parser interpreted for seconds.
     */
    private static int scan(byte[] b, int i, int limit, boolean[] stops) {
        for (int j = i; j < limit; j++) {
            if (stops[b[j] & 0xFF]) {
                return j;
            }
        }
        return GIVE_UP;
    }

    /** True if {@code i} is where a field value may end: ',', ' ', '\n' or the end of the input. */
    private static boolean valueEnds(byte[] b, int i, int limit) {
        if (i >= limit) {
            return true;
        }
        byte c = b[i];
        return c == ',' || c == ' ' || c == '\n';
    }

    /** Integer ({@code 12i}), unsigned ({@code 12u}) or float; returns the index after it or {@link #GIVE_UP}. */
    private int number(byte[] b, int i, int limit, ParsedPoint point, int f) {
        boolean negative = false;
        if (b[i] == '-') {
            negative = true;
            i++;
        }
        long m = 0;
        int ds = i;
        while (i < limit) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            m = m * 10 + d;
            i++;
        }
        int intDigits = i - ds;
        byte c = i < limit ? b[i] : (byte) '\n';
        if (c == 'i') {
            // 19 digits fit in 64 unsigned bits; beyond signed range only MIN_VALUE itself is valid.
            if (intDigits == 0 || intDigits > 19 || (m < 0 && !(negative && m == Long.MIN_VALUE))
                    || !valueEnds(b, i + 1, limit)) {
                return GIVE_UP;
            }
            point.setInteger(f, negative ? -m : m);
            return i + 1;
        }
        if (c == 'u') {
            if (!allowUnsigned || negative || intDigits == 0 || intDigits > 19 || !valueEnds(b, i + 1, limit)) {
                return GIVE_UP;
            }
            point.setUnsigned(f, m);
            return i + 1;
        }
        int exp10 = 0;
        int digits = intDigits;
        if (c == '.') {
            int fs = ++i;
            while (i < limit) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                m = m * 10 + d;
                i++;
            }
            exp10 = fs - i;
            digits += i - fs;
            c = i < limit ? b[i] : (byte) '\n';
        }
        if (digits == 0 || (digits > 19 && significantDigits(b, ds, i) > 19)) {
            return GIVE_UP;
        }
        if (c == 'e' || c == 'E') {
            i++;
            boolean expNegative = false;
            if (i < limit && (b[i] == '+' || b[i] == '-')) {
                expNegative = b[i] == '-';
                i++;
            }
            int es = i;
            int e = 0;
            while (i < limit) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                e = e * 10 + d;
                i++;
            }
            if (i == es || i - es > 4) {
                return GIVE_UP;
            }
            exp10 += expNegative ? -e : e;
        }
        if (!valueEnds(b, i, limit)) {
            return GIVE_UP;
        }
        double v = DecimalFloats.fromDecimal(m, exp10, negative);
        if (Double.isNaN(v)) {
            return GIVE_UP;
        }
        point.setFloat(f, v);
        return i;
    }

    /**
     * Digits of {@code b[from, to)} (digits and at most one '.') from the first non-zero one: leading zeros leave the
     * accumulated mantissa at 0, so only these decide whether it overflowed.
     */
    private static int significantDigits(byte[] b, int from, int to) {
        int i = from;
        while (i < to && (b[i] == '0' || b[i] == '.')) {
            i++;
        }
        int n = 0;
        for (; i < to; i++) {
            if (b[i] != '.') {
                n++;
            }
        }
        return n;
    }

    /** A double-quoted string; returns the index after the closing quote or {@link #GIVE_UP}. */
    private int string(byte[] b, int i, int limit, ParsedPoint point, int f) {
        int cs = i + 1;
        int j = cs;
        boolean escaped = false;
        while (true) {
            if (j >= limit) {
                return GIVE_UP; // unbalanced quotes
            }
            byte c = b[j];
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                escaped = true;
                j += 2;
            } else {
                j++;
            }
        }
        if (!valueEnds(b, j + 1, limit)) {
            return GIVE_UP;
        }
        int len = j - cs;
        if (escaped) {
            if (scratchUsed + len > scratch.length) {
                // Earlier values of this line keep the old array, which stays intact.
                scratch = new byte[Math.max(scratch.length * 2, len)];
                scratchUsed = 0;
            }
            int n = Escapes.unescapeString(b, cs, len, scratch, scratchUsed);
            point.setString(f, scratch, scratchUsed, n);
            scratchUsed += n;
        } else {
            point.setString(f, b, cs, len);
        }
        return j + 1;
    }

    /** One of t, T, true, True, TRUE, f, F, false, False, FALSE; returns the index after it or {@link #GIVE_UP}. */
    private static int bool(byte[] b, int i, int limit, ParsedPoint point, int f) {
        byte c = b[i];
        int j = i + 1;
        while (j < limit && b[j] != ',' && b[j] != ' ' && b[j] != '\n') {
            j++;
        }
        int len = j - i;
        boolean value;
        if (c == 't' || c == 'T') {
            value = true;
            if (len != 1 && !(len == 4 && (matches(b, i, "true") || matches(b, i, "True") || matches(b, i, "TRUE")))) {
                return GIVE_UP;
            }
        } else if (c == 'f' || c == 'F') {
            value = false;
            if (len != 1
                    && !(len == 5 && (matches(b, i, "false") || matches(b, i, "False") || matches(b, i, "FALSE")))) {
                return GIVE_UP;
            }
        } else {
            return GIVE_UP;
        }
        point.setBoolean(f, value);
        return j;
    }

    private static boolean matches(byte[] b, int i, String word) {
        for (int k = 0; k < word.length(); k++) {
            if (b[i + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
