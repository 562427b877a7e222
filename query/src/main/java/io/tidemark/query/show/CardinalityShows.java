package io.tidemark.query.show;

import io.tidemark.common.result.Series;
import io.tidemark.common.result.StatementResult;
import io.tidemark.influxql.ast.Dimension;
import io.tidemark.influxql.ast.Expr;
import io.tidemark.influxql.ast.Source;
import io.tidemark.influxql.ast.VarRef;
import io.tidemark.meta.MetaData;
import io.tidemark.query.QueryContext;
import io.tidemark.query.QueryException;
import io.tidemark.query.expr.TimeCondition;
import io.tidemark.query.expr.TimeRange;
import io.tidemark.query.select.Catalog;
import io.tidemark.query.series.SeriesKey;
import io.tidemark.query.series.SeriesKeyParser;
import io.tidemark.query.series.TagCondition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The SHOW ... CARDINALITY statements. The estimated forms without any clause (SERIES and MEASUREMENT) count over
 * the whole database and answer one {@code cardinality estimation} column without a name; the exact forms (and any
 * form with a clause) are InfluxDB's rewritten {@code count(distinct(...))} SELECTs over one retention policy: a
 * {@code count} column per measurement (per GROUP BY tag values), or one unnamed row for measurements. Counts here
 * are exact, but for SHOW SERIES CARDINALITY over several shards, which counts 64-bit hashes of the series' keys
 * (InfluxDB estimates it with a sketch).
 *
 * <p>Thread-safe: all state is per call.
 */
final class CardinalityShows {
    /** What a cardinality statement counts for a set of series of one measurement. */
    enum Counted { SERIES, TAG_KEYS, FIELD_KEYS }

    private CardinalityShows() {
    }

    /** SHOW SERIES / MEASUREMENT CARDINALITY without clauses: over all retention policies of the database. */
    static StatementResult estimate(boolean measurements, String statementDb, QueryContext qc, MetaData meta,
            Catalog catalog) throws QueryException {
        String db = ShowScope.database(statementDb, qc.database());
        ShowScope scope = ShowScope.allRetentionPolicies(catalog, meta, db, TimeRange.ALL, List.of());
        long n;
        if (measurements) {
            n = scope.measurements().size();
        } else {
            n = 0;
            for (String m : scope.measurements()) {
                n += scope.estimatedSeriesCount(m);
            }
        }
        List<List<Object>> rows = List.of(List.of(n));
        return StatementResult.of(qc.statementId(), List.of(Series.of(null, List.of("cardinality estimation"),
                rows)));
    }

    /** Exact SHOW MEASUREMENT CARDINALITY: one unnamed row counting the measurements with matching series. */
    static StatementResult exactMeasurements(String statementDb, List<Source> sources, Expr condition,
            long offset, long limit, QueryContext qc, MetaData meta, Catalog catalog) throws QueryException {
        String db = ShowScope.database(statementDb, qc.database());
        if (TimeCondition.hasTimeExpr(condition)) {
            throw new QueryException("SHOW MEASUREMENT EXACT CARDINALITY doesn't support time in WHERE clause");
        }
        ShowScope scope = ShowScope.oneRetentionPolicy(catalog, meta, db, qc.retentionPolicy(),
                TimeRange.ALL, sources);
        TagCondition tags = new TagCondition(condition, Set.of());
        long n = 0;
        for (String m : scope.measurements()) {
            if (!scope.series(m, tags).isEmpty()) {
                n++;
            }
        }
        List<List<Object>> rows = SchemaShows.page(n == 0 ? List.of() : List.of(List.<Object>of(n)), offset, limit);
        if (rows.isEmpty()) {
            return StatementResult.ok(qc.statementId());
        }
        return StatementResult.of(qc.statementId(), List.of(Series.of(null, List.of("count"), rows)));
    }

