package io.tidemark.query.agg;

import io.tidemark.query.memory.HeapEstimates;
import io.tidemark.query.series.SeriesKey;
import java.util.List;

/** {@code spread()}: maximum minus minimum, in the values' type. Not thread-safe. */
final class SpreadReducer implements Reducer {
    private Object min;
    private Object max;

    @Override
    public long add(long time, Object value, Object[] aux, SeriesKey series) {
        if (min == null || Values.compare(value, min) < 0) {
            min = value;
        }
        if (max == null || Values.compare(value, max) > 0) {
            max = value;
        }
        return 0;
    }

    @Override
    public long fixedBytes() {
        // The smallest and largest values seen, boxed.
        return HeapEstimates.object(2 * HeapEstimates.REFERENCE) + 2 * HeapEstimates.BOXED_NUMBER;
    }

    @Override
    public List<AggPoint> emit() {
        Object v = max instanceof Long l ? (Object) (l - (Long) min) : (Object) (Values.asDouble(max) - Values.asDouble(min));
        return List.of(new AggPoint(AggPoint.ZERO_TIME, v, null));
    }
}
