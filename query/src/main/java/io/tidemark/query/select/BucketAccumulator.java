package io.tidemark.query.select;

import io.tidemark.query.QueryException;
import io.tidemark.query.agg.AggPoint;
import io.tidemark.query.agg.Reducer;
import io.tidemark.query.memory.HeapEstimates;
import io.tidemark.query.memory.MemoryAccount;
import io.tidemark.query.series.SeriesKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Keeps one reducer per {@code GROUP BY time()} bucket (one bucket without an interval). Output points of a bucket
 * that carry their own times are ordered by time, as InfluxDB's reduce iterator orders them; a bucket whose reducer
 * outputs nothing is marked by {@link #NOTHING}, where InfluxDB's reduce iterator returns nil. Each bucket (its map
 * entry and reducer) and what its reducer keeps are charged to the statement's memory account.
 *
 * <p>Buckets are kept in statement order in two parallel arrays, found from the previous point's bucket: the points
 * of a series come in statement order, so the next bucket is almost always the same one, the next one, or a new one
 * at the end (a group's series are read one after the other, each walking the buckets the first one made). A sorted
 * map cost a lookup per bucket change, a quarter of a GROUP BY time query's time.
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
    /**
     * Bucket keys in increasing order: the bucket's start, or its complement ({@code ~start}) for a descending
     * statement, so that statement order is increasing key order either way.
     */
    private long[] keys = new long[16];
    private Reducer[] reducers = new Reducer[16];
    private int size;
    /** The bucket of the previous point: points come in statement order, so most land in the same one. */
    private int current = -1;
    /** What this accumulator has charged to {@link #memory} and not released. */
    private long heldBytes;

    BucketAccumulator(Supplier<Reducer> factory, Windows windows, boolean ascending, MemoryAccount memory) {
        this.factory = factory;
        this.windows = windows;
        this.ascending = ascending;
        this.memory = memory;
    }

    @Override
    public void add(long time, Object value, Object[] aux, SeriesKey series) throws QueryException {
        charge(reducerAt(time).add(time, value, aux, series));
    }

    private Reducer reducerAt(long time) throws QueryException {
        long start = windows.start(time);
        long key = ascending ? start : ~start;
        if (current >= 0 && keys[current] == key) {
            return reducers[current];
        }
        int i = indexOf(key);
        if (i < 0) {
            i = -i - 1;
            Reducer r = factory.get();
            charge(BUCKET_BYTES + r.fixedBytes());
            insert(i, key, r);
        }
        current = i;
        return reducers[i];
    }

    /** Two array slots, and their share of the arrays' doubling. */
    private static final long BUCKET_BYTES = 4 * (Long.BYTES + HeapEstimates.REFERENCE);

    /** The bucket's index, or {@code -(insertion point) - 1}: the neighbours of the current one first. */
    private int indexOf(long key) {
        int next = current + 1;
        if (next < size && keys[next] == key) {
            return next;
        }
        if (size == 0 || keys[size - 1] < key) {
            return -size - 1;
        }
        return Arrays.binarySearch(keys, 0, size, key);
    }

    private void insert(int at, long key, Reducer r) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            reducers = Arrays.copyOf(reducers, size * 2);
        }
        System.arraycopy(keys, at, keys, at + 1, size - at);
        System.arraycopy(reducers, at, reducers, at + 1, size - at);
        keys[at] = key;
        reducers[at] = r;
        size++;
    }

    private void charge(long deltaBytes) throws QueryException {
        if (deltaBytes == 0) {
            // Most reducers keep a constant size: nothing to account for this value.
            return;
        }
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

    /** Adds float values of the bucket holding {@code time}, in order (see {@link Reducer#addDoubles}). */
    void addDoubles(long time, double[] values, int n) throws QueryException {
        reducerAt(time).addDoubles(values, n);
    }

    /** Adds integer values of the bucket holding {@code time}, in order (see {@link Reducer#addLongs}). */
    void addLongs(long time, long[] values, int n) throws QueryException {
        reducerAt(time).addLongs(values, n);
    }

    @Override
    public List<AggPoint> finish() {
        List<AggPoint> out = new ArrayList<>();
        for (int b = 0; b < size; b++) {
            long start = ascending ? keys[b] : ~keys[b];
            List<AggPoint> emitted = reducers[b].emit();
            if (emitted.isEmpty()) {
                out.add(NOTHING);
                continue;
            }
            List<AggPoint> points = new ArrayList<>();
            boolean ownTimes = false;
            for (AggPoint p : emitted) {
                if (p.time() == AggPoint.ZERO_TIME) {
                    points.add(p.withTime(start));
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
        Arrays.fill(reducers, 0, size, null);
        size = 0;
        current = -1;
    }
}
