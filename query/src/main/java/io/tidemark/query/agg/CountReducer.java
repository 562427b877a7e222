package io.tidemark.query.agg;

import io.tidemark.query.memory.HeapEstimates;
import io.tidemark.query.series.SeriesKey;
import java.util.List;

/** {@code count()}: the number of values. Not thread-safe. */
final class CountReducer implements Reducer {
    private long count;

    @Override
    public long add(long time, Object value, Object[] aux, SeriesKey series) {
        count++;
        return 0;
    }

    @Override
    public void addCounted(long n) {
        count += n;
    }

    @Override
    public long fixedBytes() {
        return HeapEstimates.object(8);
    }

    @Override
    public List<AggPoint> emit() {
        return List.of(new AggPoint(AggPoint.ZERO_TIME, count, null));
    }
}
