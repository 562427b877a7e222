package io.tidemark.storage.wal;

import io.tidemark.common.fs.Fs;
import io.tidemark.common.fs.FsFile;
import io.tidemark.storage.FileNames;
import io.tidemark.storage.api.PointBatch;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The write-ahead log of one shard: a directory of numbered segments, of which the newest is open for appending.
 * Segments are opened lazily, starting after the highest id found on disk, so a store always writes to a fresh
 * segment after it opens (a segment that replay found damaged is never appended to).
 *
 * <p>Appending, syncing and closing are confined to the {@link WalCommitter} thread, which owns the open file. The
 * failure and closed flags and the size gauges may be read by any thread. Once an append or sync fails, the log is
 * failed for good: the shard takes no more writes until the store is reopened, because after a failed fsync the
 * state of the file is unknown ("fsyncgate"); the segment is closed so no handle leaks.
 */
public final class ShardWal {
    private final long shardId;
    private final Path dir;
    private final Fs fs;
    private final long segmentSizeBytes;
    private final Runnable afterGroup;

    // Committer-confined.
    private FsFile file;
    private long nextSegmentId;
    private long size;
    private boolean dirty;
    /** Whether this log has entries in the committer's current group; committer-confined. */
    boolean inGroup;

    private volatile Throwable failure;
    private volatile boolean closed;
    private volatile long currentSegmentBytes;
    private volatile long oldSegmentsBytes;

    /**
     * @param nextSegmentId one more than the highest segment id in {@code dir}
     * @param oldSegmentsBytes the size of the segments already in {@code dir}
     * @param afterGroup runs on the committer thread after each commit group with entries of this log, once they
     *     were applied and their writers released (the shard flushes its series index there); it should not throw:
     *     what it throws is logged and does not affect the log
     */
    public ShardWal(long shardId, Path dir, Fs fs, long segmentSizeBytes, long nextSegmentId, long oldSegmentsBytes,
            Runnable afterGroup) {
        this.afterGroup = afterGroup;
        this.shardId = shardId;
        this.dir = dir;
        this.fs = fs;
        this.segmentSizeBytes = segmentSizeBytes;
        this.nextSegmentId = nextSegmentId;
        this.oldSegmentsBytes = oldSegmentsBytes;
    }

    public long shardId() {
        return shardId;
    }

    public Path dir() {
        return dir;
    }

    /** The error that failed this log, or null while it works. */
    public Throwable failure() {
        return failure;
    }

    public boolean isClosed() {
        return closed;
    }

    public long currentSegmentBytes() {
        return currentSegmentBytes;
    }

    public long oldSegmentsBytes() {
        return oldSegmentsBytes;
    }

    /** Appends an entry, rolling to a new segment first if this one would pass its size limit. Committer only. */
    void append(byte type, PointBatch payload, WalEntryEncoder encoder) throws IOException {
        long framed = WalFormat.ENTRY_HEADER_BYTES + (long) payload.sizeBytes();
        if (file == null) {
            openSegment();
        } else if (size > WalFormat.SEGMENT_HEADER_BYTES && size + framed > segmentSizeBytes) {
            rollOver();
        }
        dirty = true;
        size += encoder.write(file, type, payload);
        currentSegmentBytes = size;
    }

    /** Runs the after-group action. Committer only. */
    void afterGroup() {
        afterGroup.run();
    }

    /** Makes every appended entry durable. Committer only. */
    void sync() throws IOException {
        if (dirty) {
            file.force();
            dirty = false;
        }
    }

    private void openSegment() throws IOException {
        Path path = dir.resolve(FileNames.walSegment(nextSegmentId));
        fs.createDirectories(dir);
        FsFile f = fs.openAppend(path);
        try {
            if (f.size() != 0) {
                throw new IOException("cannot open new WAL segment " + path + ": it already exists ("
                        + f.size() + " bytes)");
            }
            f.write(WalFormat.segmentHeader());
            // The segment's directory entry must be durable before entries in it are acknowledged.
            fs.fsyncDirectory(dir);
        } catch (IOException | RuntimeException e) {
            closeQuietly(f);
            throw e;
        }
        nextSegmentId++;
        file = f;
        size = WalFormat.SEGMENT_HEADER_BYTES;
        dirty = true;
        currentSegmentBytes = size;
    }

    private void rollOver() throws IOException {
        // The full segment is synced before the next one takes entries, so that only the last segment of a log can
        // have a torn tail: replay treats damage anywhere else as corruption.
        file.force();
        file.close();
        file = null;
        dirty = false;
        oldSegmentsBytes += size;
        currentSegmentBytes = 0;
        openSegment();
    }

    /**
     * Syncs and closes the open segment, so that the next append starts a new one; returns the id of that next
     * segment: every entry appended so far is in a segment below it. Committer only.
     */
    public long cut() throws IOException {
        if (file != null) {
            FsFile f = file;
            file = null;
            try {
                if (dirty) {
                    f.force();
                }
                dirty = false;
                f.close();
            } catch (IOException | RuntimeException e) {
                // As for a failed append: the state of the segment is unknown, the log takes no more entries.
                closeQuietly(f);
                fail(e);
                throw e;
            }
            oldSegmentsBytes += size;
            currentSegmentBytes = 0;
        }
        return nextSegmentId;
    }

    /**
     * Deletes the segments below {@code cutId}, whose entries are all in durable files now, and fsyncs the
     * directory. Committer only (it owns the segments). Returns how many it deleted.
     */
    public int deleteBefore(long cutId) throws IOException {
        int deleted = 0;
        long freed = 0;
        for (Path p : fs.list(dir)) {
            java.util.OptionalLong id = FileNames.parseWalSegment(p.getFileName().toString());
            if (id.isPresent() && id.getAsLong() < cutId) {
                freed += fs.size(p);
                fs.delete(p);
                deleted++;
            }
        }
        if (deleted > 0) {
            fs.fsyncDirectory(dir);
            oldSegmentsBytes = Math.max(0, oldSegmentsBytes - freed);
        }
        return deleted;
    }

    /** Fails the log for good and closes its segment. Committer only. */
    void fail(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        if (file != null) {
            closeQuietly(file);
            file = null;
        }
    }

    /** Syncs and closes the open segment; later appends are refused. Committer only. */
    void close() throws IOException {
        closed = true;
        if (file != null) {
            try {
                sync();
            } finally {
                FsFile f = file;
                file = null;
                f.close();
            }
        }
    }

    private static void closeQuietly(FsFile f) {
        try {
            f.close();
        } catch (IOException ignored) {
            // The log has already failed or is failing; the first error is the one reported.
        }
    }
}
