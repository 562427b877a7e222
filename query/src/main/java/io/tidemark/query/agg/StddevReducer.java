package io.tidemark.query.agg;

import io.tidemark.query.memory.HeapEstimates;
import io.tidemark.query.series.SeriesKey;
import java.util.Arrays;
import java.util.List;

/**
 * {@code stddev()}: the sample standard deviation (divided by n-1), NaN (sent as null) for fewer than two values.
 * Keeps the values, as InfluxDB computes it in two passes. Not thread-safe.
 */
final class StddevReducer implements Reducer {
    private static final int INITIAL_CAPACITY = 16;

    private double[] values = new double[INITIAL_CAPACITY];
    private int n;

    @Override
    public long add(long time, Object value, Object[] aux, SeriesKey series) {
        if (n == values.length) {
            values = Arrays.copyOf(values, n * 2);
        }
        values[n++] = Values.asDouble(value);
        // A double in an array that doubles when full: at most two slots per value (and large arrays are
        // allocated in whole heap regions).
        return 16;
    }

    @Override
    public long fixedBytes() {
        return HeapEstimates.object(HeapEstimates.REFERENCE + 4) + HeapEstimates.array(INITIAL_CAPACITY);
    }

    @Override
    public List<AggPoint> emit() {
        if (n < 2) {
            return List.of(new AggPoint(AggPoint.ZERO_TIME, Double.NaN, null));
        }
        double mean = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(values[i])) {
                continue;
            }
            count++;
            mean += (values[i] - mean) / count;
        }
        double variance = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(values[i])) {
                continue;
            }
            variance += Math.pow(values[i] - mean, 2);
        }
        return List.of(new AggPoint(AggPoint.ZERO_TIME, Math.sqrt(variance / (count - 1)), null));
    }
}
