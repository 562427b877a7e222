package io.tidemark.storage.index;

import java.util.Arrays;

/**
 * Dictionary encoding of byte strings (measurement names, tag keys, tag values): each distinct string gets the
 * next dense id, kept for the life of the index. An entry lives in the index's shared {@link ByteArena} as
 * {@code id:u32 | length:varint | bytes}, and is named by the reference of its length: a series record holds that
 * reference, so that a lookup compares a tag value without going through the dictionary, and the id is read just
 * before it.
 *
 * <p>Thread-safety: one writer at a time (the index's write lock); lock-free readers.
 */
final class ByteDictionary implements IdHashTable.KeyMatcher {
    private final ByteArena arena;
    private final IdHashTable table;
    /** By id: the arena reference of the entry's length. */
    private final IntChunks refs = new IntChunks();
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
        int at = arena.reserve(4 + Varint.size(len) + len);
        byte[] page = arena.pageOf(at);
        int pos = ByteArena.offset(at);
        SeriesRecord.putInt(page, pos, id);
        int start = Varint.write(page, pos + 4, len);
        System.arraycopy(b, off, page, start, len);
        refs.set(id, at + 4);
        size = id + 1;
        table.insert(h, id);
        return id;
    }

    /** The pages of the arena the entries are in. */
    byte[][] arenaPages() {
        return arena.pages();
    }

    /** The arena reference of an entry (of its length, after its id). */
    int ref(int id) {
        return refs.get(id);
    }

    /** The id of the entry at an arena reference from {@link #ref}. */
    static int idAt(byte[][] pages, int ref) {
        return SeriesRecord.getInt(pages[ByteArena.page(ref)], ByteArena.offset(ref) - 4);
    }

    @Override
    public boolean matches(int id, byte[] key, int off, int len) {
        int ref = refs.get(id);
        byte[] page = arena.pageOf(ref);
        long packed = Varint.read(page, ByteArena.offset(ref));
        int n = Varint.value(packed);
        int start = Varint.next(packed);
        return n == len && Arrays.equals(page, start, start + n, key, off, off + len);
    }

    int length(int id) {
        int ref = refs.get(id);
        return Varint.value(Varint.read(arena.pageOf(ref), ByteArena.offset(ref)));
    }

    /** Copies the entry's bytes to {@code dst} at {@code pos}; returns the position after them. */
    int copy(int id, byte[] dst, int pos) {
        return copyAt(arena.pages(), refs.get(id), dst, pos);
    }

    /** Copies the bytes of the entry at {@code ref} to {@code dst}; returns the position after them. */
    static int copyAt(byte[][] pages, int ref, byte[] dst, int pos) {
        byte[] page = pages[ByteArena.page(ref)];
        long packed = Varint.read(page, ByteArena.offset(ref));
        int n = Varint.value(packed);
        System.arraycopy(page, Varint.next(packed), dst, pos, n);
        return pos + n;
    }

    /** The length of the entry at {@code ref}. */
    static int lengthAt(byte[][] pages, int ref) {
        return Varint.value(Varint.read(pages[ByteArena.page(ref)], ByteArena.offset(ref)));
    }

    byte[] bytes(int id) {
        byte[] out = new byte[length(id)];
        copy(id, out, 0);
        return out;
    }
}
