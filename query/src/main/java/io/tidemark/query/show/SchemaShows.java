package io.tidemark.query.show;

import io.tidemark.common.FieldType;
import io.tidemark.common.result.Series;
import io.tidemark.common.result.StatementResult;
import io.tidemark.influxql.ast.Expr;
import io.tidemark.influxql.ast.ListLiteral;
import io.tidemark.influxql.ast.Measurement;
import io.tidemark.influxql.ast.RegexLiteral;
import io.tidemark.influxql.ast.ShowFieldKeysStatement;
import io.tidemark.influxql.ast.ShowMeasurementsStatement;
import io.tidemark.influxql.ast.ShowSeriesStatement;
import io.tidemark.influxql.ast.ShowTagKeysStatement;
import io.tidemark.influxql.ast.ShowTagValuesStatement;
import io.tidemark.influxql.ast.StringLiteral;
import io.tidemark.influxql.ast.TagKeyMatch;
import io.tidemark.meta.MetaData;
import io.tidemark.query.QueryContext;
import io.tidemark.query.QueryException;
import io.tidemark.query.expr.GoRegex;
import io.tidemark.query.expr.TimeCondition;
import io.tidemark.query.expr.TimeRange;
import io.tidemark.query.select.Catalog;
import io.tidemark.query.series.SeriesKey;
import io.tidemark.query.series.SeriesKeyParser;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * SHOW MEASUREMENTS, SERIES, TAG KEYS, TAG VALUES and FIELD KEYS, with InfluxDB 1.8's result shapes: WHERE clauses
 * filter by tags (and {@code _name}), series by series except for SHOW MEASUREMENTS, which InfluxDB evaluates per
 * measurement ({@link MeasurementCondition}); LIMIT and OFFSET apply to the single list of SHOW MEASUREMENTS and SHOW
 * SERIES, and per measurement to the others; measurements left empty are not listed, and no match at all gives a
 * result without series.
 *
 * <p>Thread-safe: all state is per call.
 */
final class SchemaShows {
    private SchemaShows() {
    }

    static StatementResult measurements(ShowMeasurementsStatement s, QueryContext qc, MetaData meta,
            Catalog catalog) throws QueryException {
        String db = ShowScope.database(s.database(), qc.database());
        if (TimeCondition.hasTimeExpr(s.condition())) {
            throw new QueryException("SHOW MEASUREMENTS doesn't support time in WHERE clause");
        }
        ShowScope scope = ShowScope.allRetentionPolicies(catalog, meta, db, TimeRange.ALL, List.of());
        Predicate<String> nameFilter = name -> true;
        Measurement with = s.source();
        if (with != null) {
            if (with.regex() != null) {
                Pattern p = GoRegex.compile(with.regex().pattern());
                nameFilter = name -> GoRegex.matches(p, name);
            } else {
                nameFilter = name -> name.equals(with.name());
            }
        }
        MeasurementCondition condition = s.condition() == null ? null : MeasurementCondition.of(s.condition());
        List<List<Object>> rows = new ArrayList<>();
        for (String name : scope.measurements()) {
            if (!nameFilter.test(name)) {
                continue;
            }
            if (condition != null && !condition.matches(name, key -> tagValues(scope, name, key))) {
                continue;
            }
            rows.add(List.of(name));
        }
        rows = page(rows, s.offset(), s.limit());
        if (rows.isEmpty()) {
            return StatementResult.ok(qc.statementId());
        }
        return StatementResult.of(qc.statementId(), List.of(Series.of("measurements", List.of("name"), rows)));
    }

    /** The values of one tag key among a measurement's series in the scope; empty when none has the key. */
    private static Set<String> tagValues(ShowScope scope, String measurement, String key) throws QueryException {
        Set<String> values = scope.tagValues(measurement, key::equals).get(key);
        return values == null ? Set.of() : values;
    }

    static StatementResult series(ShowSeriesStatement s, QueryContext qc, MetaData meta, Catalog catalog,
            long now) throws QueryException {
        String db = ShowScope.database(s.database(), qc.database());
        TimeCondition.Split split = ShowScope.split(s.condition(), now);
        ShowScope.requireTagComparisons(split.condition());
        ShowScope scope = ShowScope.oneRetentionPolicy(catalog, meta, db, qc.retentionPolicy(),
                split.range().resolve(TimeRange.MAX_TIME), s.sources());
        Expr condition = split.condition();
        // Measurement by measurement, in the order of their names (InfluxDB's index walks them so: "m,comma" comes
        // before "m.dot", whose escaped keys would sort the other way), each one's keys sorted.
        List<List<Object>> rows = new ArrayList<>();
        for (String name : scope.measurements()) {
            for (String k : scope.series(name, condition).keySet()) {
                rows.add(List.of(k));
            }
        }
        rows = page(rows, s.offset(), s.limit());
        if (rows.isEmpty()) {
            return StatementResult.ok(qc.statementId());
        }
        return StatementResult.of(qc.statementId(), List.of(Series.of(null, List.of("key"), rows)));
    }

