package io.tidemark.storage.index;

/**
 * The measurements of a shard's index, dictionary-encoded: escaped name to a dense id, and id to its
 * {@link MeasurementEntry}.
 *
 * <p>Thread-safety: mutated under the index's write lock only; lock-free readers.
 */
final class Catalog {
    private final ByteArena arena;
    private final ByteDictionary names;
    private final RefChunks<MeasurementEntry> entries = new RefChunks<>();

    Catalog(ByteArena arena) {
        this.arena = arena;
        this.names = new ByteDictionary(arena);
    }

    /** The number of measurements ever added; ids are {@code 0 .. size() - 1}. */
    int size() {
        return names.size();
    }

    MeasurementEntry get(int id) {
        return entries.get(id);
    }

    /** The measurement with this escaped name, or null. */
    MeasurementEntry find(byte[] b, int off, int len) {
        int id = names.find(b, off, len);
        return id < 0 ? null : entries.get(id);
    }

    /** The measurement with this name (as users see it), or null. */
    MeasurementEntry find(String name) {
        byte[] escaped = KeyEscapes.escapeMeasurement(name);
        return find(escaped, 0, escaped.length);
    }

    /** Writer only: the measurement with this escaped name, added if absent. */
    MeasurementEntry getOrAdd(byte[] b, int off, int len) {
        int id = names.find(b, off, len);
        if (id >= 0) {
            return entries.get(id);
        }
        // The entry is in place before the dictionary publishes its id, so that readers never find a null.
        id = names.size();
        MeasurementEntry created = new MeasurementEntry(id, java.util.Arrays.copyOfRange(b, off, off + len), arena);
        entries.set(id, created);
        names.add(b, off, len);
        return created;
    }
}
