package io.tidemark.storage.cache;

import io.tidemark.common.FieldType;

/**
 * A field of a measurement in one shard, with its type fixed by the first write that used it. Registered by a
 * write's validation before the write is logged (as InfluxDB creates fields before writing), but listed by
 * {@code fieldTypes} only once a value of it is in the cache, so that a failed write leaves no visible trace.
 * Thread-safe.
 */
public final class FieldDef {
    private final ByteKey name;
    private final String nameString;
    private final FieldType type;
    private volatile boolean hasData;

    FieldDef(ByteKey name, FieldType type) {
        this.name = name;
        this.nameString = name.toString();
        this.type = type;
    }

    public ByteKey name() {
        return name;
    }

    public String nameString() {
        return nameString;
    }

    public FieldType type() {
        return type;
    }

    boolean hasData() {
        return hasData;
    }

    /** Returns true the first time, when the field's first value became visible. */
    boolean markHasData() {
        if (!hasData) {
            hasData = true;
            return true;
        }
        return false;
    }
}
