package io.tidemark.storage.index;

/**
 * Series key to series id and back. A series is stored once, as its {@link SeriesRecord} in the arena; the key is
 * not stored: a lookup compares the bytes given with the record's pieces in place (the measurement name, each
 * {@code ,key=} of its measurement's tag keys, each value's bytes through the arena reference in the record), and
 * {@link #key} rebuilds it by concatenation.
 *
 * <p>Thread-safety: one writer at a time (the index's write lock); lock-free readers. The lookup of an existing key
 * allocates nothing.
 */
final class SeriesTable implements IdHashTable.KeyMatcher {
    private final ByteArena arena;
    private final Catalog catalog;
    private final IdHashTable table = new IdHashTable(1024);
    /** By series id: the record's arena reference + 1; 0 for an id without a record (never assigned). */
    private final IntChunks refs = new IntChunks();
    /**
     * A record to decode into per thread: reads of many keys (a query over 100,000 series) allocated three arrays
     * a key otherwise. Only {@link #key(int)} uses it, and calls nothing that could use it again.
     */
    private final ThreadLocal<SeriesRecord> keyScratch = ThreadLocal.withInitial(SeriesRecord::new);

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
        int n = record.encodeInMemory(scratch, 0);
        int ref = arena.reserve(n);
        System.arraycopy(scratch, 0, arena.pageOf(ref), ByteArena.offset(ref), n);
        refs.set(id, ref + 1);
    }

    /** Writer only: makes room for {@code series} series findable by key in all (an index being loaded). */
    void reserve(int series) {
        table.reserve(series);
    }

    /** Writer only: makes the series findable by its key. */
    void publish(int hash, int id) {
        table.insert(hash, id);
    }

    /** Writer only: the hash and id of each series findable by its key, the hashes as published. */
    void forEachPublished(IdHashTable.HashAndId action) {
        table.forEachLive(action);
    }

    /** Writer only: makes the series no longer findable by its key (its record stays). */
    void unpublish(int hash, int id) {
        table.remove(hash, id);
    }

    boolean hasRecord(int id) {
        return refs.get(id) != 0;
    }

    /** Decodes the record of {@code id} into {@code into}; false if the id has none. */
    boolean decode(int id, SeriesRecord into) {
        int raw = refs.get(id);
        if (raw == 0) {
            return false;
        }
        int ref = raw - 1;
        byte[][] pages = arena.pages();
        into.decodeInMemory(pages, pages[ByteArena.page(ref)], ByteArena.offset(ref));
        return true;
    }

    /** The key of a series that has a record (deleted or not); null if none. */
    byte[] key(int id) {
        SeriesRecord r = keyScratch.get();
        if (!decode(id, r)) {
            return null;
        }
        return key(r);
    }

    /** The key of a decoded record. */
    byte[] key(SeriesRecord r) {
        byte[] out = new byte[keyLength(r)];
        copyKey(r, out);
        return out;
    }

    /** The length of a decoded record's key. */
    int keyLength(SeriesRecord r) {
        byte[][] pages = arena.pages();
        MeasurementEntry m = catalog.get(r.measurementId);
        int len = m.escapedName.length;
        for (int i = 0; i < r.tagCount; i++) {
            len += m.tagKey(r.keyIds[i]).delimitedKey.length + ByteDictionary.lengthAt(pages, r.valueRefs[i]);
        }
        return len;
    }

    /** Writes a decoded record's key at the start of {@code out}, which holds at least {@link #keyLength} bytes. */
    void copyKey(SeriesRecord r, byte[] out) {
        byte[][] pages = arena.pages();
        MeasurementEntry m = catalog.get(r.measurementId);
        System.arraycopy(m.escapedName, 0, out, 0, m.escapedName.length);
        int pos = m.escapedName.length;
        for (int i = 0; i < r.tagCount; i++) {
            byte[] dk = m.tagKey(r.keyIds[i]).delimitedKey;
            System.arraycopy(dk, 0, out, pos, dk.length);
            pos = ByteDictionary.copyAt(pages, r.valueRefs[i], out, pos + dk.length);
        }
    }

    @Override
    public boolean matches(int id, byte[] key, int off, int len) {
        int raw = refs.get(id);
        if (raw == 0) {
            return false;
        }
        int ref = raw - 1;
        byte[][] pages = arena.pages();
        byte[] page = pages[ByteArena.page(ref)];
        long v = Varint.read(page, ByteArena.offset(ref));
        MeasurementEntry m = catalog.get(Varint.value(v));
        int end = off + len;
        byte[] name = m.escapedName;
        int k = off + name.length;
        if (k > end || !KeyHash.rangeEquals(key, off, name, 0, name.length)) {
            return false;
        }
        v = Varint.read(page, Varint.next(v));
        int tags = Varint.value(v);
        int p = Varint.next(v);
        TagKeyEntry[] tagKeys = m.tagKeys();
        for (int i = 0; i < tags; i++) {
            v = Varint.read(page, p);
            p = Varint.next(v);
            byte[] dk = tagKeys[Varint.value(v)].delimitedKey;
            int valueStart = k + dk.length;
            if (valueStart > end || !KeyHash.rangeEquals(key, k, dk, 0, dk.length)) {
                return false;
            }
            int valueRef = SeriesRecord.getInt(page, p);
            p += 4;
            byte[] valuePage = pages[ByteArena.page(valueRef)];
            long lv = Varint.read(valuePage, ByteArena.offset(valueRef));
            int at = Varint.next(lv);
            k = valueStart + Varint.value(lv);
            if (k > end || !KeyHash.rangeEquals(key, valueStart, valuePage, at, Varint.value(lv))) {
                return false;
            }
        }
        return k == end;
    }
}
