package io.tidemark.query.agg;

import io.tidemark.query.memory.HeapEstimates;
import io.tidemark.query.series.SeriesKey;
import java.util.List;

/**
 * {@code first()} / {@code last()}: the oldest or newest point; of two points at the same time, the larger value,
 * except that {@code first()} prefers false to true (InfluxDB's {@code BooleanFirstReduce}); of equal points, the
 * first. Not thread-safe.
 */
final class FirstLastReducer implements Reducer {
    private final boolean last;
    private AggPoint best;

    FirstLastReducer(boolean last) {
        this.last = last;
    }

    @Override
    public long add(long time, Object value, Object[] aux, SeriesKey series) {
        if (best == null || (last ? time > best.time() : time < best.time())
                || (time == best.time() && beatsAtOneTime(value, best.value()))) {
            long before = best == null ? 0 : best.estimatedBytes();
            best = new AggPoint(time, value, aux);
            return best.estimatedBytes() - before;
        }
        return 0;
    }

    private boolean beatsAtOneTime(Object value, Object kept) {
        if (!last && value instanceof Boolean b && kept instanceof Boolean k) {
            return !b && k;
        }
        return Values.compare(value, kept) > 0;
    }

    @Override
    public long fixedBytes() {
        return HeapEstimates.object(1 + HeapEstimates.REFERENCE);
    }

    @Override
    public List<AggPoint> emit() {
        return List.of(best);
    }
}
