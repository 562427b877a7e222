package io.tidemark.query.agg;

import io.tidemark.query.memory.HeapEstimates;
import io.tidemark.query.series.SeriesKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code distinct()}: each different value once, with the time InfluxDB's reducer keeps for it, the first it is fed
 * in the statement's time order (the earliest occurrence; the latest under ORDER BY time DESC), and ordered by that
 * time, then by value; the caller orders the times in the statement's direction (1.8's reduce iterator). Points may
 * come series after series. Not thread-safe.
 */
final class DistinctReducer implements Reducer {
    private final boolean ascending;
    private final Map<Object, Long> firstSeen = new HashMap<>();

    DistinctReducer(boolean ascending) {
        this.ascending = ascending;
    }

    @Override
    public long add(long time, Object value, Object[] aux, SeriesKey series) {
        Long seen = firstSeen.get(value);
        if (seen == null) {
            firstSeen.put(value, time);
            return HeapEstimates.HASH_ENTRY + HeapEstimates.value(value) + HeapEstimates.BOXED_NUMBER;
        }
        if (ascending ? time < seen : time > seen) {
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
