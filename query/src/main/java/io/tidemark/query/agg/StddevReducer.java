package io.tidemark.query.agg;

import io.tidemark.query.series.SeriesKey;
import java.util.List;

/**
 * {@code stddev()}: the sample standard deviation (divided by n-1), NaN (sent as null) for fewer than two values.
 * Keeps the values, as InfluxDB computes it in two passes. Not thread-safe.
 */
final class StddevReducer implements Reducer {
    private double[] values = new double[16];
    private int n;

    @Override
    public void add(long time, Object value, Object[] aux, SeriesKey series) {
        if (n == values.length) {
            values = java.util.Arrays.copyOf(values, n * 2);
        }
        values[n++] = Values.asDouble(value);
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
