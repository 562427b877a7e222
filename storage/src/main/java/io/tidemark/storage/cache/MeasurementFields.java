package io.tidemark.storage.cache;

import io.tidemark.storage.api.MeasurementName;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One measurement of a shard: its field types, which outlive cache generations. Thread-safe: fields are registered
 * by concurrent writers and read by anyone.
 */
public final class MeasurementFields {
    private final ByteKey escapedName;
    private final String name;
    private final ConcurrentHashMap<ByteKey, FieldDef> fields = new ConcurrentHashMap<>();
    /**
     * The fields readers looked up by name, filled by those lookups (a field, once registered, stays): a read names
     * its field as a string, whose hash the string keeps, where a byte key is encoded and hashed at every lookup.
     */
    private final ConcurrentHashMap<String, FieldDef> foundByName = new ConcurrentHashMap<>();

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

    /** The field named {@code name}, or null. */
    FieldDef field(String name) {
        FieldDef f = foundByName.get(name);
        if (f == null) {
            f = fields.get(ByteKey.of(name));
            if (f != null) {
                foundByName.putIfAbsent(name, f);
            }
        }
        return f;
    }

    /** Registers a field unless one of that name exists; returns the field that is registered now. */
    FieldDef register(FieldDef candidate) {
        FieldDef prior = fields.putIfAbsent(candidate.name(), candidate);
        return prior == null ? candidate : prior;
    }

    Iterable<FieldDef> fields() {
        return fields.values();
    }
}
