package io.tidemark.query.agg;

import io.tidemark.query.series.SeriesKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code count(distinct())}: the number of different values. Not thread-safe. */
final class DistinctCountReducer implements Reducer {
    private final Set<Object> seen = new HashSet<>();

    @Override
    public void add(long time, Object value, Object[] aux, SeriesKey series) {
        seen.add(value);
    }

    @Override
    public List<AggPoint> emit() {
        return List.of(new AggPoint(AggPoint.ZERO_TIME, (long) seen.size(), null));
    }
}
