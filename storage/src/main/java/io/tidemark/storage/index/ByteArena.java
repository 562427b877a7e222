package io.tidemark.storage.index;

import java.util.Arrays;

/**
 * Append-only storage for the index's byte strings and series records, in pages, so that a million keys cost a
 * few large arrays instead of a million small objects. A record never spans pages; it is named by a reference,
 * {@code page << 32 | offset}. Pages start at {@value #FIRST_PAGE} bytes and double up to {@link #MAX_PAGE} (256 KiB), so a
 * small shard's index stays small; a record larger than that gets a page of its own.
 *
 * <p>Thread-safety: one writer at a time (the index's write lock); lock-free readers, which must learn a reference
 * through a release/acquire pair published after the record was written (a hash-table slot, a chunk element).
 */
final class ByteArena {
    static final int FIRST_PAGE = 4096;
    /**
     * Under half of G1's smallest region (1 MiB), so that a page is never a humongous object, which G1 rounds up
     * to whole regions: with 1 MiB pages an index took 40% more heap under G1 than under the serial collector.
     */
    static final int MAX_PAGE = (256 << 10) - 64;

    /** The pages; replaced, never mutated in place, when a page is added. */
    private volatile byte[][] pages = new byte[0][];
    /** Writer only: the page being filled and the first free byte in it. */
    private int current = -1;
    private int free;
    private long capacityBytes;

    static int page(long ref) {
        return (int) (ref >>> 32);
    }

    static int offset(long ref) {
        return (int) ref;
    }

    byte[] pageOf(long ref) {
        return pages[page(ref)];
    }

    /** Writer only: appends {@code src[off, off + len)} as a record; returns its reference. */
    long append(byte[] src, int off, int len) {
        long ref = reserve(len);
        System.arraycopy(src, off, pageOf(ref), offset(ref), len);
        return ref;
    }

    /** Writer only: appends a varint length followed by the bytes; returns the record's reference. */
    long appendSized(byte[] src, int off, int len) {
        long ref = reserve(Varint.size(len) + len);
        byte[] page = pageOf(ref);
        int pos = Varint.write(page, offset(ref), len);
        System.arraycopy(src, off, page, pos, len);
        return ref;
    }

    /** The bytes the pages take, for memory accounting. */
    long capacityBytes() {
        return capacityBytes;
    }

    private long reserve(int len) {
        byte[][] p = pages;
        if (current < 0 || p[current].length - free < len) {
            int size = current < 0 ? FIRST_PAGE : Math.min(MAX_PAGE, p[current].length * 2);
            if (len > size) {
                size = len;
            }
            byte[][] grown = Arrays.copyOf(p, p.length + 1);
            grown[p.length] = new byte[size];
            capacityBytes += size;
            pages = grown;
            current = p.length;
            free = 0;
        }
        long ref = ((long) current << 32) | free;
        free += len;
        return ref;
    }
}
