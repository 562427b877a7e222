package io.tidemark.lineprotocol;

import java.util.Arrays;

/**
 * The canonical series keys of recently parsed lines, by the bytes the lines wrote them in: clients send the same
 * series again and again (every interval, in the same tag order), and a line whose measurement and tags are byte for
 * byte those of a line parsed before has the same canonical key. Finding them costs one pass of eight bytes a step
 * over the line's key and a comparison, instead of scanning each tag key and value, sorting the tags and copying them
 * into place (a third of a TSBS {@code cpu} line's parse).
 *
 * <p>Holds only keys that the fast path parsed (no escapes: a backslash ends the lookup) and of at most
 * {@link #MAX_CACHED_KEY_BYTES}. Direct-mapped, {@link #SLOTS} slots, a slot overwritten by the next key that hashes to
 * it: at most about 0.6 MB a parser. When lookups mostly miss (more series than slots, or series that never repeat),
 * it stops looking for {@link #REST_LINES} lines and then tries again, so that a stream of new series pays almost
 * nothing for it. Not thread-safe: one per parser.
 */
final class SeriesKeyCache {
    static final int SLOTS = 512;
    static final int MAX_CACHED_KEY_BYTES = 512;
    /** Lookups counted before deciding whether the cache pays. */
    static final int WINDOW = 1024;
    /** The hits of a window below which the cache rests. */
    static final int MIN_HITS = WINDOW / 4;
    /** Lines parsed without the cache after a window of too few hits. */
    static final int REST_LINES = 16 * WINDOW;

    private static final long SPACES = 0x2020202020202020L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final long[] hashes = new long[SLOTS];
    /** The line's bytes up to the space before its fields; null for an empty slot. */
    private final byte[][] raw = new byte[SLOTS][];
    private final int[] rawLength = new int[SLOTS];
    private final byte[][] canonical = new byte[SLOTS][];
    private final int[] canonicalLength = new int[SLOTS];
    private final int[] measurementLength = new int[SLOTS];
    /** Per slot and tag, where its key starts, its value starts and its value ends in the canonical key. */
    private final int[][] tagKeyStarts = new int[SLOTS][];
    private final int[][] tagValueStarts = new int[SLOTS][];
    private final int[][] tagValueEnds = new int[SLOTS][];
    private final int[] tagCount = new int[SLOTS];

    private int lookups;
    private int hits;
    private int restLeft;
    /** Of the last {@link #find} that missed: the key's hash and its end, for {@link #remember}. */
    private long missedHash;
    private int missedEnd = -1;

    /**
     * Fills {@code point}'s series key and tags from the cache if the line at {@code b[s, limit)} starts with a key
     * parsed before, and returns the index of the space after it; else returns -1 and leaves {@code point} alone.
     */
    int find(byte[] b, int s, int limit, ParsedPoint point) {
        missedEnd = -1;
        if (restLeft > 0) {
            restLeft--;
            return -1;
        }
        if (++lookups == WINDOW) {
            if (hits < MIN_HITS) {
                restLeft = REST_LINES;
            }
            lookups = 0;
            hits = 0;
        }
        // The key ends at the first space; a backslash (an escape) or a newline first, or no space within the
        // bytes a cached key may have, leaves the line to the parser.
        long h = 0x9E3779B97F4A7C15L;
        int stop = Math.min(limit, s + MAX_CACHED_KEY_BYTES + 1);
        int i = s;
        int end = -1;
        for (; i + 8 <= stop; i += 8) {
            long w = ByteViews.longLE(b, i);
            long stops = zeroBytes(w ^ SPACES) | zeroBytes(w ^ BACKSLASHES) | zeroBytes(w ^ NEWLINES);
            if (stops != 0) {
                int at = Long.numberOfTrailingZeros(stops) >>> 3;
                if (at > 0) {
                    h = mix(h, w & (-1L >>> (64 - 8 * at)));
                }
                end = i + at;
                break;
            }
            h = mix(h, w);
        }
        if (end < 0) {
            // Fewer than eight bytes before the stop: one by one, into one last word.
            long tail = 0;
            for (int shift = 0; i < stop; i++, shift += 8) {
                byte c = b[i];
                if (c == ' ' || c == '\\' || c == '\n') {
                    end = i;
                    break;
                }
                tail |= (c & 0xFFL) << shift;
            }
            if (end < 0) {
                return -1;
            }
            if ((end - s) % 8 != 0) {
                h = mix(h, tail);
            }
        }
        if (b[end] != ' ' || end == s) {
            return -1;
        }
        int length = end - s;
        h = mix(h, length);
        int slot = slot(h);
        byte[] r = raw[slot];
        if (r == null || hashes[slot] != h || rawLength[slot] != length
                || !Arrays.equals(r, 0, length, b, s, end)) {
            missedHash = h;
            missedEnd = end;
            return -1;
        }
        hits++;
        int n = canonicalLength[slot];
        System.arraycopy(canonical[slot], 0, point.seriesKeyBuffer(n), 0, n);
        point.seriesKeyWritten(n, measurementLength[slot]);
        point.setTagOffsets(tagKeyStarts[slot], tagValueStarts[slot], tagValueEnds[slot], tagCount[slot]);
        return end;
    }

    /**
     * Keeps the key that the fast path just parsed for the line at {@code s}, whose key ends at {@code end}, if the
     * {@link #find} for that line looked and missed.
     */
    void remember(byte[] b, int s, int end, ParsedPoint point) {
        if (missedEnd != end) {
            return;
        }
        missedEnd = -1;
        int slot = slot(missedHash);
        int length = end - s;
        byte[] r = raw[slot];
        if (r == null || r.length < length) {
            r = new byte[Math.max(length, 64)];
            raw[slot] = r;
        }
        System.arraycopy(b, s, r, 0, length);
        rawLength[slot] = length;
        hashes[slot] = missedHash;
        int n = point.seriesKeyLength();
        byte[] c = canonical[slot];
        if (c == null || c.length < n) {
            c = new byte[Math.max(n, 64)];
            canonical[slot] = c;
        }
        System.arraycopy(point.seriesKey(), 0, c, 0, n);
        canonicalLength[slot] = n;
        measurementLength[slot] = point.measurementLength();
        int count = point.tagCount();
        if (tagKeyStarts[slot] == null || tagKeyStarts[slot].length < count) {
            int room = Math.max(count, 4);
            tagKeyStarts[slot] = new int[room];
            tagValueStarts[slot] = new int[room];
            tagValueEnds[slot] = new int[room];
        }
        point.copyTagOffsets(tagKeyStarts[slot], tagValueStarts[slot], tagValueEnds[slot]);
        tagCount[slot] = count;
    }

    /** The high bit of each byte of {@code x} that is zero (exact for the lowest such byte, which is all we use). */
    private static long zeroBytes(long x) {
        return (x - LOW_BITS) & ~x & HIGH_BITS;
    }

    private static long mix(long h, long w) {
        h = (h ^ w) * 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 29);
    }

    private static int slot(long h) {
        return (int) (h ^ (h >>> 32)) & (SLOTS - 1);
    }
}
