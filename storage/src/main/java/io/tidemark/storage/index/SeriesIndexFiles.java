package io.tidemark.storage.index;

import io.tidemark.common.fs.Fs;
import io.tidemark.storage.CorruptionException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk form of one shard's {@link SeriesIndex}, in its own directory: a snapshot of the whole index and a
 * log of the changes since (new series with their ids, deletions, fields). {@link #open} loads the snapshot and
 * replays the log, so a restart does not need to read the shard's data to know its series and their ids.
 *
 * <p>Durability policy: the log is written lazily. {@link #flush} writes the changes made since the last one
 * without an fsync (cheap: call it after every WAL group commit); {@link #sync} also fsyncs. A series is durable
 * in the index once a sync that follows its addition returns; after a crash, {@link #open} restores every synced
 * change and the intact part of what followed, and the WAL's replay re-adds the other series through
 * {@link SeriesIndex#addSeries}, under new ids. That is safe because no durable state may refer to an id that was
 * not synced: the owner must call {@link #sync} before making durable anything that refers to series ids (a TSM
 * file), before removing WAL segments whose points added series, and before acknowledging a deletion.
 *
 * <p>{@link #compact} writes a new snapshot (temporary file, fsync, rename, fsync of the directory) and starts a
 * new, empty log, so that the log does not grow forever. Ids are never reused, across compactions and restarts.
 *
 * <p>Thread-safety: {@link #index()} is thread-safe. The file operations ({@link #flush}, {@link #sync},
 * {@link #compact}, {@link #close}) are confined to one thread at a time, the owner's (for example the WAL
 * committer); a concurrent call fails with {@link IllegalStateException} instead of waiting. They hold the index's
 * write lock only to take the pending changes or encode a snapshot in memory, never during I/O.
 */
public final class SeriesIndexFiles implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SeriesIndexFiles.class);

    private final Fs fs;
    private final Path dir;
    private final SeriesIndex index;
    private final IndexRecovery recovery;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final CRC32C crc = new CRC32C();
    private final ByteSink buffer = new ByteSink(1 << 16);

    // Confined to the thread that holds busy.
    /** The generation whose log takes new changes. */
    private long generation;
    /** The open log, or null until the next flush creates or opens it. */
    private IndexLogWriter log;
    /** Set when a log write or fsync failed: the log's end is unknown; only {@link #compact} clears it. */
    private IOException failure;
    private boolean closed;
    /** The size of the current log as last written; read by any thread. */
    private volatile long logBytes;

    private SeriesIndexFiles(Fs fs, Path dir, SeriesIndex index, IndexRecovery recovery, long generation) {
        this.fs = fs;
        this.dir = dir;
        this.index = index;
        this.recovery = recovery;
        this.generation = generation;
    }

    /**
     * Opens the index kept in {@code dir}, creating the directory if needed: loads the snapshot, replays the log
     * (cutting off a torn tail), and deletes what an interrupted compaction left.
     *
     * @throws CorruptionException if the snapshot is damaged, or a log is newer than the snapshot (the directory
     *     then cannot be trusted: the caller may delete it and rebuild the index from the shard's data)
     * @throws IOException if the files cannot be read or repaired
     */
    public static SeriesIndexFiles open(Fs fs, Path dir) throws IOException {
        fs.createDirectoriesDurably(dir);
        SeriesIndex index = new SeriesIndex();
        Path snapshot = dir.resolve(SeriesIndexFormat.SNAPSHOT_FILE);
        boolean snapshotLoaded = fs.exists(snapshot);
        long generation = snapshotLoaded ? IndexSnapshotReader.load(snapshot, fs.readAllBytes(snapshot), index) : 1;
        boolean removed = false;
        for (Path p : fs.list(dir)) {
            String name = p.getFileName().toString();
            OptionalLong g = SeriesIndexFormat.parseLogFile(name);
            if (name.equals(SeriesIndexFormat.SNAPSHOT_FILE + ".tmp")
                    || (g.isPresent() && g.getAsLong() < generation)) {
                // Left by a compaction that did not finish (a temporary snapshot) or did (an older log).
                fs.delete(p);
                removed = true;
            } else if (g.isPresent() && g.getAsLong() > generation) {
                throw new CorruptionException(p, 0, "series index log of generation " + g.getAsLong()
                        + " is newer than the snapshot's generation " + generation);
            }
        }
        if (removed) {
            fs.fsyncDirectory(dir);
        }
        Path logPath = dir.resolve(SeriesIndexFormat.logFile(generation));
        IndexLogReplayer.Outcome outcome = fs.exists(logPath)
                ? new IndexLogReplayer(fs).replay(logPath, generation, index)
                : new IndexLogReplayer.Outcome(0, -1, false, null, 0);
        List<CorruptionException> corruptions = new ArrayList<>();
        if (outcome.corruption() != null) {
            corruptions.add(outcome.corruption());
            // Ids the unread records may have held, at most one per smallest record, are never assigned.
            long reserve = index.nextSeriesId() + outcome.unreadBytes() / SeriesIndexFormat.MIN_SERIES_RECORD_BYTES
                    + 1;
            index.reserveIds((int) Math.min(SeriesIndex.MAX_SERIES_ID, reserve));
            Path aside = dir.resolve(logPath.getFileName() + SeriesIndexFormat.CORRUPT_SUFFIX);
            fs.rename(logPath, aside);
            fs.fsyncDirectory(dir);
            LOG.error("series index log {} is damaged; set aside as {}; writing a snapshot of what was recovered",
                    logPath, aside);
        }
        index.startJournal();
        IndexRecovery recovery = new IndexRecovery(snapshotLoaded, outcome.records(), outcome.truncatedAt() >= 0,
                corruptions);
        SeriesIndexFiles files = new SeriesIndexFiles(fs, dir, index, recovery, generation);
        if (outcome.corruption() != null) {
            // The damaged log cannot be appended to: start a new generation from a snapshot right away.
            files.compact();
        }
        return files;
    }

    public SeriesIndex index() {
        return index;
    }

    public IndexRecovery recovery() {
        return recovery;
    }

    /** The generation of the current log (and of the last snapshot, if any). */
    public long generation() {
        return generation;
    }

    /** The bytes of the current log, for deciding when to {@link #compact}. Any thread. */
    public long logSizeBytes() {
        return logBytes;
    }

    /**
     * Writes the changes made since the last flush to the log, without an fsync.
     *
     * @throws IOException if the write fails; the log is then not written to again until {@link #compact}
     *     succeeds (the changes stay in the index and will be in that snapshot)
     */
    public void flush() throws IOException {
        enter();
        try {
            flushConfined();
        } finally {
            busy.set(false);
        }
    }

    /** {@link #flush} and fsync: every change made before this call survives a crash once it returns. */
    public void sync() throws IOException {
        enter();
        try {
            flushConfined();
            if (log != null) {
                try {
                    log.sync();
                } catch (IOException e) {
                    failure = e;
                    throw e;
                }
            }
        } finally {
            busy.set(false);
        }
    }

    /**
     * Writes a snapshot of the whole index as the next generation and starts its log empty, then deletes the
     * previous log. Durable when it returns: the snapshot covers every change made before this call. Also the way
     * to recover after a failed {@link #flush} or {@link #sync}. The index's write lock is held while the snapshot
     * is encoded in memory (new series wait for that long), not while it is written.
     */
    public void compact() throws IOException {
        enter();
        try {
            checkNotClosed();
            long next = generation + 1;
            // Sorted before the write lock is taken: the snapshot keeps each measurement's key order.
            index.prepareKeyOrders();
            int[] covered = new int[1];
            byte[] snapshot = index.locked(() -> {
                covered[0] = index.pending().size();
                return IndexSnapshotWriter.encode(index, next);
            });
            fs.writeAtomically(dir.resolve(SeriesIndexFormat.SNAPSHOT_FILE), snapshot);
            // The snapshot is durable: it replaces the old log, and the changes it covers need no logging.
            index.locked(() -> {
                index.pending().dropFirst(covered[0]);
                return null;
            });
            IndexLogWriter old = log;
            Path oldPath = dir.resolve(SeriesIndexFormat.logFile(generation));
            log = null;
            logBytes = 0;
            generation = next;
            failure = null;
            if (old != null) {
                old.close();
            }
            if (fs.exists(oldPath)) {
                fs.delete(oldPath);
                fs.fsyncDirectory(dir);
            }
        } finally {
            busy.set(false);
        }
    }

    /** Writes and syncs what is pending, and closes the log. Idempotent. */
    @Override
    public void close() throws IOException {
        enter();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (failure == null) {
                    flushUnchecked();
                    if (log != null) {
                        log.sync();
                    }
                }
            } finally {
                if (log != null) {
                    log.close();
                    log = null;
                }
            }
        } finally {
            busy.set(false);
        }
    }

    private void flushConfined() throws IOException {
        checkNotClosed();
        if (failure != null) {
            throw new IOException("cannot write the series index log in " + dir
                    + ": an earlier write or fsync failed; compact to recover", failure);
        }
        flushUnchecked();
    }

    private void flushUnchecked() throws IOException {
        PendingChanges.Batch batch = index.locked(() -> {
            PendingChanges p = index.pending();
            PendingChanges.Batch b = p.copy(p.size());
            p.dropFirst(b.ops().length);
            return b;
        });
        if (batch.ops().length == 0) {
            return;
        }
        buffer.clear();
        SeriesTable table = index.table();
        for (int i = 0; i < batch.ops().length; i++) {
            long op = batch.ops()[i];
            int payload = PendingChanges.payload(op);
            switch (PendingChanges.kind(op)) {
                // A series' record is immutable and kept after deletion, so its key is read without the lock.
                case PendingChanges.ADD_SERIES -> IndexLogWriter.series(buffer, crc, payload, table.key(payload));
                case PendingChanges.DELETE_SERIES -> IndexLogWriter.delete(buffer, crc, payload);
                case PendingChanges.ADD_FIELD -> {
                    PendingChanges.Field f = (PendingChanges.Field) batch.objects()[i];
                    IndexLogWriter.field(buffer, crc, f.measurement(), f.name(), f.type());
                }
                case PendingChanges.DROP_FIELDS -> IndexLogWriter.dropFields(buffer, crc, (byte[]) batch.objects()[i]);
                default -> throw new IllegalStateException("BUG: unknown pending change " + op);
            }
        }
        try {
            if (log == null) {
                Path path = dir.resolve(SeriesIndexFormat.logFile(generation));
                log = fs.exists(path) ? IndexLogWriter.append(fs, path) : IndexLogWriter.create(fs, path, generation);
            }
            log.write(buffer);
            logBytes = log.sizeBytes();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    private void enter() {
        if (!busy.compareAndSet(false, true)) {
            throw new IllegalStateException("the series index files of " + dir
                    + " are used by two threads at once; their owner must call them from one thread at a time");
        }
    }

    private void checkNotClosed() {
        if (closed) {
            throw new IllegalStateException("the series index files of " + dir + " are closed");
        }
    }
}
