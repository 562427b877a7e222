package io.tidemark.server.query;

import io.tidemark.common.GoDuration;
import io.tidemark.common.metrics.MetricGroup;
import io.tidemark.common.metrics.MetricRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running queries of a node, for {@code SHOW QUERIES} and {@code KILL QUERY}, and the enforcement of
 * {@code max-concurrent-queries}, {@code query-timeout} and {@code log-queries-after}, as InfluxDB's task
 * manager does.
 *
 * <p>A query is stopped by interrupting the worker thread that runs it; the query engine checks the interrupt and
 * ends with {@code query interrupted}. Because the worker goes back to a pool afterwards, a kill and the end of the
 * query are ordered through the handle's state so that an interrupt never outlives its query (see
 * {@link Running#finish}). Readers must therefore never use interruptible channels for shared files (the storage
 * reads from memory and memory-mapped segments). One timer thread; thread-safe.
 */
public final class QueryManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueryManager.class);

    private final int maxConcurrent;
    private final Duration timeout;
    private final Duration logAfter;
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicInteger running = new AtomicInteger();
    private final ConcurrentSkipListMap<Long, Running> queries = new ConcurrentSkipListMap<>();
    private final ScheduledExecutorService timer;
    private final LongAdder executed;
    private final LongAdder killed;
    private final LongAdder timedOut;
    private final LongAdder finished;
    private final LongAdder durationNanos;

    /**
     * @param maxConcurrent {@code max-concurrent-queries}, 0 = unlimited
     * @param timeout       {@code query-timeout}, zero = none
     * @param logAfter      {@code log-queries-after}, zero = never
     */
    public QueryManager(int maxConcurrent, Duration timeout, Duration logAfter, MetricRegistry metrics,
                        String nodeName) {
        this.maxConcurrent = maxConcurrent;
        this.timeout = timeout;
        this.logAfter = logAfter;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "query-timer-" + nodeName);
            t.setDaemon(true);
            return t;
        });
        MetricGroup stats = metrics.group("queryExecutor");
        this.executed = stats.counter("queriesExecuted");
        this.killed = stats.counter("queriesKilled");
        this.timedOut = stats.counter("queriesTimedOut");
        this.finished = stats.counter("queriesFinished");
        this.durationNanos = stats.counter("queryDurationNs");
        stats.gauge("queriesActive", running::get);
    }

    /**
     * Registers a query about to run on the calling thread.
     *
     * @throws QueryLimitException when {@code max-concurrent-queries} are already running
     */
    public Running start(String text, String database) throws QueryLimitException {
        int n = running.incrementAndGet();
        if (maxConcurrent > 0 && n > maxConcurrent) {
            running.decrementAndGet();
            throw new QueryLimitException("max-concurrent-queries limit exceeded(" + n + ", " + maxConcurrent + ")");
        }
        Running q = new Running(nextId.getAndIncrement(), text, database == null ? "" : database,
                Thread.currentThread(), System.nanoTime());
        queries.put(q.id, q);
        executed.increment();
        if (timeout.isPositive()) {
            q.timeoutTask = timer.schedule(() -> {
                // Set before the interrupt, so that the query's thread sees why it was stopped.
                q.timedOut = true;
                if (q.kill()) {
                    timedOut.increment();
                }
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        if (logAfter.isPositive()) {
            q.logTask = timer.schedule(() -> LOG.warn("Detected slow query: {} (qid: {}, database: {}, threshold: {})",
                    q.text, q.id, q.database, GoDuration.format(logAfter)), logAfter.toNanos(), TimeUnit.NANOSECONDS);
        }
        return q;
    }

    /** {@code KILL QUERY id}: InfluxDB's errors for an unknown or already killed query. */
    public void kill(long id) throws QueryLimitException {
        Running q = queries.get(id);
        if (q == null) {
            throw new QueryLimitException("no such query id: " + id);
        }
        if (!q.kill()) {
            throw new QueryLimitException("already killed");
        }
        killed.increment();
    }

    /** The rows of {@code SHOW QUERIES}: qid, query, database, duration, status. */
    public List<List<Object>> show() {
        List<List<Object>> rows = new ArrayList<>();
        long now = System.nanoTime();
        for (Running q : queries.values()) {
            rows.add(List.of(q.id, q.text, q.database, formatDuration(now - q.startNanos),
                    q.state.get() == Running.RUNNING ? "running" : "killed"));
        }
        return rows;
    }

    /** InfluxQL's duration format: the largest whole unit (5s, 120ms, 62µs), as InfluxDB shows query durations. */
    static String formatDuration(long nanos) {
        if (nanos >= 1_000_000_000L) {
            return GoDuration.format(Duration.ofSeconds(nanos / 1_000_000_000L));
        }
        if (nanos >= 1_000_000L) {
            return (nanos / 1_000_000L) + "ms";
        }
        if (nanos >= 1_000L) {
            return (nanos / 1_000L) + "µs";
        }
        return nanos + "ns";
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** A registered query. {@link #finish()} must be called on the query's thread when it ends, in a finally. */
    public final class Running {
        static final int RUNNING = 0;
        static final int KILLING = 1;
        static final int KILLED = 2;
        static final int DONE = 3;

        private final long id;
        private final String text;
        private final String database;
        private final Thread thread;
        private final long startNanos;
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private volatile boolean timedOut;
        private volatile ScheduledFuture<?> timeoutTask;
        private volatile ScheduledFuture<?> logTask;

        private Running(long id, String text, String database, Thread thread, long startNanos) {
            this.id = id;
            this.text = text;
            this.database = database;
            this.thread = thread;
            this.startNanos = startNanos;
        }

        public long id() {
            return id;
        }

        /** True when the query was stopped by {@code query-timeout} rather than by {@code KILL QUERY}. */
        public boolean timedOut() {
            return timedOut;
        }

        public boolean killed() {
            return state.get() == KILLED || state.get() == KILLING;
        }

        private boolean kill() {
            if (!state.compareAndSet(RUNNING, KILLING)) {
                return false;
            }
            thread.interrupt();
            state.set(KILLED);
            return true;
        }

        /**
         * Unregisters the query. If it was killed, waits until the interrupt has been delivered and then clears it,
         * so that the pool thread's next task does not start interrupted.
         */
        public void finish() {
            if (!state.compareAndSet(RUNNING, DONE)) {
                while (state.get() == KILLING) {
                    Thread.onSpinWait();
                }
                Thread.interrupted();
            }
            ScheduledFuture<?> t = timeoutTask;
            if (t != null) {
                t.cancel(false);
            }
            ScheduledFuture<?> l = logTask;
            if (l != null) {
                l.cancel(false);
            }
            queries.remove(id);
            running.decrementAndGet();
            finished.increment();
            durationNanos.add(System.nanoTime() - startNanos);
        }
    }

    /** A query refused or a kill that cannot be done; the message is InfluxDB's. */
    public static final class QueryLimitException extends Exception {
        public QueryLimitException(String message) {
            super(message);
        }
    }
}
