package io.tidemark.http;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * InfluxDB's write throttle ({@code [http] max-concurrent-write-limit}, {@code max-enqueued-write-limit},
 * {@code enqueued-write-timeout}): at most {@code concurrent} writes run at once, from their start until their answer
 * (their fsync included); others wait, at most {@code maxWaiting} of them ("request throttled, queue full" beyond),
 * each for at most {@code timeout} ("request throttled, exceeds timeout"), both 503 as InfluxDB answers them. A waiting
 * write holds no thread: it is a queued request that a finishing write starts. InfluxDB lets any number wait when its
 * enqueued limit is 0; here they are bounded by the request queue's size then.
 *
 * <p>Thread-safe. The lock guards two counters and the queue only; nothing is started, answered or scheduled while it
 * is held.
 */
final class ConcurrentWriteLimit {
    static final String QUEUE_FULL = "request throttled, queue full";
    static final String TIMED_OUT = "request throttled, exceeds timeout";

    /** A write waiting for a slot: what starts it, what refuses it, and its timeout's timer. */
    private static final class Waiting {
        final Runnable start;
        final Refusal refuse;
        volatile ScheduledFuture<?> timer;

        Waiting(Runnable start, Refusal refuse) {
            this.start = start;
            this.refuse = refuse;
        }
    }

    /** Answers a refused write with InfluxDB's text. */
    interface Refusal {
        void refuse(String reason);
    }

    private final int concurrent;
    private final int maxWaiting;
    private final long timeoutNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private int running;

    /**
     * @param concurrent at least 1
     * @param maxWaiting at least 1
     * @param timeout how long a write may wait; zero for no limit
     */
    ConcurrentWriteLimit(int concurrent, int maxWaiting, Duration timeout) {
        if (concurrent < 1 || maxWaiting < 1) {
            throw new IllegalArgumentException("concurrent and waiting limits must be at least 1");
        }
        this.concurrent = concurrent;
        this.maxWaiting = maxWaiting;
        this.timeoutNanos = timeout.toNanos();
    }

    /**
     * Starts a write now if fewer than the limit run, else queues it (its timeout on {@code timers}), else refuses it.
     * A started write must call {@link #finished} once, when its answer is handed on.
     */
    void admit(Runnable start, Refusal refuse, ScheduledExecutorService timers) {
        Waiting w = null;
        boolean startNow = false;
        lock.lock();
        try {
            if (running < concurrent) {
                running++;
                startNow = true;
            } else if (waiting.size() < maxWaiting) {
                w = new Waiting(start, refuse);
                waiting.add(w);
            }
        } finally {
            lock.unlock();
        }
        if (startNow) {
            start.run();
        } else if (w == null) {
            refuse.refuse(QUEUE_FULL);
        } else if (timeoutNanos > 0) {
            Waiting queued = w;
            w.timer = timers.schedule(() -> expire(queued), timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** A started write was answered: its slot goes to the write that waited longest, if any. */
    void finished() {
        Waiting next;
        lock.lock();
        try {
            next = waiting.poll();
            if (next == null) {
                running--;
            }
        } finally {
            lock.unlock();
        }
        if (next != null) {
            if (next.timer != null) {
                next.timer.cancel(false);
            }
            next.start.run();
        }
    }

    /** Writes running now (for tests and statistics). */
    int running() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }

    private void expire(Waiting w) {
        boolean removed;
        lock.lock();
        try {
            removed = waiting.remove(w);
        } finally {
            lock.unlock();
        }
        if (removed) {
            w.refuse.refuse(TIMED_OUT);
        }
    }
}
