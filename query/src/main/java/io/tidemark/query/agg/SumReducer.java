package io.tidemark.query.agg;

import io.tidemark.query.memory.HeapEstimates;
import io.tidemark.query.series.SeriesKey;
import java.util.List;

/** {@code sum()}: integers sum as integers (wrapping like Go), floats as floats. Not thread-safe. */
final class SumReducer implements Reducer {
    private long longSum;
    private double doubleSum;
    private boolean isFloat;

    @Override
    public long add(long time, Object value, Object[] aux, SeriesKey series) {
        if (value instanceof Double d) {
            isFloat = true;
            doubleSum += d;
        } else {
            longSum += (Long) value;
        }
        return 0;
    }

    @Override
    public long fixedBytes() {
        return HeapEstimates.object(8 + 8 + 1);
    }

    @Override
    public void addSummed(Object sum, long n) {
        add(0, sum, null, null);
    }

    @Override
    public void addDoubles(double[] values, int n) {
        if (n > 0) {
            isFloat = true;
        }
        doubleSum = Values.sum(doubleSum, values, n);
    }

    @Override
    public void addLongs(long[] values, int n) {
        longSum = Values.sum(longSum, values, n);
    }

    @Override
    public List<AggPoint> emit() {
        return List.of(new AggPoint(AggPoint.ZERO_TIME, isFloat ? (Object) doubleSum : (Object) longSum, null));
    }
}
