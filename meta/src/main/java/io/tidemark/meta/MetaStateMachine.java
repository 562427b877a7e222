package io.tidemark.meta;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Applies {@link MetaCommand}s to {@link MetaData}: a pure function, with InfluxDB 1.8's rules and error texts
 * (services/meta/data.go). Stateless and thread-safe.
 */
public final class MetaStateMachine {
    /** Nanoseconds from Go's zero time (January 1, year 1, UTC) to the Unix epoch; see {@link #truncate}. */
    private static final BigInteger GO_ZERO_TO_UNIX_NANOS = BigInteger.valueOf(62_135_596_800L)
            .multiply(BigInteger.valueOf(1_000_000_000L));
    private static final long MAX_NANO_TIME = Long.MAX_VALUE - 1;

    public MetaData apply(MetaData data, MetaCommand command) throws MetaException {
        MetaData next = switch (command) {
            case MetaCommand.CreateDatabase c -> createDatabase(data, c);
            case MetaCommand.DropDatabase c -> dropDatabase(data, c);
            case MetaCommand.CreateRetentionPolicy c -> createRetentionPolicy(data, c);
            case MetaCommand.UpdateRetentionPolicy c -> updateRetentionPolicy(data, c);
            case MetaCommand.DropRetentionPolicy c -> dropRetentionPolicy(data, c);
            case MetaCommand.CreateShardGroup c -> createShardGroup(data, c);
            case MetaCommand.DeleteShardGroup c -> deleteShardGroup(data, c);
            case MetaCommand.DropShard c -> dropShard(data, c);
        };
        return new MetaData(data.index() + 1, next.maxShardGroupId(), next.maxShardId(), next.databases());
    }

    private MetaData createDatabase(MetaData data, MetaCommand.CreateDatabase c) throws MetaException {
        if (c.name() == null || c.name().isEmpty()) {
            throw new MetaException("database name required");
        }
        RetentionPolicyInfo rp = c.retentionPolicy() == null ? null : newPolicy(c.retentionPolicy());
        DatabaseInfo existing = data.database(c.name());
        if (existing != null) {
            // As in InfluxDB, creating an existing database succeeds, unless the policy asked for contradicts
            // the existing one or is not its default.
            if (rp == null || c.retentionPolicy().equals(RetentionPolicySpec.autogen())) {
                return data;
            }
            RetentionPolicyInfo same = existing.retentionPolicy(rp.name());
            if (same == null || !sameSpec(same, rp) || !rp.name().equals(existing.defaultRetentionPolicy())) {
                throw new MetaException("retention policy conflicts with an existing policy");
            }
            return data;
        }
        List<DatabaseInfo> dbs = new ArrayList<>(data.databases());
        dbs.add(rp == null ? new DatabaseInfo(c.name(), "", List.of())
                : new DatabaseInfo(c.name(), rp.name(), List.of(rp)));
        return new MetaData(data.index(), data.maxShardGroupId(), data.maxShardId(), dbs);
    }

    private MetaData dropDatabase(MetaData data, MetaCommand.DropDatabase c) {
        List<DatabaseInfo> dbs = new ArrayList<>(data.databases());
        dbs.removeIf(d -> d.name().equals(c.name()));
        return new MetaData(data.index(), data.maxShardGroupId(), data.maxShardId(), dbs);
    }

    private MetaData createRetentionPolicy(MetaData data, MetaCommand.CreateRetentionPolicy c) throws MetaException {
        RetentionPolicyInfo rp = newPolicy(c.spec());
        DatabaseInfo db = data.database(c.database());
        if (db == null) {
            throw MetaException.databaseNotFound(c.database());
        }
        RetentionPolicyInfo existing = db.retentionPolicy(rp.name());
        if (existing != null) {
            if (!sameSpec(existing, rp)) {
                throw new MetaException("retention policy already exists");
            }
            if (c.makeDefault() && !db.defaultRetentionPolicy().equals(rp.name())) {
                throw new MetaException("retention policy conflicts with an existing policy");
            }
            return data;
        }
        List<RetentionPolicyInfo> rps = new ArrayList<>(db.retentionPolicies());
        rps.add(rp);
        String def = c.makeDefault() ? rp.name() : db.defaultRetentionPolicy();
        return replace(data, new DatabaseInfo(db.name(), def, rps));
    }

