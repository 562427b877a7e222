package io.tidemark.storage.api;

import io.tidemark.common.FieldType;
import java.util.Arrays;

/**
 * An ascending cursor's values served latest first: all of them are read into arrays when the cursor is made. The
 * fallback of {@link ShardReader#readDescending} for readers without a descending path. Not thread-safe.
 */
final class BufferedDescendingCursor implements SeriesCursor {
    private final FieldType type;
    private final long[] times;
    /** Floats as raw bits, booleans as 0 or 1; null for strings. */
    private final long[] bits;
    /** Null but for strings. */
    private final String[] strings;
    private int index;

    private BufferedDescendingCursor(FieldType type, long[] times, long[] bits, String[] strings, int count) {
        this.type = type;
        this.times = times;
        this.bits = bits;
        this.strings = strings;
        this.index = count;
    }

    /** Reads {@code ascending} to its end. */
    static SeriesCursor of(SeriesCursor ascending) {
        FieldType type = ascending.type();
        boolean isString = type == FieldType.STRING;
        long[] times = new long[16];
        long[] bits = isString ? null : new long[16];
        String[] strings = isString ? new String[16] : null;
        int n = 0;
        while (ascending.next()) {
            if (n == times.length) {
                times = Arrays.copyOf(times, n * 2);
                if (isString) {
                    strings = Arrays.copyOf(strings, n * 2);
                } else {
                    bits = Arrays.copyOf(bits, n * 2);
                }
            }
            times[n] = ascending.timestamp();
            switch (type) {
                case FLOAT -> bits[n] = Double.doubleToRawLongBits(ascending.floatValue());
                case INTEGER, UNSIGNED -> bits[n] = ascending.longValue();
                case BOOLEAN -> bits[n] = ascending.booleanValue() ? 1 : 0;
                case STRING -> strings[n] = ascending.stringValue();
            }
            n++;
        }
        return new BufferedDescendingCursor(type, times, bits, strings, n);
    }

    @Override
    public boolean next() {
        if (index <= 0) {
            index = -1;
            return false;
        }
        index--;
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
        return Double.longBitsToDouble(bits[index]);
    }

    @Override
    public long longValue() {
        return bits[index];
    }

    @Override
    public boolean booleanValue() {
        return bits[index] != 0;
    }

    @Override
    public String stringValue() {
        return strings[index];
    }
}
