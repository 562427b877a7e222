package io.tidemark.diagnostics.watchdog;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The calls a node has in flight that others wait for (to another node; the WAL's fsync, which writes wait for
 * without a thread of their own), so that the {@link Watchdog} can report calls that take too long and
 * name the thread waiting for them, e.g. the lock holder a pile-up waits behind. Register every call to
 * another node:
 *
 * <pre>{@code
 * try (var call = inFlight.begin("write to node 2", deadline)) {
 *     ... send, wait for the answer ...
 * }
 * }</pre>
 *
 * <p>The description groups calls in findings, so keep it free of per-call ids ("write to node 2", not
 * "write 81723 to node 2"). There is no bound of its own: it holds as many entries as callers have calls
 * open, which their own limits bound; a call never closed stays and is reported as slow, which is the point.
 * Thread-safe; {@code begin} and {@code close} cost one map update each.
 */
public final class InFlightCalls {
    private final InstantSource clock;
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentHashMap<Long, InFlightCall> calls = new ConcurrentHashMap<>();

    public InFlightCalls(InstantSource clock) {
        this.clock = clock;
    }

    /** Registers a call made by the current thread that must end by {@code deadline}. */
    public Call begin(String description, Instant deadline) {
        Thread t = Thread.currentThread();
        long id = ids.incrementAndGet();
        calls.put(id, new InFlightCall(id, description, t.threadId(), t.getName(), clock.instant(), deadline));
        return new Call(id);
    }

    /** Registers a call made by the current thread with a deadline {@code timeout} from now. */
    public Call begin(String description, Duration timeout) {
        return begin(description, clock.instant().plus(timeout));
    }

    /** The calls in flight now, oldest first. */
    public List<InFlightCall> snapshot() {
        List<InFlightCall> out = new ArrayList<>(calls.values());
        out.sort(Comparator.comparing(InFlightCall::started).thenComparingLong(InFlightCall::id));
        return out;
    }

    public int size() {
        return calls.size();
    }

    /** The handle of one registered call; closing it (more than once is harmless) ends the registration. */
    public final class Call implements AutoCloseable {
        private final long id;

        private Call(long id) {
            this.id = id;
        }

        @Override
        public void close() {
            calls.remove(id);
        }
    }
}
