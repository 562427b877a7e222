package io.tidemark.storage.index;

import java.util.Arrays;

/**
 * Series key to series id and back. A series is stored once, as its dictionary-encoded {@link SeriesRecord} in the
 * arena; the key is not stored: a lookup compares the bytes given with the record's pieces (measurement name, tag
 * keys and values from their dictionaries) in place, and {@link #key} rebuilds it by concatenation.
 *
 * <p>Thread-safety: one writer at a time (the index's write lock); lock-free readers. The lookup of an existing key
 * allocates nothing.
 */
final class SeriesTable implements IdHashTable.KeyMatcher {
    private final ByteArena arena;
    private final Catalog catalog;
    private final IdHashTable table = new IdHashTable(1024);
    /** By series id: the record's arena reference + 1; 0 for an id without a record (never assigned). */
    private final LongChunks refs = new LongChunks();

    SeriesTable(ByteArena arena, Catalog catalog) {
        this.arena = arena;
        this.catalog = catalog;
    }

    /** The id of the live series with this key, or -1. Lock-free; allocates nothing. */
    int find(int hash, byte[] key, int off, int len) {
        return table.find(hash, key, off, len, this);
    }

    /** Writer only: stores a series record; the series is not findable by key until {@link #publish}. */
    void store(int id, SeriesRecord record, byte[] scratch) {
        int n = record.encode(scratch, 0);
        refs.set(id, arena.append(scratch, 0, n) + 1);
    }

    /** Writer only: makes the series findable by its key. */
    void publish(int hash, int id) {
        table.insert(hash, id);
    }

    /** Writer only: makes the series no longer findable by its key (its record stays). */
    void unpublish(int hash, int id) {
        table.remove(hash, id);
    }

    /** The number of series findable by key. */
    int published() {
        return table.size();
    }

    boolean hasRecord(int id) {
        return refs.get(id) != 0;
    }

    /** Decodes the record of {@code id} into {@code into}; false if the id has none. */
    boolean decode(int id, SeriesRecord into) {
        long ref = refs.get(id) - 1;
        if (ref < 0) {
            return false;
        }
        into.decode(arena.pageOf(ref), ByteArena.offset(ref));
        return true;
    }

    /** The key of a series that has a record (deleted or not); null if none. */
    byte[] key(int id) {
        SeriesRecord r = new SeriesRecord();
        if (!decode(id, r)) {
            return null;
        }
        return key(r);
    }

    /** The key of a decoded record. */
    byte[] key(SeriesRecord r) {
        MeasurementEntry m = catalog.get(r.measurementId);
        int len = m.escapedName.length;
        for (int i = 0; i < r.tagCount; i++) {
            TagKeyEntry t = m.tagKey(r.keyIds[i]);
            len += 2 + t.escapedKey.length + t.values.length(r.valueIds[i]);
        }
        byte[] out = new byte[len];
        System.arraycopy(m.escapedName, 0, out, 0, m.escapedName.length);
        int pos = m.escapedName.length;
        for (int i = 0; i < r.tagCount; i++) {
            TagKeyEntry t = m.tagKey(r.keyIds[i]);
            out[pos++] = ',';
            System.arraycopy(t.escapedKey, 0, out, pos, t.escapedKey.length);
            pos += t.escapedKey.length;
            out[pos++] = '=';
            pos = t.values.copy(r.valueIds[i], out, pos);
        }
        return out;
    }

    @Override
    public boolean matches(int id, byte[] key, int off, int len) {
        long ref = refs.get(id) - 1;
        if (ref < 0) {
            return false;
        }
        byte[] page = arena.pageOf(ref);
        long v = Varint.read(page, ByteArena.offset(ref));
        MeasurementEntry m = catalog.get(Varint.value(v));
        int end = off + len;
        byte[] name = m.escapedName;
        int k = off + name.length;
        if (k > end || !Arrays.equals(key, off, k, name, 0, name.length)) {
            return false;
        }
        v = Varint.read(page, Varint.next(v));
        int tags = Varint.value(v);
        int p = Varint.next(v);
        for (int i = 0; i < tags; i++) {
            if (k >= end || key[k] != ',') {
                return false;
            }
            v = Varint.read(page, p);
            TagKeyEntry t = m.tagKey(Varint.value(v));
            byte[] tk = t.escapedKey;
            int afterKey = k + 1 + tk.length;
            if (afterKey >= end || !Arrays.equals(key, k + 1, afterKey, tk, 0, tk.length) || key[afterKey] != '=') {
                return false;
            }
            v = Varint.read(page, Varint.next(v));
            p = Varint.next(v);
            k = t.values.matchPrefix(Varint.value(v), key, afterKey + 1, end);
            if (k < 0) {
                return false;
            }
        }
        return k == end;
    }
}
