package io.tidemark.query.agg;

import io.tidemark.query.series.SeriesKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code top(f[, tag...], n)} / {@code bottom(...)}: the {@code n} largest (smallest) points, the earliest among
 * equal values. With tag arguments, only the largest (smallest) point of each combination of those tags' values
 * competes, as InfluxDB first reduces by those tags with {@code max()} ({@code min()}). Not thread-safe.
 */
final class TopBottomReducer implements Reducer {
    private final boolean top;
    private final int n;
    private final List<String> tagArgs;
    private final List<AggPoint> points = new ArrayList<>();
    private final Map<List<String>, AggPoint> bestByTags = new LinkedHashMap<>();

    TopBottomReducer(boolean top, int n, List<String> tagArgs) {
        this.top = top;
        this.n = n;
        this.tagArgs = List.copyOf(tagArgs);
    }

    @Override
    public void add(long time, Object value, Object[] aux, SeriesKey series) {
        AggPoint p = new AggPoint(time, value, aux);
        if (tagArgs.isEmpty()) {
            points.add(p);
            return;
        }
        List<String> key = new ArrayList<>(tagArgs.size());
        for (String t : tagArgs) {
            key.add(series.tag(t));
        }
        AggPoint best = bestByTags.get(key);
        if (best == null) {
            bestByTags.put(key, p);
            return;
        }
        int c = Values.compare(value, best.value());
        if ((top ? c > 0 : c < 0) || (c == 0 && time < best.time())) {
            bestByTags.put(key, p);
        }
    }

    @Override
    public List<AggPoint> emit() {
        List<AggPoint> candidates = tagArgs.isEmpty() ? points : new ArrayList<>(bestByTags.values());
        Comparator<AggPoint> byValue = (a, b) -> Values.compare(a.value(), b.value());
        Comparator<AggPoint> order = (top ? byValue.reversed() : byValue).thenComparingLong(AggPoint::time);
        candidates.sort(order);
        return new ArrayList<>(candidates.subList(0, Math.min(n, candidates.size())));
    }
}
