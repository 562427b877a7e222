package io.tidemark.meta;

import io.tidemark.common.fs.Fs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The metadata of a single node, kept in {@code <meta dir>/meta.json}.
 *
 * <p>Commands are applied one at a time by a single applier thread, which persists each new snapshot atomically
 * (temporary file, fsync, rename, fsync of the directory) before publishing it; so no lock is held across the
 * file I/O and readers never block. The applier's queue is bounded ({@value #QUEUE_CAPACITY}); when it is full a
 * command fails at once with {@link MetaUnavailableException}. Thread-safe.
 */
public final class LocalMetaStore implements MetaClient, AutoCloseable {
    static final String FILE_NAME = "meta.json";
    private static final int QUEUE_CAPACITY = 1024;

    private final Fs fs;
    private final Path file;
    private final MetaCodec codec = new MetaCodec();
    private final MetaStateMachine stateMachine = new MetaStateMachine();
    private final ThreadPoolExecutor applier;
    /** Written only by the applier thread, after the snapshot is durable. */
    private volatile MetaData current;

    private LocalMetaStore(Fs fs, Path dir, MetaData initial, String nodeName) {
        this.fs = fs;
        this.file = dir.resolve(FILE_NAME);
        this.current = initial;
        this.applier = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY),
                r -> {
                    Thread t = new Thread(r, "meta-applier-" + nodeName);
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Opens (or creates) the store in {@code dir}. */
    public static LocalMetaStore open(Fs fs, Path dir, String nodeName) throws IOException {
        fs.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        MetaData initial = fs.exists(file) ? new MetaCodec().decode(fs.readAllBytes(file)) : MetaData.EMPTY;
        return new LocalMetaStore(fs, dir, initial, nodeName);
    }

    @Override
    public MetaData data() {
        return current;
    }

    @Override
    public MetaData execute(MetaCommand command, Duration timeout) throws MetaException, MetaUnavailableException {
        Future<MetaData> result;
        try {
            result = applier.submit(() -> applyAndPersist(command));
        } catch (RejectedExecutionException e) {
            throw new MetaUnavailableException("meta store queue is full or closed", e);
        }
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MetaException me) {
                throw me;
            }
            throw new MetaUnavailableException("cannot apply meta command " + command + ": " + e.getCause(),
                    e.getCause());
        } catch (TimeoutException e) {
            // The command may still be applied later; the caller only learns that it did not finish in time.
            throw new MetaUnavailableException("timeout applying meta command after " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetaUnavailableException("interrupted", e);
        }
    }

    /** Runs on the applier thread only. */
    private MetaData applyAndPersist(MetaCommand command) throws MetaException, IOException {
        MetaData before = current;
        MetaData after = stateMachine.apply(before, command);
        if (after.databases().equals(before.databases()) && after.maxShardId() == before.maxShardId()
                && after.maxShardGroupId() == before.maxShardGroupId()) {
            return before;
        }
        fs.writeAtomically(file, codec.encode(after));
        current = after;
        return after;
    }

    @Override
    public void close() throws InterruptedException {
        applier.shutdown();
        if (!applier.awaitTermination(10, TimeUnit.SECONDS)) {
            applier.shutdownNow();
        }
    }
}
