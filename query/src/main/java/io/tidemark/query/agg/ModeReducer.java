package io.tidemark.query.agg;

import io.tidemark.query.memory.HeapEstimates;
import io.tidemark.query.series.SeriesKey;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mode()}: the most frequent value. Ties are broken exactly as InfluxDB's {@code ModeReduceSlice} breaks
 * them: the points are sorted by value and a later run of equal length wins unless its first point is later than
 * the last point of the run that leads (so "the earliest" holds only approximately). Keeps every point. Not thread-safe.
 */
final class ModeReducer implements Reducer {
    private final List<AggPoint> points = new ArrayList<>();

    @Override
    public long add(long time, Object value, Object[] aux, SeriesKey series) {
        AggPoint p = new AggPoint(time, value, null);
        points.add(p);
        return HeapEstimates.LIST_SLOT + p.estimatedBytes();
    }

    @Override
    public long fixedBytes() {
        return HeapEstimates.object(HeapEstimates.REFERENCE) + HeapEstimates.LIST;
    }

    @Override
    public List<AggPoint> emit() {
        points.sort((a, b) -> Values.compare(a.value(), b.value()));
        int mostFreq = 0;
        int currFreq = 0;
        Object currMode = points.getFirst().value();
        Object mostMode = currMode;
        long mostTime = points.getFirst().time();
        long currTime = mostTime;
        for (AggPoint p : points) {
            if (!p.value().equals(currMode)) {
                currFreq = 1;
                currMode = p.value();
                currTime = p.time();
                continue;
            }
            currFreq++;
            if (mostFreq > currFreq || (mostFreq == currFreq && currTime > mostTime)) {
                continue;
            }
            mostFreq = currFreq;
            mostMode = p.value();
            mostTime = p.time();
        }
        return List.of(new AggPoint(AggPoint.ZERO_TIME, mostMode, null));
    }
}
