package io.tidemark.storage.index;

import org.roaringbitmap.RoaringBitmap;

/**
 * One tag key of one measurement: its values (dictionary-encoded, ids local to this key) and, per value, the
 * series that have it. A value's postings are the one series id while it has one series (most values of a
 * high-cardinality key such as a host name never have more), and a {@link RoaringBitmap} from its second series
 * on. Also keeps the series that have this key at all, for {@code key = ''} and {@code key != ''}.
 *
 * <p>Thread-safety: mutated under the index's write lock only; read by anyone without it. A bitmap is mutated and
 * read while holding its monitor, so a reader never sees one half-changed; the reference to it is published safely
 * by {@link RefChunks}. Once a value has a bitmap, the bitmap is authoritative and the single id is stale.
 */
final class TagKeyEntry {
    private static final int NONE = -1;

    final int localId;
    /** The key as in series keys (escaped) and as users see it. */
    final byte[] escapedKey;
    /** {@code ,key=}: what precedes a value of this key in a series key, compared in one go by lookups. */
    final byte[] delimitedKey;
    final String key;
    final ByteDictionary values;
    /** By value id: the value's only series, or {@link #NONE}; ignored once {@link #many} has the value. */
    private final IntChunks single = new IntChunks();
    /** By value id: the value's series once it had two; null before. */
    private final RefChunks<RoaringBitmap> many = new RefChunks<>();
    /** The series that have this key. Guarded by its own monitor. */
    private final RoaringBitmap withKey = new RoaringBitmap();
    /** Values with at least one series; written under the write lock. */
    private volatile int liveValues;

    TagKeyEntry(int localId, byte[] escapedKey, ByteArena arena) {
        this.localId = localId;
        this.escapedKey = escapedKey;
        this.delimitedKey = new byte[escapedKey.length + 2];
        delimitedKey[0] = ',';
        System.arraycopy(escapedKey, 0, delimitedKey, 1, escapedKey.length);
        delimitedKey[escapedKey.length + 1] = '=';
        this.key = KeyEscapes.unescapeTag(escapedKey, 0, escapedKey.length);
        this.values = new ByteDictionary(arena);
    }

    // ---------------------------------------------------------------- writer (index write lock held)

    /** The id of a value, added if absent. */
    int valueId(byte[] b, int off, int len) {
        int id = values.find(b, off, len);
        if (id >= 0) {
            return id;
        }
        // The postings are set to empty before the dictionary publishes the id: a zero would read as series 0.
        id = values.size();
        single.set(id, NONE);
        values.add(b, off, len);
        return id;
    }

    void addSeries(int valueId, int seriesId) {
        RoaringBitmap bm = many.get(valueId);
        if (bm != null) {
            boolean wasEmpty;
            synchronized (bm) {
                wasEmpty = bm.isEmpty();
                bm.add(seriesId);
            }
            if (wasEmpty) {
                liveValues++;
            }
        } else {
            int only = single.get(valueId);
            if (only == NONE) {
                single.set(valueId, seriesId);
                liveValues++;
            } else {
                many.set(valueId, RoaringBitmap.bitmapOf(only, seriesId));
            }
        }
        synchronized (withKey) {
            withKey.add(seriesId);
        }
    }

    void removeSeries(int valueId, int seriesId) {
        RoaringBitmap bm = many.get(valueId);
        if (bm != null) {
            boolean nowEmpty;
            boolean removed;
            synchronized (bm) {
                removed = bm.checkedRemove(seriesId);
                nowEmpty = bm.isEmpty();
            }
            if (removed && nowEmpty) {
                liveValues--;
            }
        } else if (single.get(valueId) == seriesId) {
            single.set(valueId, NONE);
            liveValues--;
        }
        synchronized (withKey) {
            withKey.remove(seriesId);
        }
    }

    /**
     * Loads a value's postings from a snapshot: {@code bitmap} when it has more than one series, else
     * {@code only} (or -1 for none).
     */
    void restorePostings(int valueId, int only, RoaringBitmap bitmap) {
        if (bitmap != null) {
            many.set(valueId, bitmap);
            if (!bitmap.isEmpty()) {
                liveValues++;
            }
        } else {
            single.set(valueId, only);
            if (only != NONE) {
                liveValues++;
            }
        }
    }

    void restoreWithKey(RoaringBitmap bitmap) {
        synchronized (withKey) {
            withKey.clear();
            withKey.or(bitmap);
        }
    }

    // ---------------------------------------------------------------- readers

    /** Adds the value's series to {@code into}. */
    void orPostings(int valueId, RoaringBitmap into) {
        RoaringBitmap bm = many.get(valueId);
        if (bm != null) {
            synchronized (bm) {
                into.or(bm);
            }
        } else {
            int only = single.get(valueId);
            if (only != NONE) {
                into.add(only);
            }
        }
    }

    /** The value's series: a bitmap the caller owns. */
    RoaringBitmap postings(int valueId) {
        RoaringBitmap out = new RoaringBitmap();
        orPostings(valueId, out);
        return out;
    }

    boolean hasSeries(int valueId) {
        RoaringBitmap bm = many.get(valueId);
        if (bm != null) {
            synchronized (bm) {
                return !bm.isEmpty();
            }
        }
        return single.get(valueId) != NONE;
    }

    /**
     * For a snapshot: the value's single series (>= 0), -1 for none, or -2 when it has a bitmap (then see
     * {@link #bitmapOrNull}). Caller holds the write lock.
     */
    int singleOrMarker(int valueId) {
        return many.get(valueId) != null ? -2 : single.get(valueId);
    }

    /** The value's bitmap, or null. Caller holds the write lock (so the bitmap does not change). */
    RoaringBitmap bitmapOrNull(int valueId) {
        return many.get(valueId);
    }

    /** A copy of the series that have this key. */
    RoaringBitmap withKey() {
        synchronized (withKey) {
            return withKey.clone();
        }
    }

    /** The series that have this key, for a snapshot; caller holds the write lock. */
    RoaringBitmap withKeyForSnapshot() {
        return withKey;
    }

    boolean hasSeries() {
        synchronized (withKey) {
            return !withKey.isEmpty();
        }
    }

    long seriesCount() {
        synchronized (withKey) {
            return withKey.getLongCardinality();
        }
    }

    int liveValues() {
        return liveValues;
    }
}
