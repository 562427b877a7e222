package io.tidemark.query.series;

import io.tidemark.storage.api.ShardException;
import java.util.List;

/**
 * Finds the series a statement reads. This is the seam where a series index plugs in: the first implementation,
 * {@link ScanningSeriesSelector}, lists every key of a measurement and tests the tags; an index can answer the same
 * questions from postings lists.
 *
 * <p>Implementations are thread-safe.
 */
public interface SeriesSelector {

    /** The unescaped names of the measurements with data in the shard, sorted. */
    List<String> measurements(long shardId) throws ShardException;

    /**
     * The series of a measurement in a shard for which {@code condition} may hold (those it rules out by their tags
     * are left out), sorted by key.
     *
     * @param measurement the unescaped measurement name
     */
    List<SeriesKey> series(long shardId, String measurement, TagCondition condition) throws ShardException;
}
