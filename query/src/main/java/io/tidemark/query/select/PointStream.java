package io.tidemark.query.select;

import io.tidemark.query.QueryException;

/**
 * One call's output points across all the output groups of a statement, pulled one at a time as InfluxDB pulls
 * the points of its iterators. {@link #next} returns null where InfluxDB's {@code Next()} returns nil: at the end,
 * where it keeps returning null, but also for a window whose reducer produced no point ({@code percentile()} with a
 * rank outside the window), after which the points go on. Stages that take null for the end therefore stop early
 * exactly where InfluxDB's do, and each call of {@code next} consumes one such null.
 *
 * <p>Not thread-safe.
 */
interface PointStream {
    /** The next point, or null (see the class comment). */
    StreamPoint next() throws QueryException;
}
