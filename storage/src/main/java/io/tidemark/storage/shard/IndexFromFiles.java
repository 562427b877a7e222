package io.tidemark.storage.shard;

import io.tidemark.storage.index.SeriesIndex;
import io.tidemark.storage.tombstone.TimeRanges;
import io.tidemark.storage.tombstone.TombstoneSet;
import io.tidemark.storage.tsm.TsmKeyCursor;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds to a series index that lost series to damage the series and field types of a shard's TSM files: once the WAL
 * was trimmed behind snapshots, the files are the only record of most series, and an index rebuilt from the WAL
 * alone left all their data unreachable by queries. A series field that tombstones delete wholly in a file is left
 * out, as reads leave it out. Runs while the shard opens, before anything reads the index; it walks every key of
 * every file, which only damage makes it do. Stateless.
 */
final class IndexFromFiles {
    private static final Logger LOG = LoggerFactory.getLogger(IndexFromFiles.class);

    private IndexFromFiles() {
    }

    static void addSeries(long shardId, SeriesIndex index, List<TsmFile> files, TombstoneSet tombstones) {
        long before = index.seriesCardinality();
        for (TsmFile f : files) {
            try {
                addSeriesOf(f, index, tombstones);
            } catch (RuntimeException e) {
                // A key entry that does not parse: the check of the file's index entries moves the file aside
                // before the shard's next compaction, and its series with it.
                LOG.error("shard {}: cannot read the series of {} for the rebuilt series index; its series stay out "
                        + "of it", shardId, f.reader().path(), e);
            }
        }
        LOG.warn("shard {}: added {} series from {} TSM files to the rebuilt series index", shardId,
                index.seriesCardinality() - before, files.size());
    }

    private static void addSeriesOf(TsmFile f, SeriesIndex index, TombstoneSet tombstones) {
        TsmKeyCursor keys = f.reader().keys();
        byte[] previous = null;
        String measurement = null;
        while (keys.next()) {
            byte[] key = keys.seriesKey();
            String field = keys.field();
            long[] gone = tombstones.isEmpty() ? null : tombstones.deleted(key, field, f.lastSeq());
            if (gone != null && TimeRanges.coversAll(gone, keys.minTimeNanos(), keys.maxTimeNanos())) {
                continue;
            }
            if (previous == null || !Arrays.equals(previous, key)) {
                index.addSeries(key);
                measurement = SeriesIndex.measurementName(Arrays.copyOf(key, SeriesIndex.measurementLength(key)));
                previous = key;
            }
            index.addField(measurement, field, keys.type());
        }
    }
}
