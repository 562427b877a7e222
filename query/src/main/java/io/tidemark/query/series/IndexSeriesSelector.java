package io.tidemark.query.series;

import io.tidemark.storage.api.ShardException;
import io.tidemark.storage.api.ShardIndexReader;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SeriesSelector} over a shard's series index: the tag part of the condition becomes a
 * {@link io.tidemark.storage.api.TagFilter} evaluated on postings (see {@link TagFilterTranslation}), so only the
 * selected series are fetched and parsed. When the condition has parts the index cannot decide from its postings,
 * it is also evaluated on each candidate, as {@link ScanningSeriesSelector} does on every series. The answers are
 * the scanning selector's.
 *
 * <p>Thread-safe: it keeps no state besides the reader.
 */
public final class IndexSeriesSelector implements SeriesSelector {
    private final ShardIndexReader index;

    public IndexSeriesSelector(ShardIndexReader index) {
        this.index = index;
    }

    @Override
    public List<String> measurements(long shardId) throws ShardException {
        return index.measurements(shardId);
    }

    @Override
    public List<SeriesKey> series(long shardId, String measurement, TagCondition condition) throws ShardException {
        TagFilterTranslation t = condition.translation();
        if (t.none()) {
            return List.of();
        }
        List<byte[]> keys = index.selectSeries(shardId, measurement, t.filter());
        List<SeriesKey> out = new ArrayList<>(keys.size());
        for (byte[] k : keys) {
            SeriesKey s = SeriesKeyParser.parse(k);
            if (t.exact() || condition.mayMatch(s)) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public long seriesCount(long shardId, String measurement) throws ShardException {
        return index.seriesCardinality(shardId, measurement);
    }

    @Override
    public List<String> tagKeys(long shardId, String measurement) throws ShardException {
        return index.tagKeys(shardId, measurement);
    }

    @Override
    public List<String> tagValues(long shardId, String measurement, String tagKey) throws ShardException {
        return index.tagValues(shardId, measurement, tagKey);
    }
}
