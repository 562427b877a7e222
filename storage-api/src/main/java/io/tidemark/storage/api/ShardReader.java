package io.tidemark.storage.api;

import io.tidemark.common.FieldType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what a shard holds, locally or on another node. Measurements are named two ways: unescaped, as users see
 * them ({@link #measurements}, {@link #fieldTypes}), and escaped, as the prefix of series keys
 * ({@link #seriesKeys}); {@link MeasurementName} converts. Implementations are thread-safe.
 */
public interface ShardReader {

    /**
     * The values of one field of one series with {@code minTimeNanos <= t <= maxTimeNanos}, ascending, where a
     * timestamp written more than once holds the last value written. Unknown series or field: an empty cursor.
     *
     * @param seriesKey the canonical escaped series key ({@code cpu,host=a})
     */
    SeriesCursor read(long shardId, byte[] seriesKey, String field, long minTimeNanos, long maxTimeNanos)
            throws ShardException;

    /**
     * {@link #read}, in descending time order: the same values, latest first. Implementations should make the first
     * value cheap (a reader that wants only the latest points stops early); this default buffers {@link #read}'s
     * values, for implementations without a descending path of their own.
     */
    default SeriesCursor readDescending(long shardId, byte[] seriesKey, String field, long minTimeNanos,
            long maxTimeNanos) throws ShardException {
        return BufferedDescendingCursor.of(read(shardId, seriesKey, field, minTimeNanos, maxTimeNanos));
    }

    /**
     * Count, first, last, min and max of what {@link #read} would give for the same arguments, when the shard knows
     * them exactly without reading the values one by one (block statistics); otherwise empty. Exact or empty: an
     * answer is never an estimate, and empty only means "read the values" (the default, for implementations
     * without statistics). An unknown series or field in a known shard answers a count of 0.
     *
     * @param seriesKey the canonical escaped series key ({@code cpu,host=a})
     */
    default Optional<RangeStatistics> statistics(long shardId, byte[] seriesKey, String field, long minTimeNanos,
            long maxTimeNanos) throws ShardException {
        return Optional.empty();
    }

    /**
     * What {@link #read} with the same arguments would touch (see {@link ReadCost}), for {@code EXPLAIN}; empty for
     * implementations that cannot tell without reading (the default).
     *
     * @param seriesKey the canonical escaped series key ({@code cpu,host=a})
     */
    default Optional<ReadCost> cost(long shardId, byte[] seriesKey, String field, long minTimeNanos,
            long maxTimeNanos) throws ShardException {
        return Optional.empty();
    }

    /** The unescaped names of the measurements that have data in the shard, sorted. */
    List<String> measurements(long shardId) throws ShardException;

    /** The series keys of a measurement (given escaped), sorted by unsigned bytes. */
    List<byte[]> seriesKeys(long shardId, String measurementEscaped) throws ShardException;

    /** The field types of a measurement (given unescaped) in the shard, sorted by field name. */
    Map<String, FieldType> fieldTypes(long shardId, String measurement) throws ShardException;
}
