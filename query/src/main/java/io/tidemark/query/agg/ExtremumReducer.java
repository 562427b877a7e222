package io.tidemark.query.agg;

import io.tidemark.query.memory.HeapEstimates;
import io.tidemark.query.series.SeriesKey;
import java.util.List;

/** {@code min()} / {@code max()}: the point with the extreme value, the earliest among equals. Not thread-safe. */
final class ExtremumReducer implements Reducer {
    private final boolean max;
    private AggPoint best;

    ExtremumReducer(boolean max) {
        this.max = max;
    }

    @Override
    public long add(long time, Object value, Object[] aux, SeriesKey series) {
        if (best == null) {
            best = new AggPoint(time, value, aux);
            return best.estimatedBytes();
        }
        int c = Values.compare(value, best.value());
        if ((max ? c > 0 : c < 0) || (c == 0 && time < best.time())) {
            long before = best.estimatedBytes();
            best = new AggPoint(time, value, aux);
            return best.estimatedBytes() - before;
        }
        return 0;
    }

    @Override
    public long fixedBytes() {
        return HeapEstimates.object(1 + HeapEstimates.REFERENCE);
    }

    @Override
    public List<AggPoint> emit() {
        return List.of(best);
    }
}
