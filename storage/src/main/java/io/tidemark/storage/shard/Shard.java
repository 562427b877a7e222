package io.tidemark.storage.shard;

import io.tidemark.common.FieldType;
import io.tidemark.common.fs.Fs;
import io.tidemark.common.metrics.MetricRegistry;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.cache.CacheApplier;
import io.tidemark.storage.cache.ShardCache;
import io.tidemark.storage.cache.ValidatedBatch;
import io.tidemark.storage.api.CacheFullException;
import io.tidemark.storage.api.MalformedPointBatchException;
import io.tidemark.storage.api.PointBatch;
import io.tidemark.storage.api.SeriesCursor;
import io.tidemark.storage.api.ShardWriteException;
import io.tidemark.storage.api.WriteResult;
import io.tidemark.storage.wal.ShardWal;
import io.tidemark.storage.wal.WalAppend;
import io.tidemark.storage.wal.WalCommitter;
import io.tidemark.storage.wal.WalFormat;
import io.tidemark.storage.wal.WalReplayer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shard on this node: its cache, its log, its statistics, and the write path that ties them together. A shard
 * whose log failed is "distressed": it refuses writes until the node restarts, and keeps serving reads.
 * Thread-safe.
 */
public final class Shard {
    private static final Logger LOG = LoggerFactory.getLogger(Shard.class);

    private final long id;
    private final String database;
    private final String retentionPolicy;
    private final Path walDir;
    private final Path dataDir;
    private final ShardCache cache;
    private final ShardWal wal;
    private final ShardMetrics metrics;
    private final WalReplayer.Result recovery;

    private Shard(long id, String database, String retentionPolicy, Path walDir, Path dataDir, ShardCache cache,
            ShardWal wal, ShardMetrics metrics, WalReplayer.Result recovery) {
        this.id = id;
        this.database = database;
        this.retentionPolicy = retentionPolicy;
        this.walDir = walDir;
        this.dataDir = dataDir;
        this.cache = cache;
        this.wal = wal;
        this.metrics = metrics;
        this.recovery = recovery;
        metrics.bindGauges(cache, wal);
    }

    /**
     * Opens a shard: replays its log (see {@link WalReplayer} for the recovery policy) into a new cache. Replay
     * ignores the cache limit, since what it loads was acknowledged. Runs before the committer starts.
     */
    public static Shard open(long id, String database, String retentionPolicy, Path walDir, Path dataDir,
            long cacheMaxMemorySizeBytes, long walSegmentSizeBytes, Fs fs, MetricRegistry registry,
            CacheApplier applier) throws IOException {
        ShardCache cache = new ShardCache(cacheMaxMemorySizeBytes);
        ShardMetrics metrics = new ShardMetrics(registry, id);
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
                applier.apply(cache, v.acceptedBatch(), 0);
            }
        });
        metrics.walReplayedEntries.add(r.entries());
        metrics.walTruncatedTails.add(r.truncated().size());
        metrics.walCorruptions.add(r.corruptions().size());
        ShardWal wal = new ShardWal(id, walDir, fs, walSegmentSizeBytes, r.nextSegmentId(), r.segmentBytes());
        return new Shard(id, database, retentionPolicy, walDir, dataDir, cache, wal, metrics, r);
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

    /**
     * Validates field types and reserves cache memory, logs the accepted points and waits for their fsync, applies
     * them to the cache (on the committer thread, in log order), and returns. On any failure nothing is visible
     * and the reservation is released.
     */
    public WriteResult write(PointBatch batch, WalCommitter committer, CacheApplier applier)
            throws ShardWriteException {
        metrics.writeReq.increment();
        try {
            WriteResult r = doWrite(batch, committer, applier);
            metrics.writeReqOk.increment();
            metrics.writePointsOk.add(r.accepted());
            metrics.writePointsDropped.add(r.dropped());
            return r;
        } catch (ShardWriteException | RuntimeException e) {
            metrics.writeReqErr.increment();
            metrics.writePointsErr.add(batch.pointCount());
            throw e;
        }
    }

    private WriteResult doWrite(PointBatch batch, WalCommitter committer, CacheApplier applier)
            throws ShardWriteException {
        Throwable failure = wal.failure();
        if (failure != null) {
            throw new ShardWriteException("cannot write to shard " + id + ": its WAL failed (" + failure.getMessage()
                    + "); the shard takes no more writes until the node restarts", failure);
        }
        if (batch.isEmpty()) {
            return WriteResult.allAccepted(0);
        }
        if (batch.sizeBytes() > WalFormat.MAX_PAYLOAD_BYTES) {
            throw new ShardWriteException("cannot write to shard " + id + ": a batch of " + batch.sizeBytes()
                    + " bytes exceeds the WAL entry limit of " + WalFormat.MAX_PAYLOAD_BYTES + " bytes");
        }
        ValidatedBatch v = cache.validate(batch);
        if (v.accepted() == 0) {
            return new WriteResult(0, v.dropped(), v.firstDropReason());
        }
        PointBatch accepted = v.acceptedBatch();
        long reservation = v.reservationBytes();
        try {
            cache.reserve(reservation);
        } catch (CacheFullException e) {
            metrics.cacheWriteErr.increment();
            throw e;
        }
        WalAppend append = new WalAppend(wal, WalFormat.ENTRY_WRITE, accepted,
                () -> applier.apply(cache, accepted, reservation));
        try {
            committer.append(append);
        } catch (ShardWriteException | RuntimeException e) {
            if (!append.afterSyncStarted()) {
                cache.release(reservation);
            }
            metrics.walWriteErr.increment();
            throw e;
        }
        metrics.walWriteOk.increment();
        metrics.cacheWriteOk.increment();
        metrics.writeBytes.add(accepted.sizeBytes());
        return new WriteResult(v.accepted(), v.dropped(), v.firstDropReason());
    }

    public SeriesCursor read(byte[] seriesKey, String field, long minTimeNanos, long maxTimeNanos) {
        return cache.read(seriesKey, field, minTimeNanos, maxTimeNanos);
    }

    public List<String> measurements() {
        return cache.measurements();
    }

    public List<byte[]> seriesKeys(String measurementEscaped) {
        return cache.seriesKeys(measurementEscaped);
    }

    public Map<String, FieldType> fieldTypes(String measurement) {
        return cache.fieldTypes(measurement);
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
