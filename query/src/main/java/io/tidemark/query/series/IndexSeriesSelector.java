package io.tidemark.query.series;

import io.tidemark.storage.api.ShardException;
import io.tidemark.storage.api.ShardIndexReader;
import io.tidemark.storage.api.ShardNotFoundException;
import java.util.ArrayList;
import java.util.Arrays;
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

    /**
     * Merges each shard's keys, which the index gives sorted, into the distinct ones of the shards before, without
     * parsing them: memory for the distinct keys and one shard's, whatever the number of shards.
     */
    @Override
    public long distinctSeriesCount(List<Long> shardIds, String measurement) throws ShardException {
        List<byte[]> distinct = List.of();
        for (long shard : shardIds) {
            try {
                distinct = mergeDistinct(distinct, index.selectSeries(shard, measurement, null));
            } catch (ShardNotFoundException e) {
                // dropped meanwhile: as a shard without series
            }
        }
        return distinct.size();
    }

    /** The distinct keys of two lists sorted by unsigned bytes, sorted; {@code a} holds no repeats. */
    static List<byte[]> mergeDistinct(List<byte[]> a, List<byte[]> b) {
        if (a.isEmpty()) {
            return b;
        }
        List<byte[]> out = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            byte[] k = j == b.size() || i < a.size() && Arrays.compareUnsigned(a.get(i), b.get(j)) <= 0
                    ? a.get(i++) : b.get(j++);
            if (out.isEmpty() || !Arrays.equals(out.getLast(), k)) {
                out.add(k);
            }
        }
        return out;
    }

    /**
     * Merges each shard's key hashes, sorted, into the distinct ones of the shards before: memory for the distinct
     * series and one shard's, whatever the number of shards.
     */
    @Override
    public long estimatedDistinctSeriesCount(List<Long> shardIds, String measurement) throws ShardException {
        long[] distinct = new long[0];
        for (long shard : shardIds) {
            long[] hashes;
            try {
                hashes = index.seriesKeyHashes(shard, measurement);
            } catch (ShardNotFoundException e) {
                continue; // dropped meanwhile: as a shard without series
            }
            Arrays.sort(hashes);
            distinct = mergeDistinct(distinct, hashes);
        }
        return distinct.length;
    }

    /** The distinct values of two sorted arrays, sorted; {@code a} holds no repeats. */
    static long[] mergeDistinct(long[] a, long[] b) {
        long[] out = new long[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.length) {
            long v = j == b.length || i < a.length && a[i] <= b[j] ? a[i++] : b[j++];
            if (n == 0 || out[n - 1] != v) {
                out[n++] = v;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
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
