package io.tidemark.query.agg;

import io.tidemark.query.memory.HeapEstimates;
import io.tidemark.query.series.SeriesKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * {@code top(f[, tag...], n)} / {@code bottom(...)}: the {@code n} largest (smallest) points, the earliest among
 * equal values, and the first added among points equal in value and time. Without tag arguments only the {@code n}
 * best points seen so far are kept, as InfluxDB's top and bottom reducers keep a heap of {@code n}. With tag
 * arguments, only the largest (smallest) point of each combination of those tags' values competes, as InfluxDB
 * first reduces by those tags with {@code max()} ({@code min()}): one point per combination is kept.
 * Not thread-safe.
 */
final class TopBottomReducer implements Reducer {
    /** A kept point and the order it came in, which breaks ties of value and time. */
    private record Candidate(AggPoint point, long sequence) {
    }

    /** A {@link Candidate}: header, reference and sequence. */
    private static final long CANDIDATE = HeapEstimates.object(HeapEstimates.REFERENCE + 8);

    private final boolean top;
    private final int n;
    private final List<String> tagArgs;
    /** Best first: by value (descending for top), then time, then arrival. */
    private final Comparator<Candidate> order;
    /** Without tag arguments: the best {@code n} candidates so far, the worst at the head. */
    private final PriorityQueue<Candidate> best;
    private final Map<List<String>, AggPoint> bestByTags = new LinkedHashMap<>();
    private long sequence;

    TopBottomReducer(boolean top, int n, List<String> tagArgs) {
        this.top = top;
        this.n = n;
        this.tagArgs = List.copyOf(tagArgs);
        Comparator<Candidate> byValue = (a, b) -> Values.compare(a.point().value(), b.point().value());
        this.order = (top ? byValue.reversed() : byValue)
                .thenComparingLong(c -> c.point().time())
                .thenComparingLong(Candidate::sequence);
        this.best = new PriorityQueue<>(order.reversed());
    }

    @Override
    public long add(long time, Object value, Object[] aux, SeriesKey series) {
        AggPoint p = new AggPoint(time, value, aux);
        if (tagArgs.isEmpty()) {
            return offer(new Candidate(p, sequence++));
        }
        List<String> key = new ArrayList<>(tagArgs.size());
        for (String t : tagArgs) {
            key.add(series.tag(t));
        }
        AggPoint kept = bestByTags.get(key);
        if (kept == null) {
            bestByTags.put(key, p);
            // The key's tag values are the series key's strings: only the list is new.
            return HeapEstimates.HASH_ENTRY + HeapEstimates.object(4 + 4 + HeapEstimates.REFERENCE)
                    + HeapEstimates.array(tagArgs.size()) + p.estimatedBytes();
        }
        int c = Values.compare(value, kept.value());
        if ((top ? c > 0 : c < 0) || (c == 0 && time < kept.time())) {
            bestByTags.put(key, p);
            return p.estimatedBytes() - kept.estimatedBytes();
        }
        return 0;
    }

    /** Keeps the candidate if it is among the best {@code n}; returns the change in bytes held. */
    private long offer(Candidate c) {
        if (n <= 0) {
            return 0;
        }
        if (best.size() < n) {
            best.add(c);
            return HeapEstimates.LIST_SLOT + CANDIDATE + c.point().estimatedBytes();
        }
        Candidate worst = best.peek();
        if (order.compare(c, worst) >= 0) {
            return 0;
        }
        best.poll();
        best.add(c);
        return c.point().estimatedBytes() - worst.point().estimatedBytes();
    }

    @Override
    public long fixedBytes() {
        return HeapEstimates.object(1 + 4 + 8 + 4 * HeapEstimates.REFERENCE) + HeapEstimates.object(
                4 * HeapEstimates.REFERENCE) + HeapEstimates.LIST + HeapEstimates.HASH_MAP;
    }

    @Override
    public List<AggPoint> emit() {
        if (tagArgs.isEmpty()) {
            List<Candidate> kept = new ArrayList<>(best);
            kept.sort(order);
            List<AggPoint> out = new ArrayList<>(kept.size());
            for (Candidate c : kept) {
                out.add(c.point());
            }
            return out;
        }
        List<AggPoint> candidates = new ArrayList<>(bestByTags.values());
        Comparator<AggPoint> byValue = (a, b) -> Values.compare(a.value(), b.value());
        candidates.sort((top ? byValue.reversed() : byValue).thenComparingLong(AggPoint::time));
        return new ArrayList<>(candidates.subList(0, Math.min(n, candidates.size())));
    }
}
