package io.tidemark.storage.shard;

import io.tidemark.storage.CompactionConfig;
import io.tidemark.storage.tsm.WriteThrottle;
import io.tidemark.storage.wal.WalCommitter;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background work of a store's shards: one maintenance thread writes frozen cache generations to files
 * (snapshots, one shard after another, so that snapshot I/O never competes with itself), freezes caches that went
 * cold, answers flush requests (a delete needs every earlier write in files), and plans compactions, which a fixed
 * pool of {@code max-concurrent-compactions} threads runs, one per shard at a time, all sharing one write throttle.
 *
 * <p>Bounds: the thread count is fixed; the compaction queue holds at most one plan per shard (a shard with a
 * compaction queued or running is not planned again) and at most {@value #COMPACTION_QUEUE} in all: a plan that
 * finds it full is dropped and made again on a later round. A snapshot that fails is retried after a back-off that
 * doubles up to {@value #MAX_BACKOFF_SECONDS} s; meanwhile the cache keeps its generations and writes go on until
 * {@code cache-max-memory-size}. Flush and retire requests are queued without a limit of their own: each comes from a
 * caller that waits for it (a delete on a request worker, a shard deletion), so there are never more than there are
 * such threads.
 *
 * <p>Thread-safe.
 */
public final class ShardMaintenance implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShardMaintenance.class);
    private static final int COMPACTION_QUEUE = 256;
    private static final long MAX_BACKOFF_SECONDS = 60;
    private static final long ROUND_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final CompactionConfig config;
    private final WalCommitter committer;
    private final Supplier<Collection<Shard>> shards;
    private final WriteThrottle throttle;
    private final ThreadPoolExecutor compactions;
    private final Thread thread;
    private final Semaphore wakeUps = new Semaphore(0);
    private final ConcurrentLinkedQueue<FlushRequest> flushes = new ConcurrentLinkedQueue<>();
    /** Maintenance thread only. */
    private final Map<Shard, Backoff> backoffs = new HashMap<>();
    private volatile boolean closed;

    /** A flush of a shard's cache, or (flush false) a barrier: done once no snapshot of the shard runs. */
    private record FlushRequest(Shard shard, boolean flush, CompletableFuture<Long> done) {
    }

    private static final class Backoff {
        long notBeforeNanos;
        long delaySeconds = 1;
    }

    public ShardMaintenance(CompactionConfig config, WalCommitter committer, Supplier<Collection<Shard>> shards,
            String name) {
        this.config = config;
        this.committer = committer;
        this.shards = shards;
        this.throttle = WriteThrottle.perSecond(config.compactThroughputBytesPerSecond(),
                config.compactThroughputBurstBytes());
        int threads = config.compactionThreads();
        this.compactions = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(COMPACTION_QUEUE), r -> {
                    Thread t = new Thread(r, "tidemark-compaction " + name);
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.thread = new Thread(this::run, "tidemark-maintenance " + name);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Asks for a round soon (a shard froze a generation). Never blocks. */
    public void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /**
     * Freezes the shard's cache and writes every frozen generation to files; returns the number of the newest
     * generation now in files (every write acknowledged before this call is in a generation at or below it). Waits
     * at most {@code timeoutSeconds}.
     *
     * @throws IOException if the snapshot failed or took too long
     */
    public long flush(Shard shard, long timeoutSeconds) throws IOException {
        CompletableFuture<Long> done = new CompletableFuture<>();
        if (closed) {
            throw new IOException("the store is closing");
        }
        flushes.add(new FlushRequest(shard, true, done));
        wakeUp();
        try {
            return done.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("shard " + shard.id() + ": writing its cache to files took more than "
                    + timeoutSeconds + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for shard " + shard.id() + "'s snapshot", e);
        }
    }

    private void run() {
        while (!closed) {
            try {
                wakeUps.tryAcquire(ROUND_NANOS, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                // Only close() interrupts this thread.
                continue;
            }
            if (closed) {
                break;
            }
            try {
                round();
            } catch (RuntimeException e) {
                LOG.error("BUG: storage maintenance round failed", e);
            }
        }
        FlushRequest r;
        while ((r = flushes.poll()) != null) {
            r.done.completeExceptionally(new IOException("the store is closing"));
        }
    }

    private void round() {
        FlushRequest r;
        while ((r = flushes.poll()) != null) {
            if (!r.flush) {
                r.done.complete(0L);
                continue;
            }
            try {
                r.shard.rotateInOrder(committer);
                long seq = r.shard.cache().active().seq() - 1;
                r.shard.snapshotFrozen(committer);
                r.done.complete(seq);
            } catch (IOException | RuntimeException e) {
                r.done.completeExceptionally(e);
            }
        }
        long now = System.nanoTime();
        long snapshotCold = config.cacheSnapshotWriteColdDuration().toNanos();
        for (Shard s : shards.get()) {
            if (closed) {
                return;
            }
            boolean wanted = s.takeSnapshotWanted();
            if (s.isDeleted()) {
                continue;
            }
            Backoff b = backoffs.get(s);
            if (b != null && now < b.notBeforeNanos) {
                continue;
            }
            try {
                if (!s.hasFrozen() && (s.isOverSnapshotSize() || s.isColdSince(now, snapshotCold))) {
                    s.rotateInOrder(committer);
                }
                if (wanted || s.hasFrozen()) {
                    s.snapshotFrozen(committer);
                }
                backoffs.remove(s);
            } catch (IOException | RuntimeException e) {
                Backoff next = b == null ? new Backoff() : b;
                LOG.error("shard {}: cannot write its cache to a TSM file; the WAL keeps the data, retrying in {} s",
                        s.id(), next.delaySeconds, e);
                next.notBeforeNanos = now + TimeUnit.SECONDS.toNanos(next.delaySeconds);
                next.delaySeconds = Math.min(MAX_BACKOFF_SECONDS, next.delaySeconds * 2);
                backoffs.put(s, next);
            }
        }
        backoffs.keySet().retainAll(shards.get());
        planCompactions(now);
    }

    private void planCompactions(long now) {
        long fullCold = config.compactFullWriteColdDuration().toNanos();
        for (Shard s : shards.get()) {
            if (closed || s.compacting.get() || s.isDeleted()) {
                continue;
            }
            Optional<CompactionPlan> plan = s.planCompaction(now, fullCold, config.filesPerLevelCompaction());
            if (plan.isEmpty() || !s.compacting.compareAndSet(false, true)) {
                continue;
            }
            // The files opened at startup had only their index checksums checked. Their index entries are walked
            // before the first compaction reads them, not as soon as the store serves: then the walk would compete
            // with a restart's first queries for the cores. A damaged file leaves the set; the next round plans
            // again.
            Runnable work = s.hasUncheckedFileIndexes() ? () -> checkFileIndexes(s) : () -> compact(s, plan.get());
            try {
                compactions.execute(work);
            } catch (RejectedExecutionException e) {
                s.compacting.set(false);
            }
        }
    }

    private void checkFileIndexes(Shard s) {
        boolean done = false;
        try {
            if (!closed && !s.isDeleted()) {
                s.checkFileIndexes();
                done = true;
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("shard {}: checking the index of its TSM files failed; retrying in the next round", s.id(), e);
        } finally {
            s.compacting.set(false);
            if (done) {
                wakeUp();
            }
        }
    }

    private void compact(Shard s, CompactionPlan plan) {
        try {
            if (!closed && !s.isDeleted()) {
                s.compact(plan, committer, throttle, () -> closed || s.isDeleted());
            }
        } catch (IOException | RuntimeException e) {
            if (closed || s.isDeleted()) {
                LOG.debug("shard {}: compaction stopped: the store is closing or the shard was deleted", s.id());
            } else {
                LOG.error("shard {}: compaction of {} failed; its files stay as they were", s.id(), plan.inputs(), e);
            }
        } finally {
            s.compacting.set(false);
            wakeUp();
        }
    }

    /**
     * Marks a shard deleted and waits until no snapshot or compaction of it runs any more (a running compaction is
     * abandoned), so that its files can be removed. Waits at most {@code timeoutSeconds}.
     */
    public void retire(Shard shard, long timeoutSeconds) throws IOException {
        shard.markDeleted();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        if (!closed && thread.isAlive()) {
            CompletableFuture<Long> done = new CompletableFuture<>();
            flushes.add(new FlushRequest(shard, false, done));
            wakeUp();
            try {
                done.get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IOException("shard " + shard.id() + ": its snapshot did not stop within " + timeoutSeconds
                        + " s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while retiring shard " + shard.id(), e);
            }
        }
        while (shard.compacting.get()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("shard " + shard.id() + ": its compaction did not stop within " + timeoutSeconds
                        + " s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** Stops the maintenance thread and the compactions (a running merge is abandoned); waits for them. */
    @Override
    public void close() {
        closed = true;
        wakeUp();
        compactions.shutdown();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        try {
            while (!compactions.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.info("waiting for compactions to stop");
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