    static StatementResult tagKeys(ShowTagKeysStatement s, QueryContext qc, MetaData meta, Catalog catalog,
            long now) throws QueryException {
        String db = ShowScope.database(s.database(), qc.database());
        if (meta.database(db) == null) {
            throw new QueryException("database not found: " + db);
        }
        TimeCondition.Split split = ShowScope.split(s.condition(), now);
        ShowScope.requireTagComparisons(split.condition());
        ShowScope scope = ShowScope.allRetentionPolicies(catalog, meta, db, split.range().resolve(TimeRange.MAX_TIME),
                s.sources());
        Expr condition = split.condition();
        List<Series> out = new ArrayList<>();
        for (String name : scope.measurements()) {
            List<List<Object>> rows = new ArrayList<>();
            Set<String> keys = split.condition() == null ? scope.tagKeys(name)
                    : ShowScope.tagKeys(scope.series(name, condition).values());
            for (String k : keys) {
                rows.add(List.of(k));
            }
            rows = page(rows, s.offset(), s.limit());
            if (!rows.isEmpty()) {
                out.add(Series.of(name, List.of("tagKey"), rows));
            }
        }
        return StatementResult.of(qc.statementId(), out);
    }

    static StatementResult tagValues(ShowTagValuesStatement s, QueryContext qc, MetaData meta, Catalog catalog,
            long now) throws QueryException {
        String db = ShowScope.database(s.database(), qc.database());
        if (meta.database(db) == null) {
            throw new QueryException("database not found: " + db);
        }
        TimeCondition.Split split = ShowScope.split(s.condition(), now);
        ShowScope.requireTagComparisons(split.condition());
        ShowScope scope = ShowScope.allRetentionPolicies(catalog, meta, db, split.range().resolve(TimeRange.MAX_TIME),
                s.sources());
        Expr condition = split.condition();
        Predicate<String> keyMatch = keyMatcher(s.op(), s.tagKey());
        List<Series> out = new ArrayList<>();
        for (String name : scope.measurements()) {
            List<List<Object>> rows = new ArrayList<>();
            Map<String, Set<String>> values = split.condition() == null ? scope.tagValues(name, keyMatch)
                    : tagValues(scope.series(name, condition).values(), keyMatch);
            for (Map.Entry<String, Set<String>> e : values.entrySet()) {
                for (String v : e.getValue()) {
                    rows.add(List.of(e.getKey(), v));
                }
            }
            rows = page(rows, s.offset(), s.limit());
            if (!rows.isEmpty()) {
                out.add(Series.of(name, List.of("key", "value"), rows));
            }
        }
        return StatementResult.of(qc.statementId(), out);
    }

    static StatementResult fieldKeys(ShowFieldKeysStatement s, QueryContext qc, MetaData meta, Catalog catalog)
            throws QueryException {
        String db = ShowScope.database(s.database(), qc.database());
        ShowScope scope = ShowScope.oneRetentionPolicy(catalog, meta, db, qc.retentionPolicy(),
                TimeRange.ALL, s.sources());
        List<Series> out = new ArrayList<>();
        for (String name : scope.measurements()) {
            Map<String, FieldType> fields = fieldTypes(scope, name);
            List<List<Object>> rows = new ArrayList<>();
            fields.forEach((k, t) -> rows.add(List.of(k, t.influxName())));
            List<List<Object>> paged = page(rows, s.offset(), s.limit());
            if (!paged.isEmpty()) {
                out.add(Series.of(name, List.of("fieldKey", "fieldType"), paged));
            }
        }
        return StatementResult.of(qc.statementId(), out);
    }

    /** The fields of a measurement across the scope's shards; the type of the first shard that has the field. */
    static Map<String, FieldType> fieldTypes(ShowScope scope, String measurement) throws QueryException {
        Map<String, FieldType> fields = new TreeMap<>(SeriesKeyParser.BYTE_ORDER);
        for (long shard : scope.shards()) {
            scope.catalog().fieldTypes(shard, measurement).forEach(fields::putIfAbsent);
        }
        return fields;
    }

    /** The tag values per key of the given series, keys and values sorted. */
    static Map<String, Set<String>> tagValues(Collection<SeriesKey> series, Predicate<String> keyMatch) {
        Map<String, Set<String>> byKey = new TreeMap<>(SeriesKeyParser.BYTE_ORDER);
        for (SeriesKey k : series) {
            for (int i = 0; i < k.tagCount(); i++) {
                if (keyMatch.test(k.tagKey(i))) {
                    byKey.computeIfAbsent(k.tagKey(i), x -> new TreeSet<>(SeriesKeyParser.BYTE_ORDER))
                            .add(k.tagValue(i));
                }
            }
        }
        return byKey;
    }

    /** Which tag keys {@code WITH KEY <op> <operand>} selects. */
    static Predicate<String> keyMatcher(TagKeyMatch op, Expr operand) {
        return switch (op) {
            case EQ -> k -> k.equals(((StringLiteral) operand).value());
            case NEQ -> k -> !k.equals(((StringLiteral) operand).value());
            case EQREGEX -> {
                Pattern p = GoRegex.compile(((RegexLiteral) operand).pattern());
                yield k -> GoRegex.matches(p, k);
            }
            case NEQREGEX -> {
                Pattern p = GoRegex.compile(((RegexLiteral) operand).pattern());
                yield k -> !GoRegex.matches(p, k);
            }
            case IN -> {
                Set<String> keys = Set.copyOf(((ListLiteral) operand).values());
                yield keys::contains;
            }
        };
    }

    static <T> List<T> page(List<T> rows, long offset, long limit) {
        int from = (int) Math.min(rows.size(), Math.max(0, offset));
        int to = limit > 0 ? (int) Math.min(rows.size(), from + limit) : rows.size();
        return new ArrayList<>(rows.subList(from, to));
    }
}
