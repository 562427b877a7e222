package io.tidemark.query.select;

import io.tidemark.query.agg.AggPoint;
import io.tidemark.query.agg.Reducer;
import io.tidemark.query.series.SeriesKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Keeps one reducer per {@code GROUP BY time()} bucket (one bucket without an interval). Output points of a bucket
 * that carry their own times are ordered by time, as InfluxDB's reduce iterator orders them; a bucket whose reducer
 * outputs nothing is marked by {@link #NOTHING}, where InfluxDB's reduce iterator returns nil.
 *
 * <p>Not thread-safe.
 */
final class BucketAccumulator implements CallAccumulator {
    /** Stands, by identity, for a bucket whose reducer output no point. */
    static final AggPoint NOTHING = new AggPoint(AggPoint.ZERO_TIME, null, null);

    private final Supplier<Reducer> factory;
    private final Windows windows;
    private final boolean ascending;
    private final TreeMap<Long, Reducer> buckets = new TreeMap<>();

    BucketAccumulator(Supplier<Reducer> factory, Windows windows, boolean ascending) {
        this.factory = factory;
        this.windows = windows;
        this.ascending = ascending;
    }

    /** The bucket of the previous point: points come in time order, so most land in the same one. */
    private long lastStart;
    private Reducer lastReducer;

    @Override
    public void add(long time, Object value, Object[] aux, SeriesKey series) {
        reducerAt(time).add(time, value, aux, series);
    }

    private Reducer reducerAt(long time) {
        long start = windows.start(time);
        if (lastReducer == null || start != lastStart) {
            lastReducer = buckets.computeIfAbsent(start, k -> factory.get());
            lastStart = start;
        }
        return lastReducer;
    }

    /**
     * Adds {@code n} points of the bucket holding {@code time}, known only by their number (see
     * {@link Reducer#addCounted}).
     */
    void addCounted(long time, long n) {
        reducerAt(time).addCounted(n);
    }

    @Override
    public List<AggPoint> finish() {
        List<AggPoint> out = new ArrayList<>();
        NavigableMap<Long, Reducer> ordered = ascending ? buckets : buckets.descendingMap();
        for (Map.Entry<Long, Reducer> b : ordered.entrySet()) {
            List<AggPoint> emitted = b.getValue().emit();
            if (emitted.isEmpty()) {
                out.add(NOTHING);
                continue;
            }
            List<AggPoint> points = new ArrayList<>();
            boolean ownTimes = false;
            for (AggPoint p : emitted) {
                if (p.time() == AggPoint.ZERO_TIME) {
                    points.add(p.withTime(b.getKey()));
                } else {
                    ownTimes = true;
                    points.add(p);
                }
            }
            if (ownTimes) {
                Comparator<AggPoint> byTime = Comparator.comparingLong(AggPoint::time);
                points.sort(ascending ? byTime : byTime.reversed());
            }
            out.addAll(points);
        }
        return out;
    }
}
