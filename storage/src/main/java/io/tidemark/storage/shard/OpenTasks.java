package io.tidemark.storage.shard;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for the tasks that open a shard's parts, with their failures rethrown as they were thrown. */
final class OpenTasks {
    private OpenTasks() {
    }

    /**
     * The task's result.
     *
     * @throws IOException what the task threw, or if the wait was interrupted (the interrupt is kept)
     */
    static <T> T await(Future<T> task, Path what) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while opening " + what);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException re -> throw re;
                case Error err -> throw err;
                default -> throw new IOException("opening " + what + " failed", e.getCause());
            }
        }
    }

    /** The task's result, or null if it failed or the wait was interrupted: for cleaning up after another failure. */
    static <T> T awaitQuietly(Future<T> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null;
        }
    }
}
