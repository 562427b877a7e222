package io.tidemark.query.show;

import io.tidemark.influxql.ast.BinaryExpr;
import io.tidemark.influxql.ast.Expr;
import io.tidemark.influxql.ast.Measurement;
import io.tidemark.influxql.ast.Source;
import io.tidemark.meta.DatabaseInfo;
import io.tidemark.meta.MetaData;
import io.tidemark.meta.RetentionPolicyInfo;
import io.tidemark.query.QueryException;
import io.tidemark.query.expr.ExprReducer;
import io.tidemark.query.expr.Exprs;
import io.tidemark.query.expr.GoRegex;
import io.tidemark.query.expr.TimeCondition;
import io.tidemark.query.expr.TimeRange;
import io.tidemark.query.select.Catalog;
import io.tidemark.query.select.SourceResolver;
import io.tidemark.query.series.SeriesKey;
import io.tidemark.query.series.SeriesKeyParser;
import io.tidemark.query.series.TagCondition;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The shards and measurements a SHOW statement looks at, resolved as InfluxDB does: the statement's {@code ON}
 * database or the request's, and either every retention policy of the database (SHOW MEASUREMENTS, TAG KEYS, TAG
 * VALUES) or one retention policy (the statements InfluxDB rewrites into SELECTs: SHOW SERIES, FIELD KEYS and the
 * exact cardinalities).
 *
 * <p>Not thread-safe: one per statement.
 */
final class ShowScope {
    private final Catalog catalog;
    private final List<Long> shards;
    private final List<Source> sources;

    private ShowScope(Catalog catalog, List<Long> shards, List<Source> sources) {
        this.catalog = catalog;
        this.shards = List.copyOf(shards);
        this.sources = List.copyOf(sources);
    }

    /** The database the statement runs on: its ON clause, else the request's. */
    static String database(String statementDb, String requestDb) throws QueryException {
        String db = statementDb.isEmpty() ? requestDb : statementDb;
        if (db.isEmpty()) {
            throw new QueryException("database name required");
        }
        return db;
    }

    /** All retention policies of the database, shard groups overlapping the time range; none if it is missing. */
    static ShowScope allRetentionPolicies(Catalog catalog, MetaData meta, String db, TimeRange range,
            List<Source> sources) {
        List<Long> shards = new ArrayList<>();
        DatabaseInfo di = meta.database(db);
        if (di != null) {
            for (RetentionPolicyInfo rp : di.retentionPolicies()) {
                shards.addAll(SourceResolver.shardIds(rp, range.min(), range.max()));
            }
        }
        return new ShowScope(catalog, shards, sources);
    }

    /**
     * One retention policy: that of the first source, else the request's, else the database's default, with the
     * errors of a SELECT on a missing database or retention policy.
     */
    static ShowScope oneRetentionPolicy(Catalog catalog, MetaData meta, String db, String requestRp,
            TimeRange range, List<Source> sources) throws QueryException {
        DatabaseInfo di = meta.database(db);
        if (di == null) {
            throw new QueryException("database not found: " + db);
        }
        String rp = "";
        for (Source s : sources) {
            if (s instanceof Measurement m && !m.retentionPolicy().isEmpty()) {
                rp = m.retentionPolicy();
                break;
            }
        }
        if (rp.isEmpty()) {
            rp = !requestRp.isEmpty() ? requestRp : di.defaultRetentionPolicy();
        }
        if (rp == null || rp.isEmpty()) {
            throw new QueryException("default retention policy not set for: " + db);
        }
        return new ShowScope(catalog, SourceResolver.shardIds(meta, db, rp, range.min(), range.max()), sources);
    }

    /**
     * The time range of a WHERE clause (for choosing shard groups) and the clause without it, its literal parts
     * folded first as InfluxDB does.
     */
    static TimeCondition.Split split(Expr condition, long now) throws QueryException {
        return TimeCondition.split(ExprReducer.reduce(condition), now, ZoneOffset.UTC);
    }

    /**
     * The clause of SHOW SERIES, TAG KEYS and TAG VALUES, which InfluxDB's index evaluates: only equality, regex
     * matches, AND and OR ({@code tsdb.NewSeriesPointIterator}); anything else, a field compared too, fails.
     */
    static void requireTagComparisons(Expr conditionWithoutTime) throws QueryException {
        boolean[] invalid = {false};
        Exprs.walk(conditionWithoutTime, e -> {
            if (e instanceof BinaryExpr b) {
                switch (b.op()) {
                    case EQ, NEQ, EQREGEX, NEQREGEX, AND, OR -> {
                    }
                    default -> invalid[0] = true;
                }
            }
        });
        if (invalid[0]) {
            throw new QueryException("invalid tag comparison operator");
        }
    }

