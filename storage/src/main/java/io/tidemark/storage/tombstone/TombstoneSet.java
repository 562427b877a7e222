package io.tidemark.storage.tombstone;

import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tombstones of a shard, indexed for the read path: {@link #deleted} answers which time ranges of a series
 * field are deleted in a source with a hash lookup of the series key (and, if it has no tombstone of its own, of its
 * measurement), returning ranges precomputed when the set was built. Changing the set builds a new one, in time
 * linear in the keys and measurements named by all its tombstones; deletes are rare, reads are not.
 *
 * <p>Immutable and thread-safe; publish a new set through a volatile field or an atomic reference.
 */
public final class TombstoneSet {
    public static final TombstoneSet EMPTY = new TombstoneSet(List.of());

    private final List<Tombstone> tombstones;
    private final long maxSeq;
    /** Series key → what deletes from it: its own tombstones and those of its measurement. */
    private final KeyTable<KeyDeletions> byKey;
    /** Escaped measurement name → what deletes from its series that {@link #byKey} does not hold. */
    private final KeyTable<KeyDeletions> byMeasurement;

    private TombstoneSet(List<Tombstone> tombstones) {
        this.tombstones = tombstones;
        long max = -1;
        int measurementTargets = 0;
        long keyTargets = 0;
        for (Tombstone t : tombstones) {
            max = Math.max(max, t.seq());
            switch (t.target()) {
                case TombstoneTarget.Measurement m -> measurementTargets++;
                case TombstoneTarget.SeriesKeys s -> keyTargets += s.size();
            }
        }
        this.maxSeq = max;
        // Tombstone indices per measurement and per key, ascending (tombstones are visited in order).
        KeyTable<IntList> measurementIndices = new KeyTable<>(measurementTargets);
        KeyTable<IntList> keyIndices = new KeyTable<>((int) Math.min(keyTargets, Integer.MAX_VALUE / 4));
        for (int i = 0; i < tombstones.size(); i++) {
            switch (tombstones.get(i).target()) {
                case TombstoneTarget.Measurement m -> indicesOf(measurementIndices, m.rawName()).add(i);
                case TombstoneTarget.SeriesKeys s -> {
                    for (byte[] key : s.rawKeys()) {
                        // A target's keys are distinct, so each tombstone index is added once per key.
                        indicesOf(keyIndices, key).add(i);
                    }
                }
            }
        }
        // Series and measurements with the same tombstones share one KeyDeletions (a DROP SERIES of many keys).
        Map<IntBuffer, KeyDeletions> shared = new HashMap<>();
        this.byMeasurement = measurementIndices.mapValues((name, indices) -> deletions(indices.toArray(), shared));
        this.byKey = keyIndices.mapValues((key, indices) -> {
            int end = SeriesKeyMeasurement.end(key, 0, key.length);
            IntList ofMeasurement = end > 0 ? measurementIndices.get(key, 0, end) : null;
            return deletions(ofMeasurement == null ? indices.toArray() : indices.merge(ofMeasurement), shared);
        });
    }

    private static IntList indicesOf(KeyTable<IntList> table, byte[] key) {
        IntList l = table.get(key);
        if (l == null) {
            l = new IntList();
            table.put(key, l);
        }
        return l;
    }

    /** {@code ascending}: distinct tombstone indices in ascending order. */
    private KeyDeletions deletions(int[] ascending, Map<IntBuffer, KeyDeletions> shared) {
        return shared.computeIfAbsent(IntBuffer.wrap(ascending), k -> {
            List<Tombstone> ts = new ArrayList<>(ascending.length);
            for (int i : ascending) {
                ts.add(tombstones.get(i));
            }
            return KeyDeletions.of(ts);
        });
    }

    /** A growable list of ascending ints, for building. */
    private static final class IntList {
        private int[] values = new int[2];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }

        /** The ascending union of this list and {@code other}, without duplicates. */
        int[] merge(IntList other) {
            int[] out = new int[size + other.size];
            int i = 0;
            int j = 0;
            int n = 0;
            while (i < size || j < other.size) {
                int v;
                if (j == other.size || (i < size && values[i] < other.values[j])) {
                    v = values[i++];
                } else if (i == size || other.values[j] < values[i]) {
                    v = other.values[j++];
                } else {
                    v = values[i++];
                    j++;
                }
                out[n++] = v;
            }
            return n == out.length ? out : Arrays.copyOf(out, n);
        }
    }

    /** A set of {@code tombstones} (duplicates are kept and harmless). */
    public static TombstoneSet of(Collection<Tombstone> tombstones) {
        return tombstones.isEmpty() ? EMPTY : new TombstoneSet(List.copyOf(tombstones));
    }

    public boolean isEmpty() {
        return tombstones.isEmpty();
    }

    /** This set and {@code t}. */
    public TombstoneSet with(Tombstone t) {
        List<Tombstone> next = new ArrayList<>(tombstones.size() + 1);
        next.addAll(tombstones);
        next.add(t);
        return new TombstoneSet(List.copyOf(next));
    }

    /** This set without the tombstones equal to one of {@code applied}; this set if none is. */
    public TombstoneSet without(Collection<Tombstone> applied) {
        Set<Tombstone> drop = new HashSet<>(applied);
        List<Tombstone> next = new ArrayList<>(tombstones.size());
        for (Tombstone t : tombstones) {
            if (!drop.contains(t)) {
                next.add(t);
            }
        }
        if (next.size() == tombstones.size()) {
            return this;
        }
        return next.isEmpty() ? EMPTY : new TombstoneSet(List.copyOf(next));
    }

    /** The tombstones, in the order they were added. Immutable. */
    public List<Tombstone> tombstones() {
        return tombstones;
    }

    /** The highest tombstone seq, or -1 if the set is empty. */
    public long maxSeq() {
        return maxSeq;
    }

    /** Whether some tombstone applies to a source with {@code sourceSeq}: if not, no read of it needs a lookup. */
    public boolean mayAffect(long sourceSeq) {
        return maxSeq >= sourceSeq;
    }

    /**
     * The time ranges deleted from {@code field} of the series {@code seriesKey} in a source with
     * {@code sourceSeq}: the normalised union (see {@link TimeRanges}) of the ranges of every tombstone with a seq of
     * at least {@code sourceSeq} that names this series key or its measurement, and this field or every field; or
     * null if there is none. With a null {@code field}, only tombstones of every field count (what is deleted
     * from all of the series' fields).
     *
     * <p>The hot read-path query: a miss costs a hash lookup of the key and one of its measurement, and allocates
     * nothing; a hit returns a precomputed array, shared, which callers must not modify.
     *
     * @param seriesKey a canonical escaped series key, compared as bytes
     */
    public long[] deleted(byte[] seriesKey, String field, long sourceSeq) {
        if (maxSeq < sourceSeq) {
            return null;
        }
        KeyDeletions d = byKey.size() == 0 ? null : byKey.get(seriesKey, 0, seriesKey.length);
        if (d == null && byMeasurement.size() != 0) {
            int end = SeriesKeyMeasurement.end(seriesKey, 0, seriesKey.length);
            if (end > 0) {
                d = byMeasurement.get(seriesKey, 0, end);
            }
        }
        return d == null ? null : d.deleted(field, sourceSeq);
    }

    @Override
    public String toString() {
        return "TombstoneSet" + Arrays.toString(tombstones.toArray());
    }
}
