package io.tidemark.query.agg;

import io.tidemark.query.memory.HeapEstimates;
import io.tidemark.query.series.SeriesKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * {@code sample(f, n)}: a reservoir sample of {@code n} points (all of them when there are fewer), ordered by time.
 * The reservoir grows with the points up to {@code n}, so a large {@code n} costs only the points there are.
 * Not thread-safe.
 */
final class SampleReducer implements Reducer {
    private final int size;
    private final List<AggPoint> reservoir = new ArrayList<>();
    private final RandomGenerator random;
    private int count;

    SampleReducer(int size, RandomGenerator random) {
        this.size = size;
        this.random = random;
    }

    @Override
    public long add(long time, Object value, Object[] aux, SeriesKey series) {
        count++;
        if (count <= size) {
            AggPoint p = new AggPoint(time, value, aux);
            reservoir.add(p);
            return HeapEstimates.LIST_SLOT + p.estimatedBytes();
        }
        int r = random.nextInt(count);
        if (r < size) {
            AggPoint p = new AggPoint(time, value, aux);
            return p.estimatedBytes() - reservoir.set(r, p).estimatedBytes();
        }
        return 0;
    }

    @Override
    public long fixedBytes() {
        return HeapEstimates.object(4 + 4 + 2 * HeapEstimates.REFERENCE) + HeapEstimates.LIST;
    }

    @Override
    public List<AggPoint> emit() {
        List<AggPoint> out = new ArrayList<>(reservoir);
        out.sort(Comparator.comparingLong(AggPoint::time).thenComparing(AggPoint::value, Values::compare));
        return out;
    }
}
