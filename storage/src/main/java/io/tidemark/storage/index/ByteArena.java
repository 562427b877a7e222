package io.tidemark.storage.index;

import java.util.Arrays;

/**
 * Append-only storage for the index's byte strings and series records, in pages, so that a million keys cost a
 * few large arrays instead of a million small objects. A record never spans pages; it is named by a 32-bit
 * reference, {@code page << 18 | offset} (read unsigned), which is what lets a series record point at its tag
 * values directly. Pages start at {@value #FIRST_PAGE} bytes and double up to {@link #MAX_PAGE} (256 KiB), so a
 * small shard's index stays small; the arena holds at most {@value #MAX_PAGES} pages (about 4 GiB).
 *
 * <p>Thread-safety: one writer at a time (the index's write lock); lock-free readers, which must learn a reference
 * through a release/acquire pair published after the record was written (a hash-table slot, a chunk element).
 */
final class ByteArena {
    static final int FIRST_PAGE = 4096;
    static final int OFFSET_BITS = 18;
    private static final int OFFSET_MASK = (1 << OFFSET_BITS) - 1;
    /**
     * Under 2^18 so that offsets fit their bits, and under half of G1's smallest region (1 MiB), so that a page is
     * never a humongous object, which G1 rounds up to whole regions (with 1 MiB pages an index took 40% more heap
     * under G1 than under the serial collector).
     */
    static final int MAX_PAGE = (256 << 10) - 64;
    /** Keeps {@code ref + 1} from wrapping to 0, which tables use for "none". */
    static final int MAX_PAGES = (1 << (32 - OFFSET_BITS)) - 2;

    /** The pages; replaced, never mutated in place, when a page is added. */
    private volatile byte[][] pages = new byte[0][];
    /** Writer only: the page being filled and the first free byte in it. */
    private int current = -1;
    private int free;
    private long capacityBytes;

    static int page(int ref) {
        return ref >>> OFFSET_BITS;
    }

    static int offset(int ref) {
        return ref & OFFSET_MASK;
    }

    /** The pages, for a reader that resolves several references in a row. */
    byte[][] pages() {
        return pages;
    }

    byte[] pageOf(int ref) {
        return pages[page(ref)];
    }

    /**
     * Writer only: reserves {@code len} contiguous bytes; returns their reference. The caller writes them into
     * {@link #pageOf} at {@link #offset} before publishing the reference.
     *
     * @throws IllegalArgumentException if {@code len} is larger than a page
     * @throws IllegalStateException if the arena is full
     */
    int reserve(int len) {
        if (len > MAX_PAGE) {
            throw new IllegalArgumentException("cannot store " + len + " bytes in the series index: the limit is "
                    + MAX_PAGE);
        }
        byte[][] p = pages;
        if (current < 0 || p[current].length - free < len) {
            if (p.length == MAX_PAGES) {
                throw new IllegalStateException("the shard's series index is full (" + capacityBytes + " bytes)");
            }
            int size = current < 0 ? FIRST_PAGE : Math.min(MAX_PAGE, p[current].length * 2);
            size = Math.max(size, len);
            byte[][] grown = Arrays.copyOf(p, p.length + 1);
            grown[p.length] = new byte[size];
            capacityBytes += size;
            pages = grown;
            current = p.length;
            free = 0;
        }
        int ref = (current << OFFSET_BITS) | free;
        free += len;
        return ref;
    }

    /** The bytes the pages take, for memory accounting. */
    long capacityBytes() {
        return capacityBytes;
    }
}
