package io.tidemark.storage.wal;

import io.tidemark.common.metrics.MetricGroup;
import io.tidemark.storage.IoWatch;
import io.tidemark.storage.api.ShardNotFoundException;
import io.tidemark.storage.api.ShardWriteException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for every shard log of a store, on one thread, so that the number of threads does not grow with
 * shards or load. Writers queue {@link WalAppend}s in a bounded queue and leave a continuation on the append's
 * completion (a blocking writer joins it). The committer takes what is queued (and, with a {@code walFsyncDelay},
 * keeps taking for up to that long), appends each entry to its shard's current segment, fsyncs each touched log once,
 * then, in queue order, applies each durable entry to its cache and completes it (running its continuation), and
 * last runs each touched log's after-group action. Many concurrent writes thus share one fsync, and a write is
 * acknowledged only after its fsync.
 *
 * <p>When the queue is full a writer waits up to {@code queueTimeout} for room, then fails with a
 * {@link ShardWriteException} (the store is overloaded); nothing of its write happened. No lock is held across I/O:
 * the committer owns the files, and callers only touch the queue.
 *
 * <p>Thread-safe.
 */
public final class WalCommitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WalCommitter.class);

    private final ArrayBlockingQueue<WalRequest> queue;
    private final int capacity;
    private final long fsyncDelayNanos;
    private final long queueTimeoutNanos;
    private final Duration queueTimeout;
    private final Thread thread;
    private final WalEntryEncoder encoder = new WalEntryEncoder();
    /** Logs with an open segment; committer-confined. */
    private final Set<ShardWal> openLogs = Collections.newSetFromMap(new IdentityHashMap<>());

    /** Told of each fsync a group waits for; set once after the store opens. */
    private volatile IoWatch ioWatch = IoWatch.NONE;

    /** Set once by close(); writers check it after announcing themselves in {@code submitters}. */
    private volatile boolean closed;
    private final AtomicInteger submitters = new AtomicInteger();

    private final LongAdder groups;
    private final LongAdder entries;
    private final LongAdder fsyncs;
    private final LongAdder queueFull;

    /**
     * @param threadName the committer thread's name (include the node, so several stores in one JVM differ)
     */
    public WalCommitter(int queueCapacity, Duration fsyncDelay, Duration queueTimeout, MetricGroup metrics,
            String threadName) {
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.capacity = queueCapacity;
        this.fsyncDelayNanos = fsyncDelay.toNanos();
        this.queueTimeout = queueTimeout;
        this.queueTimeoutNanos = queueTimeout.toNanos();
        this.groups = metrics.counter("commitGroups");
        this.entries = metrics.counter("entries");
        this.fsyncs = metrics.counter("fsyncs");
        this.queueFull = metrics.counter("queueFull");
        metrics.gauge("queueLength", () -> (long) queue.size());
        this.thread = new Thread(this::run, threadName);
    }

    /** How long a writer may wait for room in the queue: also how long a write may wait for room in a cache. */
    public long queueTimeoutNanos() {
        return queueTimeoutNanos;
    }

    public void start() {
        thread.start();
    }

    /** Reports each group's fsyncs to {@code watch} while they run. */
    public void watchIo(IoWatch watch) {
        this.ioWatch = watch;
    }

    /**
     * Queues an entry without waiting for it: {@link WalAppend#completion()} completes once it is durable and
     * applied, or fails (the log failed, the shard was deleted: {@link ShardNotFoundException}). A writer that leaves
     * a continuation there instead of waiting holds no thread while its fsync is pending, so the writes sharing an
     * fsync are not limited by the threads that make them.
     *
     * @throws ShardWriteException the queue stayed full for the queue timeout, or the committer is closed; the
     *     entry was not queued
     */
    public void submit(WalAppend append) throws ShardWriteException {
        enqueue(append, append.wal);
    }

    /** Syncs and closes a shard's log after the appends queued before; later appends to it fail. */
    public void closeLog(ShardWal wal) throws IOException {
        WalControl c = new WalControl(WalControl.Kind.CLOSE_LOG, wal);
        try {
            enqueue(c, wal);
        } catch (ShardWriteException e) {
            throw new IOException("cannot close the WAL of shard " + wal.shardId() + ": " + e.getMessage(), e);
        }
        Throwable error = c.await();
        if (error != null) {
            throw new IOException("cannot close the WAL of shard " + wal.shardId() + ": " + error.getMessage(), error);
        }
    }

    /**
     * Runs an action on the committer thread after the appends queued before it are durable and applied, and waits
     * for it: what must not interleave with a shard's writes (rotating its cache for a snapshot, trimming or syncing
     * its files). The action should be short; it delays every write of the store while it runs.
     *
     * @throws IOException wrapping what the action threw; if the committer is closed or its queue stayed full; or
     *     if the shard's log was closed before the action's turn came (the action then does not run)
     */
    public void runInOrder(ShardWal wal, WalAction action) throws IOException {
        WalControl c = new WalControl(WalControl.Kind.RUN, wal, action);
        try {
            enqueue(c, wal);
        } catch (ShardWriteException e) {
            throw new IOException("shard " + wal.shardId() + ": " + e.getMessage(), e);
        }
        Throwable error = c.await();
        if (error instanceof IOException io) {
            throw io;
        }
        if (error != null) {
            throw new IOException("shard " + wal.shardId() + ": " + error.getMessage(), error);
        }
    }

    private void enqueue(WalRequest request, ShardWal wal) throws ShardWriteException {
        submitters.incrementAndGet();
        try {
            if (closed) {
                throw new ShardWriteException("cannot write to shard " + wal.shardId() + ": the store is closed");
            }
            boolean queued;
            try {
                queued = queue.offer(request, queueTimeoutNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ShardWriteException("cannot write to shard " + wal.shardId()
                        + ": interrupted while waiting for room in the WAL queue", e);
            }
            if (!queued) {
                queueFull.increment();
                throw new ShardWriteException("cannot write to shard " + wal.shardId() + ": the WAL queue stayed full ("
                        + capacity + " writes waiting) for " + queueTimeout.toMillis() + " ms; the node is overloaded");
            }
        } finally {
            submitters.decrementAndGet();
        }
    }

    /** Stops taking writes, completes those queued, syncs and closes every log, and stops the thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // A writer that saw closed == false is counted in submitters; wait until it has queued (or given up), so
        // that the shutdown request is behind every accepted write.
        while (submitters.get() > 0) {
            LockSupport.parkNanos(100_000);
        }
        if (thread.isAlive() || thread.getState() == Thread.State.NEW) {
            WalControl shutdown = new WalControl(WalControl.Kind.SHUTDOWN, null);
            if (thread.getState() == Thread.State.NEW) {
                thread.start();
            }
            boolean queued = false;
            while (!queued) {
                try {
                    queue.put(shutdown);
                    queued = true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            shutdown.await();
        }
        boolean interrupted = Thread.interrupted();
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- committer thread

    private void run() {
        List<WalAppend> group = new ArrayList<>();
        List<ShardWal> touched = new ArrayList<>();
        boolean running = true;
        while (running) {
            WalRequest first;
            try {
                first = queue.take();
            } catch (InterruptedException e) {
                // Nobody interrupts this thread but a JVM shutdown; keep serving until close().
                continue;
            }
            WalControl control = null;
            try {
                control = gatherAndWrite(first, group, touched);
                finish(group, touched);
            } catch (Throwable t) {
                LOG.error("BUG: WAL commit group failed unexpectedly; failing its writes", t);
                for (WalAppend a : group) {
                    a.wal.fail(t);
                    a.fail(failedLog(a.wal, t));
                }
            } finally {
                for (ShardWal w : touched) {
                    w.inGroup = false;
                }
                group.clear();
                touched.clear();
            }
            if (control != null) {
                running = perform(control);
            }
        }
        failRemaining();
    }

    /** Takes requests up to a control, a full group or the delay, writing each append at once. */
    private WalControl gatherAndWrite(WalRequest first, List<WalAppend> group, List<ShardWal> touched) {
        long deadline = System.nanoTime() + fsyncDelayNanos;
        WalRequest r = first;
        while (true) {
            if (r instanceof WalControl c) {
                return c;
            }
            write((WalAppend) r, group, touched);
            if (group.size() >= capacity) {
                return null;
            }
            r = queue.poll();
            if (r == null) {
                long remaining = deadline - System.nanoTime();
                if (fsyncDelayNanos == 0 || remaining <= 0) {
                    return null;
                }
                try {
                    r = queue.poll(remaining, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    // Only a JVM shutdown interrupts this thread: commit what was gathered.
                    return null;
                }
                if (r == null) {
                    return null;
                }
            }
        }
    }

    private void write(WalAppend a, List<WalAppend> group, List<ShardWal> touched) {
        ShardWal w = a.wal;
        if (w.isClosed()) {
            a.fail(new ShardNotFoundException(w.shardId()));
            return;
        }
        if (w.failure() != null) {
            a.fail(failedLog(w, w.failure()));
            return;
        }
        try {
            w.append(a.type, a.payload, encoder);
            openLogs.add(w);
            entries.increment();
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot append to the WAL of shard {} in {}; the shard takes no more writes until restart",
                    w.shardId(), w.dir(), e);
            w.fail(e);
            openLogs.remove(w);
            a.fail(failedLog(w, e));
            return;
        }
        group.add(a);
        if (!w.inGroup) {
            w.inGroup = true;
            touched.add(w);
        }
    }

    /** Syncs each touched log once, then applies and releases the group's writes in queue order. */
    private void finish(List<WalAppend> group, List<ShardWal> touched) {
        if (group.isEmpty()) {
            return;
        }
        groups.increment();
        for (ShardWal w : touched) {
            if (w.failure() != null) {
                continue;
            }
            try (IoWatch.Handle watched = ioWatch.begin("fsync of the WAL")) {
                w.sync();
                fsyncs.increment();
            } catch (IOException | RuntimeException e) {
                LOG.error("cannot fsync the WAL of shard {} in {}; the shard takes no more writes until restart",
                        w.shardId(), w.dir(), e);
                w.fail(e);
                openLogs.remove(w);
            }
        }
        for (WalAppend a : group) {
            ShardWal w = a.wal;
            if (w.failure() != null) {
                // Not durable for sure (or a later entry of the log could not be applied): not acknowledged.
                a.fail(failedLog(w, w.failure()));
                continue;
            }
            try {
                a.runAfterSync();
            } catch (Throwable t) {
                LOG.error("BUG: cannot apply a durable WAL entry of shard {} to its cache; the shard takes no more"
                        + " writes until restart, when the WAL is replayed", w.shardId(), t);
                w.fail(t);
                openLogs.remove(w);
                a.fail(failedLog(w, t));
                continue;
            }
            complete(a);
        }
        for (ShardWal w : touched) {
            try {
                w.afterGroup();
            } catch (RuntimeException e) {
                LOG.error("after-commit action of shard {} failed", w.shardId(), e);
            }
        }
    }

    /**
     * Completes a durable write. Its continuations run here; one that throws (an executor refusing an asynchronous
     * stage does) is a bug of the caller's, and must not fail the group or the log, whose entries are durable.
     */
    private static void complete(WalAppend a) {
        try {
            a.complete();
        } catch (RuntimeException e) {
            LOG.error("BUG: a continuation of a durable write of shard {} threw", a.wal.shardId(), e);
        }
    }

    /** Performs a control request; returns whether the committer keeps running. */
    private boolean perform(WalControl c) {
        if (c.kind == WalControl.Kind.RUN) {
            if (c.wal.isClosed()) {
                // Queued behind the close of the shard's log: the shard is being dropped (or the store closed), and
                // its files may be closed by now; nothing may touch them any more.
                c.complete(new IOException("shard " + c.wal.shardId() + ": its log is closed"));
                return true;
            }
            try {
                c.action.run();
                c.complete(null);
            } catch (Throwable t) {
                c.complete(t);
            }
            return true;
        }
        if (c.kind == WalControl.Kind.CLOSE_LOG) {
            Throwable error = closeLogNow(c.wal);
            c.complete(error);
            return true;
        }
        Throwable first = null;
        for (ShardWal w : new ArrayList<>(openLogs)) {
            Throwable error = closeLogNow(w);
            if (first == null) {
                first = error;
            }
        }
        c.complete(first);
        return false;
    }

    private Throwable closeLogNow(ShardWal w) {
        openLogs.remove(w);
        try {
            w.close();
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot close the WAL of shard {} in {}", w.shardId(), w.dir(), e);
            w.fail(e);
            return e;
        }
    }

    /** After shutdown nothing should be queued (close() waits for submitters); complete anything that is. */
    private void failRemaining() {
        WalRequest r;
        while ((r = queue.poll()) != null) {
            switch (r) {
                case WalAppend a -> a.fail(new ShardWriteException(
                        "cannot write to shard " + a.wal.shardId() + ": the store is closed"));
                case WalControl c -> c.complete(null);
            }
        }
    }

    private static ShardWriteException failedLog(ShardWal w, Throwable cause) {
        return new ShardWriteException("cannot write to shard " + w.shardId() + ": its WAL failed ("
                + cause.getMessage() + "); the shard takes no more writes until the node restarts", cause);
    }
}
