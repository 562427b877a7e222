package io.tidemark.storage.index;

import io.tidemark.common.FieldType;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * One measurement of a shard's index: its tag keys, its live series, and its field types. The entry lives as long
 * as the index, even when its series are all deleted (then it is listed nowhere).
 *
 * <p>Thread-safety: mutated under the index's write lock only; read by anyone. {@link #series} is mutated and read
 * holding its monitor; {@link #fields} is a concurrent map.
 */
final class MeasurementEntry {
    final int id;
    final byte[] escapedName;
    /** The name as users see it. */
    final String name;
    /** Escaped tag key to the key's id, local to this measurement. */
    private final ByteDictionary tagKeyIds;
    /** By local id; copied on write (a measurement has few tag keys), so a reader indexes a plain array. */
    private volatile TagKeyEntry[] tagKeys = new TagKeyEntry[0];
    private final ByteArena arena;
    /** The live series. Guarded by its own monitor. */
    private final RoaringBitmap series = new RoaringBitmap();
    /** Field name to type; a field keeps its first type (the cache rejects conflicting writes). */
    final ConcurrentHashMap<String, FieldType> fields = new ConcurrentHashMap<>();

    MeasurementEntry(int id, byte[] escapedName, ByteArena arena) {
        this.id = id;
        this.escapedName = escapedName;
        this.name = KeyEscapes.unescapeMeasurement(escapedName);
        this.arena = arena;
        this.tagKeyIds = new ByteDictionary(arena);
    }

    int tagKeyCount() {
        return tagKeyIds.size();
    }

    /** A tag key by local id; ids below {@link #tagKeyCount()} exist. */
    TagKeyEntry tagKey(int localId) {
        return tagKeys[localId];
    }

    /** The tag keys by local id: every key of a series published before this call is there. */
    TagKeyEntry[] tagKeys() {
        return tagKeys;
    }

    /** A tag key by escaped name, or null. */
    TagKeyEntry findTagKey(byte[] escaped) {
        int id = tagKeyIds.find(escaped, 0, escaped.length);
        return id < 0 ? null : tagKeys[id];
    }

    /** Writer only: the tag key, added if absent. */
    TagKeyEntry tagKeyFor(byte[] b, int off, int len) {
        int id = tagKeyIds.find(b, off, len);
        if (id >= 0) {
            return tagKeys[id];
        }
        // The entry is in place before the dictionary publishes its id, so that readers never find a null.
        id = tagKeyIds.size();
        TagKeyEntry created = new TagKeyEntry(id, Arrays.copyOfRange(b, off, off + len), arena);
        TagKeyEntry[] grown = Arrays.copyOf(tagKeys, id + 1);
        grown[id] = created;
        tagKeys = grown;
        tagKeyIds.add(b, off, len);
        return created;
    }

    /** Writer only; returns whether the measurement had no live series before. */
    boolean addSeries(int seriesId) {
        synchronized (series) {
            boolean wasEmpty = series.isEmpty();
            series.add(seriesId);
            return wasEmpty;
        }
    }

    /** Writer only; returns whether the measurement has no live series now. */
    boolean removeSeries(int seriesId) {
        synchronized (series) {
            series.remove(seriesId);
            return series.isEmpty();
        }
    }

    void restoreSeries(RoaringBitmap bitmap) {
        synchronized (series) {
            series.clear();
            series.or(bitmap);
        }
    }

    /** A copy of the live series. */
    RoaringBitmap series() {
        synchronized (series) {
            return series.clone();
        }
    }

    /** The live series, for a snapshot; caller holds the write lock. */
    RoaringBitmap seriesForSnapshot() {
        return series;
    }

    boolean hasSeries() {
        synchronized (series) {
            return !series.isEmpty();
        }
    }

    long seriesCount() {
        synchronized (series) {
            return series.getLongCardinality();
        }
    }
}
