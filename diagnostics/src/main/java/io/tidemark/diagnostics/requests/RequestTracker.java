package io.tidemark.diagnostics.requests;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts writes and queries per client for {@code /debug/requests?seconds=N}, like InfluxDB's request
 * tracker: the HTTP layer calls {@link #record} for every write and query, and {@link #collect} returns the
 * counts of one period. Recording costs one volatile read while no collection runs.
 *
 * <p>Bounds: at most {@value #MAX_COLLECTIONS} collections at once (more are refused), and at most
 * {@value #MAX_CLIENTS} clients per collection; requests of further clients are counted under the key
 * {@value #OTHER_CLIENTS}. Thread-safe; the caller's thread is never held: collections end on the given
 * scheduler.
 */
public final class RequestTracker implements AutoCloseable {
    public static final int MAX_COLLECTIONS = 16;
    public static final int MAX_CLIENTS = 100_000;
    public static final String OTHER_CLIENTS = "(other clients)";

    private final ScheduledExecutorService scheduler;
    private final Object collectionsLock = new Object();
    // Copy-on-write, replaced under collectionsLock; read without it on every request.
    private volatile Period[] active = new Period[0];

    public RequestTracker(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Counts one request. The key is {@code user:ip} as InfluxDB makes it, or just the IP without a user.
     *
     * @param user     the authenticated user, or {@code null} or empty
     * @param remoteIp the client's address without the port
     */
    public void record(String user, String remoteIp, RequestKind kind) {
        Period[] collections = active;
        if (collections.length == 0) {
            return;
        }
        String key = user == null || user.isEmpty() ? remoteIp : user + ":" + remoteIp;
        for (Period c : collections) {
            c.add(key, kind);
        }
    }

    /**
     * Counts requests for {@code period}, then completes with the counts by client key, sorted. A period of
     * zero or less completes at once with nothing, as InfluxDB does for a negative {@code seconds}.
     * Cancelling the future ends the collection early.
     *
     * @return the counts, or a future failed with {@link TooManyCollectionsException} when
     *         {@value #MAX_COLLECTIONS} collections are running
     */
    public CompletableFuture<Map<String, RequestCounts>> collect(Duration period) {
        if (period.isNegative() || period.isZero()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        Period c = new Period();
        synchronized (collectionsLock) {
            if (active.length >= MAX_COLLECTIONS) {
                return CompletableFuture.failedFuture(new TooManyCollectionsException(
                        "too many /debug/requests collections running (" + MAX_COLLECTIONS + "); try again later"));
            }
            Period[] next = Arrays.copyOf(active, active.length + 1);
            next[next.length - 1] = c;
            active = next;
        }
        ScheduledFuture<?> end = scheduler.schedule(() -> {
            remove(c);
            c.result.complete(c.counts());
        }, period.toNanos(), TimeUnit.NANOSECONDS);
        c.result.whenComplete((counts, failure) -> {
            if (c.result.isCancelled()) {
                end.cancel(false);
                remove(c);
            }
        });
        return c.result;
    }

    /** Ends every collection under way; their futures are cancelled. */
    @Override
    public void close() {
        Period[] running;
        synchronized (collectionsLock) {
            running = active;
        }
        for (Period c : running) {
            c.result.cancel(false);
        }
    }

    private void remove(Period c) {
        synchronized (collectionsLock) {
            Period[] current = active;
            int at = -1;
            for (int i = 0; i < current.length; i++) {
                if (current[i] == c) {
                    at = i;
                }
            }
            if (at < 0) {
                return;
            }
            Period[] next = new Period[current.length - 1];
            System.arraycopy(current, 0, next, 0, at);
            System.arraycopy(current, at + 1, next, at, current.length - at - 1);
            active = next;
        }
    }

    /** Refusal of a collection beyond {@link #MAX_COLLECTIONS}. */
    public static final class TooManyCollectionsException extends RuntimeException {
        TooManyCollectionsException(String message) {
            super(message);
        }
    }

    private static final class Period {
        final ConcurrentHashMap<String, LongAdder[]> byClient = new ConcurrentHashMap<>();
        final CompletableFuture<Map<String, RequestCounts>> result = new CompletableFuture<>();

        void add(String key, RequestKind kind) {
            LongAdder[] counts = byClient.get(key);
            if (counts == null) {
                String k = byClient.size() >= MAX_CLIENTS ? OTHER_CLIENTS : key;
                counts = byClient.computeIfAbsent(k, x -> new LongAdder[] {new LongAdder(), new LongAdder()});
            }
            counts[kind.ordinal()].increment();
        }

        Map<String, RequestCounts> counts() {
            Map<String, RequestCounts> out = new TreeMap<>();
            byClient.forEach((k, v) -> out.put(k, new RequestCounts(v[RequestKind.WRITE.ordinal()].sum(),
                    v[RequestKind.QUERY.ordinal()].sum())));
            return out;
        }
    }
}
