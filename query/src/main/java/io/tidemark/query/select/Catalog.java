package io.tidemark.query.select;

import io.tidemark.common.FieldType;
import io.tidemark.influxql.ast.DataType;
import io.tidemark.influxql.ast.Measurement;
import io.tidemark.query.QueryException;
import io.tidemark.query.expr.DataTypes;
import io.tidemark.query.expr.GoRegex;
import io.tidemark.query.series.SeriesKey;
import io.tidemark.query.series.SeriesKeyParser;
import io.tidemark.query.series.SeriesSelector;
import io.tidemark.query.series.TagCondition;
import io.tidemark.storage.api.ShardException;
import io.tidemark.storage.api.ShardNotFoundException;
import io.tidemark.storage.api.ShardReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What the mapped shards of one statement hold: the measurements each source names, and per measurement its field
 * types and tag keys. Answers are computed on first use and kept for the statement. A shard listed in the metadata
 * but absent from the store holds nothing.
 *
 * <p>Not thread-safe: one per statement execution.
 */
public final class Catalog {
    /** The fields (name to type; the type with the highest precedence across shards) and tag keys of a measurement. */
    public record Schema(Map<String, DataType> fields, SortedSet<String> tagKeys) {
    }

    private final ShardReader reader;
    private final SeriesSelector selector;
    /** The measurements of sources that name them by a regex. */
    private final Map<MappedSource, List<String>> measurements = new HashMap<>();
    private final Map<String, Schema> schemas = new HashMap<>();
    private MappedSource lastSource;
    private String lastMeasurement;
    private Schema lastSchema;

    public Catalog(ShardReader reader, SeriesSelector selector) {
        this.reader = reader;
        this.selector = selector;
    }

    public ShardReader reader() {
        return reader;
    }

    public SeriesSelector selector() {
        return selector;
    }

    /** The measurements a source names: its name, or the names matching its regex in the source's shards. */
    public List<String> measurements(MappedSource s) throws QueryException {
        Measurement m = s.source();
        if (m.regex() == null) {
            return List.of(m.name());
        }
        List<String> cached = measurements.get(s);
        if (cached != null) {
            return cached;
        }
        Pattern p = GoRegex.compile(m.regex().pattern());
        TreeSet<String> found = new TreeSet<>(SeriesKeyParser.BYTE_ORDER);
        for (long shard : s.shardIds()) {
            for (String name : measurementsOf(shard)) {
                if (GoRegex.matches(p, name)) {
                    found.add(name);
                }
            }
        }
        List<String> names = List.copyOf(found);
        measurements.put(s, names);
        return names;
    }

    /** The measurements of one shard; empty when the shard does not exist here. */
    public List<String> measurementsOf(long shard) throws QueryException {
        try {
            return selector.measurements(shard);
        } catch (ShardNotFoundException e) {
            return List.of();
        } catch (ShardException e) {
            throw new QueryException(e.getMessage(), e);
        }
    }

    /** The series of a measurement in a shard that the condition does not rule out; empty for a missing shard. */
    public List<SeriesKey> series(long shard, String measurement, TagCondition condition) throws QueryException {
        try {
            return selector.series(shard, measurement, condition);
        } catch (ShardNotFoundException e) {
            return List.of();
        } catch (ShardException e) {
            throw new QueryException(e.getMessage(), e);
        }
    }

    /** How many series a measurement has in a shard; 0 for a missing shard. */
    public long seriesCount(long shard, String measurement) throws QueryException {
        try {
            return selector.seriesCount(shard, measurement);
        } catch (ShardNotFoundException e) {
            return 0;
        } catch (ShardException e) {
            throw new QueryException(e.getMessage(), e);
        }
    }

    /** See {@link SeriesSelector#distinctSeriesCount}. */
    public long distinctSeriesCount(List<Long> shards, String measurement) throws QueryException {
        try {
            return selector.distinctSeriesCount(shards, measurement);
        } catch (ShardException e) {
            throw new QueryException(e.getMessage(), e);
        }
    }

    /** See {@link SeriesSelector#estimatedDistinctSeriesCount}. */
    public long estimatedDistinctSeriesCount(List<Long> shards, String measurement) throws QueryException {
        try {
            return selector.estimatedDistinctSeriesCount(shards, measurement);
        } catch (ShardException e) {
            throw new QueryException(e.getMessage(), e);
        }
    }

