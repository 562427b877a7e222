package io.tidemark.query.agg;

import io.tidemark.query.series.SeriesKey;
import java.util.List;

/** {@code mean()}: always a float; integers are summed as integers first, as InfluxDB does. Not thread-safe. */
final class MeanReducer implements Reducer {
    private long longSum;
    private double doubleSum;
    private long count;
    private boolean isFloat;

    @Override
    public void add(long time, Object value, Object[] aux, SeriesKey series) {
        if (value instanceof Double d) {
            isFloat = true;
            doubleSum += d;
        } else {
            longSum += (Long) value;
        }
        count++;
    }

    @Override
    public List<AggPoint> emit() {
        double sum = isFloat ? doubleSum : (double) longSum;
        return List.of(new AggPoint(AggPoint.ZERO_TIME, sum / count, null));
    }
}
