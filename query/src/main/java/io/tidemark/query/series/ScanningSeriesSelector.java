package io.tidemark.query.series;

import io.tidemark.storage.api.MeasurementName;
import io.tidemark.storage.api.ShardException;
import io.tidemark.storage.api.ShardReader;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SeriesSelector} without an index: it lists a measurement's series keys from the shard and evaluates the
 * tag part of the condition on each parsed key. Cost is linear in the measurement's series per query.
 *
 * <p>Thread-safe: it keeps no state besides the reader.
 */
public final class ScanningSeriesSelector implements SeriesSelector {
    private final ShardReader shards;

    public ScanningSeriesSelector(ShardReader shards) {
        this.shards = shards;
    }

    @Override
    public List<String> measurements(long shardId) throws ShardException {
        return shards.measurements(shardId);
    }

    @Override
    public List<SeriesKey> series(long shardId, String measurement, TagCondition condition) throws ShardException {
        List<byte[]> keys = shards.seriesKeys(shardId, MeasurementName.escape(measurement));
        List<SeriesKey> out = new ArrayList<>(keys.size());
        for (byte[] k : keys) {
            SeriesKey s = SeriesKeyParser.parse(k);
            if (condition.mayMatch(s)) {
                out.add(s);
            }
        }
        return out;
    }
}
