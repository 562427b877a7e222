package io.tidemark.query.select;

import io.tidemark.influxql.ast.DataType;
import io.tidemark.influxql.ast.FillOption;
import io.tidemark.query.QueryException;
import io.tidemark.query.agg.AggPoint;
import io.tidemark.query.expr.TimeRange;

/**
 * Adds the empty {@code GROUP BY time()} buckets of one call, as InfluxDB's fill iterator: for each group, from the
 * bucket of the range start (or of the group's first point when the range has no start) to the bucket of the range
 * end, with null, a number, the previous point's value or a linear interpolation. A group without points gets no
 * buckets. Like InfluxDB it advances one bucket per point it passes on, so several points in one bucket shift the
 * buckets that follow.
 *
 * <p>A null from the input (see {@link PointStream}) is taken as the end of the current group: while that group has
 * buckets left it is absorbed by filling the next one; once its buckets are done it is passed on. Before the first
 * point it is passed on as well. Linear fill looks ahead one point, and a null it meets there is consumed and gives
 * no interpolation. Lazy, so a long range costs no memory when results are streamed.
 *
 * <p>Not thread-safe.
 */
final class FillStream implements PointStream {
    private final BufferedStream input;
    private final Windows windows;
    private final boolean ascending;
    private final FillOption fill;
    private final Object fillValue;
    private final DataType type;
    private final long startTime;
    private final long endTime;
    private final long duration;

    private boolean started;
    private int windowGroup;
    private long windowTime;
    private long windowOffset;
    private AggPoint prev;

    /**
     * @param input the call's points, times already set to their buckets
     * @param fillValue the {@code fill(<number>)} value, already converted to the call's output type
     * @param type the call's output type
     */
    FillStream(PointStream input, Windows windows, boolean ascending, FillOption fill, Object fillValue,
            DataType type) {
        this.input = new BufferedStream(input);
        this.windows = windows;
        this.ascending = ascending;
        this.fill = fill;
        this.fillValue = fillValue;
        this.type = type;
        this.duration = windows.interval().duration();
        TimeRange r = windows.range();
        this.startTime = windows.start(ascending ? r.min() : r.max());
        this.endTime = windows.start(ascending ? r.max() : r.min());
    }

    @Override
    public StreamPoint next() throws QueryException {
        if (!started) {
            StreamPoint first = input.peek();
            if (first == null) {
                return null;
            }
            startGroup(first);
            started = true;
        }
        StreamPoint p = input.next();
        if (p == null || p.group() != windowGroup) {
            if (inRange()) {
                input.unread(p);
                p = null;
            } else if (p == null) {
                return null;
            } else {
                startGroup(p);
                prev = null;
            }
        }
        AggPoint out;
        if (p == null || (ascending ? p.time() > windowTime : p.time() < windowTime)) {
            if (p != null) {
                input.unread(p);
            }
            out = new AggPoint(windowTime, fillValue(), null);
        } else {
            prev = p.point();
            out = p.point();
        }
        advance();
        return new StreamPoint(windowGroup, out);
    }

    private void startGroup(StreamPoint p) {
        windowGroup = p.group();
        windowTime = startTime == TimeRange.MIN_TIME ? windows.start(p.time()) : startTime;
        windowOffset = windows.zoneOffset(windowTime);
    }

    private boolean inRange() {
        return ascending ? windowTime <= endTime : windowTime >= endTime && endTime != TimeRange.MIN_TIME;
    }

    private void advance() {
        windowTime += ascending ? duration : -duration;
        // Crossing a daylight-saving change moves the following buckets to the new local midnight.
        long offset = windows.zoneOffset(windowTime - 1);
        if (offset != windowOffset) {
            long diff = windowOffset - offset;
            if (Math.abs(diff) < duration) {
                windowTime += diff;
            }
            windowOffset = offset;
        }
    }

    private Object fillValue() throws QueryException {
        return switch (fill) {
            case NUMBER -> fillValue;
            case PREVIOUS -> prev == null ? null : prev.value();
            case LINEAR -> linear();
            default -> null;
        };
    }

    private Object linear() throws QueryException {
        if (prev == null) {
            return null;
        }
        StreamPoint upcoming = input.peek();
        if (upcoming == null || upcoming.group() != windowGroup || !(prev.value() instanceof Number pv)
                || !(upcoming.point().value() instanceof Number nv)) {
            return null;
        }
        long start = windowTime / duration;
        long prevTime = prev.time() / duration;
        long nextTime = upcoming.time() / duration;
        if (type == DataType.INTEGER || type == DataType.UNSIGNED) {
            double m = (double) (nv.longValue() - pv.longValue()) / (double) (nextTime - prevTime);
            double x = start - prevTime;
            return (long) (m * x + pv.longValue());
        }
        double m = (nv.doubleValue() - pv.doubleValue()) / (nextTime - prevTime);
        double x = start - prevTime;
        return m * x + pv.doubleValue();
    }
}
