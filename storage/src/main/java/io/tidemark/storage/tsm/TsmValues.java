package io.tidemark.storage.tsm;

import io.tidemark.common.FieldType;

/**
 * The order of values of each type, as bits the way the cache and TSM blocks keep them: floats by
 * {@link Double#compare} (so {@code -0.0 < 0.0} and NaN above everything: line protocol cannot write NaN, and a
 * total order keeps block statistics well defined), integers signed, unsigned integers unsigned, booleans false
 * before true. Stateless.
 */
final class TsmValues {
    private TsmValues() {
    }

    static int compare(FieldType type, long a, long b) {
        return switch (type) {
            case FLOAT -> Double.compare(Double.longBitsToDouble(a), Double.longBitsToDouble(b));
            case INTEGER, BOOLEAN -> Long.compare(a, b);
            case UNSIGNED -> Long.compareUnsigned(a, b);
            case STRING -> throw new IllegalArgumentException("string values have no statistics");
        };
    }
}
