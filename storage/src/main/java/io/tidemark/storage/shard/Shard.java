package io.tidemark.storage.shard;

import io.tidemark.common.FieldType;
import io.tidemark.common.fs.Fs;
import io.tidemark.common.metrics.MetricRegistry;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.cache.CacheApplier;
import io.tidemark.storage.cache.CacheGeneration;
import io.tidemark.storage.cache.ShardCache;
import io.tidemark.storage.cache.ValidatedBatch;
import io.tidemark.storage.api.CacheFullException;
import io.tidemark.storage.api.MalformedPointBatchException;
import io.tidemark.storage.api.MeasurementName;
import io.tidemark.storage.api.PointBatch;
import io.tidemark.storage.api.RangeStatistics;
import io.tidemark.storage.api.ReadCost;
import io.tidemark.storage.api.SeriesCursor;
import io.tidemark.storage.api.ShardWriteException;
import io.tidemark.storage.api.TagFilter;
import io.tidemark.storage.api.WriteResult;
import io.tidemark.storage.index.SeriesIndex;
import io.tidemark.storage.tombstone.TimeRanges;
import io.tidemark.storage.tombstone.Tombstone;
import io.tidemark.storage.tombstone.TombstoneTarget;
import io.tidemark.storage.tombstone.TombstoneSet;
import io.tidemark.storage.tsm.CheckedCursor;
import io.tidemark.storage.tsm.DeletedRanges;
import io.tidemark.storage.tsm.TsmBlockCursor;
import io.tidemark.storage.tsm.TsmDescendingCursor;
import io.tidemark.storage.tsm.TsmFileSummary;
import io.tidemark.storage.tsm.TsmMerger;
import io.tidemark.storage.tsm.TsmReader;
import io.tidemark.storage.tsm.WriteThrottle;
import io.tidemark.storage.wal.ShardWal;
import io.tidemark.storage.wal.WalAppend;
import io.tidemark.storage.wal.WalCommitter;
import io.tidemark.storage.wal.WalFormat;
import io.tidemark.storage.wal.WalReplayer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shard on this node: its cache, its log, its TSM files and tombstones, its series index, its statistics, and
 * the write and read paths that tie them together. A shard whose log failed is "distressed": it refuses writes until
 * the node restarts, and keeps serving reads.
 *
 * <p>Snapshots: after each commit group the committer thread checks the active cache generation; past
 * {@code cache-snapshot-memory-size} (or when the store finds it cold) it closes the WAL segment and freezes the
 * generation ({@link #rotate}); the store's snapshot thread writes it to a level-1 TSM file
 * ({@link #snapshotFrozen}), which replaces it for readers, then syncs the series index and deletes the WAL segments
 * the file made redundant. Thread-safe.
 */
public final class Shard {
    private static final Logger LOG = LoggerFactory.getLogger(Shard.class);

    private final long id;
    private final String database;
    private final String retentionPolicy;
    private final Path walDir;
    private final Path dataDir;
    private final Fs fs;
    private final ShardSettings settings;
    private final ShardCache cache;
    private final ShardWal wal;
    private final ShardIndex index;
    private final ShardFiles files;
    private final ShardMetrics metrics;
    private final WalReplayer.Result recovery;
    /** Set by the committer thread when it froze a generation; taken by the store's snapshot scheduling. */
    private final AtomicBoolean snapshotWanted = new AtomicBoolean();
    /** {@link #reportDamage}, made once: a query over many series opens a cursor per series field, each with it. */
    private final Consumer<CorruptionException> damageReporter = this::reportDamage;
    /** Whether a compaction of this shard is queued or running: one at a time per shard. */
    final AtomicBoolean compacting = new AtomicBoolean();
    private volatile long lastWriteNanos = System.nanoTime();
    private volatile boolean damageReported;
    private volatile Runnable onSnapshotWanted;
    private volatile boolean deleted;

    private Shard(long id, String database, String retentionPolicy, Path walDir, Path dataDir, Fs fs,
            ShardSettings settings, ShardCache cache, WalReplayer.Result replay, ShardIndex index, ShardFiles files,
            ShardMetrics metrics) {
        this.id = id;
        this.database = database;
        this.retentionPolicy = retentionPolicy;
        this.walDir = walDir;
        this.dataDir = dataDir;
        this.fs = fs;
        this.settings = settings;
        this.cache = cache;
        this.index = index;
        this.files = files;
        this.metrics = metrics;
        this.recovery = replay;
        // The log calls back after commit groups, which happen only once the store has started its committer.
        this.wal = new ShardWal(id, walDir, fs, settings.walSegmentSizeBytes(), replay.nextSegmentId(),
                replay.segmentBytes(), this::afterGroup);
        metrics.bindGauges(cache, wal, files, index);
    }

    /**
     * Opens a shard: opens its series index (see {@link ShardIndex#open}) and its TSM files and tombstones (see
     * {@link ShardFiles#open}), takes the field types the index persisted, replays its log (see
     * {@link WalReplayer} for the recovery policy) into a cache generation numbered above every file and tombstone,
     * re-adding to the index the series a crash took from it, and flushes the index. An index that lost series to
     * damage, or whose files were missing, gets those of the TSM files back first ({@link IndexFromFiles}), the WAL's
     * by the replay. Replay ignores the cache
     * limit, since what it loads was acknowledged. Runs before the committer starts, or before the shard is known
     * to it.
     *
     * @param openers runs the loading of the index and the checking of each TSM file, which are independent of
     *     each other (a bounded pool at startup; {@code Runnable::run} for a new, empty shard); given tasks that
     *     wait for nothing, so that a full pool only delays them
     */
    public static Shard open(long id, String database, String retentionPolicy, Path walDir, Path dataDir,
            ShardSettings settings, Fs fs, MetricRegistry registry, CacheApplier applier, Executor openers)
            throws IOException {
        fs.createDirectories(dataDir);
        FutureTask<ShardIndex> indexLoad = new FutureTask<>(() -> ShardIndex.open(id, dataDir, fs));
        openers.execute(indexLoad);
        ShardFiles files = null;
        ShardIndex index = null;
        try {
            files = ShardFiles.open(id, dataDir, fs, openers);
            index = OpenTasks.await(indexLoad, dataDir);
            return open(id, database, retentionPolicy, walDir, dataDir, settings, fs, registry, applier, index,
                    files);
        } catch (IOException | RuntimeException e) {
            try {
                if (index == null) {
                    // Not to leave its files open behind a failure of the TSM files.
                    index = OpenTasks.awaitQuietly(indexLoad);
                }
                if (index != null) {
                    index.close();
                }
                if (files != null) {
                    files.close();
                }
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static Shard open(long id, String database, String retentionPolicy, Path walDir, Path dataDir,
            ShardSettings settings, Fs fs, MetricRegistry registry, CacheApplier applier, ShardIndex index,
            ShardFiles files) throws IOException {
        ShardCache cache = new ShardCache(settings.cacheMaxMemorySizeBytes(), files.maxSeq() + 1);
        SeriesIndex idx = index.index();
        if (index.mayLackSeries() && !files.files().isEmpty()) {
            IndexFromFiles.addSeries(id, idx, files.files(), files.tombstones());
        }
        for (String m : idx.measurements()) {
            String escaped = SeriesIndex.escapedMeasurementName(m);
            idx.fieldTypes(m).forEach((field, type) -> cache.registerStoredField(escaped, field, type));
        }
        ShardMetrics metrics = new ShardMetrics(registry, id, database, retentionPolicy, dataDir, walDir);
        WalReplayer.Result r = new WalReplayer(fs).replay(walDir, (type, buf, off, len, segment, offset) -> {
            PointBatch batch;
            try {
                batch = PointBatch.parse(buf, off, len);
            } catch (MalformedPointBatchException e) {
                throw new CorruptionException(segment, offset, "WAL entry with an intact checksum holds no valid "
                        + "point batch: " + e.getMessage());
            }
            ValidatedBatch v = cache.validate(batch);
            if (v.dropped() > 0) {
                // Cannot happen for entries this code wrote (types are registered before logging and never change);
                // an entry from a buggy or foreign writer loses its conflicting points rather than the shard.
                LOG.error("shard {}: dropping {} points of WAL entry {}:{} on replay: {}", id, v.dropped(), segment,
                        offset, v.firstDropReason());
                metrics.walReplayDroppedPoints.add(v.dropped());
            }
            if (v.accepted() > 0) {
                applier.apply(cache, idx, v.acceptedBatch(), 0);
            }
        });
        metrics.walReplayedEntries.add(r.entries());
        metrics.walTruncatedTails.add(r.truncated().size());
        metrics.walCorruptions.add(r.corruptions().size());
        index.flush();
        return new Shard(id, database, retentionPolicy, walDir, dataDir, fs, settings, cache, r, index, files,
                metrics);
    }

    public long id() {
        return id;
    }

    public String database() {
        return database;
    }

    public String retentionPolicy() {
        return retentionPolicy;
    }

    public Path walDir() {
        return walDir;
    }

    public Path dataDir() {
        return dataDir;
    }

    public ShardWal wal() {
        return wal;
    }

    /** What opening the shard found in its log. */
    public WalReplayer.Result recovery() {
        return recovery;
    }

    public long cacheHeldBytes() {
        return cache.heldBytes();
    }

    /** The TSM files, oldest generations first. */
    public List<TsmFile> files() {
        return files.files();
    }

    /** The shard's tombstones not yet applied by a full compaction. */
    public TombstoneSet tombstones() {
        return files.tombstones();
    }

    ShardFiles fileSet() {
        return files;
    }

    ShardCache cache() {
        return cache;
    }

    ShardSettings settings() {
        return settings;
    }

    Fs fs() {
        return fs;
    }

    ShardMetrics metrics() {
        return metrics;
    }

    /** When the last write was applied, in {@link System#nanoTime()}. */
    public long lastWriteNanos() {
        return lastWriteNanos;
    }

    /**
     * Validates field types and reserves cache memory, logs the accepted points and waits for their fsync, applies
     * them to the cache (on the committer thread, in log order), and returns. On any failure nothing is visible
     * and the reservation is released.
     */
    public WriteResult write(PointBatch batch, WalCommitter committer, CacheApplier applier)
            throws ShardWriteException {
        try {
            return writeAsync(batch, committer, applier).join();
        } catch (CompletionException e) {
            throw ShardWriteException.unwrap(e);
        }
    }

    /**
     * {@link #write} without waiting for the fsync: the checks, the cache reservation and the queueing happen now
     * (and throw, with nothing written, as {@code write} does); the future completes on the committer thread once
     * the points are durable and visible, or exceptionally with the {@link ShardWriteException} that failed them.
     */
    public CompletableFuture<WriteResult> writeAsync(PointBatch batch, WalCommitter committer, CacheApplier applier)
            throws ShardWriteException {
        metrics.writeReq.increment();
        CompletableFuture<WriteResult> pending;
        try {
            pending = doWrite(batch, committer, applier);
        } catch (ShardWriteException | RuntimeException e) {
            failed(batch);
            throw e;
        }
        return pending.whenComplete((r, e) -> {
            if (e == null) {
                metrics.writeReqOk.increment();
                metrics.writePointsOk.add(r.accepted());
                metrics.writePointsDropped.add(r.dropped());
            } else {
                failed(batch);
            }
        });
    }

    private void failed(PointBatch batch) {
        metrics.writeReqErr.increment();
        metrics.writePointsErr.add(batch.pointCount());
    }

    private CompletableFuture<WriteResult> doWrite(PointBatch batch, WalCommitter committer, CacheApplier applier)
            throws ShardWriteException {
        Throwable failure = wal.failure();
        if (failure != null) {
            throw new ShardWriteException("cannot write to shard " + id + ": its WAL failed (" + failure.getMessage()
                    + "); the shard takes no more writes until the node restarts", failure);
        }
        if (batch.isEmpty()) {
            return CompletableFuture.completedFuture(WriteResult.allAccepted(0));
        }
        if (batch.sizeBytes() > WalFormat.MAX_PAYLOAD_BYTES) {
            throw new ShardWriteException("cannot write to shard " + id + ": a batch of " + batch.sizeBytes()
                    + " bytes exceeds the WAL entry limit of " + WalFormat.MAX_PAYLOAD_BYTES + " bytes");
        }
        ValidatedBatch v = cache.validate(batch);
        if (v.accepted() == 0) {
            return CompletableFuture.completedFuture(new WriteResult(0, v.dropped(), v.firstDropReason()));
        }
        PointBatch accepted = v.acceptedBatch();
        long reservation = v.reservationBytes();
        try {
            cache.reserve(reservation, committer.queueTimeoutNanos());
        } catch (CacheFullException e) {
            metrics.cacheWriteErr.increment();
            throw e;
        }
        WalAppend append = new WalAppend(wal, WalFormat.ENTRY_WRITE, accepted,
                () -> applier.apply(cache, index.index(), accepted, reservation));
        try {
            committer.submit(append);
        } catch (ShardWriteException | RuntimeException e) {
            cache.release(reservation);
            metrics.walWriteErr.increment();
            throw e;
        }
        WriteResult result = new WriteResult(v.accepted(), v.dropped(), v.firstDropReason());
        return append.completion().handle((ignored, e) -> {
            if (e != null) {
                if (!append.afterSyncStarted()) {
                    cache.release(reservation);
                }
                metrics.walWriteErr.increment();
                throw new CompletionException(ShardWriteException.unwrap(e));
            }
            metrics.walWriteOk.increment();
            metrics.cacheWriteOk.increment();
            metrics.writeBytes.add(accepted.sizeBytes());
            return result;
        });
    }

    /**
     * The values of one field of one series in a time range: merged from the TSM files and the cache generations,
     * newest first for a timestamp written more than once, without what tombstones deleted. A file's index is
     * searched for the series only once the file's time range could hold the next value (see
     * {@link MergedSeriesCursor}).
     */
    public SeriesCursor read(byte[] seriesKey, String field, long minTimeNanos, long maxTimeNanos) {
        return read(seriesKey, field, minTimeNanos, maxTimeNanos, false);
    }

    /**
     * {@link #read}, latest first: the same values in descending time order. Each file is searched only once its
     * time range could hold the next value, then read from its last block in the range back, one block at a time as
     * the cursor advances, and only once its index says it may hold the next value (see
     * {@link DescendingMergedCursor}); the last point of a block comes from its index entry (see
     * {@link TsmDescendingCursor}). So reading the latest value of a series field searches one file and decodes no
     * block when the files hold successive time ranges.
     */
    public SeriesCursor readDescending(byte[] seriesKey, String field, long minTimeNanos, long maxTimeNanos) {
        return read(seriesKey, field, minTimeNanos, maxTimeNanos, true);
    }

    private SeriesCursor read(byte[] seriesKey, String field, long minTimeNanos, long maxTimeNanos,
            boolean descending) {
        FieldType type = cache.fieldType(seriesKey, SeriesIndex.measurementLength(seriesKey), field);
        if (type == null || minTimeNanos > maxTimeNanos) {
            return EmptyCursor.of(type == null ? FieldType.FLOAT : type);
        }
        // In this order, against the order in which a snapshot (file added, then generation dropped) and a full
        // compaction (files replaced, then tombstones dropped) publish: a read never misses a generation's values
        // nor sees a file without the tombstones that were meant for it.
        List<CacheGeneration> generations = cache.generations();
        TombstoneSet tombstones = files.tombstones();
        List<TsmFile> fileList = files.files();
        int most = fileList.size() + generations.size();
        List<SeriesCursor> parts = new ArrayList<>(most);
        List<DeferredSource> deferred = new ArrayList<>(most);
        List<long[]> deleted = new ArrayList<>(most);
        for (TsmFile f : fileList) {
            long[] gone = fileDeletions(f, tombstones, seriesKey, field, minTimeNanos, maxTimeNanos);
            if (gone != NOT_READ) {
                parts.add(null);
                deferred.add(new DeferredFile(f.reader(), seriesKey, field, minTimeNanos, maxTimeNanos, type,
                        descending));
                deleted.add(gone);
            }
        }
        int fileParts = parts.size();
        for (CacheGeneration g : generations) {
            SeriesCursor c = descending ? g.readDescending(seriesKey, field, minTimeNanos, maxTimeNanos)
                    : g.read(seriesKey, field, minTimeNanos, maxTimeNanos);
            if (c != null && c.type() == type) {
                parts.add(c);
                deferred.add(null);
                deleted.add(null);
            }
        }
        if (parts.isEmpty()) {
            return EmptyCursor.of(type);
        }
        if (parts.size() == 1 && fileParts == 0) {
            return parts.getFirst();
        }
        if (parts.size() == 1 && deleted.getFirst() == null) {
            SeriesCursor c = deferred.getFirst().open();
            return c == null ? EmptyCursor.of(type) : new CheckedFileCursor((CheckedCursor) c, damageReporter);
        }
        SeriesCursor[] p = parts.toArray(new SeriesCursor[0]);
        DeferredSource[] d = deferred.toArray(new DeferredSource[0]);
        long[][] gone = deleted.toArray(new long[0][]);
        return descending ? new DescendingMergedCursor(p, d, gone, type, damageReporter)
                : new MergedSeriesCursor(p, d, gone, type, damageReporter);
    }

    /** What {@link #fileDeletions} returns for a file a read skips. */
    private static final long[] NOT_READ = new long[0];

    /**
     * What tombstones deleted of a series field from file {@code f} (null: nothing), or {@link #NOT_READ} when the
     * file has nothing a read of the range can use: its time range misses the range, or tombstones cover it.
     */
    private static long[] fileDeletions(TsmFile f, TombstoneSet tombstones, byte[] seriesKey, String field,
            long minTimeNanos, long maxTimeNanos) {
        if (f.reader().maxTimeNanos() < minTimeNanos || f.reader().minTimeNanos() > maxTimeNanos) {
            return NOT_READ;
        }
        long[] gone = tombstones.isEmpty() ? null : tombstones.deleted(seriesKey, field, f.lastSeq());
        return gone != null && TimeRanges.coversAll(gone, minTimeNanos, maxTimeNanos) ? NOT_READ : gone;
    }

    /**
     * Count, first, last, min and max of what {@link #read} gives for the same arguments, from the block statistics
     * of the files and a pass over the cache's values, when that is exact (see {@link SourceStatistics}); empty
     * otherwise.
     */
    public Optional<RangeStatistics> statistics(byte[] seriesKey, String field, long minTimeNanos,
            long maxTimeNanos) {
        FieldType type = cache.fieldType(seriesKey, SeriesIndex.measurementLength(seriesKey), field);
        // Read in the order explained in read().
        List<CacheGeneration> generations = cache.generations();
        TombstoneSet tombstones = files.tombstones();
        List<TsmFile> fileList = files.files();
        return SourceStatistics.of(type, fileList, tombstones, generations, seriesKey, field,
                minTimeNanos, maxTimeNanos);
    }

    /**
     * What {@link #read} with the same arguments would touch (see {@link ReadCost}): the values of the range in the
     * cache, and the blocks of the files that meet the range and are not wholly deleted, from the files' indexes.
     */
    public ReadCost cost(byte[] seriesKey, String field, long minTimeNanos, long maxTimeNanos) {
        FieldType type = cache.fieldType(seriesKey, SeriesIndex.measurementLength(seriesKey), field);
        if (type == null || minTimeNanos > maxTimeNanos) {
            return ReadCost.NONE;
        }
        // In read()'s order (see there).
        List<CacheGeneration> generations = cache.generations();
        TombstoneSet tombstones = files.tombstones();
        long fileCount = 0;
        long blocks = 0;
        long bytes = 0;
        for (TsmFile f : files.files()) {
            if (f.reader().maxTimeNanos() < minTimeNanos || f.reader().minTimeNanos() > maxTimeNanos) {
                continue;
            }
            long[] gone = tombstones.isEmpty() ? null : tombstones.deleted(seriesKey, field, f.lastSeq());
            TsmBlockCursor b = f.reader().blocks(seriesKey, field, minTimeNanos, maxTimeNanos);
            if (b.type() != type) {
                continue;
            }
            long before = blocks;
            while (b.next()) {
                if (gone == null || !TimeRanges.coversAll(gone, b.minTimeNanos(), b.maxTimeNanos())) {
                    blocks++;
                    bytes += b.sizeBytes();
                }
            }
            if (blocks > before) {
                fileCount++;
            }
        }
        return new ReadCost(cachedValues(generations, seriesKey, field, minTimeNanos, maxTimeNanos, type), fileCount,
                blocks, bytes);
    }

    /** The distinct timestamps of the range in the cache generations (a timestamp may be in two of them). */
    private static long cachedValues(List<CacheGeneration> generations, byte[] seriesKey, String field,
            long minTimeNanos, long maxTimeNanos, FieldType type) {
        LongStream.Builder times = LongStream.builder();
        for (CacheGeneration g : generations) {
            SeriesCursor c = g.read(seriesKey, field, minTimeNanos, maxTimeNanos);
            if (c != null && c.type() == type) {
                while (c.next()) {
                    times.add(c.timestamp());
                }
            }
        }
        return times.build().distinct().count();
    }

    private void reportDamage(CorruptionException failure) {
        metrics.readDamagedBlocks.increment();
        if (!damageReported) {
            damageReported = true;
            LOG.error("shard {}: a TSM block is damaged; reads skip it and serve the rest: {}", id,
                    failure.getMessage());
        }
    }

    /** Unescaped names of the measurements with series, sorted. */
    public List<String> measurements() {
        List<String> out = new ArrayList<>();
        for (String m : index.index().measurements()) {
            out.add(io.tidemark.storage.api.MeasurementName.unescape(SeriesIndex.escapedMeasurementName(m)));
        }
        out.sort(null);
        return out;
    }

    /** Keys of the series of a measurement given escaped, in unsigned byte order. */
    public List<byte[]> seriesKeys(String measurementEscaped) {
        return index.selectSeries(MeasurementName.unescape(measurementEscaped), null);
    }

    public Map<String, FieldType> fieldTypes(String measurement) {
        return cache.fieldTypes(measurement);
    }

    // ---------------------------------------------------------------- snapshots

    /** Committer thread, after each commit group with entries of this shard. */
    private void afterGroup() {
        index.flush();
        lastWriteNanos = System.nanoTime();
        if (cache.active().unpackedBytes() >= settings.cacheSnapshotMemorySizeBytes() && (cache.frozen().isEmpty()
                || isCacheCrowded())) {
            try {
                rotate();
            } catch (IOException e) {
                LOG.error("shard {}: cannot close its WAL segment for a snapshot; the shard takes no more writes", id,
                        e);
            }
        }
    }

    /**
     * Closes the WAL segment and freezes the active cache generation, if it holds anything, for the snapshot thread
     * to write. Committer thread only ({@link WalCommitter#runInOrder}, or after a commit group).
     */
    void rotate() throws IOException {
        if (cache.active().isEmpty()) {
            return;
        }
        long cut = wal.cut();
        cache.rotate(cut);
        snapshotWanted.set(true);
        Runnable listener = onSnapshotWanted;
        if (listener != null) {
            listener.run();
        }
    }

    /** Called on the committer thread when a generation was frozen; must not block. */
    public void onSnapshotWanted(Runnable listener) {
        this.onSnapshotWanted = listener;
    }

    /** Rotates through the committer, in order with the shard's writes. Any thread but the committer. */
    void rotateInOrder(WalCommitter committer) throws IOException {
        committer.runInOrder(wal, this::rotate);
    }

    /** Takes the flag the committer sets when it froze a generation. */
    boolean takeSnapshotWanted() {
        return snapshotWanted.getAndSet(false);
    }

    /**
     * Whether the active generation alone holds an eighth of the cache limit, counted unpacked (as the snapshot size
     * is: {@link io.tidemark.storage.cache.CacheGeneration#unpackedBytes}). One generation at a time is frozen
     * while the snapshots keep up, so that a slow snapshot makes the next one larger (fewer, larger files); but a
     * generation is not let grow past an eighth of the limit while another is being written, so that memory comes
     * back in steps as the snapshot thread works through them (and writes that outrun it wait for those steps, see
     * ShardCache#reserve) rather than all at once after one file as large as the limit.
     */
    private boolean isCacheCrowded() {
        long limit = settings.cacheMaxMemorySizeBytes();
        return limit > 0 && cache.active().unpackedBytes() >= limit / 8;
    }

    /** Whether a frozen generation waits for its file. */
    boolean hasFrozen() {
        return !cache.frozen().isEmpty();
    }

    /** Whether the active generation is due for a snapshot by its size (checked again after a failed snapshot). */
    boolean isOverSnapshotSize() {
        return cache.active().unpackedBytes() >= settings.cacheSnapshotMemorySizeBytes();
    }

    /** Whether the active generation holds values written long enough ago to snapshot them although small. */
    boolean isColdSince(long nowNanos, long coldNanos) {
        return !cache.active().isEmpty() && nowNanos - lastWriteNanos >= coldNanos;
    }

    /**
     * Writes every frozen generation to a TSM file, oldest first, each replacing its generation for readers, then
     * syncs the series index and deletes the WAL segments the files made redundant (through the committer, which
     * owns them). One thread at a time: the store's snapshot thread. A failure leaves the generations frozen and
     * the WAL whole, to be tried again; the cache limit still counts them.
     */
    void snapshotFrozen(WalCommitter committer) throws IOException {
        long cut = 0;
        for (CacheGeneration g : cache.frozen()) {
            long started = System.nanoTime();
            Optional<TsmFile> file;
            try {
                file = SnapshotWriter.write(fs, dataDir, g, settings.pointsPerBlock());
            } catch (IOException | RuntimeException e) {
                metrics.snapshotErrors.increment();
                throw e;
            }
            file.ifPresent(files::add);
            cache.dropFrozen(g);
            cut = g.walCut();
            metrics.snapshots.increment();
            metrics.snapshotNanos.add(System.nanoTime() - started);
            metrics.snapshotBytes.add(g.heldBytes());
            metrics.lastSnapshotNanos = System.nanoTime();
            LOG.debug("shard {}: snapshot of generation {} ({} series, {} bytes) -> {}", id, g.seq(), g.seriesCount(),
                    g.heldBytes(), file.map(Object::toString).orElse("nothing"));
        }
        if (cut > 0) {
            long walCut = cut;
            committer.runInOrder(wal, () -> {
                index.syncOrCompact();
                wal.deleteBefore(walCut);
            });
        }
    }

    // ---------------------------------------------------------------- compaction

    /** Whether files opened at startup still wait for {@link #checkFileIndexes()}. */
    boolean hasUncheckedFileIndexes() {
        return files.hasUncheckedIndexes();
    }

    /**
     * Checks the index entries of the files opened at startup, moving aside a file whose index is damaged (see
     * {@link ShardFiles#checkIndexes}). Called where compactions run, with {@link #compacting} held.
     */
    void checkFileIndexes() throws IOException {
        files.checkIndexes();
    }

    /** The compaction this shard needs next, if any. */
    Optional<CompactionPlan> planCompaction(long nowNanos, long fullColdNanos, int perLevel) {
        boolean cold = cache.active().isEmpty() && !hasFrozen() && nowNanos - lastWriteNanos >= fullColdNanos;
        return CompactionPlan.plan(files.files(), files.tombstones(), cold, perLevel);
    }

    /**
     * Merges the plan's files into one (see {@link TsmMerger}), applying the tombstones, and swaps it in for them;
     * after a full compaction, drops the tombstones it applied. The inputs stay readable until the swap, and
     * nothing is lost if this fails or the process dies at any step: the output is complete under its name before
     * it replaces the inputs (a shard that opens with both keeps the output), and the tombstones are dropped last.
     * One compaction per shard at a time (the store's scheduling ensures it).
     */
    void compact(CompactionPlan plan, WalCommitter committer, WriteThrottle throttle, BooleanSupplier cancelled)
            throws IOException {
        long started = System.nanoTime();
        TombstoneSet applied = files.tombstones();
        List<TsmFile> inputs = plan.inputs();
        List<TsmReader> readers = new ArrayList<>(inputs.size());
        for (TsmFile f : inputs) {
            readers.add(f.reader());
        }
        DeletedRanges deleted = applied.isEmpty() ? DeletedRanges.NONE
                : (i, key, field) -> applied.deleted(key, field, inputs.get(i).lastSeq());
        Path target = dataDir.resolve(TsmFile.fileName(plan.firstSeq(), plan.lastSeq(), plan.outputLevel()));
        Optional<TsmFile> output;
        try {
            Optional<TsmFileSummary> summary = plan.full()
                    ? TsmMerger.merge(fs, readers, deleted, target, settings.fullCompactionPointsPerBlock(),
                            ShardSettings.FULL_COMPACTION_BLOCK_PERIOD_NANOS, throttle, cancelled)
                    : TsmMerger.merge(fs, readers, deleted, target, settings.pointsPerBlock(), throttle, cancelled);
            output = summary.isEmpty() ? Optional.empty() : Optional.of(new TsmFile(
                    TsmReader.openGcManaged(fs, summary.get().path()), plan.firstSeq(), plan.lastSeq(),
                    plan.outputLevel()));
        } catch (IOException | RuntimeException e) {
            metrics.compactionErrors.increment();
            throw e;
        }
        if (!files.replace(inputs, output, applied)) {
            // A delete came in meanwhile whose tombstone the output would escape: try again later.
            metrics.compactionsAbandoned.increment();
            if (output.isPresent()) {
                fs.delete(output.get().path());
            }
            LOG.info("shard {}: compaction of {} abandoned: a delete arrived while it ran", id, inputs);
            return;
        }
        files.deleteFromDisk(inputs);
        metrics.compactions.increment();
        metrics.compactionNanos.add(System.nanoTime() - started);
        LOG.debug("shard {}: compacted {} into {}", id, inputs, output.map(Object::toString).orElse("nothing"));
        if (plan.full() && !applied.isEmpty()) {
            committer.runInOrder(wal, () -> files.dropTombstones(applied.tombstones()));
        }
    }

    // ---------------------------------------------------------------- deletes

    /**
     * Deletes the values in {@code [minTimeNanos, maxTimeNanos]} of every field of the given series that are in
     * generations up to {@code seq} (every write before the delete, which {@link ShardMaintenance#flush} put in
     * files), with a tombstone made durable before this returns, and removes from the series index the series
     * left without any value. Runs through the committer, so that no write of these series interleaves.
     */
    public void deleteSeries(List<byte[]> seriesKeys, long minTimeNanos, long maxTimeNanos, long seq,
            WalCommitter committer) throws IOException {
        if (seriesKeys.isEmpty()) {
            return;
        }
        Tombstone t = new Tombstone(seq, TombstoneTarget.seriesKeys(seriesKeys), null, minTimeNanos, maxTimeNanos);
        committer.runInOrder(wal, () -> {
            files.addTombstone(t);
            metrics.tombstonesWritten.increment();
            forgetSeriesWithoutData(seriesKeys);
            index.sync();
        });
    }

    /**
     * Deletes every value of a measurement (given unescaped) in generations up to {@code seq}, its series from the
     * index and its field types, unless writes since the flush gave some of its series values again.
     */
    public void dropMeasurement(String measurement, long seq, WalCommitter committer) throws IOException {
        Tombstone t = new Tombstone(seq, TombstoneTarget.measurement(MeasurementName.escape(measurement)), null,
                Long.MIN_VALUE, Long.MAX_VALUE);
        committer.runInOrder(wal, () -> {
            files.addTombstone(t);
            metrics.tombstonesWritten.increment();
            int left = forgetSeriesWithoutData(index.selectSeries(measurement, null));
            if (left == 0) {
                index.deleteMeasurement(measurement);
                cache.forgetMeasurement(measurement);
            }
            index.sync();
        });
    }

    /** Removes the series without a value from the index; returns how many keep values. Committer thread. */
    private int forgetSeriesWithoutData(List<byte[]> seriesKeys) {
        int left = 0;
        for (byte[] key : seriesKeys) {
            if (hasData(key)) {
                left++;
            } else {
                index.deleteSeries(key);
            }
        }
        return left;
    }

    private boolean hasData(byte[] seriesKey) {
        for (String field : cache.fieldNames(seriesKey, SeriesIndex.measurementLength(seriesKey))) {
            if (read(seriesKey, field, Long.MIN_VALUE, Long.MAX_VALUE).next()) {
                return true;
            }
        }
        return false;
    }

    /** The shard's series index. */
    public ShardIndex index() {
        return index;
    }

    public List<String> tagKeys(String measurement) {
        return index.tagKeys(measurement);
    }

    public List<String> tagValues(String measurement, String tagKey) {
        return index.tagValues(measurement, tagKey);
    }

    public List<byte[]> selectSeries(String measurement, TagFilter filter) {
        return index.selectSeries(measurement, filter);
    }

    public long seriesCardinality() {
        return index.seriesCardinality();
    }

    public long seriesCardinality(String measurement) {
        return index.seriesCardinality(measurement);
    }

    /** See {@link io.tidemark.storage.api.ShardIndexReader#seriesKeyHashes}. */
    public long[] seriesKeyHashes(String measurement) {
        return index.seriesKeyHashes(measurement);
    }

    /**
     * Syncs and closes the series index files. Only once the committer is done with the shard: after its log was
     * closed, or after the committer stopped. The in-memory index keeps answering reads.
     */
    public void closeIndex() throws IOException {
        try {
            index.close();
        } finally {
            files.close();
        }
    }

    void markDeleted() {
        deleted = true;
    }

    /** Whether the shard is being deleted: no snapshot or compaction starts any more. */
    public boolean isDeleted() {
        return deleted;
    }

    /** Forgets the shard's statistics; the shard is being deleted. */
    public void unregisterMetrics() {
        metrics.unregister();
    }

    @Override
    public String toString() {
        return "Shard[" + id + " " + database + "/" + retentionPolicy + "]";
    }
}
