package io.tidemark.storage.cache;

import java.util.Arrays;

/**
 * A series of a shard: its key, its measurement, and one column per field it has values for. Columns are added by
 * the cache applier only (copy-on-write array); anyone may read. Thread-safe.
 */
public final class Series {
    private final ByteKey key;
    private final MeasurementFields measurement;
    private volatile Column[] columns = new Column[0];

    Series(ByteKey key, MeasurementFields measurement) {
        this.key = key;
        this.measurement = measurement;
    }

    public ByteKey key() {
        return key;
    }

    MeasurementFields measurement() {
        return measurement;
    }

    /** The column of a field, or null. */
    Column column(FieldDef field) {
        for (Column c : columns) {
            if (c.field() == field) {
                return c;
            }
        }
        return null;
    }

    Column column(String fieldName) {
        for (Column c : columns) {
            if (c.field().nameString().equals(fieldName)) {
                return c;
            }
        }
        return null;
    }

    Column[] columns() {
        return columns;
    }

    /** Adds a column; applier thread only. */
    Column addColumn(FieldDef field) {
        Column[] old = columns;
        Column[] grown = Arrays.copyOf(old, old.length + 1);
        Column c = new Column(field);
        grown[old.length] = c;
        columns = grown;
        return c;
    }
}
