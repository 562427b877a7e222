package io.tidemark.server.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.fs.RealFs;
import io.tidemark.meta.LocalMetaStore;
import io.tidemark.meta.MetaCommand;
import io.tidemark.meta.RetentionPolicySpec;
import io.tidemark.meta.ShardGroupInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionEnforcerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The shards on a node's disk, and the order in which the enforcer removed some. */
    private record Disk(Set<Long> onDisk, List<Long> removed) implements RetentionEnforcer.ShardRemover {
        @Override
        public boolean removeShard(long shardId) {
            if (!onDisk.remove(shardId)) {
                return false;
            }
            removed.add(shardId);
            return true;
        }

        @Override
        public Set<Long> localShards() {
            return Set.copyOf(onDisk);
        }
    }

    @TempDir
    Path dir;

    @Test
    void dropsShardGroupsWhollyOlderThanTheRetentionPeriod() throws Exception {
        Instant now = Instant.parse("2021-03-10T12:00:00Z");
        try (LocalMetaStore meta = LocalMetaStore.open(new RealFs(), dir, "test")) {
            meta.execute(new MetaCommand.CreateDatabase("db",
                    new RetentionPolicySpec("day", Duration.ofDays(1), Duration.ZERO, 1)), TIMEOUT);
            meta.execute(new MetaCommand.CreateRetentionPolicy("db", RetentionPolicySpec.autogen(), false), TIMEOUT);
            long hour = Duration.ofHours(1).toNanos();
            long nowNanos = now.getEpochSecond() * 1_000_000_000L;
            // Shard groups are one hour wide: 30 h ago (expired), 23 h ago (kept: not wholly expired), now.
            for (long t : new long[] {nowNanos - 30 * hour, nowNanos - 23 * hour - hour / 2, nowNanos}) {
                meta.execute(new MetaCommand.CreateShardGroup("db", "day", t), TIMEOUT);
            }
            meta.execute(new MetaCommand.CreateShardGroup("db", "autogen", nowNanos - 1000 * hour), TIMEOUT);
            Set<Long> onDisk = new HashSet<>(List.of(1L, 2L, 3L, 4L));
            List<Long> removed = new ArrayList<>();
            RetentionEnforcer enforcer = new RetentionEnforcer(meta, new Disk(onDisk, removed),
                    InstantSource.fixed(now), "test");

            assertThat(enforcer.enforce()).isEqualTo(1);
            assertThat(removed).containsExactly(1L);
            List<ShardGroupInfo> groups = meta.data().retentionPolicy("db", "day").shardGroups();
            assertThat(groups.get(0).deleted()).isTrue();
            assertThat(groups.get(1).deleted()).isFalse();
            assertThat(meta.data().retentionPolicy("db", "day").shardGroupFor(nowNanos - 30 * hour)).isNull();
            // A second pass finds nothing more to do; infinite retention never expires.
            assertThat(enforcer.enforce()).isZero();
            assertThat(onDisk).containsExactlyInAnyOrder(2L, 3L, 4L);
            enforcer.close();
        }
    }

    @Test
    void removesLocalShardsThatTheMetadataNoLongerHas() throws Exception {
        Instant now = Instant.parse("2021-03-10T12:00:00Z");
        try (LocalMetaStore meta = LocalMetaStore.open(new RealFs(), dir, "test")) {
            meta.execute(new MetaCommand.CreateDatabase("db", RetentionPolicySpec.autogen()), TIMEOUT);
            long nowNanos = now.getEpochSecond() * 1_000_000_000L;
            meta.execute(new MetaCommand.CreateShardGroup("db", "autogen", nowNanos), TIMEOUT);
            // Shard 1 is in the metadata; 7 and 9 were dropped (DROP DATABASE, DROP SHARD) and a crash kept their
            // files from being deleted.
            Set<Long> onDisk = new HashSet<>(List.of(1L, 7L, 9L));
            List<Long> removed = new ArrayList<>();
            RetentionEnforcer enforcer = new RetentionEnforcer(meta, new Disk(onDisk, removed),
                    InstantSource.fixed(now), "test");
            assertThat(enforcer.enforce()).isEqualTo(2);
            assertThat(removed).containsExactlyInAnyOrder(7L, 9L);
            assertThat(onDisk).containsExactly(1L);
            assertThat(enforcer.enforce()).isZero();
            enforcer.close();
        }
    }
}
