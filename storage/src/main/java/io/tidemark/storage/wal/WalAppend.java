package io.tidemark.storage.wal;

import io.tidemark.storage.api.PointBatch;
import io.tidemark.storage.api.ShardWriteException;
import java.util.concurrent.CountDownLatch;

/**
 * One entry to append to a shard's log, and the writer waiting for it. The committer appends it, syncs it with the
 * rest of its group, then runs {@code afterSync} (which applies the batch to the cache, in log order) and completes
 * it; or fails it with the reason. Thread-safe: the fields the committer sets are published by the latch.
 */
public final class WalAppend implements WalRequest {
    final ShardWal wal;
    final byte type;
    final PointBatch payload;
    final Runnable afterSync;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean afterSyncStarted;
    private volatile ShardWriteException failure;

    /**
     * @param afterSync runs on the committer thread once the entry is durable, before the writer is released; if it
     *     throws, the write fails and the shard's log is failed (the cache no longer matches the log)
     */
    public WalAppend(ShardWal wal, byte type, PointBatch payload, Runnable afterSync) {
        if (payload.sizeBytes() > WalFormat.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("WAL entry of " + payload.sizeBytes() + " bytes exceeds "
                    + WalFormat.MAX_PAYLOAD_BYTES);
        }
        this.wal = wal;
        this.type = type;
        this.payload = payload;
        this.afterSync = afterSync;
    }

    /** Whether {@code afterSync} began; if not, the write had no effect on the cache. Valid after completion. */
    public boolean afterSyncStarted() {
        return afterSyncStarted;
    }

    void runAfterSync() {
        afterSyncStarted = true;
        afterSync.run();
    }

    void complete() {
        done.countDown();
    }

    /** Fails the write unless it was completed already. */
    void fail(ShardWriteException e) {
        if (done.getCount() == 0) {
            return;
        }
        failure = e;
        done.countDown();
    }

    /** Waits for completion; a write cannot be abandoned once queued, since its entry may already be durable. */
    void await() throws ShardWriteException {
        awaitUninterruptibly(done);
        ShardWriteException e = failure;
        if (e != null) {
            // Thrown as is so that its type (ShardNotFoundException, say) reaches the caller.
            throw e;
        }
    }

    static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
