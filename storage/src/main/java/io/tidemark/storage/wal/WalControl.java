package io.tidemark.storage.wal;

import java.util.concurrent.CountDownLatch;

/**
 * An action the committer performs in queue order, after the appends queued before it are synced and completed.
 * Thread-safe: created by a caller, performed by the committer, awaited by the caller.
 */
final class WalControl implements WalRequest {
    enum Kind {
        /** Sync and close one shard's log (the shard is being deleted). */
        CLOSE_LOG,
        /** Sync and close every log and stop the committer. */
        SHUTDOWN,
        /** Run an action on the committer thread, ordered among one shard's appends. */
        RUN
    }

    final Kind kind;
    final ShardWal wal;
    final WalAction action;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Throwable error;

    WalControl(Kind kind, ShardWal wal) {
        this(kind, wal, null);
    }

    WalControl(Kind kind, ShardWal wal, WalAction action) {
        this.kind = kind;
        this.wal = wal;
        this.action = action;
    }

    void complete(Throwable error) {
        this.error = error;
        done.countDown();
    }

    /** Waits until performed; returns the error it met, or null. */
    Throwable await() {
        awaitUninterruptibly(done);
        return error;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
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
