package io.tidemark.storage.cache;

import io.tidemark.storage.api.MeasurementName;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One measurement of a shard: its field types and its series that hold data. Thread-safe: fields are registered by
 * concurrent writers, series are added by the cache applier (one thread) and read by anyone.
 */
public final class MeasurementFields {
    private final ByteKey escapedName;
    private final String name;
    private final ConcurrentHashMap<ByteKey, FieldDef> fields = new ConcurrentHashMap<>();
    /** Series with at least one value published, by key; the order of {@code seriesKeys}. */
    private final ConcurrentSkipListMap<ByteKey, Series> seriesWithData = new ConcurrentSkipListMap<>();

    MeasurementFields(ByteKey escapedName) {
        this.escapedName = escapedName;
        this.name = MeasurementName.unescape(escapedName.toString());
    }

    public ByteKey escapedName() {
        return escapedName;
    }

    /** The unescaped name, as users see it and as error messages print it. */
    public String name() {
        return name;
    }

    FieldDef field(ByteKey probe) {
        return fields.get(probe);
    }

    /** Registers a field unless one of that name exists; returns the field that is registered now. */
    FieldDef register(FieldDef candidate) {
        FieldDef prior = fields.putIfAbsent(candidate.name(), candidate);
        return prior == null ? candidate : prior;
    }

    Iterable<FieldDef> fields() {
        return fields.values();
    }

    void addSeriesWithData(Series s) {
        seriesWithData.put(s.key(), s);
    }

    ConcurrentSkipListMap<ByteKey, Series> seriesWithData() {
        return seriesWithData;
    }
}
