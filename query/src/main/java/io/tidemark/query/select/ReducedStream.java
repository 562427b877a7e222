package io.tidemark.query.select;

import io.tidemark.query.QueryException;
import io.tidemark.query.agg.AggPoint;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A call's reduced points, group after group, as InfluxDB's reduce iterator yields them: a window whose reducer
 * produced nothing ({@link BucketAccumulator#NOTHING}) comes out as null, and the points go on after it.
 *
 * <p>Not thread-safe.
 */
final class ReducedStream implements PointStream {
    private final GroupResults results;
    private final int call;
    private final UnaryOperator<AggPoint> timing;
    private int group = -1;
    private List<AggPoint> points;
    private int index;

    /** @param timing sets the time a point goes out with (the bucket start for most calls) */
    ReducedStream(GroupResults results, int call, UnaryOperator<AggPoint> timing) {
        this.results = results;
        this.call = call;
        this.timing = timing;
    }

    @Override
    public StreamPoint next() throws QueryException {
        while (true) {
            if (points != null && index < points.size()) {
                AggPoint p = points.get(index++);
                return p == BucketAccumulator.NOTHING ? null : new StreamPoint(group, timing.apply(p));
            }
            if (points != null) {
                results.release(group, call);
                points = null;
            }
            if (group + 1 >= results.groups()) {
                return null;
            }
            group++;
            points = results.points(group, call);
            index = 0;
        }
    }
}
