package io.tidemark.storage.api;

import io.tidemark.common.FieldType;
import java.util.List;
import java.util.Map;

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

    /** The unescaped names of the measurements that have data in the shard, sorted. */
    List<String> measurements(long shardId) throws ShardException;

    /** The series keys of a measurement (given escaped), sorted by unsigned bytes. */
    List<byte[]> seriesKeys(long shardId, String measurementEscaped) throws ShardException;

    /** The field types of a measurement (given unescaped) in the shard, sorted by field name. */
    Map<String, FieldType> fieldTypes(long shardId, String measurement) throws ShardException;
}
