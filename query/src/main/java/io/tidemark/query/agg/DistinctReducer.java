package io.tidemark.query.agg;

import io.tidemark.query.memory.HeapEstimates;
import io.tidemark.query.series.SeriesKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code distinct()}: each different value once, ordered by when it was first seen, then by value. Keeps each
 * different value with its first time. Not thread-safe.
 */
final class DistinctReducer implements Reducer {
    private final Map<Object, Long> firstSeen = new HashMap<>();

    @Override
    public long add(long time, Object value, Object[] aux, SeriesKey series) {
        Long seen = firstSeen.get(value);
        if (seen == null) {
            firstSeen.put(value, time);
            return HeapEstimates.HASH_ENTRY + HeapEstimates.value(value) + HeapEstimates.BOXED_NUMBER;
        }
        if (time < seen) {
            firstSeen.put(value, time);
        }
        return 0;
    }

    @Override
    public long fixedBytes() {
        return HeapEstimates.object(HeapEstimates.REFERENCE) + HeapEstimates.HASH_MAP;
    }

    @Override
    public List<AggPoint> emit() {
        List<AggPoint> out = new ArrayList<>(firstSeen.size());
        firstSeen.forEach((v, t) -> out.add(new AggPoint(t, v, null)));
        out.sort(Comparator.comparingLong(AggPoint::time).thenComparing(AggPoint::value, Values::compare));
        return out;
    }
}
