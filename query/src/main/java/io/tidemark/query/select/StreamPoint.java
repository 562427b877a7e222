package io.tidemark.query.select;

import io.tidemark.query.agg.AggPoint;

/**
 * A point of one call's output stream, which runs through all the output groups of a statement.
 *
 * <p>Immutable; thread-safe as far as the point is.
 *
 * @param group the index of the point's output group, in output order
 * @param point the point, its time already resolved
 */
record StreamPoint(int group, AggPoint point) {
    long time() {
        return point.time();
    }
}
