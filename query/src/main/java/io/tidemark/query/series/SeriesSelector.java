package io.tidemark.query.series;

import io.tidemark.storage.api.ShardException;
import io.tidemark.storage.api.ShardNotFoundException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the series a statement reads, and the tag keys and values of a measurement. {@link ScanningSeriesSelector}
 * lists every key of a measurement and tests the tags; {@link IndexSeriesSelector} answers the same questions from
 * a series index's postings.
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

    /**
     * How many series a measurement has in a shard. By default by listing them; an index answers from its count.
     *
     * @param measurement the unescaped measurement name
     */
    default long seriesCount(long shardId, String measurement) throws ShardException {
        return series(shardId, measurement, TagCondition.all()).size();
    }

    /**
     * How many distinct series a measurement has over several shards (a series may be in each of them; a shard
     * dropped meanwhile counts none), exactly.
     *
     * @param measurement the unescaped measurement name
     */
    default long distinctSeriesCount(List<Long> shardIds, String measurement) throws ShardException {
        Set<String> keys = new HashSet<>();
        for (long shard : shardIds) {
            try {
                for (SeriesKey s : series(shard, measurement, TagCondition.all())) {
                    keys.add(s.keyString());
                }
            } catch (ShardNotFoundException e) {
                // Dropped meanwhile: as a shard without series.
            }
        }
        return keys.size();
    }

    /**
     * {@link #distinctSeriesCount}, or an estimate of it. By default the exact count; an index counts 64-bit hashes
     * of the keys instead, which two keys share with a chance of about n²/2^65 among n series (the count is then
     * one short).
     */
    default long estimatedDistinctSeriesCount(List<Long> shardIds, String measurement) throws ShardException {
        return distinctSeriesCount(shardIds, measurement);
    }

    /**
     * The tag keys among the series of a measurement in a shard, sorted by {@link SeriesKeyParser#BYTE_ORDER}. By
     * default from {@link #series}; an index answers without listing series.
     */
    default List<String> tagKeys(long shardId, String measurement) throws ShardException {
        Set<String> keys = new TreeSet<>(SeriesKeyParser.BYTE_ORDER);
        for (SeriesKey s : series(shardId, measurement, TagCondition.all())) {
            for (int i = 0; i < s.tagCount(); i++) {
                keys.add(s.tagKey(i));
            }
        }
        return List.copyOf(keys);
    }

    /**
     * The values of a tag key among the series of a measurement in a shard, sorted by
     * {@link SeriesKeyParser#BYTE_ORDER}. By default from {@link #series}; an index answers from its dictionary.
     */
    default List<String> tagValues(long shardId, String measurement, String tagKey) throws ShardException {
        Set<String> values = new TreeSet<>(SeriesKeyParser.BYTE_ORDER);
        for (SeriesKey s : series(shardId, measurement, TagCondition.all())) {
            if (s.hasTag(tagKey)) {
                values.add(s.tag(tagKey));
            }
        }
        return List.copyOf(values);
    }
}
