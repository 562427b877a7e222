package io.tidemark.query.agg;

import io.tidemark.query.series.SeriesKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * {@code sample(f, n)}: a reservoir sample of {@code n} points (all of them when there are fewer), ordered by time.
 * Not thread-safe.
 */
final class SampleReducer implements Reducer {
    private final AggPoint[] reservoir;
    private final RandomGenerator random;
    private int count;

    SampleReducer(int size, RandomGenerator random) {
        this.reservoir = new AggPoint[size];
        this.random = random;
    }

    @Override
    public void add(long time, Object value, Object[] aux, SeriesKey series) {
        count++;
        if (count <= reservoir.length) {
            reservoir[count - 1] = new AggPoint(time, value, aux);
            return;
        }
        int r = random.nextInt(count);
        if (r < reservoir.length) {
            reservoir[r] = new AggPoint(time, value, aux);
        }
    }

    @Override
    public List<AggPoint> emit() {
        List<AggPoint> out = new ArrayList<>(Arrays.asList(reservoir).subList(0, Math.min(count, reservoir.length)));
        out.sort(Comparator.comparingLong(AggPoint::time).thenComparing(AggPoint::value, Values::compare));
        return out;
    }
}
