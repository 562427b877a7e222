package io.tidemark.query.agg;

import io.tidemark.query.series.SeriesKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code mode()}: the most frequent value; among equally frequent ones, the one seen first. Not thread-safe. */
final class ModeReducer implements Reducer {
    private final Map<Object, long[]> stats = new HashMap<>();

    @Override
    public void add(long time, Object value, Object[] aux, SeriesKey series) {
        long[] s = stats.get(value);
        if (s == null) {
            stats.put(value, new long[] {1, time});
        } else {
            s[0]++;
            s[1] = Math.min(s[1], time);
        }
    }

    @Override
    public List<AggPoint> emit() {
        Object best = null;
        long bestCount = -1;
        long bestTime = Long.MAX_VALUE;
        for (Map.Entry<Object, long[]> e : stats.entrySet()) {
            long count = e.getValue()[0];
            long first = e.getValue()[1];
            if (count > bestCount || (count == bestCount && (first < bestTime
                    || (first == bestTime && Values.compare(e.getKey(), best) < 0)))) {
                best = e.getKey();
                bestCount = count;
                bestTime = first;
            }
        }
        return List.of(new AggPoint(AggPoint.ZERO_TIME, best, null));
    }
}
