package io.tidemark.storage.api;

import io.tidemark.common.FieldType;

/**
 * The values of one field of one series in time order (ascending, or descending for
 * {@link ShardReader#readDescending}), one value per timestamp. Follows the Prometheus
 * iterator contract: accessors are undefined before the first {@link #next()} and after it returned false; only the
 * accessor matching {@link #type()} is defined. Not thread-safe.
 */
public interface SeriesCursor {

    /** Advances to the next value; false when there is none. */
    boolean next();

    /** The timestamp of the current value, in nanoseconds since the epoch. */
    long timestamp();

    /** The type of every value of this cursor. */
    FieldType type();

    double floatValue();

    /** The value of an integer field, or the 64 bits of an unsigned one. */
    long longValue();

    boolean booleanValue();

    String stringValue();
}
