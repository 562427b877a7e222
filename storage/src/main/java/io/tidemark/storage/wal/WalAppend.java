package io.tidemark.storage.wal;

import io.tidemark.storage.api.PointBatch;
import io.tidemark.storage.api.ShardWriteException;
import java.util.concurrent.CompletableFuture;

/**
 * One entry to append to a shard's log, and its completion. The committer appends it, syncs it with the rest of its
 * group, then runs {@code afterSync} (which applies the batch to the cache, in log order) and completes it; or fails
 * it with the reason. The writer leaves a continuation on {@link #completion()}, which then runs on the committer
 * thread and must be short and must not block. Thread-safe: the fields the
 * committer sets are published by the future's completion.
 */
public final class WalAppend implements WalRequest {
    final ShardWal wal;
    final byte type;
    final PointBatch payload;
    final Runnable afterSync;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile boolean afterSyncStarted;

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
        done.complete(null);
    }

    /** Fails the write unless it was completed already. */
    void fail(ShardWriteException e) {
        done.completeExceptionally(e);
    }

    /**
     * Completes normally once the entry is durable and applied, or exceptionally with the
     * {@link ShardWriteException} that failed it. A write cannot be abandoned once queued, since its entry may
     * already be durable: nothing here cancels it.
     */
    public CompletableFuture<Void> completion() {
        return done;
    }
}
