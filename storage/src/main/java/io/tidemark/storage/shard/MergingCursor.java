package io.tidemark.storage.shard;

import io.tidemark.common.FieldType;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.api.SeriesCursor;
import java.util.function.Consumer;

/**
 * What the ascending and descending merges of a shard's sources share: the sources (TSM files, then cache
 * generations, oldest first), what tombstones deleted from each, the current time per source, and the value
 * accessors, which read the winning source. Subclasses decide the order. Not thread-safe.
 */
abstract class MergingCursor implements SeriesCursor {
    final SeriesCursor[] parts;
    final long[][] deleted;
    final Consumer<CorruptionException> onDamage;
    /** Per part: the time of its current value. */
    final long[] times;
    /** The part holding the current value, or -1. */
    int current = -1;
    private final FieldType type;

    MergingCursor(SeriesCursor[] parts, long[][] deleted, FieldType type, Consumer<CorruptionException> onDamage) {
        this.parts = parts;
        this.deleted = deleted;
        this.type = type;
        this.onDamage = onDamage;
        this.times = new long[parts.length];
    }

    @Override
    public final long timestamp() {
        return times[current];
    }

    @Override
    public final FieldType type() {
        return type;
    }

    @Override
    public final double floatValue() {
        return parts[current].floatValue();
    }

    @Override
    public final long longValue() {
        return parts[current].longValue();
    }

    @Override
    public final boolean booleanValue() {
        return parts[current].booleanValue();
    }

    @Override
    public final String stringValue() {
        return parts[current].stringValue();
    }
}
