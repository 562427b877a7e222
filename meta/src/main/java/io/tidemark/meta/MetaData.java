package io.tidemark.meta;

import java.util.List;

/**
 * An immutable snapshot of all metadata. {@code index} counts applied commands; the id counters only grow, so
 * that an id is never reused, even after a drop.
 */
public record MetaData(long index, long maxShardGroupId, long maxShardId, List<DatabaseInfo> databases) {
    public static final MetaData EMPTY = new MetaData(0, 0, 0, List.of());

    public MetaData {
        databases = List.copyOf(databases);
    }

    public DatabaseInfo database(String name) {
        for (DatabaseInfo db : databases) {
            if (db.name().equals(name)) {
                return db;
            }
        }
        return null;
    }

    /** The named retention policy, or the database's default when {@code rp} is null or empty. */
    public RetentionPolicyInfo retentionPolicy(String db, String rp) {
        DatabaseInfo d = database(db);
        if (d == null) {
            return null;
        }
        return d.retentionPolicy(rp == null || rp.isEmpty() ? d.defaultRetentionPolicy() : rp);
    }
}
