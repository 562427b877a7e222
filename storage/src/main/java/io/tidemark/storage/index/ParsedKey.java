package io.tidemark.storage.index;

import java.util.Arrays;

/**
 * The elements of one series key being added: where its measurement, tag keys and tag values are in the caller's
 * bytes. Reused for every new series. Not thread-safe: owned by the index's write lock.
 */
final class ParsedKey {
    int measurementEnd;
    int tagCount;
    int[] keyStart = new int[16];
    int[] keyEnd = new int[16];
    int[] valueStart = new int[16];
    int[] valueEnd = new int[16];

    /**
     * Splits a canonical escaped series key.
     *
     * @throws IllegalArgumentException if the key is not one: an empty measurement, tag key or tag value, a tag
     *     without {@code =}, an unescaped {@code =} in a tag value or an unescaped space
     */
    void parse(byte[] key, int off, int len) {
        int end = off + len;
        int m = KeyEscapes.elementEnd(key, off, end, true);
        check(m, key, off, len);
        if (m == off) {
            throw invalid(key, off, len, "empty measurement");
        }
        measurementEnd = m;
        tagCount = 0;
        int pos = m;
        while (pos < end) {
            // key[pos] == ','
            int ks = pos + 1;
            int ke = KeyEscapes.elementEnd(key, ks, end, false);
            check(ke, key, off, len);
            if (ke == end || key[ke] != '=') {
                throw invalid(key, off, len, "tag without '='");
            }
            int vs = ke + 1;
            int ve = KeyEscapes.elementEnd(key, vs, end, false);
            check(ve, key, off, len);
            if (ve < end && key[ve] == '=') {
                throw invalid(key, off, len, "unescaped '=' in a tag value");
            }
            if (ke == ks || ve == vs) {
                throw invalid(key, off, len, "empty tag key or value");
            }
            add(ks, ke, vs, ve);
            pos = ve;
        }
    }

    private void add(int ks, int ke, int vs, int ve) {
        int t = tagCount;
        if (t == keyStart.length) {
            keyStart = Arrays.copyOf(keyStart, t * 2);
            keyEnd = Arrays.copyOf(keyEnd, t * 2);
            valueStart = Arrays.copyOf(valueStart, t * 2);
            valueEnd = Arrays.copyOf(valueEnd, t * 2);
        }
        keyStart[t] = ks;
        keyEnd[t] = ke;
        valueStart[t] = vs;
        valueEnd[t] = ve;
        tagCount = t + 1;
    }

    private static void check(int elementEnd, byte[] key, int off, int len) {
        if (elementEnd < 0) {
            throw invalid(key, off, len, "unescaped space at offset " + (-1 - elementEnd - off));
        }
    }

    private static IllegalArgumentException invalid(byte[] key, int off, int len, String why) {
        return new IllegalArgumentException("not a canonical series key (" + why + "): "
                + new String(key, off, len, java.nio.charset.StandardCharsets.UTF_8));
    }
}