    Catalog catalog() {
        return catalog;
    }

    List<Long> shards() {
        return shards;
    }

    /** The measurements in the scope's shards that the FROM sources name (all when there are none), sorted. */
    List<String> measurements() throws QueryException {
        Set<String> all = new TreeSet<>(SeriesKeyParser.BYTE_ORDER);
        for (long shard : shards) {
            all.addAll(catalog.measurementsOf(shard));
        }
        if (sources.isEmpty()) {
            return List.copyOf(all);
        }
        Set<String> out = new TreeSet<>(SeriesKeyParser.BYTE_ORDER);
        for (Source s : sources) {
            if (!(s instanceof Measurement m)) {
                throw new QueryException("subqueries are not supported by this version of Tidemark");
            }
            if (m.regex() != null) {
                Pattern p = GoRegex.compile(m.regex().pattern());
                for (String name : all) {
                    if (GoRegex.matches(p, name)) {
                        out.add(name);
                    }
                }
            } else if (all.contains(m.name())) {
                out.add(m.name());
            }
        }
        return List.copyOf(out);
    }

    /**
     * The series of a measurement across the scope's shards that a SHOW statement's clause (without time) selects,
     * as InfluxDB's index selects them ({@link TagCondition#forIndex}: a comparison it does not evaluate on tags
     * selects every series).
     */
    Map<String, SeriesKey> series(String measurement, Expr condition) throws QueryException {
        Set<String> fields = new HashSet<>();
        if (condition != null) {
            for (long shard : shards) {
                fields.addAll(catalog.fieldTypes(shard, measurement).keySet());
            }
        }
        return series(measurement, TagCondition.forIndex(condition, fields));
    }

    Map<String, SeriesKey> series(String measurement, TagCondition condition) throws QueryException {
        Map<String, SeriesKey> out = new TreeMap<>(SeriesKeyParser.BYTE_ORDER);
        for (long shard : shards) {
            for (SeriesKey k : catalog.series(shard, measurement, condition)) {
                out.putIfAbsent(k.keyString(), k);
            }
        }
        return out;
    }

    /**
     * How many distinct series a measurement has across the scope's shards: from the index's count when the scope
     * is one shard, else from their keys (a series may be in several shards; {@link Catalog#distinctSeriesCount}).
     */
    long seriesCount(String measurement) throws QueryException {
        if (shards.size() == 1) {
            return catalog.seriesCount(shards.getFirst(), measurement);
        }
        return catalog.distinctSeriesCount(shards, measurement);
    }

    /**
     * How many distinct series a measurement has across the scope's shards, as SHOW SERIES CARDINALITY estimates it:
     * from the index's count for one shard, from the keys' hashes for several
     * ({@link Catalog#estimatedDistinctSeriesCount}).
     */
    long estimatedSeriesCount(String measurement) throws QueryException {
        if (shards.size() == 1) {
            return catalog.seriesCount(shards.getFirst(), measurement);
        }
        return catalog.estimatedDistinctSeriesCount(shards, measurement);
    }

    /** The tag keys of a measurement across the scope's shards, sorted: every series, without listing them. */
    Set<String> tagKeys(String measurement) throws QueryException {
        Set<String> keys = new TreeSet<>(SeriesKeyParser.BYTE_ORDER);
        for (long shard : shards) {
            keys.addAll(catalog.tagKeys(shard, measurement));
        }
        return keys;
    }

    /**
     * The values per tag key (keys chosen by {@code keyMatch}) of a measurement across the scope's shards, keys
     * and values sorted: every series, without listing them.
     */
    Map<String, Set<String>> tagValues(String measurement, Predicate<String> keyMatch) throws QueryException {
        Map<String, Set<String>> byKey = new TreeMap<>(SeriesKeyParser.BYTE_ORDER);
        for (long shard : shards) {
            for (String k : catalog.tagKeys(shard, measurement)) {
                if (keyMatch.test(k)) {
                    byKey.computeIfAbsent(k, x -> new TreeSet<>(SeriesKeyParser.BYTE_ORDER))
                            .addAll(catalog.tagValues(shard, measurement, k));
                }
            }
        }
        return byKey;
    }

    /** The distinct tag keys of the given series, sorted. */
    static Set<String> tagKeys(Iterable<SeriesKey> series) {
        Set<String> keys = new TreeSet<>(SeriesKeyParser.BYTE_ORDER);
        for (SeriesKey s : series) {
            for (int i = 0; i < s.tagCount(); i++) {
                keys.add(s.tagKey(i));
            }
        }
        return new LinkedHashSet<>(keys);
    }
}
