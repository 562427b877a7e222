package io.tidemark.query.select;

import io.tidemark.query.QueryException;
import io.tidemark.query.agg.AggPoint;
import io.tidemark.query.expr.TimeRange;
import io.tidemark.query.memory.HeapEstimates;
import io.tidemark.query.memory.MemoryAccount;
import io.tidemark.query.series.SeriesKey;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code integral(f[, unit])}: the area under the points of the group (all its series merged in time order) by the
 * trapezoidal rule, in value-times-unit. With {@code GROUP BY time()} the area is cut at each bucket end, where the
 * value is interpolated linearly, as InfluxDB's integral reducers do.
 *
 * <p>Integer fields follow InfluxDB's {@code IntegerIntegralReducer}, which differs from the float one in two ways:
 * without {@code GROUP BY time()} its single window is the statement's time range, so the point goes out at the
 * range start (0 when unbounded), or, reading backwards, at the range end plus 1 ns (and a point exactly at the
 * range start closes that window, giving a second point); and at a bucket end it keeps the previous point's value,
 * taking the interpolated value as the new point's for the first trapezium of the next bucket.
 *
 * <p>Holds one output point per bucket of the group, charged to the statement's memory account. Not thread-safe.
 */
final class IntegralAccumulator implements CallAccumulator {
    private final Windows windows;
    private final double unit;
    private final boolean ascending;
    private final boolean integer;
    private final boolean windowed;
    private final MemoryAccount memory;
    private final List<AggPoint> out = new ArrayList<>();
    /** What this accumulator has charged to {@link #memory} and not released. */
    private long heldBytes;

    private boolean hasPrev;
    private long prevTime;
    private double prevValue;
    private double sum;
    private long windowStart;
    private long windowEnd;

    /** @param integer whether the field is read as integers ({@code IntegerIntegralReducer}) */
    IntegralAccumulator(Windows windows, long unitNanos, boolean ascending, boolean integer, MemoryAccount memory) {
        this.memory = memory;
        this.windows = windows;
        this.unit = unitNanos;
        this.ascending = ascending;
        this.integer = integer;
        this.windowed = integer || windows.hasInterval();
    }

    @Override
    public void add(long time, Object v, Object[] aux, SeriesKey series) throws QueryException {
        double value = ((Number) v).doubleValue();
        if (!hasPrev) {
            hasPrev = true;
            prevTime = time;
            prevValue = value;
            if (windowed) {
                setWindow(time);
                if (integer && windowStart == TimeRange.MIN_TIME) {
                    windowStart = 0;
                }
            }
            return;
        }
        if (prevTime == time) {
            prevValue = value;
            return;
        } else if (windowed && (ascending ? time >= windowEnd : time <= windowEnd)) {
            if (prevTime != windowEnd) {
                double atEnd = linear(windowEnd, prevTime, time, prevValue, value);
                double elapsed = (windowEnd - prevTime) / unit;
                sum += 0.5 * (atEnd + prevValue) * elapsed;
                if (integer) {
                    value = atEnd;
                } else {
                    prevValue = atEnd;
                }
                prevTime = windowEnd;
            }
            emit(new AggPoint(windowStart, sum, null));
            setWindow(time);
            sum = 0;
        }
        double elapsed = (time - prevTime) / unit;
        sum += 0.5 * (value + prevValue) * elapsed;
        prevTime = time;
        prevValue = ((Number) v).doubleValue();
    }

    /** InfluxDB names the bucket bounds the other way round when reading backwards; kept for identical results. */
    private void setWindow(long time) {
        if (ascending) {
            windowStart = windows.start(time);
            windowEnd = windows.end(time);
        } else {
            windowEnd = windows.start(time);
            windowStart = windows.end(time);
        }
    }

    @Override
    public List<AggPoint> finish() {
        if (hasPrev && prevTime != windowStart) {
            // Not charged: the caller charges the output it holds next.
            out.add(new AggPoint(windowStart, sum, null));
        }
        return out;
    }

    @Override
    public void release() {
        memory.release(heldBytes);
        heldBytes = 0;
    }

    private void emit(AggPoint p) throws QueryException {
        out.add(p);
        long bytes = HeapEstimates.LIST_SLOT + p.estimatedBytes();
        heldBytes += bytes;
        memory.charge(bytes);
    }

    private static double linear(long windowTime, long previousTime, long nextTime, double previousValue,
            double nextValue) {
        double m = (nextValue - previousValue) / (nextTime - previousTime);
        double x = windowTime - previousTime;
        return m * x + previousValue;
    }
}