    private MetaData updateRetentionPolicy(MetaData data, MetaCommand.UpdateRetentionPolicy c) throws MetaException {
        DatabaseInfo db = data.database(c.database());
        if (db == null) {
            throw MetaException.databaseNotFound(c.database());
        }
        RetentionPolicyInfo rp = db.retentionPolicy(c.name());
        if (rp == null) {
            throw MetaException.retentionPolicyNotFound(c.name());
        }
        if (c.newName() != null && !c.newName().equals(c.name()) && db.retentionPolicy(c.newName()) != null) {
            throw new MetaException("retention policy name already exists");
        }
        Duration duration = c.duration();
        Duration sgd = c.shardGroupDuration();
        if (duration != null && !duration.isZero() && duration.compareTo(RetentionPolicyInfo.MIN_DURATION) < 0) {
            throw durationTooLow();
        }
        boolean incompatible =
                (duration != null && duration.isPositive()
                        && ((sgd != null && duration.compareTo(sgd) < 0)
                        || (sgd == null && duration.compareTo(rp.shardGroupDuration()) < 0)))
                || (duration == null && rp.duration().isPositive()
                        && sgd != null && rp.duration().compareTo(sgd) < 0);
        if (incompatible) {
            throw new MetaException("retention policy duration must be greater than the shard duration");
        }
        Duration newDuration = duration != null ? duration : rp.duration();
        RetentionPolicyInfo updated = new RetentionPolicyInfo(
                c.newName() != null ? c.newName() : rp.name(),
                newDuration,
                sgd != null ? RetentionPolicyInfo.normalisedShardGroupDuration(sgd, newDuration)
                        : rp.shardGroupDuration(),
                c.replicaN() != null ? c.replicaN() : rp.replicaN(),
                rp.shardGroups());
        List<RetentionPolicyInfo> rps = new ArrayList<>(db.retentionPolicies());
        rps.replaceAll(p -> p.name().equals(rp.name()) ? updated : p);
        String def = db.defaultRetentionPolicy();
        if (def.equals(rp.name())) {
            def = updated.name();
        }
        if (c.makeDefault()) {
            def = updated.name();
        }
        return replace(data, new DatabaseInfo(db.name(), def, rps));
    }

    private MetaData dropRetentionPolicy(MetaData data, MetaCommand.DropRetentionPolicy c) {
        DatabaseInfo db = data.database(c.database());
        if (db == null) {
            return data;
        }
        List<RetentionPolicyInfo> rps = new ArrayList<>(db.retentionPolicies());
        rps.removeIf(p -> p.name().equals(c.name()));
        return replace(data, new DatabaseInfo(db.name(), db.defaultRetentionPolicy(), rps));
    }

    private MetaData createShardGroup(MetaData data, MetaCommand.CreateShardGroup c) throws MetaException {
        DatabaseInfo db = data.database(c.database());
        if (db == null) {
            throw MetaException.databaseNotFound(c.database());
        }
        RetentionPolicyInfo rp = db.retentionPolicy(c.retentionPolicy());
        if (rp == null) {
            throw MetaException.retentionPolicyNotFound(c.retentionPolicy());
        }
        if (rp.shardGroupFor(c.timestampNanos()) != null) {
            return data;
        }
        long width = rp.shardGroupDuration().toNanos();
        long start = truncate(c.timestampNanos(), width);
        // The first group of the range starts before the earliest time a long holds (InfluxDB's starts on
        // 1677-09-20): its end comes from where it really starts.
        long end = start == Long.MIN_VALUE
                ? c.timestampNanos() - goRemainder(c.timestampNanos(), width) + width
                : start > MAX_NANO_TIME - width ? MAX_NANO_TIME + 1 : start + width;
        long groupId = data.maxShardGroupId() + 1;
        long shardId = data.maxShardId() + 1;
        List<ShardGroupInfo> groups = new ArrayList<>(rp.shardGroups());
        groups.add(new ShardGroupInfo(groupId, start, end, 0, List.of(new ShardInfo(shardId, List.of()))));
        groups.sort(Comparator.comparingLong(ShardGroupInfo::startNanos).thenComparingLong(ShardGroupInfo::id));
        MetaData withIds = new MetaData(data.index(), groupId, shardId, data.databases());
        return replacePolicy(withIds, db, rp.withShardGroups(groups));
    }

    private MetaData deleteShardGroup(MetaData data, MetaCommand.DeleteShardGroup c) throws MetaException {
        DatabaseInfo db = data.database(c.database());
        if (db == null) {
            throw MetaException.databaseNotFound(c.database());
        }
        RetentionPolicyInfo rp = db.retentionPolicy(c.retentionPolicy());
        if (rp == null) {
            throw MetaException.retentionPolicyNotFound(c.retentionPolicy());
        }
        List<ShardGroupInfo> groups = new ArrayList<>();
        boolean found = false;
        for (ShardGroupInfo g : rp.shardGroups()) {
            if (g.id() == c.shardGroupId()) {
                found = true;
                groups.add(new ShardGroupInfo(g.id(), g.startNanos(), g.endNanos(), c.deletedAtNanos(), g.shards()));
            } else {
                groups.add(g);
            }
        }
        if (!found) {
            throw new MetaException("shard group not found");
        }
        return replacePolicy(data, db, rp.withShardGroups(groups));
    }

