package io.tidemark.query.agg;

import io.tidemark.query.memory.HeapEstimates;
import io.tidemark.query.series.SeriesKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code count(distinct())}: the number of different values. Keeps each once. Not thread-safe. */
final class DistinctCountReducer implements Reducer {
    private final Set<Object> seen = new HashSet<>();

    @Override
    public long add(long time, Object value, Object[] aux, SeriesKey series) {
        return seen.add(value) ? HeapEstimates.HASH_ENTRY + HeapEstimates.value(value) : 0;
    }

    @Override
    public long fixedBytes() {
        return HeapEstimates.object(HeapEstimates.REFERENCE) + HeapEstimates.object(HeapEstimates.REFERENCE)
                + HeapEstimates.HASH_MAP;
    }

    @Override
    public List<AggPoint> emit() {
        return List.of(new AggPoint(AggPoint.ZERO_TIME, (long) seen.size(), null));
    }
}
