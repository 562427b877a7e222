package io.tidemark.storage;

import io.tidemark.common.FieldType;
import io.tidemark.common.fs.Fs;
import io.tidemark.common.metrics.MetricRegistry;
import io.tidemark.storage.api.PointBatch;
import io.tidemark.storage.api.RangeStatistics;
import io.tidemark.storage.api.ReadCost;
import io.tidemark.storage.api.SeriesCursor;
import io.tidemark.storage.api.ShardIndexReader;
import io.tidemark.storage.api.ShardNotFoundException;
import io.tidemark.storage.api.ShardReader;
import io.tidemark.storage.api.ShardWriteException;
import io.tidemark.storage.api.ShardWriter;
import io.tidemark.storage.api.TagFilter;
import io.tidemark.storage.api.WriteResult;
import io.tidemark.storage.cache.CacheApplier;
import io.tidemark.storage.index.SeriesIndex;
import io.tidemark.storage.shard.Shard;
import io.tidemark.storage.shard.ShardMaintenance;
import io.tidemark.storage.shard.ShardSettings;
import io.tidemark.storage.wal.WalCommitter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage engine of one node: its shards, each a cache in front of a write-ahead log with a persistent series
 * index, and the one WAL committer thread they share. Shards live in {@code <dataDir>/<db>/<rp>/<id>/} and
 * {@code <walDir>/<db>/<rp>/<id>/} as in InfluxDB, the series index in {@code <dataDir>/<db>/<rp>/<id>/index/};
 * {@link #open} finds them by scanning and replays their logs into their caches and indexes.
 *
 * <p>Writes: see {@link ShardWriter#write}; a write returns (or {@link ShardWriter#writeAsync}'s future completes)
 * after the fsync that covers it. Caches become TSM files and files are merged in the background
 * ({@link ShardMaintenance}); reads merge files and caches.
 *
 * <p>Thread-safe. Shard creation and deletion are expected from one caller at a time (the metadata layer).
 */
public final class Store implements ShardWriter, ShardReader, ShardIndexReader, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Store.class);
    /** How long a delete waits for the shard's cache to reach files, and a shard's deletion for its compaction. */
    private static final long MAINTENANCE_TIMEOUT_SECONDS = 120;

    private final StoreConfig config;
    private final Fs fs;
    private final MetricRegistry metrics;
    private final ConcurrentHashMap<Long, Shard> shards = new ConcurrentHashMap<>();
    /**
     * The shards deleted since the store opened. Metadata never gives an id twice, so a shard here is never created
     * again: a write routed before its shard group was dropped must fail, not open the directory being deleted. It
     * grows by one id per shard deleted and starts empty at each open (retention deletes at most one shard per
     * retention policy and shard-group duration: a few kilobytes a year), so it is not trimmed.
     */
    private final Set<Long> deletedShards = ConcurrentHashMap.newKeySet();
    /** Confined to the committer thread once started; used by the opening thread during replay before that. */
    private final CacheApplier applier = new CacheApplier();
    private final WalCommitter committer;
    private final ShardMaintenance maintenance;
    private final RecoveryReport recoveryReport;
    private final DatabaseStatistics databaseStatistics;
    private volatile boolean closed;
    private final AtomicBoolean indexesClosed = new AtomicBoolean();

    private Store(StoreConfig config, Fs fs, MetricRegistry metrics, List<Shard> opened) {
        this.config = config;
        this.fs = fs;
        this.metrics = metrics;
        long entries = 0;
        List<Path> truncated = new ArrayList<>();
        List<CorruptionException> corruptions = new ArrayList<>();
        for (Shard s : opened) {
            shards.put(s.id(), s);
            entries += s.recovery().entries();
            truncated.addAll(s.recovery().truncated());
            corruptions.addAll(s.recovery().corruptions());
        }
        this.recoveryReport = new RecoveryReport(entries, truncated, corruptions);
        this.databaseStatistics = new DatabaseStatistics(metrics, () -> shards.values());
        for (Shard s : opened) {
            databaseStatistics.register(s.database());
        }
        this.committer = new WalCommitter(config.walQueueCapacity(), config.walFsyncDelay(), config.walQueueTimeout(),
                metrics.group("wal_committer"), "tidemark-wal-committer " + config.walDir());
        this.maintenance = new ShardMaintenance(config.compaction(), committer, shards::values,
                config.dataDir().toString());
        for (Shard s : opened) {
            s.onSnapshotWanted(maintenance::wakeUp);
        }
    }

    static ShardSettings shardSettings(StoreConfig config) {
        return new ShardSettings(config.cacheMaxMemorySizeBytes(), config.compaction().cacheSnapshotMemorySizeBytes(),
                config.walSegmentSizeBytes(), config.compaction().pointsPerBlock());
    }

    /**
     * Opens the store: creates its directories if needed, finds the shards under them, replays their WALs, and
     * starts the committer.
     *
     * @throws IOException if a directory cannot be read or created, or a segment cannot be read or repaired
     *     (corrupt entries do not fail the open: see {@link #recoveryReport()})
     */
    public static Store open(StoreConfig config, Fs fs, MetricRegistry metrics) throws IOException {
        fs.createDirectoriesDurably(config.walDir());
        fs.createDirectoriesDurably(config.dataDir());
        Map<Long, ShardLocation> found = new TreeMap<>();
        discover(fs, config.walDir(), found);
        discover(fs, config.dataDir(), found);
        List<Shard> opened = new ArrayList<>();
        CacheApplier replayApplier = new CacheApplier();
        // Loading a series index and mapping and checksumming a TSM file are work independent of each other: as many
        // threads as processors, for the open only. The queue is unbounded but holds one task per file.
        ExecutorService openers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
                Thread.ofPlatform().name("tidemark-open-", 1).factory());
        try {
            for (ShardLocation loc : found.values()) {
                Shard s = Shard.open(loc.id, loc.db, loc.rp, shardDir(config.walDir(), loc.db, loc.rp, loc.id),
                        shardDir(config.dataDir(), loc.db, loc.rp, loc.id), shardSettings(config), fs, metrics,
                        replayApplier, openers);
                opened.add(s);
                LOG.info("opened shard {} ({}/{}): {} TSM files, {} WAL entries replayed, {} torn tails truncated, {}"
                        + " corruptions; series index: {}", loc.id, loc.db, loc.rp, s.files().size(),
                        s.recovery().entries(), s.recovery().truncated().size(), s.recovery().corruptions().size(),
                        s.index().index());
            }
        } catch (IOException | RuntimeException e) {
            for (Shard s : opened) {
                closeIndexQuietly(s, e);
            }
            throw e;
        } finally {
            openers.shutdownNow();
        }
        Store store = new Store(config, fs, metrics, opened);
        store.committer.start();
        store.maintenance.start();
        return store;
    }

    private record ShardLocation(long id, String db, String rp) {
    }

    private static void discover(Fs fs, Path root, Map<Long, ShardLocation> found) throws IOException {
        for (Path dbDir : fs.list(root)) {
            for (Path rpDir : fs.list(dbDir)) {
                for (Path shardDir : fs.list(rpDir)) {
                    OptionalLong id = FileNames.parseShardDirectory(shardDir.getFileName().toString());
                    if (id.isEmpty()) {
                        continue;
                    }
                    ShardLocation loc = new ShardLocation(id.getAsLong(), dbDir.getFileName().toString(),
                            rpDir.getFileName().toString());
                    ShardLocation prior = found.putIfAbsent(loc.id, loc);
                    if (prior != null && !prior.equals(loc)) {
                        throw new IOException("cannot open the store: shard " + loc.id + " is under both "
                                + prior.db + "/" + prior.rp + " and " + loc.db + "/" + loc.rp);
                    }
                }
            }
        }
    }

    private static Path shardDir(Path root, String db, String rp, long id) {
        return root.resolve(db).resolve(rp).resolve(Long.toString(id));
    }

    /** What replaying the WALs found when the store opened. */
    public RecoveryReport recoveryReport() {
        return recoveryReport;
    }

    /**
     * Creates a shard's directories and makes it writable. Idempotent for the same database and retention policy.
     *
     * @throws IllegalArgumentException if the shard exists under another database or retention policy, or a name
     *     cannot be a directory name
     */
    public void createShard(long shardId, String db, String rp) throws IOException {
        checkName(db, "database");
        checkName(rp, "retention policy");
        if (shardId < 0) {
            throw new IllegalArgumentException("negative shard id " + shardId);
        }
        checkOpen();
        Shard existing = shards.get(shardId);
        if (existing != null) {
            checkSameLocation(existing, db, rp);
            return;
        }
        if (deletedShards.contains(shardId)) {
            throw new IOException("shard " + shardId + " was deleted");
        }
        Path walShardDir = shardDir(config.walDir(), db, rp, shardId);
        Path dataShardDir = shardDir(config.dataDir(), db, rp, shardId);
        fs.createDirectoriesDurably(walShardDir);
        fs.createDirectoriesDurably(dataShardDir);
        Shard created = Shard.open(shardId, db, rp, walShardDir, dataShardDir, shardSettings(config), fs, metrics,
                new CacheApplier(), Runnable::run);
        created.onSnapshotWanted(maintenance::wakeUp);
        Shard prior = shards.putIfAbsent(shardId, created);
        if (prior != null) {
            // Not reachable from one caller at a time; the loser's index files must not stay open.
            created.closeIndex();
            checkSameLocation(prior, db, rp);
        }
        databaseStatistics.register(db);
    }

    private static void closeIndexQuietly(Shard s, Exception primary) {
        try {
            s.closeIndex();
        } catch (IOException | RuntimeException e) {
            primary.addSuppressed(e);
        }
    }

    private static void checkSameLocation(Shard s, String db, String rp) {
        if (!s.database().equals(db) || !s.retentionPolicy().equals(rp)) {
            throw new IllegalArgumentException("shard " + s.id() + " already exists in " + s.database() + "/"
                    + s.retentionPolicy() + ", not " + db + "/" + rp);
        }
    }

    private static void checkName(String name, String what) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid " + what + " name for a directory: \"" + name + "\"");
        }
    }

    /**
     * Deletes a shard and its files, after the writes queued for it are done; later writes to it fail with
     * {@link ShardNotFoundException}. Deleting an unknown shard does nothing.
     */
    public void deleteShard(long shardId) throws IOException {
        checkOpen();
        deletedShards.add(shardId);
        Shard s = shards.remove(shardId);
        if (s == null) {
            return;
        }
        maintenance.retire(s, MAINTENANCE_TIMEOUT_SECONDS);
        committer.closeLog(s.wal());
        try {
            // The committer is done with the shard: its log is closed.
            s.closeIndex();
        } catch (IOException | RuntimeException e) {
            LOG.warn("shard {}: cannot close its series index before deleting it", shardId, e);
        }
        s.unregisterMetrics();
        databaseStatistics.shardDeleted(s.database());
        fs.deleteRecursively(s.walDir());
        fs.deleteRecursively(s.dataDir());
        fs.fsyncDirectory(s.walDir().getParent());
        fs.fsyncDirectory(s.dataDir().getParent());
    }

    /** Whether the shard was deleted since the store opened (it is never created again). */
    public boolean wasDeleted(long shardId) {
        return deletedShards.contains(shardId);
    }

    /** The ids of the shards on this node. */
    public Set<Long> shardIds() {
        return new TreeSet<>(shards.keySet());
    }

    @Override
    public WriteResult write(long shardId, PointBatch batch) throws ShardWriteException {
        return writableShard(shardId).write(batch, committer, applier);
    }

    /** Reports the WAL's fsyncs, which writes wait for, to {@code watch} while they run. */
    public void watchIo(IoWatch watch) {
        committer.watchIo(watch);
    }

    @Override
    public CompletableFuture<WriteResult> writeAsync(long shardId, PointBatch batch) throws ShardWriteException {
        return writableShard(shardId).writeAsync(batch, committer, applier);
    }

    private Shard writableShard(long shardId) throws ShardWriteException {
        if (closed) {
            throw new ShardWriteException("cannot write to shard " + shardId + ": the store is closed");
        }
        return shard(shardId);
    }

    @Override
    public SeriesCursor read(long shardId, byte[] seriesKey, String field, long minTimeNanos, long maxTimeNanos)
            throws ShardNotFoundException {
        return shard(shardId).read(seriesKey, field, minTimeNanos, maxTimeNanos);
    }

    @Override
    public SeriesCursor readDescending(long shardId, byte[] seriesKey, String field, long minTimeNanos,
            long maxTimeNanos) throws ShardNotFoundException {
        return shard(shardId).readDescending(seriesKey, field, minTimeNanos, maxTimeNanos);
    }

    @Override
    public Optional<RangeStatistics> statistics(long shardId, byte[] seriesKey, String field, long minTimeNanos,
            long maxTimeNanos) throws ShardNotFoundException {
        return shard(shardId).statistics(seriesKey, field, minTimeNanos, maxTimeNanos);
    }

    @Override
    public Optional<ReadCost> cost(long shardId, byte[] seriesKey, String field, long minTimeNanos,
            long maxTimeNanos) throws ShardNotFoundException {
        return Optional.of(shard(shardId).cost(seriesKey, field, minTimeNanos, maxTimeNanos));
    }

    @Override
    public List<String> measurements(long shardId) throws ShardNotFoundException {
        return shard(shardId).measurements();
    }

    @Override
    public List<byte[]> seriesKeys(long shardId, String measurementEscaped) throws ShardNotFoundException {
        return shard(shardId).seriesKeys(measurementEscaped);
    }

    @Override
    public Map<String, FieldType> fieldTypes(long shardId, String measurement) throws ShardNotFoundException {
        return shard(shardId).fieldTypes(measurement);
    }

    @Override
    public List<String> tagKeys(long shardId, String measurement) throws ShardNotFoundException {
        return shard(shardId).tagKeys(measurement);
    }

    @Override
    public List<String> tagValues(long shardId, String measurement, String tagKey) throws ShardNotFoundException {
        return shard(shardId).tagValues(measurement, tagKey);
    }

    @Override
    public List<byte[]> selectSeries(long shardId, String measurement, TagFilter filter)
            throws ShardNotFoundException {
        return shard(shardId).selectSeries(measurement, filter);
    }

    @Override
    public long seriesCardinality(long shardId) throws ShardNotFoundException {
        return shard(shardId).seriesCardinality();
    }

    @Override
    public long seriesCardinality(long shardId, String measurement) throws ShardNotFoundException {
        return shard(shardId).seriesCardinality(measurement);
    }

    @Override
    public long[] seriesKeyHashes(long shardId, String measurement) throws ShardNotFoundException {
        return shard(shardId).seriesKeyHashes(measurement);
    }

    /**
     * Deletes the values in {@code [minTimeNanos, maxTimeNanos]} of the series of a measurement (given unescaped)
     * that match {@code filter} (all of them for null), as {@code DELETE} and {@code DROP SERIES} do: every write
     * acknowledged before the call is affected, the deletion is durable when this returns, and series left without
     * values leave the series index. Writes made while it runs may or may not be deleted.
     *
     * @throws IOException if the shard's cache could not be written to files first, or the tombstone not be written
     */
    public void delete(long shardId, String measurement, TagFilter filter, long minTimeNanos, long maxTimeNanos)
            throws ShardNotFoundException, IOException {
        checkOpen();
        deleteSeries(shardId, shard(shardId).selectSeries(measurement, filter), minTimeNanos, maxTimeNanos);
    }

    /**
     * {@link #delete} for series given by their canonical keys, which the caller selected (with conditions a
     * {@link TagFilter} cannot express). Keys the shard does not have are ignored.
     */
    public void deleteSeries(long shardId, List<byte[]> seriesKeys, long minTimeNanos, long maxTimeNanos)
            throws ShardNotFoundException, IOException {
        checkOpen();
        Shard s = shard(shardId);
        if (seriesKeys.isEmpty() || minTimeNanos > maxTimeNanos) {
            return;
        }
        try {
            long seq = maintenance.flush(s, MAINTENANCE_TIMEOUT_SECONDS);
            s.deleteSeries(seriesKeys, minTimeNanos, maxTimeNanos, seq, committer);
        } catch (IOException e) {
            throw droppedMeanwhile(s, e);
        }
    }

    /** Deletes a measurement (given unescaped) from a shard: its values, series and field types. */
    public void dropMeasurement(long shardId, String measurement) throws ShardNotFoundException, IOException {
        checkOpen();
        Shard s = shard(shardId);
        if (s.seriesCardinality(measurement) == 0 && s.fieldTypes(measurement).isEmpty()) {
            return;
        }
        try {
            long seq = maintenance.flush(s, MAINTENANCE_TIMEOUT_SECONDS);
            s.dropMeasurement(measurement, seq, committer);
        } catch (IOException e) {
            throw droppedMeanwhile(s, e);
        }
    }

    /**
     * A delete that failed because the shard was dropped while it ran (its log or tombstone file closed under it):
     * the shard is not found, as it would have been a moment later, and its data is gone anyway. Any other
     * failure stays what it is.
     */
    private IOException droppedMeanwhile(Shard s, IOException failure) throws ShardNotFoundException {
        if (s.isDeleted() || shards.get(s.id()) != s) {
            ShardNotFoundException gone = new ShardNotFoundException(s.id());
            gone.initCause(failure);
            throw gone;
        }
        return failure;
    }

    /** Writes a shard's cache to files now (for tests and for a clean shutdown); returns when they are durable. */
    public void flush(long shardId) throws ShardNotFoundException, IOException {
        checkOpen();
        maintenance.flush(shard(shardId), MAINTENANCE_TIMEOUT_SECONDS);
    }

    /** A shard, for tests and diagnostics of what its files hold. */
    public Shard shardForTesting(long shardId) throws ShardNotFoundException {
        return shard(shardId);
    }

    /** The series index of a shard, for tests of what the files keep. */
    SeriesIndex seriesIndex(long shardId) throws ShardNotFoundException {
        return shard(shardId).index().index();
    }

    private Shard shard(long shardId) throws ShardNotFoundException {
        Shard s = shards.get(shardId);
        if (s == null) {
            throw new ShardNotFoundException(shardId);
        }
        return s;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
    }

    /**
     * Completes the writes already queued, syncs and closes every WAL segment, stops the committer thread, then
     * syncs and closes every series index. Later writes fail; reads of what the caches and indexes hold still work.
     * Idempotent. A series index that cannot be synced is logged: the WAL still holds its series for the next open.
     */
    @Override
    public void close() {
        closed = true;
        maintenance.close();
        committer.close();
        if (!indexesClosed.compareAndSet(false, true)) {
            return;
        }
        // The committer has stopped: this thread is the only one using the index files now.
        for (Shard s : shards.values()) {
            try {
                s.closeIndex();
            } catch (IOException | RuntimeException e) {
                LOG.error("shard {}: cannot sync and close its series index; the next open completes it from the WAL",
                        s.id(), e);
            }
        }
    }
}
