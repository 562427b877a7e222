package io.tidemark.server.retention;

import io.tidemark.meta.DatabaseInfo;
import io.tidemark.meta.MetaClient;
import io.tidemark.meta.MetaCommand;
import io.tidemark.meta.MetaData;
import io.tidemark.meta.MetaException;
import io.tidemark.meta.MetaUnavailableException;
import io.tidemark.meta.RetentionPolicyInfo;
import io.tidemark.meta.ShardGroupInfo;
import io.tidemark.meta.ShardInfo;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces retention policies as InfluxDB's retention service does: every {@code check-interval}, each shard
 * group whose whole time range lies before {@code now - duration} is marked deleted in the metadata and its
 * shards are removed from disk; shards of groups already marked deleted (by an earlier run that was interrupted)
 * are removed too, and so are local shards that no shard group of the metadata holds (dropped, their files left
 * by a crash). One scheduler thread; nothing is held while the store deletes files.
 */
public final class RetentionEnforcer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionEnforcer.class);
    private static final Duration META_TIMEOUT = Duration.ofSeconds(30);

    /** What the enforcer needs from the store. */
    public interface ShardRemover {
        /** Removes the shard's files if this node has the shard; returns whether it had. */
        boolean removeShard(long shardId) throws IOException;

        /** The ids of the shards this node holds. */
        Set<Long> localShards();
    }

    private final MetaClient meta;
    private final ShardRemover shards;
    private final InstantSource clock;
    private final ScheduledExecutorService scheduler;

    public RetentionEnforcer(MetaClient meta, ShardRemover shards, InstantSource clock, String nodeName) {
        this.meta = meta;
        this.shards = shards;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "retention-" + nodeName);
            t.setDaemon(true);
            return t;
        });
    }

    public void start(Duration checkInterval) {
        long ms = checkInterval.toMillis();
        scheduler.scheduleWithFixedDelay(this::runSafely, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void runSafely() {
        try {
            enforce();
        } catch (RuntimeException e) {
            LOG.error("retention check failed", e);
        }
    }

    /** One pass; returns the number of shards removed. Runs on the scheduler thread, or in tests directly. */
    public int enforce() {
        Instant now = clock.instant();
        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        int removed = 0;
        // The local shards before the metadata: a shard is created on disk only after its group is in the
        // metadata, so every shard listed here that the later metadata does not know was dropped.
        Set<Long> local = shards.localShards();
        MetaData data = meta.data();
        removed += removeUnknown(local, data);
        for (DatabaseInfo db : data.databases()) {
            for (RetentionPolicyInfo rp : db.retentionPolicies()) {
                for (ShardGroupInfo group : rp.shardGroups()) {
                    boolean expired = rp.duration().isPositive()
                            && group.endNanos() <= nowNanos - rp.duration().toNanos();
                    if (!expired && !group.deleted()) {
                        continue;
                    }
                    if (!group.deleted() && !markDeleted(db.name(), rp.name(), group.id(), nowNanos)) {
                        continue;
                    }
                    removed += remove(db.name(), rp.name(), group);
                }
            }
        }
        return removed;
    }

    /**
     * Removes the local shards that no shard group of the metadata holds any more, as InfluxDB's retention service
     * does: a DROP DATABASE, DROP RETENTION POLICY or DROP SHARD applied to the metadata whose files a crash kept
     * from being deleted (the node would otherwise open them, invisible, at every start).
     */
    private int removeUnknown(Set<Long> local, MetaData data) {
        Set<Long> known = new HashSet<>();
        for (DatabaseInfo db : data.databases()) {
            for (RetentionPolicyInfo rp : db.retentionPolicies()) {
                for (ShardGroupInfo group : rp.shardGroups()) {
                    for (ShardInfo shard : group.shards()) {
                        known.add(shard.id());
                    }
                }
            }
        }
        int removed = 0;
        for (long id : local) {
            if (known.contains(id)) {
                continue;
            }
            try {
                if (shards.removeShard(id)) {
                    removed++;
                    LOG.info("retention: removed shard {}, which the metadata no longer has (dropped)", id);
                }
            } catch (IOException e) {
                LOG.error("retention: cannot remove shard {}, which the metadata no longer has", id, e);
            }
        }
        return removed;
    }

    private boolean markDeleted(String db, String rp, long groupId, long nowNanos) {
        try {
            meta.execute(new MetaCommand.DeleteShardGroup(db, rp, groupId, nowNanos), META_TIMEOUT);
            return true;
        } catch (MetaException | MetaUnavailableException e) {
            LOG.warn("cannot mark shard group {} of {}.{} deleted: {}", groupId, db, rp, e.getMessage());
            return false;
        }
    }

    private int remove(String db, String rp, ShardGroupInfo group) {
        int removed = 0;
        for (ShardInfo shard : group.shards()) {
            try {
                if (!shards.removeShard(shard.id())) {
                    continue;
                }
                removed++;
                LOG.info("retention: removed shard {} of {}.{} (group {}, expired)", shard.id(), db, rp, group.id());
            } catch (IOException e) {
                LOG.error("retention: cannot remove shard {} of {}.{}", shard.id(), db, rp, e);
            }
        }
        return removed;
    }

    @Override
    public void close() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
    }
}
