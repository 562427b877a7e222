package io.tidemark.storage.tsm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Keys of one file (series fields) every block of which a read answered from index entries has verified, in one
 * walk from the key's first block to its last. A key remembered here needs no check of any of its blocks by such
 * reads again ({@link TsmBlockCursor#checkChecksumOnce()}).
 *
 * <p>Beside {@link VerifiedBlocks}, which is bounded (4,096 blocks a file) and so forgets: a count over all the
 * series of a file of 100,000 series, or over a file whose series hold dozens of blocks each, verified every block
 * again at every query once that table had filled, a quarter of such a query's time.
 *
 * <p>A key is known by where its entry starts in the index, however it was found (a binary search by directory
 * slot, a walk, the table of series starts): one bit for each {@value #GRANULE} bytes of the index. No two entries
 * share a bit, since no entry is shorter than that: a version 3 entry takes at least 30 bytes (its series key, or
 * the reference to the previous entry's, in 2 or 3; field name length and name, type and block count in 4; the
 * packed block entries' header in 23; one block entry of at least a byte), an older one at least 70 (a 64-byte
 * block entry). So the table is a 128th of the index: about 300 KB for a file of a million keys, made only for a
 * file such a read visits. Thread-safe: bits are set with an atomic OR and read opaque; a bit is set only after
 * every block of its key passed its check, so "verified" is never wrong.
 */
final class VerifiedKeys {
    /** Bytes of the index a bit stands for: at most the shortest key entry of any version. */
    static final int GRANULE = 16;
    private static final int GRANULE_SHIFT = Integer.numberOfTrailingZeros(GRANULE);
    private static final VarHandle WORD = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] words;

    /** @param indexBytes the bytes of the index's key entries */
    VerifiedKeys(long indexBytes) {
        long bits = (indexBytes + GRANULE - 1) >>> GRANULE_SHIFT;
        long words = (bits + 63) >>> 6;
        if (indexBytes < 0 || words > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("index of " + indexBytes + " bytes");
        }
        this.words = new long[(int) words];
    }

    /** Whether every block of the key whose entry starts {@code position} bytes into the index was verified. */
    boolean contains(long position) {
        long bit = position >>> GRANULE_SHIFT;
        return ((long) WORD.getOpaque(words, (int) (bit >>> 6)) & (1L << bit)) != 0;
    }

    /** Remembers the key whose entry starts {@code position} bytes into the index; its blocks were all verified. */
    void add(long position) {
        long bit = position >>> GRANULE_SHIFT;
        int w = (int) (bit >>> 6);
        long mask = 1L << bit;
        if (((long) WORD.getOpaque(words, w) & mask) == 0) {
            WORD.getAndBitwiseOr(words, w, mask);
        }
    }
}
