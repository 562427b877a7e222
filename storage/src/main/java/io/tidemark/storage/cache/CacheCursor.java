package io.tidemark.storage.cache;

import io.tidemark.common.FieldType;
import io.tidemark.storage.api.SeriesCursor;
import java.nio.charset.StandardCharsets;

/**
 * A {@link SeriesCursor} over a private copy of a column's values, taken when the read began; ascending, or latest
 * first once {@linkplain #descending() turned}. Not thread-safe.
 */
final class CacheCursor implements SeriesCursor {
    private final FieldType type;
    private final long[] times;
    private final long[] values;
    private final byte[][] strings;
    private int size;
    private int index = -1;
    private boolean descending;

    private CacheCursor(FieldType type, int capacity) {
        this.type = type;
        this.times = new long[capacity];
        boolean isString = type == FieldType.STRING;
        this.values = isString ? null : new long[capacity];
        this.strings = isString ? new byte[capacity][] : null;
    }

    static CacheCursor allocate(FieldType type, int capacity) {
        return new CacheCursor(type, capacity);
    }

    static CacheCursor empty(FieldType type) {
        return new CacheCursor(type, 0);
    }

    /** Appends while building; the cursor is handed out only when complete. */
    void add(long time, long bits, byte[] string) {
        times[size] = time;
        if (strings != null) {
            strings[size] = string;
        } else {
            values[size] = bits;
        }
        size++;
    }

    /** Makes the cursor serve its values latest first. Only when complete, before the first {@link #next()}. */
    CacheCursor descending() {
        descending = true;
        index = size;
        return this;
    }

    /** Hands every value to {@code sink} in order; the cursor is used up. */
    void drainTo(CacheGeneration.ValueSink sink) throws java.io.IOException {
        for (int i = index + 1; i < size; i++) {
            sink.value(times[i], values == null ? 0 : values[i], strings == null ? null : strings[i]);
        }
        index = size;
    }

    @Override
    public boolean next() {
        if (descending) {
            if (index <= 0) {
                index = -1;
                return false;
            }
            index--;
            return true;
        }
        if (index + 1 >= size) {
            index = size;
            return false;
        }
        index++;
        return true;
    }

    @Override
    public long timestamp() {
        return times[index];
    }

    @Override
    public FieldType type() {
        return type;
    }

    @Override
    public double floatValue() {
        return Double.longBitsToDouble(values[index]);
    }

    @Override
    public long longValue() {
        return values[index];
    }

    @Override
    public boolean booleanValue() {
        return values[index] != 0;
    }

    @Override
    public String stringValue() {
        return new String(strings[index], StandardCharsets.UTF_8);
    }
}
