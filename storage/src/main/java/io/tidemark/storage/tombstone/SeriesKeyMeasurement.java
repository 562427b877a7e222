package io.tidemark.storage.tombstone;

/**
 * Finds the measurement of a canonical escaped series key ({@code cpu\,x,host=a} → {@code cpu\,x}) with the escape
 * rule of the series index ({@code io.tidemark.storage.index.KeyEscapes}, which is package-private there): a
 * backslash before {@code ,}, space, {@code =} or {@code "} escapes it, any other backslash is literal, and the
 * measurement ends at the first unescaped comma. Stateless.
 */
final class SeriesKeyMeasurement {
    private SeriesKeyMeasurement() {
    }

    /**
     * The end (exclusive) of the measurement of the key in {@code key[off, off + len)}: the offset of its first
     * unescaped comma, or {@code off + len}. Returns {@code -1 - position} of an unescaped space, which no canonical
     * key has. Allocation-free.
     */
    static int end(byte[] key, int off, int len) {
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte c = key[i];
            if (c == '\\') {
                if (i + 1 < end && isEscapable(key[i + 1])) {
                    i++;
                }
            } else if (c == ',') {
                return i;
            } else if (c == ' ') {
                return -1 - i;
            }
        }
        return end;
    }

    private static boolean isEscapable(byte c) {
        return c == ',' || c == ' ' || c == '=' || c == '"';
    }
}
