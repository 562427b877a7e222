package io.tidemark.query.show;

import io.tidemark.common.result.Series;
import io.tidemark.common.result.StatementResult;
import io.tidemark.meta.DatabaseInfo;
import io.tidemark.meta.MetaData;
import io.tidemark.meta.RetentionPolicyInfo;
import io.tidemark.meta.ShardGroupInfo;
import io.tidemark.meta.ShardInfo;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * SHOW SHARDS (one series per database) and SHOW SHARD GROUPS (one series, {@code shard groups}), from the
 * metadata; deleted shard groups are left out. Times are RFC 3339 in UTC; the expiry is the group's end plus the
 * retention period.
 *
 * <p>Stateless; thread-safe.
 */
final class MetaShows {
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX")
            .withZone(ZoneOffset.UTC);
    private static final List<String> SHARD_COLUMNS = List.of("id", "database", "retention_policy", "shard_group",
            "start_time", "end_time", "expiry_time", "owners");
    private static final List<String> GROUP_COLUMNS = List.of("id", "database", "retention_policy", "start_time",
            "end_time", "expiry_time");

    private MetaShows() {
    }

    static StatementResult shards(int statementId, MetaData meta) {
        List<Series> out = new ArrayList<>();
        for (DatabaseInfo db : meta.databases()) {
            List<List<Object>> rows = new ArrayList<>();
            for (RetentionPolicyInfo rp : db.retentionPolicies()) {
                for (ShardGroupInfo g : rp.shardGroups()) {
                    if (g.deleted()) {
                        continue;
                    }
                    for (ShardInfo s : g.shards()) {
                        rows.add(List.of(s.id(), db.name(), rp.name(), g.id(), format(g.startNanos()),
                                format(g.endNanos()), format(expiry(g, rp)),
                                s.owners().stream().map(String::valueOf).collect(Collectors.joining(","))));
                    }
                }
            }
            out.add(Series.of(db.name(), SHARD_COLUMNS, rows));
        }
        return StatementResult.of(statementId, out);
    }

    static StatementResult shardGroups(int statementId, MetaData meta) {
        List<List<Object>> rows = new ArrayList<>();
        for (DatabaseInfo db : meta.databases()) {
            for (RetentionPolicyInfo rp : db.retentionPolicies()) {
                for (ShardGroupInfo g : rp.shardGroups()) {
                    if (!g.deleted()) {
                        rows.add(List.of(g.id(), db.name(), rp.name(), format(g.startNanos()), format(g.endNanos()),
                                format(expiry(g, rp))));
                    }
                }
            }
        }
        return StatementResult.of(statementId, List.of(Series.of("shard groups", GROUP_COLUMNS, rows)));
    }

    private static long expiry(ShardGroupInfo g, RetentionPolicyInfo rp) {
        long d = rp.duration().toNanos();
        return g.endNanos() > Long.MAX_VALUE - d ? Long.MAX_VALUE : g.endNanos() + d;
    }

    private static String format(long nanos) {
        return RFC3339.format(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L)));
    }
}
