package io.tidemark.lineprotocol;

/**
 * Finds where a line ends exactly as InfluxDB 1.8's {@code scanLine} does. Stateless.
 *
 * <p>A '\n' ends the line unless it follows a backslash or sits inside a double-quoted field value. Quotes count
 * only once the field section has started (after the first space not consumed by a backslash) and only where a
 * value can start (more '=' than ',' seen outside quotes), so a quote in a measurement, tag or field key does not
 * swallow the newline. Comment lines are split by the same rule.
 */
final class LineSplitter {
    private LineSplitter() {
    }

    /** The index of the '\n' that ends the line starting at {@code start}, or {@code end}. */
    static int lineEnd(byte[] b, int start, int end) {
        int i = start;
        boolean quoted = false;
        boolean fields = false;
        int equals = 0;
        int commas = 0;
        while (i < end) {
            byte c = b[i];
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == ' ') {
                fields = true;
            }
            if (fields) {
                if (!quoted && c == '=') {
                    equals++;
                    i++;
                    continue;
                }
                if (!quoted && c == ',') {
                    commas++;
                    i++;
                    continue;
                }
                if (c == '"' && equals > commas) {
                    quoted = !quoted;
                    i++;
                    continue;
                }
            }
            if (c == '\n' && !quoted) {
                return i;
            }
            i++;
        }
        return end;
    }
}
