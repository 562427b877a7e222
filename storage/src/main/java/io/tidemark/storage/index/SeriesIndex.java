package io.tidemark.storage.index;

import io.tidemark.storage.api.TagFilter;
import io.tidemark.common.FieldType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * The series index of one shard: series key to a dense series id and back, measurement to its series, (measurement,
 * tag key, tag value) to series, and the field types of each measurement, so that tag predicates and the SHOW
 * statements are answered without reading data.
 *
 * <p>Series keys are canonical escaped line protocol ({@code cpu,host=a,region=eu}, tags sorted by key); every
 * other name in this API is unescaped, as users write it. Series ids are ints from 0, assigned in order and never
 * reused: a deleted series keeps its id, and the same key added again gets a new one. Ids are stable across
 * restarts when the index is persisted by {@link SeriesIndexFiles}.
 *
 * <p>Memory: keys are not stored as such but as records of dictionary ids (measurement, tag key, tag value) in
 * large byte arrays, with open-addressing hash tables of ids; postings of a value with one series are that id, of
 * more a {@link RoaringBitmap}. About 125 bytes of heap per series for the TSBS {@code cpu} shape.
 *
 * <p>Thread-safe. {@link #addSeries} of an existing key is lock-free and allocates nothing: it is on the path of
 * every point written. Adding a new series, deleting and registering fields take one write lock, held for
 * in-memory work only. Readers take no lock; a {@link #select} sees each series either wholly indexed or not at
 * all, whatever is added or deleted meanwhile.
 */
public final class SeriesIndex {
    /** The largest series id. */
    public static final int MAX_SERIES_ID = Integer.MAX_VALUE - 1;

    private final ReentrantLock writeLock = new ReentrantLock();
    private final ByteArena arena = new ByteArena();
    private final Catalog catalog = new Catalog(arena);
    private final SeriesTable table = new SeriesTable(arena, catalog);
    /** Each measurement's series in key order, as reads over many of them built it or a snapshot kept it. */
    private final SeriesKeyOrder keyOrder = new SeriesKeyOrder();
    /** Deleted series ids. Guarded by its own monitor; set before the series leaves its postings. */
    private final RoaringBitmap deleted = new RoaringBitmap();
    /**
     * Whether {@link #deleted} holds an id: set once, under its monitor, after the first id is added (ids are never
     * taken out), so that the readers of an index without deletions, the usual one, skip the monitor: a count over
     * 100,000 series checked each one.
     */
    private volatile boolean anyDeleted;
    /**
     * The next id to assign. Every id below is assigned (or was reserved by recovery) and, if live, fully in its
     * postings: written only under the write lock, after the postings.
     */
    private volatile int nextId;
    private volatile long liveSeries;
    private volatile int liveMeasurements;
    /** Series added and deleted so far: changes when the set of live series may have changed. */
    private volatile long changes;
    /** Series and fields created since the index was loaded (InfluxDB's seriesCreate and fieldsCreate). */
    private volatile long seriesCreated;
    private volatile long fieldsCreated;

    // Guarded by writeLock.
    private final ParsedKey parsed = new ParsedKey();
    private final SeriesRecord record = new SeriesRecord();
    private byte[] scratch = new byte[256];
    /** Where {@link #loadSeriesLocked} builds each key to hash it; write lock held. */
    private byte[] loadKey = new byte[256];
    /** Changes not yet in the log; null while the index is not persisted (or is being loaded). */
    private PendingChanges pending;

    /**
     * The name this index knows a measurement by, given its escaped form as in a series key. The index unescapes
     * as canonical line protocol does, which differs from a plain unescape of {@code ,} and space for names with a
     * backslash before {@code =} or {@code "}.
     */
    public static String measurementName(byte[] escaped) {
        return KeyEscapes.unescapeMeasurement(escaped);
    }

    /** The escaped form, as in series keys, of a measurement name this index gives (see {@link #measurementName}). */
    public static String escapedMeasurementName(String name) {
        return new String(KeyEscapes.escapeMeasurement(name), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The length of the escaped measurement name that starts a canonical series key. */
    public static int measurementLength(byte[] key) {
        int end = KeyEscapes.elementEnd(key, 0, key.length, true);
        return end < 0 ? -1 - end : end;
    }

    // ---------------------------------------------------------------- writes

    /** See {@link #addSeries(byte[], int, int)}. */
    public int addSeries(byte[] key) {
        return addSeries(key, 0, key.length);
    }

    /**
     * The id of the series with this key, added if absent. Idempotent.
     *
     * @param key a canonical escaped series key in {@code key[off, off + len)}
     * @throws IllegalArgumentException if a new key is not canonical (an empty measurement, tag key or value, a
     *     repeated tag key, an unescaped space)
     * @throws IllegalStateException if the index has used every series id
     */
    public int addSeries(byte[] key, int off, int len) {
        Objects.checkFromIndexSize(off, len, key.length);
        int hash = KeyHash.hash(key, off, len);
        // Fast path: the series exists; no lock, no allocation.
        int id = table.find(hash, key, off, len);
        if (id >= 0) {
            return id;
        }
        // Slow path: look again under the lock (a rebuild of the hash table may have hidden a key just added).
        writeLock.lock();
        try {
            id = table.find(hash, key, off, len);
            return id >= 0 ? id : insertLocked(hash, key, off, len);
        } finally {
            writeLock.unlock();
        }
    }

    /** The id of the live series with this key, or -1. Lock-free. */
    public int seriesId(byte[] key, int off, int len) {
        Objects.checkFromIndexSize(off, len, key.length);
        return table.find(KeyHash.hash(key, off, len), key, off, len);
    }

    /**
     * Registers a field of a measurement with its type unless the field is known; returns the type it has now
     * (which differs from {@code type} for a conflicting write: rejecting that is the caller's job). Lock-free for
     * a known field, but it escapes the name into a new array: call it for fields new to the shard's cache, not for
     * every point.
     */
    public FieldType addField(String measurement, String field, FieldType type) {
        Objects.requireNonNull(type, "type");
        MeasurementEntry m = catalog.find(measurement);
        FieldType known = m == null ? null : m.fields.get(field);
        if (known != null) {
            return known;
        }
        writeLock.lock();
        try {
            return addFieldLocked(KeyEscapes.escapeMeasurement(measurement), field, type);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Deletes a series: it leaves every posting and lookup by key, and its id is never assigned again. Returns
     * false if the id is not a live series.
     */
    public boolean deleteSeries(int id) {
        writeLock.lock();
        try {
            return deleteLocked(id);
        } finally {
            writeLock.unlock();
        }
    }

    /** Deletes every series of a measurement and forgets its fields; returns how many series were deleted. */
    public long deleteMeasurement(String measurement) {
        writeLock.lock();
        try {
            MeasurementEntry m = catalog.find(measurement);
            if (m == null) {
                return 0;
            }
            long n = 0;
            for (IntIterator it = m.series().getIntIterator(); it.hasNext();) {
                if (deleteLocked(it.next())) {
                    n++;
                }
            }
            dropFieldsLocked(m.escapedName);
            keyOrder.forget(measurement);
            return n;
        } finally {
            writeLock.unlock();
        }
    }

    // ---------------------------------------------------------------- reads

    /** The key of a live series, or null. */
    public byte[] seriesKey(int id) {
        return isLive(id) ? table.key(id) : null;
    }

    /** Whether the id is that of a series added and not deleted. */
    public boolean isLive(int id) {
        if (id < 0 || id >= nextId || !table.hasRecord(id)) {
            return false;
        }
        if (!anyDeleted) {
            return true;
        }
        synchronized (deleted) {
            return !deleted.contains(id);
        }
    }

    /** The value of a tag of a live series, or null if it has no such tag or is not live. */
    public String tagValue(int id, String tagKey) {
        SeriesRecord r = new SeriesRecord();
        if (!isLive(id) || !table.decode(id, r)) {
            return null;
        }
        MeasurementEntry m = catalog.get(r.measurementId);
        TagKeyEntry t = m.findTagKey(KeyEscapes.escapeTag(tagKey));
        if (t == null) {
            return null;
        }
        for (int i = 0; i < r.tagCount; i++) {
            if (r.keyIds[i] == t.localId) {
                byte[] v = t.values.bytes(r.valueIds[i]);
                return KeyEscapes.unescapeTag(v, 0, v.length);
            }
        }
        return null;
    }

    /** The names of the measurements that have live series, sorted. A new set the caller owns. */
    public SortedSet<String> measurements() {
        TreeSet<String> out = new TreeSet<>();
        int n = catalog.size();
        for (int i = 0; i < n; i++) {
            MeasurementEntry m = catalog.get(i);
            if (m.hasSeries()) {
                out.add(m.name);
            }
        }
        return out;
    }

    /** The tag keys of a measurement's live series, sorted. A new set the caller owns. */
    public SortedSet<String> tagKeys(String measurement) {
        TreeSet<String> out = new TreeSet<>();
        MeasurementEntry m = catalog.find(measurement);
        if (m != null) {
            int n = m.tagKeyCount();
            for (int i = 0; i < n; i++) {
                TagKeyEntry t = m.tagKey(i);
                if (t.hasSeries()) {
                    out.add(t.key);
                }
            }
        }
        return out;
    }

    /** The values of a tag key among a measurement's live series, sorted. A new set the caller owns. */
    public SortedSet<String> tagValues(String measurement, String tagKey) {
        TreeSet<String> out = new TreeSet<>();
        TagKeyEntry t = tagKeyEntry(measurement, tagKey);
        if (t != null) {
            int n = t.values.size();
            for (int v = 0; v < n; v++) {
                if (t.hasSeries(v)) {
                    byte[] b = t.values.bytes(v);
                    out.add(KeyEscapes.unescapeTag(b, 0, b.length));
                }
            }
        }
        return out;
    }

    /** The field types of a measurement, by field name. An unmodifiable copy. */
    public SortedMap<String, FieldType> fieldTypes(String measurement) {
        MeasurementEntry m = catalog.find(measurement);
        return m == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(m.fields));
    }

    /** The live series of a measurement: a bitmap the caller owns. */
    public RoaringBitmap measurementSeries(String measurement) {
        return select(measurement, null);
    }

    /**
     * The live series of a measurement that satisfy a predicate (all of them for null): a bitmap the caller owns.
     * A series added or deleted while this runs is in the result only if it is live throughout.
     */
    public RoaringBitmap select(String measurement, TagFilter predicate) {
        // Read first: series with ids from here on may be half-way into their postings.
        int limit = nextId;
        MeasurementEntry m = catalog.find(measurement);
        if (m == null) {
            return new RoaringBitmap();
        }
        RoaringBitmap out = predicate == null ? m.series() : new PredicateEvaluator(m).evaluate(predicate);
        out.remove((long) limit, 1L << 32);
        // Read last: a series deleted meanwhile left some postings before others; it is marked before any.
        if (anyDeleted) {
            synchronized (deleted) {
                out.andNot(deleted);
            }
        }
        return out;
    }

    /**
     * The keys of the {@code selected} series of a measurement (from {@link #select}), sorted by their unsigned bytes:
     * through the measurement's key order when most of its series are selected (see {@link SeriesKeyOrder}).
     */
    public List<byte[]> sortedKeys(String measurement, RoaringBitmap selected) {
        return keyOrder.sortedKeys(this, measurement, selected);
    }

    SeriesKeyOrder keyOrder() {
        return keyOrder;
    }

    /** Builds the key orders a snapshot keeps (see {@link SeriesKeyOrder#prepareAll}); takes no lock. */
    void prepareKeyOrders() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < catalog.size(); i++) {
            names.add(catalog.get(i).name);
        }
        keyOrder.prepareAll(this, names);
    }

    /** Live series in the shard. */
    public long seriesCardinality() {
        return liveSeries;
    }

    /** Live series of a measurement. */
    public long seriesCardinality(String measurement) {
        MeasurementEntry m = catalog.find(measurement);
        return m == null ? 0 : m.seriesCount();
    }

    /**
     * A number that differs from an earlier answer whenever series were added or deleted in between (the same number
     * means the same live series). For caches of what is computed from them.
     */
    public long changeCount() {
        return changes;
    }

    /** Series created since the index was loaded (not those loaded), deleted or not. */
    public long seriesCreated() {
        return seriesCreated;
    }

    /** Fields created since the index was loaded. */
    public long fieldsCreated() {
        return fieldsCreated;
    }

    /**
     * Hands the 64-bit hash of every live series' key to {@code sink}: two indexes give equal hashes for equal keys,
     * so that distinct series across shards can be counted without holding their keys.
     */
    public void forEachLiveKeyHash(LongConsumer sink) {
        int limit = nextId;
        for (int id = 0; id < limit; id++) {
            hashLiveKey(id, sink);
        }
    }

    /** The 64-bit hash of the key of every live series of a measurement, as {@link #forEachLiveKeyHash} gives it. */
    public long[] liveKeyHashes(String measurement) {
        RoaringBitmap ids = measurementSeries(measurement);
        long[] out = new long[ids.getCardinality()];
        int[] n = {0};
        LongConsumer into = h -> out[n[0]++] = h;
        for (int id : ids) {
            hashLiveKey(id, into);
        }
        return n[0] == out.length ? out : Arrays.copyOf(out, n[0]);
    }

    /** Hands the hash of series {@code id}'s key to {@code sink}, if the series is live. */
    private void hashLiveKey(int id, LongConsumer sink) {
        byte[] key = seriesKey(id);
        if (key != null) {
            sink.accept(KeyHash.hash64(key, 0, key.length));
        }
    }

    /** Measurements with live series. */
    public int measurementCardinality() {
        return liveMeasurements;
    }

    /** Tag keys among a measurement's live series. */
    public int tagKeyCardinality(String measurement) {
        MeasurementEntry m = catalog.find(measurement);
        if (m == null) {
            return 0;
        }
        int count = 0;
        int n = m.tagKeyCount();
        for (int i = 0; i < n; i++) {
            if (m.tagKey(i).hasSeries()) {
                count++;
            }
        }
        return count;
    }

    /** Distinct values of a tag key among a measurement's live series. */
    public int tagValueCardinality(String measurement, String tagKey) {
        TagKeyEntry t = tagKeyEntry(measurement, tagKey);
        return t == null ? 0 : t.liveValues();
    }

    /** Fields registered for a measurement. */
    public int fieldKeyCardinality(String measurement) {
        MeasurementEntry m = catalog.find(measurement);
        return m == null ? 0 : m.fields.size();
    }

    /** The next series id to be assigned: one more than the highest id ever assigned or reserved. */
    public int nextSeriesId() {
        return nextId;
    }

    @Override
    public String toString() {
        return "SeriesIndex[series=" + liveSeries + ", measurements=" + liveMeasurements + ", nextId=" + nextId
                + ", arenaBytes=" + arena.capacityBytes() + "]";
    }

    private TagKeyEntry tagKeyEntry(String measurement, String tagKey) {
        MeasurementEntry m = catalog.find(measurement);
        return m == null ? null : m.findTagKey(KeyEscapes.escapeTag(tagKey));
    }

    // ---------------------------------------------------------------- write lock held

    private int insertLocked(int hash, byte[] key, int off, int len) {
        parsed.parse(key, off, len);
        int id = nextId;
        if (id > MAX_SERIES_ID) {
            throw new IllegalStateException("cannot add series " + new String(key, off, len, StandardCharsets.UTF_8)
                    + ": the shard's index has used all " + MAX_SERIES_ID + " series ids");
        }
        MeasurementEntry m = catalog.getOrAdd(key, off, parsed.measurementEnd - off);
        record.reset(m.id);
        for (int i = 0; i < parsed.tagCount; i++) {
            TagKeyEntry t = m.tagKeyFor(key, parsed.keyStart[i], parsed.keyEnd[i] - parsed.keyStart[i]);
            for (int j = 0; j < i; j++) {
                if (record.keyIds[j] == t.localId) {
                    throw new IllegalArgumentException("not a canonical series key (tag key " + t.key
                            + " repeated): " + new String(key, off, len, StandardCharsets.UTF_8));
                }
            }
            int v = t.valueId(key, parsed.valueStart[i], parsed.valueEnd[i] - parsed.valueStart[i]);
            record.addTag(t.localId, v, t.values.ref(v));
        }
        if (scratch.length < record.maxEncodedBytes()) {
            scratch = new byte[record.maxEncodedBytes() * 2];
        }
        table.store(id, record, scratch);
        for (int i = 0; i < record.tagCount; i++) {
            m.tagKey(record.keyIds[i]).addSeries(record.valueIds[i], id);
        }
        if (m.addSeries(id)) {
            liveMeasurements++;
        }
        liveSeries++;
        changes++;
        nextId = id + 1;
        table.publish(hash, id);
        if (pending != null) {
            pending.addSeries(id);
            seriesCreated++;
        }
        return id;
    }

    private boolean deleteLocked(int id) {
        if (id < 0 || id >= nextId || !table.decode(id, record)) {
            return false;
        }
        synchronized (deleted) {
            if (!deleted.checkedAdd(id)) {
                return false;
            }
            anyDeleted = true;
        }
        changes++;
        MeasurementEntry m = catalog.get(record.measurementId);
        byte[] key = table.key(record);
        table.unpublish(KeyHash.hash(key, 0, key.length), id);
        for (int i = 0; i < record.tagCount; i++) {
            m.tagKey(record.keyIds[i]).removeSeries(record.valueIds[i], id);
        }
        if (m.removeSeries(id)) {
            liveMeasurements--;
        }
        liveSeries--;
        if (pending != null) {
            pending.deleteSeries(id);
        }
        return true;
    }

    private FieldType addFieldLocked(byte[] escapedMeasurement, String field, FieldType type) {
        MeasurementEntry m = catalog.getOrAdd(escapedMeasurement, 0, escapedMeasurement.length);
        FieldType prior = m.fields.putIfAbsent(field, type);
        if (prior != null) {
            return prior;
        }
        if (pending != null) {
            pending.addField(escapedMeasurement, field, type);
            fieldsCreated++;
        }
        return type;
    }

    private void dropFieldsLocked(byte[] escapedMeasurement) {
        MeasurementEntry m = catalog.find(escapedMeasurement, 0, escapedMeasurement.length);
        if (m != null) {
            m.fields.clear();
        }
        if (pending != null) {
            pending.dropFields(escapedMeasurement);
        }
    }

    // ---------------------------------------------------------------- persistence (package-private)

    /** Runs {@code action} holding the write lock: no series is added or deleted meanwhile. */
    <T> T locked(Supplier<T> action) {
        writeLock.lock();
        try {
            return action.get();
        } finally {
            writeLock.unlock();
        }
    }

    /** Starts recording changes for the log. */
    void startJournal() {
        locked(() -> pending = new PendingChanges());
    }

    /** The changes not yet logged; caller holds the write lock ({@link #locked}). */
    PendingChanges pending() {
        return pending;
    }

    Catalog catalog() {
        return catalog;
    }

    SeriesTable table() {
        return table;
    }

    ByteArena arena() {
        return arena;
    }

    /**
     * Replays a logged series: adds it with exactly this id.
     *
     * @throws IllegalArgumentException if the id is not above every id so far or the key is live under another id
     */
    void restoreSeries(int id, byte[] key) {
        locked(() -> {
            if (id < nextId || id > MAX_SERIES_ID) {
                throw new IllegalArgumentException("series id " + id + " out of order (next id " + nextId + ")");
            }
            int hash = KeyHash.hash(key, 0, key.length);
            int prior = table.find(hash, key, 0, key.length);
            if (prior >= 0) {
                throw new IllegalArgumentException("series " + new String(key, StandardCharsets.UTF_8)
                        + " logged as id " + id + " is live as id " + prior);
            }
            nextId = id;
            return insertLocked(hash, key, 0, key.length);
        });
    }

    /** Replays a logged field registration. */
    void restoreField(byte[] escapedMeasurement, String field, FieldType type) {
        locked(() -> addFieldLocked(escapedMeasurement, field, type));
    }

    /** Replays a logged drop of a measurement's fields. */
    void restoreDropFields(byte[] escapedMeasurement) {
        locked(() -> {
            dropFieldsLocked(escapedMeasurement);
            return null;
        });
    }

    /** Makes ids below {@code next} never assigned, for ids that a damaged log may have held. */
    void reserveIds(int next) {
        locked(() -> {
            if (next > nextId) {
                nextId = next;
            }
            return null;
        });
    }

    /**
     * Loads a snapshot's series record (write lock held, postings loaded separately): stores the record and makes
     * the key findable, without touching postings.
     */
    void loadSeriesLocked(int id, SeriesRecord r) {
        int len = table.keyLength(r);
        if (loadKey.length < len) {
            loadKey = new byte[Math.max(len, loadKey.length * 2)];
        }
        table.copyKey(r, loadKey);
        loadSeriesLocked(id, r, KeyHash.hash(loadKey, 0, len));
    }

    /** {@link #loadSeriesLocked(int, SeriesRecord)} with the key's hash as the snapshot stored it. */
    void loadSeriesLocked(int id, SeriesRecord r, int keyHash) {
        if (scratch.length < r.maxEncodedBytes()) {
            scratch = new byte[r.maxEncodedBytes() * 2];
        }
        table.store(id, r, scratch);
        table.publish(keyHash, id);
    }

    /** Makes room for a snapshot's series before {@link #loadSeriesLocked} loads them (write lock held). */
    void reserveForLoadLocked(int series) {
        table.reserve(series);
    }

    /** Sets the counters and the next id after a snapshot's structures are loaded; write lock held. */
    void finishLoadLocked(int next) {
        long series = 0;
        int measurements = 0;
        int n = catalog.size();
        for (int i = 0; i < n; i++) {
            long c = catalog.get(i).seriesCount();
            series += c;
            if (c > 0) {
                measurements++;
            }
        }
        liveSeries = series;
        liveMeasurements = measurements;
        nextId = next;
    }
}
