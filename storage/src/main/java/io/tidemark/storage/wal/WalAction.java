package io.tidemark.storage.wal;

/** An action the WAL committer runs on its thread, in queue order (see {@link WalCommitter#runInOrder}). */
@FunctionalInterface
public interface WalAction {
    void run() throws Exception;
}