    /** The tag keys of a measurement in a shard, sorted; empty for a missing shard. */
    public List<String> tagKeys(long shard, String measurement) throws QueryException {
        try {
            return selector.tagKeys(shard, measurement);
        } catch (ShardNotFoundException e) {
            return List.of();
        } catch (ShardException e) {
            throw new QueryException(e.getMessage(), e);
        }
    }

    /** The values of a tag key of a measurement in a shard, sorted; empty for a missing shard. */
    public List<String> tagValues(long shard, String measurement, String tagKey) throws QueryException {
        try {
            return selector.tagValues(shard, measurement, tagKey);
        } catch (ShardNotFoundException e) {
            return List.of();
        } catch (ShardException e) {
            throw new QueryException(e.getMessage(), e);
        }
    }

    /** The field types of a measurement in a shard; empty for a missing shard. */
    public Map<String, FieldType> fieldTypes(long shard, String measurement) throws QueryException {
        try {
            return reader.fieldTypes(shard, measurement);
        } catch (ShardNotFoundException e) {
            return Map.of();
        } catch (ShardException e) {
            throw new QueryException(e.getMessage(), e);
        }
    }

    /** The schema of a measurement across the shards of a source. */
    public Schema schema(MappedSource s, String measurement) throws QueryException {
        // A statement asks again and again for the schema of the one source object it has: answered without a key.
        if (s == lastSource && measurement.equals(lastMeasurement)) {
            return lastSchema;
        }
        String key = s.database() + '\0' + s.retentionPolicy() + '\0' + s.shardIds() + '\0' + measurement;
        Schema cached = schemas.get(key);
        if (cached == null) {
            cached = load(s, measurement);
            schemas.put(key, cached);
        }
        lastSource = s;
        lastMeasurement = measurement;
        lastSchema = cached;
        return cached;
    }

    private Schema load(MappedSource s, String measurement) throws QueryException {
        Map<String, DataType> fields = new TreeMap<>(SeriesKeyParser.BYTE_ORDER);
        SortedSet<String> tags = new TreeSet<>(SeriesKeyParser.BYTE_ORDER);
        for (long shard : s.shardIds()) {
            for (Map.Entry<String, FieldType> f : fieldTypes(shard, measurement).entrySet()) {
                fields.merge(f.getKey(), DataTypes.of(f.getValue()), DataTypes::max);
            }
            tags.addAll(tagKeys(shard, measurement));
        }
        return new Schema(fields, tags);
    }

    /** The fields (with their winning type) and tag keys of all the measurements of all sources. */
    public Schema schema(List<MappedSource> sources) throws QueryException {
        Map<String, DataType> fields = new LinkedHashMap<>();
        SortedSet<String> tags = new TreeSet<>(SeriesKeyParser.BYTE_ORDER);
        for (MappedSource s : sources) {
            for (String m : measurements(s)) {
                Schema sc = schema(s, m);
                sc.fields().forEach((k, v) -> fields.merge(k, v, DataTypes::max));
                tags.addAll(sc.tagKeys());
            }
        }
        return new Schema(fields, tags);
    }

    /**
     * InfluxQL's {@code MapType} over all sources: the field type with the highest precedence, else TAG if some
     * measurement has such a tag, else UNKNOWN.
     */
    public DataType mapType(List<MappedSource> sources, String name) throws QueryException {
        DataType typ = DataType.UNKNOWN;
        for (MappedSource s : sources) {
            for (String m : measurements(s)) {
                Schema sc = schema(s, m);
                DataType t = sc.fields().get(name);
                if (t == null) {
                    t = sc.tagKeys().contains(name) ? DataType.TAG : DataType.UNKNOWN;
                }
                if (DataTypes.lessThan(typ, t)) {
                    typ = t;
                }
            }
        }
        return typ;
    }

    /** All field names of all measurements of the sources (for telling fields from tags in conditions). */
    public List<String> fieldNames(List<MappedSource> sources) throws QueryException {
        return new ArrayList<>(schema(sources).fields().keySet());
    }
}
