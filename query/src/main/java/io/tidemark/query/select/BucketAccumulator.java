package io.tidemark.query.select;

import io.tidemark.query.QueryException;
import io.tidemark.query.agg.AggPoint;
import io.tidemark.query.agg.Reducer;
import io.tidemark.query.memory.HeapEstimates;
import io.tidemark.query.memory.MemoryAccount;
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
 * outputs nothing is marked by {@link #NOTHING}, where InfluxDB's reduce iterator returns nil. Each bucket (its map
 * entry and reducer) and what its reducer keeps are charged to the statement's memory account.
 *
 * <p>Not thread-safe.
 */
final class BucketAccumulator implements CallAccumulator {
    /** Stands, by identity, for a bucket whose reducer output no point. */
    static final AggPoint NOTHING = new AggPoint(AggPoint.ZERO_TIME, null, null);

    private final Supplier<Reducer> factory;
    private final Windows windows;
    private final boolean ascending;
    private final MemoryAccount memory;
    private final TreeMap<Long, Reducer> buckets = new TreeMap<>();
    /** What this accumulator has charged to {@link #memory} and not released. */
    private long heldBytes;

    BucketAccumulator(Supplier<Reducer> factory, Windows windows, boolean ascending, MemoryAccount memory) {
        this.factory = factory;
        this.windows = windows;
        this.ascending = ascending;
        this.memory = memory;
    }

    /** The bucket of the previous point: points come in time order, so most land in the same one. */
    private long lastStart;
    private Reducer lastReducer;

    @Override
    public void add(long time, Object value, Object[] aux, SeriesKey series) throws QueryException {
        charge(reducerAt(time).add(time, value, aux, series));
    }

    private Reducer reducerAt(long time) throws QueryException {
        long start = windows.start(time);
        if (lastReducer == null || start != lastStart) {
            Reducer r = buckets.get(start);
            if (r == null) {
                r = factory.get();
                buckets.put(start, r);
                charge(HeapEstimates.TREE_ENTRY_LONG_KEY + r.fixedBytes());
            }
            lastReducer = r;
            lastStart = start;
        }
        return lastReducer;
    }

    private void charge(long deltaBytes) throws QueryException {
        heldBytes += deltaBytes;
        memory.change(deltaBytes);
    }

    /**
     * Adds {@code n} points of the bucket holding {@code time}, known only by their number (see
     * {@link Reducer#addCounted}).
     */
    void addCounted(long time, long n) throws QueryException {
        reducerAt(time).addCounted(n);
    }

    /**
     * Adds {@code n} points of the bucket holding {@code time}, known only by their sum (see
     * {@link Reducer#addSummed}).
     */
    void addSummed(long time, Object sum, long n) throws QueryException {
        reducerAt(time).addSummed(sum, n);
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

    @Override
    public void release() {
        memory.release(heldBytes);
        heldBytes = 0;
        buckets.clear();
        lastReducer = null;
    }
}
