package io.tidemark.query.agg;

import io.tidemark.query.memory.HeapEstimates;
import io.tidemark.query.series.SeriesKey;
import java.util.ArrayList;
import java.util.List;

/** {@code median()}: the middle value, or the mean of the two middle values; always a float. Keeps every
 * value. Not thread-safe. */
final class MedianReducer implements Reducer {
    private final List<Object> values = new ArrayList<>();

    @Override
    public long add(long time, Object value, Object[] aux, SeriesKey series) {
        values.add(value);
        return HeapEstimates.LIST_SLOT + HeapEstimates.value(value);
    }

    @Override
    public long fixedBytes() {
        return HeapEstimates.object(HeapEstimates.REFERENCE) + HeapEstimates.LIST;
    }

    @Override
    public List<AggPoint> emit() {
        values.sort(Values::compare);
        int n = values.size();
        double median;
        if (n % 2 == 0) {
            Object lo = values.get(n / 2 - 1);
            Object hi = values.get(n / 2);
            if (lo instanceof Long l && hi instanceof Long h) {
                median = (double) l + (double) (h - l) / 2;
            } else {
                double l = Values.asDouble(lo);
                median = l + (Values.asDouble(hi) - l) / 2;
            }
        } else {
            median = Values.asDouble(values.get(n / 2));
        }
        return List.of(new AggPoint(AggPoint.ZERO_TIME, median, null));
    }
}
