package io.tidemark.server.query;

import io.tidemark.influxql.ast.DeleteSeriesStatement;
import io.tidemark.influxql.ast.DropMeasurementStatement;
import io.tidemark.influxql.ast.DropSeriesStatement;
import io.tidemark.influxql.ast.Expr;
import io.tidemark.influxql.ast.Measurement;
import io.tidemark.influxql.ast.Source;
import io.tidemark.meta.DatabaseInfo;
import io.tidemark.meta.MetaClient;
import io.tidemark.meta.RetentionPolicyInfo;
import io.tidemark.query.QueryException;
import io.tidemark.query.expr.GoRegex;
import io.tidemark.query.expr.InvalidRegexException;
import io.tidemark.query.expr.TimeCondition;
import io.tidemark.query.expr.TimeRange;
import io.tidemark.query.select.SourceResolver;
import io.tidemark.query.series.IndexSeriesSelector;
import io.tidemark.query.series.SeriesKey;
import io.tidemark.query.series.SeriesSelector;
import io.tidemark.query.series.TagCondition;
import io.tidemark.storage.Store;
import io.tidemark.storage.api.ShardException;
import io.tidemark.storage.api.ShardNotFoundException;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code DELETE}, {@code DROP SERIES} and {@code DROP MEASUREMENT} on the node's shards as InfluxDB 1.8 does:
 * on every retention policy of the request's database; the FROM sources (names or regexes, all measurements when
 * absent) and the tag part of the WHERE clause choose the series of each shard, the time part (DELETE only) the
 * shards and the values deleted. A WHERE clause that needs field values to decide is refused with InfluxDB's error,
 * and it is refused before anything is deleted: every shard is checked first, then the deletions are made (a series
 * written between the two passes that the tags cannot decide still fails the statement midway).
 *
 * <p>Thread-safe: it keeps no state of its own; the store and the metadata client are thread-safe.
 */
public final class SeriesDeleter {
    private static final Logger LOG = LoggerFactory.getLogger(SeriesDeleter.class);
    static final String FIELDS_NOT_SUPPORTED = "fields not supported in WHERE clause during deletion";
    static final String DROP_SERIES_TIME = "DROP SERIES doesn't support time in WHERE clause";

    private final MetaClient meta;
    private final Store store;
    private final SeriesSelector selector;

    public SeriesDeleter(MetaClient meta, Store store) {
        this.meta = meta;
        this.store = store;
        this.selector = new IndexSeriesSelector(store);
    }

    /**
     * {@code DELETE}: the values within the WHERE clause's time range of the series it selects.
     *
     * @param database the request's database ({@code db}), null or empty when absent
     * @param nowNanos the statement's {@code now()}
     * @throws QueryException with the text the client sees
     */
    public void delete(DeleteSeriesStatement s, String database, long nowNanos) throws QueryException {
        DatabaseInfo db = database(database);
        TimeCondition.Split split = TimeCondition.split(s.condition(), nowNanos, ZoneOffset.UTC);
        remove(db, s.sources(), split.condition(), split.range().resolve(TimeRange.MAX_TIME));
    }

    /** {@code DROP SERIES}: the selected series, all of their values. */
    public void dropSeries(DropSeriesStatement s, String database, long nowNanos) throws QueryException {
        DatabaseInfo db = database(database);
        if (TimeCondition.hasTimeExpr(s.condition())) {
            throw new QueryException(DROP_SERIES_TIME);
        }
        TimeCondition.Split split = TimeCondition.split(s.condition(), nowNanos, ZoneOffset.UTC);
        remove(db, s.sources(), split.condition(), TimeRange.ALL);
    }

    /** {@code DROP MEASUREMENT}: the measurement's values, series and field types in every shard of the database. */
    public void dropMeasurement(DropMeasurementStatement s, String database) throws QueryException {
        DatabaseInfo db = database(database);
        for (long shard : shards(db, TimeRange.ALL)) {
            try {
                store.dropMeasurement(shard, s.name());
            } catch (ShardNotFoundException e) {
                // In the metadata but not on this node: nothing to drop here.
            } catch (IOException e) {
                throw storageFailure("drop measurement " + s.name() + " from", shard, e);
            }
        }
    }

