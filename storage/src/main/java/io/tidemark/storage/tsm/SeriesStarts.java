package io.tidemark.storage.tsm;

import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.index.KeyHash;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * Where each series of a TSM file starts in its index: a hash table from series key to the offset of the series'
 * first key entry. Lookups that come in no useful order (a {@code GROUP BY} over many series asks for them in the
 * order of a tag's values, not of their keys) then cost a hash, a probe or two and a walk over the series' few
 * entries, instead of a binary search of some twenty probes into the mapped index and its directory, each a likely
 * cache and TLB miss.
 *
 * <p>Open addressing with linear probing over an {@code int[]} holding the entry's offset from the start of the index
 * + 1 (0: empty), at most 70% full, and a {@code byte[]} of eight more bits of each key's hash, so that a probe of
 * another series' slot rarely reads the file (a file lacks many of the series a shard's query asks it for): 7 to 15
 * bytes a series of the file. Keys are compared in the file, so a hash collision costs a comparison, never a wrong
 * answer. Built in one pass over the index ({@link TsmReader} decides
 * when; not for an index of 2 GB or more); immutable once built, so thread-safe.
 */
final class SeriesStarts {
    private final int[] slots;
    private final byte[] tags;
    private final int mask;
    private final int series;

    private SeriesStarts(int[] slots, byte[] tags, int series) {
        this.slots = slots;
        this.tags = tags;
        this.mask = slots.length - 1;
        this.series = series;
    }

    /**
     * Reads the whole index of {@code reader}.
     *
     * @throws CorruptionException if an entry does not parse (an index not walked yet)
     */
    static SeriesStarts build(TsmReader reader, long indexOffset) throws CorruptionException {
        MemorySegment file = reader.segment();
        TsmKeyEntry e = reader.newKeyEntry();
        int[] starts = new int[64];
        int[] hashes = new int[64];
        int n = 0;
        byte[] key = new byte[256];
        long previousKey = -1;
        int previousKeyLength = 0;
        for (int k = 0; k < reader.keyCount(); k++) {
            reader.parseEntryAt(k, e);
            // A key entry that refers to the previous one's series key is of the same series; one that writes its
            // key out starts a series unless the key repeats the previous one (files before version 3 repeat it).
            if (e.sharedSeriesKey || (previousKey >= 0 && TsmSegments.compare(file, previousKey, previousKeyLength,
                    file, e.seriesKeyOffset, e.seriesKeyLength) == 0)) {
                continue;
            }
            previousKey = e.seriesKeyOffset;
            previousKeyLength = e.seriesKeyLength;
            if (key.length < e.seriesKeyLength) {
                key = new byte[Math.max(e.seriesKeyLength, key.length * 2)];
            }
            MemorySegment.copy(file, ValueLayout.JAVA_BYTE, e.seriesKeyOffset, key, 0, e.seriesKeyLength);
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, n * 2);
                hashes = Arrays.copyOf(hashes, n * 2);
            }
            starts[n] = (int) (e.offset - indexOffset);
            hashes[n] = KeyHash.hash(key, 0, e.seriesKeyLength);
            n++;
        }
        int[] slots = new int[capacity(n)];
        byte[] tags = new byte[slots.length];
        int mask = slots.length - 1;
        for (int i = 0; i < n; i++) {
            int at = hashes[i] & mask;
            while (slots[at] != 0) {
                at = (at + 1) & mask;
            }
            slots[at] = starts[i] + 1;
            tags[at] = tag(hashes[i]);
        }
        return new SeriesStarts(slots, tags, n);
    }

    /** A power of two with the series filling at most 70% of it. */
    private static int capacity(int series) {
        long wanted = Math.max(2L, series * 10L / 7 + 1);
        return (int) Math.min(1 << 30, Long.highestOneBit(wanted - 1) << 1);
    }

    /**
     * Bits of the hash that the slot's position does not use: the position takes the low bits (the hash is
     * avalanched), these are the high eight, independent of the position below 2^24 slots.
     */
    private static byte tag(int h) {
        return (byte) (h >>> 24);
    }

    /**
     * Parses into {@code e} the first key entry of {@code seriesKey} in {@code reader}'s index; false if the file
     * does not have the series.
     */
    boolean firstEntry(TsmReader reader, long indexOffset, byte[] seriesKey, TsmKeyEntry e) {
        int h = KeyHash.hash(seriesKey, 0, seriesKey.length);
        int at = h & mask;
        byte tag = tag(h);
        MemorySegment file = reader.segment();
        for (int slot = slots[at]; slot != 0; slot = slots[at]) {
            if (tags[at] == tag) {
                reader.entryAtOffset(indexOffset + slot - 1, e);
                if (TsmSegments.compare(file, e.seriesKeyOffset, e.seriesKeyLength, seriesKey) == 0) {
                    return true;
                }
            }
            at = (at + 1) & mask;
        }
        return false;
    }

    /** The series of the file. */
    int series() {
        return series;
    }

    /** The heap the table takes, in bytes. */
    long bytes() {
        return 32L + 5L * slots.length;
    }
}
