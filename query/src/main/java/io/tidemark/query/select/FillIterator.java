package io.tidemark.query.select;

import io.tidemark.influxql.ast.DataType;
import io.tidemark.influxql.ast.FillOption;
import io.tidemark.query.agg.AggPoint;
import io.tidemark.query.expr.TimeRange;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Adds the empty {@code GROUP BY time()} buckets of one call in one group, as InfluxDB's fill iterator: from the
 * bucket of the range start (or of the first point when the range has no start) to the bucket of the range end,
 * with null, a number, the previous point's value or a linear interpolation. A group without points gets no
 * buckets. Like InfluxDB it advances one bucket per emitted point, so several points in one bucket (distinct, top)
 * shift the buckets that follow. Lazy, so a long range costs no memory when results are streamed.
 *
 * <p>Not thread-safe.
 */
final class FillIterator implements Iterator<AggPoint> {
    private final List<AggPoint> input;
    private final Windows windows;
    private final boolean ascending;
    private final FillOption fill;
    private final Object fillValue;
    private final DataType type;
    private final long endTime;
    private final long duration;

    private int index;
    private AggPoint prev;
    private long windowTime;
    private long windowOffset;
    private AggPoint next;
    private boolean done;

    /**
     * @param input the call's points in the group, in the statement's time order, times already set to buckets
     * @param fillValue the {@code fill(<number>)} value, already converted to the call's output type
     * @param type the call's output type
     */
    FillIterator(List<AggPoint> input, Windows windows, boolean ascending, FillOption fill, Object fillValue,
            DataType type) {
        this.input = input;
        this.windows = windows;
        this.ascending = ascending;
        this.fill = fill;
        this.fillValue = fillValue;
        this.type = type;
        this.duration = windows.interval().duration();
        TimeRange r = windows.range();
        long startTime = windows.start(ascending ? r.min() : r.max());
        this.endTime = windows.start(ascending ? r.max() : r.min());
        if (input.isEmpty()) {
            done = true;
            return;
        }
        windowTime = startTime == TimeRange.MIN_TIME ? windows.start(input.getFirst().time()) : startTime;
        windowOffset = windows.zoneOffset(windowTime);
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            next = compute();
            done = next == null;
        }
        return next != null;
    }

    @Override
    public AggPoint next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        AggPoint p = next;
        next = null;
        return p;
    }

    private AggPoint compute() {
        AggPoint p = index < input.size() ? input.get(index) : null;
        AggPoint out;
        if (p == null) {
            boolean inRange = ascending ? windowTime <= endTime
                    : windowTime >= endTime && endTime != TimeRange.MIN_TIME;
            if (!inRange) {
                return null;
            }
            out = fillPoint(null);
        } else if (ascending ? p.time() > windowTime : p.time() < windowTime) {
            out = fillPoint(p);
        } else {
            index++;
            prev = p;
            out = p;
        }
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
        return out;
    }

    private AggPoint fillPoint(AggPoint upcoming) {
        Object value = switch (fill) {
            case NUMBER -> fillValue;
            case PREVIOUS -> prev == null ? null : prev.value();
            case LINEAR -> linear(upcoming);
            default -> null;
        };
        return new AggPoint(windowTime, value, null);
    }

    private Object linear(AggPoint upcoming) {
        if (prev == null || upcoming == null || !(prev.value() instanceof Number pv)
                || !(upcoming.value() instanceof Number nv)) {
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