    /** InfluxDB checks the database before anything else, and names it even when the request gave none. */
    private DatabaseInfo database(String name) throws QueryException {
        String n = name == null ? "" : name;
        DatabaseInfo db = meta.data().database(n);
        if (db == null) {
            throw new QueryException("database not found: " + n);
        }
        return db;
    }

    private void remove(DatabaseInfo db, List<Source> sources, Expr tagCondition, TimeRange range)
            throws QueryException {
        if (range.min() > range.max()) {
            return;
        }
        List<Long> shards = shards(db, range);
        List<Pattern> regexes = regexes(sources);
        if (tagCondition != null) {
            for (long shard : shards) {
                select(shard, sources, regexes, tagCondition);
            }
        }
        for (long shard : shards) {
            List<byte[]> keys = select(shard, sources, regexes, tagCondition);
            if (keys.isEmpty()) {
                continue;
            }
            try {
                store.deleteSeries(shard, keys, range.min(), range.max());
            } catch (ShardNotFoundException e) {
                // Dropped since it was selected: its data is gone anyway.
            } catch (IOException e) {
                throw storageFailure("delete series from", shard, e);
            }
        }
    }

    /** The keys of the series of a shard that the sources and the tag condition select; none for a missing shard. */
    private List<byte[]> select(long shard, List<Source> sources, List<Pattern> regexes, Expr tagCondition)
            throws QueryException {
        List<byte[]> keys = new ArrayList<>();
        try {
            for (String measurement : selector.measurements(shard)) {
                if (!named(measurement, sources, regexes)) {
                    continue;
                }
                TagCondition condition = new TagCondition(tagCondition,
                        store.fieldTypes(shard, measurement).keySet());
                for (SeriesKey series : selector.series(shard, measurement, condition)) {
                    switch (condition.test(series)) {
                        case TRUE -> keys.add(series.key());
                        case FALSE -> { }
                        // InfluxDB names the shard, as every error of its walk over the shards.
                        case UNKNOWN -> throw new QueryException("shard " + shard + ": " + FIELDS_NOT_SUPPORTED);
                    }
                }
            }
        } catch (ShardNotFoundException e) {
            return List.of();
        } catch (ShardException e) {
            throw new QueryException(e.getMessage(), e);
        }
        return keys;
    }

    /** Whether the FROM sources name a measurement: every measurement when there are none. */
    private static boolean named(String measurement, List<Source> sources, List<Pattern> regexes) {
        if (sources.isEmpty()) {
            return true;
        }
        for (Source s : sources) {
            if (s instanceof Measurement m && m.regex() == null && m.name().equals(measurement)) {
                return true;
            }
        }
        for (Pattern p : regexes) {
            if (GoRegex.matches(p, measurement)) {
                return true;
            }
        }
        return false;
    }

    private static List<Pattern> regexes(List<Source> sources) throws QueryException {
        List<Pattern> out = new ArrayList<>();
        for (Source s : sources) {
            if (!(s instanceof Measurement m)) {
                // The parser takes no subquery here; a caller building the statement itself could.
                throw new QueryException("subqueries are not supported in DELETE and DROP SERIES");
            }
            if (m.regex() != null) {
                try {
                    out.add(GoRegex.compile(m.regex().pattern()));
                } catch (InvalidRegexException e) {
                    throw new QueryException(e.getMessage(), e);
                }
            }
        }
        return out;
    }

    /** The shards of the database's live shard groups, in every retention policy, that overlap the range. */
    private static List<Long> shards(DatabaseInfo db, TimeRange range) {
        List<Long> out = new ArrayList<>();
        for (RetentionPolicyInfo rp : db.retentionPolicies()) {
            out.addAll(SourceResolver.shardIds(rp, range.min(), range.max()));
        }
        return out;
    }

    private static QueryException storageFailure(String what, long shard, IOException e) {
        LOG.error("cannot {} shard {}", what, shard, e);
        return new QueryException("cannot " + what + " shard " + shard + ": " + e.getMessage(), e);
    }
}
