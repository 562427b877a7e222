package io.tidemark.query.agg;

import io.tidemark.query.memory.HeapEstimates;
import io.tidemark.query.series.SeriesKey;
import java.util.List;

/** {@code mean()}: always a float; integers are summed as integers first, as InfluxDB does. Not thread-safe. */
final class MeanReducer implements Reducer {
    private long longSum;
    private double doubleSum;
    private long count;
    private boolean isFloat;

    @Override
    public long add(long time, Object value, Object[] aux, SeriesKey series) {
        if (value instanceof Double d) {
            isFloat = true;
            doubleSum += d;
        } else {
            longSum += (Long) value;
        }
        count++;
        return 0;
    }

    @Override
    public long fixedBytes() {
        return HeapEstimates.object(8 + 8 + 8 + 1);
    }

    @Override
    public void addSummed(Object sum, long n) {
        if (sum instanceof Double d) {
            isFloat = true;
            doubleSum += d;
        } else {
            longSum += (Long) sum;
        }
        count += n;
    }

    @Override
    public void addDoubles(double[] values, int n) {
        if (n > 0) {
            isFloat = true;
        }
        doubleSum = Values.sum(doubleSum, values, n);
        count += n;
    }

    @Override
    public void addLongs(long[] values, int n) {
        longSum = Values.sum(longSum, values, n);
        count += n;
    }

    @Override
    public List<AggPoint> emit() {
        double sum = isFloat ? doubleSum : (double) longSum;
        return List.of(new AggPoint(AggPoint.ZERO_TIME, sum / count, null));
    }
}
