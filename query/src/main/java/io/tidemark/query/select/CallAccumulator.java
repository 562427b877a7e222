package io.tidemark.query.select;

import io.tidemark.query.QueryException;
import io.tidemark.query.agg.AggPoint;
import io.tidemark.query.series.SeriesKey;
import java.util.List;

/**
 * Collects the points of one call for one output group and produces the call's output points, bucket by bucket in
 * the statement's time order, each with its time resolved (the bucket start, or the selected point's time), and
 * {@link BucketAccumulator#NOTHING} for a bucket whose reducer output nothing. What it holds meanwhile is charged to
 * the statement's memory account as it grows.
 *
 * <p>Not thread-safe; one per call and group.
 */
interface CallAccumulator {
    /** @throws QueryException when what the accumulator then holds takes the statement over max-query-memory */
    void add(long time, Object value, Object[] aux, SeriesKey series) throws QueryException;

    List<AggPoint> finish();

    /**
     * Gives back to the memory account all the accumulator was charged; called once, after {@link #finish} or
     * instead of it, and the accumulator is not used afterwards.
     */
    void release();
}