    private MetaData dropShard(MetaData data, MetaCommand.DropShard c) {
        for (DatabaseInfo db : data.databases()) {
            for (RetentionPolicyInfo rp : db.retentionPolicies()) {
                List<ShardGroupInfo> groups = new ArrayList<>(rp.shardGroups());
                for (int i = 0; i < groups.size(); i++) {
                    ShardGroupInfo g = groups.get(i);
                    List<ShardInfo> shards = new ArrayList<>(g.shards());
                    if (!shards.removeIf(s -> s.id() == c.shardId())) {
                        continue;
                    }
                    long deletedAt = shards.isEmpty() && !g.deleted() ? c.deletedAtNanos() : g.deletedAtNanos();
                    groups.set(i, new ShardGroupInfo(g.id(), g.startNanos(), g.endNanos(), deletedAt, shards));
                    return replacePolicy(data, db, rp.withShardGroups(groups));
                }
            }
        }
        return data;
    }

    /**
     * Go's {@code Time.Truncate}, which InfluxDB uses to align shard groups, rounds down relative to Go's zero
     * time (year 1), not the Unix epoch. For widths that divide a day the two agree; for 7-day groups this is
     * why InfluxDB's weeks start on Mondays (1969-12-29). A group that would start before the earliest time a long
     * holds starts at {@link Long#MIN_VALUE}.
     */
    static long truncate(long timestampNanos, long widthNanos) {
        long rem = goRemainder(timestampNanos, widthNanos);
        // Below the smallest long (a time in the first group of the range): the group starts at the earliest time.
        return timestampNanos < Long.MIN_VALUE + rem ? Long.MIN_VALUE : timestampNanos - rem;
    }

    /** How far a time is past the last multiple of the width counted from Go's zero time. */
    private static long goRemainder(long timestampNanos, long widthNanos) {
        BigInteger sinceZero = GO_ZERO_TO_UNIX_NANOS.add(BigInteger.valueOf(timestampNanos));
        return sinceZero.mod(BigInteger.valueOf(widthNanos)).longValueExact();
    }

    private static RetentionPolicyInfo newPolicy(RetentionPolicySpec spec) throws MetaException {
        if (spec.name() == null || spec.name().isEmpty()) {
            throw new MetaException("retention policy name required");
        }
        if (spec.replicaN() < 1) {
            throw new MetaException("replication factor must be greater than 0");
        }
        if (!spec.duration().isZero() && spec.duration().compareTo(RetentionPolicyInfo.MIN_DURATION) < 0) {
            throw durationTooLow();
        }
        Duration sgd = RetentionPolicyInfo.normalisedShardGroupDuration(spec.shardGroupDuration(), spec.duration());
        if (spec.duration().isPositive() && spec.duration().compareTo(sgd) < 0) {
            throw new MetaException("retention policy duration must be greater than the shard duration");
        }
        return new RetentionPolicyInfo(spec.name(), spec.duration(), sgd, spec.replicaN(), List.of());
    }

    private static MetaException durationTooLow() {
        return new MetaException("retention policy duration must be at least 1h0m0s");
    }

    private static boolean sameSpec(RetentionPolicyInfo a, RetentionPolicyInfo b) {
        return a.duration().equals(b.duration()) && a.shardGroupDuration().equals(b.shardGroupDuration())
                && a.replicaN() == b.replicaN();
    }

    private static MetaData replacePolicy(MetaData data, DatabaseInfo db, RetentionPolicyInfo rp) {
        List<RetentionPolicyInfo> rps = new ArrayList<>(db.retentionPolicies());
        rps.replaceAll(p -> p.name().equals(rp.name()) ? rp : p);
        return replace(data, new DatabaseInfo(db.name(), db.defaultRetentionPolicy(), rps));
    }

    private static MetaData replace(MetaData data, DatabaseInfo db) {
        List<DatabaseInfo> dbs = new ArrayList<>(data.databases());
        dbs.replaceAll(d -> d.name().equals(db.name()) ? db : d);
        return new MetaData(data.index(), data.maxShardGroupId(), data.maxShardId(), dbs);
    }
}