    /**
     * An exact per-measurement count: of series, tag keys, tag values (keys chosen by {@code tagKeyMatch}) or
     * fields.
     *
     * @param what the statement name for the "doesn't support time" error
     * @param counter counts the distinct things in a set of series of a measurement
     */
    static StatementResult perMeasurement(String what, String statementDb, List<Source> sources, Expr condition,
            List<Dimension> dimensions, long offset, long limit, QueryContext qc, MetaData meta, Catalog catalog,
            long now, boolean timeAllowed, Counter counter) throws QueryException {
        String db = ShowScope.database(statementDb, qc.database());
        if (!timeAllowed && TimeCondition.hasTimeExpr(condition)) {
            throw new QueryException(what + " doesn't support time in WHERE clause");
        }
        TimeCondition.Split split = ShowScope.split(condition, now);
        ShowScope scope = ShowScope.oneRetentionPolicy(catalog, meta, db, qc.retentionPolicy(),
                split.range().resolve(TimeRange.MAX_TIME), sources);
        // Unlike SHOW SERIES, InfluxDB counts through its query engine, which tests fields and numbers on the
        // series' (absent) values: such a comparison selects nothing here.
        TagCondition tags = new TagCondition(split.condition(), Set.of());
        List<String> dims = new ArrayList<>();
        for (Dimension d : dimensions) {
            if (d.expr() instanceof VarRef r) {
                dims.add(r.name());
            }
        }
        dims.sort(SeriesKeyParser.BYTE_ORDER);
        List<Series> out = new ArrayList<>();
        for (String m : scope.measurements()) {
            if (split.condition() == null && dims.isEmpty()) {
                // One group of every series: counted from the index where the counter can, without listing them.
                OptionalLong all = counter.countAll(scope, m);
                if (all.isPresent()) {
                    addCount(out, m, Map.of(), all.getAsLong(), offset, limit);
                    continue;
                }
            }
            Map<List<String>, List<SeriesKey>> groups = new TreeMap<>((a, b) -> String.join("\0", a)
                    .compareTo(String.join("\0", b)));
            for (SeriesKey k : scope.series(m, tags).values()) {
                List<String> values = new ArrayList<>();
                for (String d : dims) {
                    values.add(k.tag(d));
                }
                groups.computeIfAbsent(values, x -> new ArrayList<>()).add(k);
            }
            for (Map.Entry<List<String>, List<SeriesKey>> g : groups.entrySet()) {
                Map<String, String> groupTags = new LinkedHashMap<>();
                for (int i = 0; i < dims.size(); i++) {
                    groupTags.put(dims.get(i), g.getKey().get(i));
                }
                addCount(out, m, groupTags, counter.count(scope, m, g.getValue()), offset, limit);
            }
        }
        return StatementResult.of(qc.statementId(), out);
    }

    /** Adds the row of one group's count, unless it is zero or OFFSET and LIMIT leave it out. */
    private static void addCount(List<Series> out, String measurement, Map<String, String> groupTags, long n,
            long offset, long limit) {
        if (n == 0) {
            return;
        }
        List<List<Object>> rows = SchemaShows.page(List.of(List.<Object>of(n)), offset, limit);
        if (!rows.isEmpty()) {
            out.add(new Series(measurement, groupTags, List.of("count"), rows, false));
        }
    }

    /** Counts distinct things among the series of one measurement. */
    interface Counter {
        long count(ShowScope scope, String measurement, List<SeriesKey> series) throws QueryException;

        /** The count over every series of the measurement without listing them, if the counter can tell. */
        default OptionalLong countAll(ShowScope scope, String measurement) throws QueryException {
            return OptionalLong.empty();
        }
    }

    static Counter series() {
        return new Counter() {
            @Override
            public long count(ShowScope scope, String m, List<SeriesKey> series) {
                return series.size();
            }

            @Override
            public OptionalLong countAll(ShowScope scope, String m) throws QueryException {
                return OptionalLong.of(scope.seriesCount(m));
            }
        };
    }

    static Counter tagKeys() {
        return new Counter() {
            @Override
            public long count(ShowScope scope, String m, List<SeriesKey> series) {
                return ShowScope.tagKeys(series).size();
            }

            @Override
            public OptionalLong countAll(ShowScope scope, String m) throws QueryException {
                return OptionalLong.of(scope.tagKeys(m).size());
            }
        };
    }

    static Counter tagValues(Predicate<String> keyMatch) {
        return new Counter() {
            @Override
            public long count(ShowScope scope, String m, List<SeriesKey> series) {
                return distinct(SchemaShows.tagValues(series, keyMatch));
            }

            @Override
            public OptionalLong countAll(ShowScope scope, String m) throws QueryException {
                return OptionalLong.of(distinct(scope.tagValues(m, keyMatch)));
            }
        };
    }

    /** The distinct values among those of all keys: a value of two keys counts once, as InfluxDB counts it. */
    private static long distinct(Map<String, Set<String>> valuesByKey) {
        if (valuesByKey.size() == 1) {
            return valuesByKey.values().iterator().next().size();
        }
        Set<String> values = new HashSet<>();
        valuesByKey.values().forEach(values::addAll);
        return values.size();
    }

    /** Fields are counted for measurements with at least one matching series. */
    static Counter fieldKeys() {
        return (scope, m, series) -> series.isEmpty() ? 0 : SchemaShows.fieldTypes(scope, m).size();
    }
}
