package io.tidemark.query.select;

import io.tidemark.influxql.ast.Measurement;
import io.tidemark.influxql.ast.Source;
import io.tidemark.influxql.ast.SubQuery;
import io.tidemark.meta.DatabaseInfo;
import io.tidemark.meta.MetaData;
import io.tidemark.meta.RetentionPolicyInfo;
import io.tidemark.meta.ShardGroupInfo;
import io.tidemark.meta.ShardInfo;
import io.tidemark.query.QueryException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Resolves FROM measurements to a database, a retention policy and shards, with InfluxDB's errors: first the
 * names ({@code NormalizeStatement}), then the shard groups of the time range ({@code MapShards}).
 *
 * <p>Stateless; thread-safe.
 */
public final class SourceResolver {
    /** A measurement with its database and retention policy filled in. */
    public record Resolved(Measurement source, String database, String retentionPolicy) {
    }

    private SourceResolver() {
    }

    /**
     * @throws QueryException {@code database name required}, {@code database not found: x} or
     *     {@code default retention policy not set for: x}
     */
    public static List<Resolved> resolve(List<Source> sources, MetaData meta, String defaultDb, String defaultRp)
            throws QueryException {
        List<Resolved> out = new ArrayList<>(sources.size());
        for (Source s : sources) {
            if (s instanceof SubQuery) {
                throw new QueryException("subqueries are not supported by this version of Tidemark");
            }
            Measurement m = (Measurement) s;
            String db = m.database().isEmpty() ? defaultDb : m.database();
            if (db.isEmpty()) {
                throw new QueryException("database name required");
            }
            DatabaseInfo di = meta.database(db);
            if (di == null) {
                throw new QueryException("database not found: " + db);
            }
            String rp = m.retentionPolicy();
            if (rp.isEmpty()) {
                if (!defaultRp.isEmpty()) {
                    rp = defaultRp;
                } else if (di.defaultRetentionPolicy() != null && !di.defaultRetentionPolicy().isEmpty()) {
                    rp = di.defaultRetentionPolicy();
                } else {
                    throw new QueryException("default retention policy not set for: " + db);
                }
            }
            out.add(new Resolved(m, db, rp));
        }
        return out;
    }

    /**
     * The shards of the live shard groups overlapping {@code [min, max]}, in time order.
     *
     * @throws QueryException {@code database not found: x} or {@code retention policy not found: x}
     */
    public static MappedSource map(Resolved r, MetaData meta, long min, long max) throws QueryException {
        return new MappedSource(r.source(), r.database(), r.retentionPolicy(),
                shardIds(meta, r.database(), r.retentionPolicy(), min, max));
    }

    /** The ids of the shards of {@code db.rp} whose groups overlap {@code [min, max]}, in time order. */
    public static List<Long> shardIds(MetaData meta, String db, String rp, long min, long max)
            throws QueryException {
        DatabaseInfo di = meta.database(db);
        if (di == null) {
            throw new QueryException("database not found: " + db);
        }
        RetentionPolicyInfo rpi = di.retentionPolicy(rp);
        if (rpi == null) {
            throw new QueryException("retention policy not found: " + rp);
        }
        return shardIds(rpi, min, max);
    }

    /** The ids of the shards of the policy's live groups overlapping {@code [min, max]}, in time order. */
    public static List<Long> shardIds(RetentionPolicyInfo rpi, long min, long max) {
        List<ShardGroupInfo> groups = new ArrayList<>();
        for (ShardGroupInfo g : rpi.shardGroups()) {
            if (!g.deleted() && g.overlaps(min, max)) {
                groups.add(g);
            }
        }
        groups.sort(Comparator.comparingLong(ShardGroupInfo::startNanos));
        List<Long> ids = new ArrayList<>();
        for (ShardGroupInfo g : groups) {
            for (ShardInfo s : g.shards()) {
                ids.add(s.id());
            }
        }
        return ids;
    }
}
