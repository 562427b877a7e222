package io.tidemark.storage.tombstone;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a set of tombstones deletes from one series (or from every series of a measurement that no tombstone
 * names explicitly), precomputed per field: the tombstones of every field, and for each field some tombstone
 * names, those together with the field's own. Immutable and thread-safe.
 */
final class KeyDeletions {
    /** Tombstones of every field, or null if none. */
    private final SeqRanges allFields;
    /** Per named field: its tombstones and those of every field. */
    private final Map<String, SeqRanges> byField;

    private KeyDeletions(SeqRanges allFields, Map<String, SeqRanges> byField) {
        this.allFields = allFields;
        this.byField = byField;
    }

    /** Over {@code tombstones} (at least one). */
    static KeyDeletions of(List<Tombstone> tombstones) {
        List<Tombstone> all = new ArrayList<>();
        Set<String> fields = new LinkedHashSet<>();
        for (Tombstone t : tombstones) {
            if (t.field() == null) {
                all.add(t);
            } else {
                fields.add(t.field());
            }
        }
        Map<String, SeqRanges> byField = new HashMap<>();
        for (String f : fields) {
            List<Tombstone> group = new ArrayList<>(all);
            for (Tombstone t : tombstones) {
                if (f.equals(t.field())) {
                    group.add(t);
                }
            }
            byField.put(f, SeqRanges.of(group));
        }
        return new KeyDeletions(all.isEmpty() ? null : SeqRanges.of(all), Map.copyOf(byField));
    }

    /**
     * The ranges deleted from {@code field} (null: those deleted from every field) in a source with
     * {@code sourceSeq}, or null. Shared: callers must not modify it. Allocation-free.
     */
    long[] deleted(String field, long sourceSeq) {
        SeqRanges g = field == null ? null : byField.get(field);
        if (g == null) {
            g = allFields;
        }
        return g == null ? null : g.deleted(sourceSeq);
    }
}
