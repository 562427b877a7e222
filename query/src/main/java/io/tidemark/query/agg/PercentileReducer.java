package io.tidemark.query.agg;

import io.tidemark.query.memory.HeapEstimates;
import io.tidemark.query.series.SeriesKey;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code percentile(f, p)}: the nearest-rank value, the point at index {@code floor(n * p / 100 + 0.5) - 1} of the
 * values sorted ascending (none when that index is out of range). Keeps every point with its auxiliary
 * values. Not thread-safe.
 */
final class PercentileReducer implements Reducer {
    private final double percentile;
    private final List<AggPoint> points = new ArrayList<>();

    PercentileReducer(double percentile) {
        this.percentile = percentile;
    }

    @Override
    public long add(long time, Object value, Object[] aux, SeriesKey series) {
        AggPoint p = new AggPoint(time, value, aux);
        points.add(p);
        return HeapEstimates.LIST_SLOT + p.estimatedBytes();
    }

    @Override
    public long fixedBytes() {
        return HeapEstimates.object(8 + HeapEstimates.REFERENCE) + HeapEstimates.LIST;
    }

    @Override
    public List<AggPoint> emit() {
        int n = points.size();
        int i = (int) Math.floor(n * percentile / 100.0 + 0.5) - 1;
        if (i < 0 || i >= n) {
            return List.of();
        }
        points.sort((a, b) -> Values.compare(a.value(), b.value()));
        return List.of(points.get(i));
    }
}
