package io.tidemark.query.select;

import io.tidemark.query.agg.AggPoint;
import io.tidemark.query.series.SeriesKey;
import java.util.List;

/**
 * Collects the points of one call for one output group and produces the call's output points, bucket by bucket in
 * the statement's time order, each with its time resolved (the bucket start, or the selected point's time), and
 * {@link BucketAccumulator#NOTHING} for a bucket whose reducer output nothing.
 *
 * <p>Not thread-safe; one per call and group.
 */
interface CallAccumulator {
    void add(long time, Object value, Object[] aux, SeriesKey series);

    List<AggPoint> finish();
}
