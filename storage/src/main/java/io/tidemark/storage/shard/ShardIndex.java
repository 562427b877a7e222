package io.tidemark.storage.shard;

import io.tidemark.common.fs.Fs;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.api.MeasurementName;
import io.tidemark.storage.api.TagFilter;
import io.tidemark.storage.index.SeriesIndex;
import io.tidemark.storage.index.SeriesIndexFiles;
import io.tidemark.storage.index.SeriesIndexFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shard's persistent series index: its {@link SeriesIndexFiles} in {@code <shard data dir>/index/}, the policy
 * for writing them, and the read side in the names of {@code storage-api} (measurements as the cache names them,
 * {@link TagFilter}s, sorted answers).
 *
 * <p>Writes: every series of every applied batch is added by the {@link io.tidemark.storage.cache.CacheApplier}
 * (lock-free and allocation-free for known series). The files follow the rules of {@link SeriesIndexFiles}: a
 * {@link #flush} after each WAL commit group that touched the shard (no fsync), a {@link #sync} when the store
 * closes. Nothing durable refers to series ids yet (no TSM files, no WAL segment is removed while the shard
 * lives), so an index that lost its unsynced tail in a crash is completed by the WAL's replay, with new ids for
 * the lost series. A flush that fails leaves the changes in memory; the next {@link #sync} or {@link #close}
 * recovers by compacting (a full snapshot), and until then flushes are skipped.
 *
 * <p>Thread-safety: the read methods and {@link #index()} are thread-safe. {@link #flush}, {@link #sync} and
 * {@link #close} are confined to one thread at a time: replay's opening thread, then the WAL committer, then the
 * thread that closes or deletes the shard after its log was closed.
 */
public final class ShardIndex {
    private static final Logger LOG = LoggerFactory.getLogger(ShardIndex.class);
    /** The index's directory under the shard's data directory. */
    public static final String DIRECTORY = "index";
    /** The log size past which the next cache snapshot also compacts the index into a new snapshot. */
    static final long LOG_COMPACTION_BYTES = 16L << 20;

    private final long shardId;
    private final SeriesIndexFiles files;
    /** Set when a flush failed; cleared by a successful compaction. Confined like the file operations. */
    private boolean failed;

    /**
     * Whether the index may lack series the shard holds: its snapshot was damaged (the index was deleted and starts
     * empty), its log was (the records after the damage are lost), or it had no files at all (a new shard, or a
     * directory deleted by hand).
     */
    private final boolean mayLackSeries;

    private ShardIndex(long shardId, SeriesIndexFiles files, boolean mayLackSeries) {
        this.shardId = shardId;
        this.files = files;
        this.mayLackSeries = mayLackSeries;
    }

    /**
     * Opens the index in {@code <dataDir>/index/}. A damaged snapshot cannot be repaired: the directory is then
     * deleted and the index starts empty (its series get new ids, which nothing durable refers to). Either that or a
     * damaged log, or a directory without index files next to TSM files, leaves the index without series the shard
     * holds, which the shard adds back from its TSM files and its WAL's replay (see {@link #mayLackSeries}).
     */
    public static ShardIndex open(long shardId, Path dataDir, Fs fs) throws IOException {
        Path dir = dataDir.resolve(DIRECTORY);
        boolean hadFiles = hasIndexFiles(fs, dir);
        SeriesIndexFiles files;
        boolean damaged = false;
        try {
            files = SeriesIndexFiles.open(fs, dir);
        } catch (CorruptionException e) {
            LOG.error("shard {}: the series index in {} is damaged ({}); deleting it and rebuilding it from the "
                    + "shard's TSM files and WAL", shardId, dir, e.getMessage());
            fs.deleteRecursively(dir);
            fs.fsyncDirectory(dataDir);
            files = SeriesIndexFiles.open(fs, dir);
            damaged = true;
        }
        if (!files.recovery().corruptions().isEmpty()) {
            LOG.error("shard {}: the series index log was damaged: {}; the series it lost are added back from the "
                    + "shard's TSM files and WAL", shardId, files.recovery().corruptions());
            damaged = true;
        }
        return new ShardIndex(shardId, files, damaged || !hadFiles);
    }

    private static boolean hasIndexFiles(Fs fs, Path dir) throws IOException {
        if (!fs.exists(dir)) {
            return false;
        }
        for (Path p : fs.list(dir)) {
            String name = p.getFileName().toString();
            if (name.equals(SeriesIndexFormat.SNAPSHOT_FILE) || SeriesIndexFormat.parseLogFile(name).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** See {@link #mayLackSeries}: the shard then adds back those of its TSM files. */
    boolean mayLackSeries() {
        return mayLackSeries;
    }

    /** The in-memory index. */
    public SeriesIndex index() {
        return files.index();
    }

    // ---------------------------------------------------------------- file operations (one thread at a time)

    /** Writes what changed to the log without an fsync; a failure is logged and recovered by the next sync. */
    public void flush() {
        if (failed) {
            return;
        }
        try {
            files.flush();
        } catch (IOException e) {
            failed = true;
            LOG.error("shard {}: cannot write the series index log; it is written again by a compaction when the"
                    + " store closes (the WAL keeps every series meanwhile)", shardId, e);
        }
    }

    /** Makes every change durable: a flush and an fsync, or a compaction after a failed flush. */
    public void sync() throws IOException {
        if (failed) {
            files.compact();
            failed = false;
        } else {
            files.sync();
        }
    }

    /**
     * {@link #sync}, or, once the log has grown past {@value #LOG_COMPACTION_BYTES} bytes, a compaction into a new
     * snapshot (durable too), so that the log a restart replays stays short. Called after each cache snapshot.
     */
    public void syncOrCompact() throws IOException {
        if (!failed && files.logSizeBytes() > LOG_COMPACTION_BYTES) {
            files.compact();
            return;
        }
        sync();
    }

    /** Syncs (see {@link #sync}) and closes the files, which are closed even if syncing fails. */
    public void close() throws IOException {
        try {
            if (failed) {
                files.compact();
                failed = false;
            }
        } finally {
            files.close();
        }
    }

    // ---------------------------------------------------------------- reads (any thread)

    /** See {@link io.tidemark.storage.api.ShardIndexReader#tagKeys}. */
    public List<String> tagKeys(String measurement) {
        return byteOrdered(index().tagKeys(indexName(measurement)));
    }

    /** See {@link io.tidemark.storage.api.ShardIndexReader#tagValues}. */
    public List<String> tagValues(String measurement, String tagKey) {
        return byteOrdered(index().tagValues(indexName(measurement), tagKey));
    }

    /** See {@link io.tidemark.storage.api.ShardIndexReader#selectSeries}. */
    public List<byte[]> selectSeries(String measurement, TagFilter filter) {
        SeriesIndex idx = index();
        String name = indexName(measurement);
        return idx.sortedKeys(name, idx.select(name, filter));
    }

    /** Deletes a series from the index (it has no value left in the shard); false if it was not there. */
    public boolean deleteSeries(byte[] seriesKey) {
        int id = index().seriesId(seriesKey, 0, seriesKey.length);
        return id >= 0 && index().deleteSeries(id);
    }

    /** Deletes a measurement's series and fields from the index. */
    public long deleteMeasurement(String measurement) {
        return index().deleteMeasurement(indexName(measurement));
    }

    public long seriesCardinality() {
        return index().seriesCardinality();
    }

    public long seriesCardinality(String measurement) {
        return index().seriesCardinality(indexName(measurement));
    }

    public long[] seriesKeyHashes(String measurement) {
        return index().liveKeyHashes(indexName(measurement));
    }

    /**
     * The index's name of a measurement named as the cache and the query engine name it (see
     * {@link SeriesIndex#measurementName}): both come from the same escaped bytes.
     */
    private static String indexName(String measurement) {
        if (measurement.indexOf('\\') < 0) {
            return measurement;
        }
        return SeriesIndex.measurementName(MeasurementName.escape(measurement).getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> byteOrdered(Collection<String> names) {
        List<String> out = new ArrayList<>(names);
        out.sort(ShardIndex::compareCodePoints);
        return out;
    }

    /** Code point order, which is the unsigned order of the UTF-8 encodings. */
    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    @Override
    public String toString() {
        return "ShardIndex[" + shardId + " " + index() + "]";
    }
}
