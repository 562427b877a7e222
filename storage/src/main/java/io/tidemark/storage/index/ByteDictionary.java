package io.tidemark.storage.index;

import java.util.Arrays;

/**
 * Dictionary encoding of byte strings (measurement names, tag keys, tag values): each distinct string gets the
 * next dense id, kept for the life of the index. The bytes live in the index's shared {@link ByteArena}.
 *
 * <p>Thread-safety: one writer at a time (the index's write lock); lock-free readers.
 */
final class ByteDictionary implements IdHashTable.KeyMatcher {
    private final ByteArena arena;
    private final IdHashTable table;
    /** By id: the arena reference of the length-prefixed bytes. */
    private final LongChunks refs = new LongChunks();
    /** Ids below this are complete; written by the writer after an entry is stored. */
    private volatile int size;

    ByteDictionary(ByteArena arena) {
        this.arena = arena;
        this.table = new IdHashTable(8);
    }

    /** The number of entries; ids are {@code 0 .. size() - 1}. */
    int size() {
        return size;
    }

    /** The id of the bytes, or -1. Lock-free. */
    int find(byte[] b, int off, int len) {
        return table.find(KeyHash.hash(b, off, len), b, off, len, this);
    }

    /** Writer only: the id of the bytes, added if absent. */
    int add(byte[] b, int off, int len) {
        int h = KeyHash.hash(b, off, len);
        int id = table.find(h, b, off, len, this);
        if (id >= 0) {
            return id;
        }
        id = size;
        refs.set(id, arena.appendSized(b, off, len));
        size = id + 1;
        table.insert(h, id);
        return id;
    }

    @Override
    public boolean matches(int id, byte[] key, int off, int len) {
        long ref = refs.get(id);
        byte[] page = arena.pageOf(ref);
        long packed = Varint.read(page, ByteArena.offset(ref));
        int n = Varint.value(packed);
        int start = Varint.next(packed);
        return n == len && Arrays.equals(page, start, start + n, key, off, off + len);
    }

    /**
     * Compares the entry with {@code key[off, ...)} and returns the position after it in {@code key}, or -1 if
     * the key does not continue with the entry's bytes.
     */
    int matchPrefix(int id, byte[] key, int off, int end) {
        long ref = refs.get(id);
        byte[] page = arena.pageOf(ref);
        long packed = Varint.read(page, ByteArena.offset(ref));
        int n = Varint.value(packed);
        int start = Varint.next(packed);
        if (end - off < n || !Arrays.equals(page, start, start + n, key, off, off + n)) {
            return -1;
        }
        return off + n;
    }

    int length(int id) {
        long ref = refs.get(id);
        return Varint.value(Varint.read(arena.pageOf(ref), ByteArena.offset(ref)));
    }

    /** Copies the entry's bytes to {@code dst} at {@code pos}; returns the position after them. */
    int copy(int id, byte[] dst, int pos) {
        long ref = refs.get(id);
        byte[] page = arena.pageOf(ref);
        long packed = Varint.read(page, ByteArena.offset(ref));
        int n = Varint.value(packed);
        System.arraycopy(page, Varint.next(packed), dst, pos, n);
        return pos + n;
    }

    byte[] bytes(int id) {
        byte[] out = new byte[length(id)];
        copy(id, out, 0);
        return out;
    }
}
