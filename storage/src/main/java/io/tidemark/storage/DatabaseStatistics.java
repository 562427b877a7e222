package io.tidemark.storage;

import io.tidemark.common.metrics.MetricGroup;
import io.tidemark.common.metrics.MetricRegistry;
import io.tidemark.storage.index.SeriesIndex;
import io.tidemark.storage.shard.Shard;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * InfluxDB's {@code database} statistics: for each database with shards on this node, {@code numSeries} (distinct
 * series over all its shards and retention policies) and {@code numMeasurements}, exact as InfluxDB's inmem index
 * gives them. One shard answers from its index's counters. Several shards share most series (a shard per week of
 * the same hosts), so their union is counted: each live key's 64-bit hash, sorted, the distinct ones counted (a
 * collision would undercount by one; at 10 M series its chance is about 3 in a million).
 *
 * <p>What is counted is remembered until a shard of the database is added, dropped or changes its series
 * ({@link SeriesIndex#changeCount()}); then it is counted again, at once if the last count took under 50 ms, else not
 * sooner than twenty times its duration after it, so that a database whose series keep growing costs at most 5 % of
 * a core (three shards of a million series each: 0.56–0.64 s a count); meanwhile the answer is the last count.
 * Thread-safe: the counts are immutable and replaced whole.
 */
final class DatabaseStatistics {
    /** A count this quick is made again at once when something changed. */
    private static final long CHEAP_NANOS = 50_000_000L;
    /** A count, and the shards and index changes it was made from. */
    private record Count(long series, long measurements, List<List<Long>> from, long madeAtNanos, long tookNanos) {
    }

    private final MetricRegistry metrics;
    private final Supplier<Iterable<Shard>> shards;
    private final Map<String, Count> counts = new ConcurrentHashMap<>();
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    DatabaseStatistics(MetricRegistry metrics, Supplier<Iterable<Shard>> shards) {
        this.metrics = metrics;
        this.shards = shards;
    }

    /** Makes the database's statistics readable; called whenever a shard of it opens. */
    void register(String database) {
        if (registered.add(database)) {
            MetricGroup g = metrics.group("database", Map.of("database", database));
            g.gauge("numSeries", () -> count(database).series);
            g.gauge("numMeasurements", () -> count(database).measurements);
        }
    }

    /** Drops the database's statistics once no shard of it is left; called after a shard is deleted. */
    void shardDeleted(String database) {
        for (Shard s : shards.get()) {
            if (s.database().equals(database)) {
                return;
            }
        }
        if (registered.remove(database)) {
            metrics.remove("database", Map.of("database", database));
            counts.remove(database);
        }
    }

    private Count count(String database) {
        List<Shard> of = new ArrayList<>();
        for (Shard s : shards.get()) {
            if (s.database().equals(database)) {
                of.add(s);
            }
        }
        List<List<Long>> from = new ArrayList<>(of.size());
        for (Shard s : of) {
            from.add(List.of(s.id(), s.index().index().changeCount()));
        }
        from.sort((a, b) -> Long.compare(a.get(0), b.get(0)));
        long now = System.nanoTime();
        Count last = counts.get(database);
        if (last != null && (last.from.equals(from)
                || (last.tookNanos > CHEAP_NANOS && now - last.madeAtNanos < 20 * last.tookNanos))) {
            return last;
        }
        Count made = countNow(of, from, now);
        counts.put(database, made);
        return made;
    }

    private static Count countNow(List<Shard> of, List<List<Long>> from, long start) {
        if (of.size() == 1) {
            SeriesIndex index = of.getFirst().index().index();
            return new Count(index.seriesCardinality(), index.measurementCardinality(), from, start,
                    System.nanoTime() - start);
        }
        long total = 0;
        Set<String> measurements = new HashSet<>();
        for (Shard s : of) {
            SeriesIndex index = s.index().index();
            total += index.seriesCardinality();
            measurements.addAll(index.measurements());
        }
        long[] hashes = new long[(int) Math.min(Integer.MAX_VALUE - 8, total + 1024)];
        int[] n = {0};
        for (Shard s : of) {
            s.index().index().forEachLiveKeyHash(h -> {
                // Series added since the totals were read, past the slack, wait for the next count.
                if (n[0] == hashes.length) {
                    return;
                }
                hashes[n[0]++] = h;
            });
        }
        Arrays.sort(hashes, 0, n[0]);
        long distinct = 0;
        for (int i = 0; i < n[0]; i++) {
            if (i == 0 || hashes[i] != hashes[i - 1]) {
                distinct++;
            }
        }
        return new Count(distinct, measurements.size(), from, start, System.nanoTime() - start);
    }
}
