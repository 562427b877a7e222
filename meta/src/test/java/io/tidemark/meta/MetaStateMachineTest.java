package io.tidemark.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetaStateMachineTest {
    private final MetaStateMachine sm = new MetaStateMachine();

    private MetaData withDb(String name) throws MetaException {
        return sm.apply(MetaData.EMPTY, new MetaCommand.CreateDatabase(name, RetentionPolicySpec.autogen()));
    }

    @Test
    void createDatabaseMakesAutogenTheDefaultWithSevenDayShardGroups() throws MetaException {
        MetaData d = withDb("metrics");
        DatabaseInfo db = d.database("metrics");
        assertThat(db.defaultRetentionPolicy()).isEqualTo("autogen");
        RetentionPolicyInfo rp = d.retentionPolicy("metrics", null);
        assertThat(rp.duration()).isZero();
        assertThat(rp.shardGroupDuration()).isEqualTo(Duration.ofDays(7));
        assertThat(rp.replicaN()).isEqualTo(1);
        assertThat(d.index()).isEqualTo(1);
    }

    @Test
    void createDatabaseTwiceIsANoOp() throws MetaException {
        MetaData d = withDb("metrics");
        MetaData again = sm.apply(d, new MetaCommand.CreateDatabase("metrics", RetentionPolicySpec.autogen()));
        assertThat(again.databases()).isEqualTo(d.databases());
    }

    @Test
    void shardGroupDurationsFollowInfluxDefaults() {
        assertThat(RetentionPolicyInfo.defaultShardGroupDuration(Duration.ofHours(1))).isEqualTo(Duration.ofHours(1));
        assertThat(RetentionPolicyInfo.defaultShardGroupDuration(Duration.ofHours(47))).isEqualTo(Duration.ofHours(1));
        assertThat(RetentionPolicyInfo.defaultShardGroupDuration(Duration.ofDays(2))).isEqualTo(Duration.ofDays(1));
        assertThat(RetentionPolicyInfo.defaultShardGroupDuration(Duration.ofDays(179))).isEqualTo(Duration.ofDays(1));
        assertThat(RetentionPolicyInfo.defaultShardGroupDuration(Duration.ofDays(180))).isEqualTo(Duration.ofDays(7));
        assertThat(RetentionPolicyInfo.normalisedShardGroupDuration(Duration.ofMinutes(30), Duration.ZERO))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void weeklyShardGroupsStartOnMondaysAsInInfluxDb() throws MetaException {
        MetaData d = withDb("db");
        long t = Instant.parse("1970-01-01T12:00:00Z").toEpochMilli() * 1_000_000L;
        d = sm.apply(d, new MetaCommand.CreateShardGroup("db", "autogen", t));
        ShardGroupInfo g = d.retentionPolicy("db", "autogen").shardGroupFor(t);
        assertThat(Instant.ofEpochSecond(0, g.startNanos())).isEqualTo(Instant.parse("1969-12-29T00:00:00Z"));
        assertThat(Instant.ofEpochSecond(0, g.endNanos())).isEqualTo(Instant.parse("1970-01-05T00:00:00Z"));
        assertThat(g.id()).isEqualTo(1);
        assertThat(g.shards()).extracting(ShardInfo::id).containsExactly(1L);
    }

    @Test
    void shardGroupsAreCreatedOncePerRangeAndIdsGrow() throws MetaException {
        MetaData d = withDb("db");
        long t1 = Instant.parse("2021-03-04T00:00:00Z").getEpochSecond() * 1_000_000_000L;
        long t2 = t1 + Duration.ofDays(1).toNanos();
        long t3 = t1 + Duration.ofDays(30).toNanos();
        d = sm.apply(d, new MetaCommand.CreateShardGroup("db", "autogen", t1));
        d = sm.apply(d, new MetaCommand.CreateShardGroup("db", "autogen", t2));
        d = sm.apply(d, new MetaCommand.CreateShardGroup("db", "autogen", t3));
        assertThat(d.retentionPolicy("db", "autogen").shardGroups()).hasSize(2);
        assertThat(d.maxShardId()).isEqualTo(2);
    }

    @Test
    void negativeTimestampsTruncateDownwards() {
        long hour = Duration.ofHours(1).toNanos();
        assertThat(MetaStateMachine.truncate(-1, hour)).isEqualTo(-hour);
        assertThat(MetaStateMachine.truncate(0, hour)).isZero();
    }

    @Test
    void theEarliestTimesGetAGroupStartingAtTheEarliestLong() throws MetaException {
        long earliest = Long.MIN_VALUE + 2;   // InfluxDB's MinNanoTime, 1677-09-21T00:12:43.145224194Z
        long week = Duration.ofDays(7).toNanos();
        assertThat(MetaStateMachine.truncate(earliest, week)).isEqualTo(Long.MIN_VALUE);
        MetaData d = sm.apply(withDb("db"), new MetaCommand.CreateShardGroup("db", "autogen", earliest));
        ShardGroupInfo g = d.retentionPolicy("db", "autogen").shardGroupFor(earliest);
        assertThat(g).isNotNull();
        assertThat(g.startNanos()).isEqualTo(Long.MIN_VALUE);
        // InfluxDB's group is 1677-09-20 to 1677-09-27.
        assertThat(g.endNanos()).isEqualTo(Instant.parse("1677-09-27T00:00:00Z").getEpochSecond() * 1_000_000_000L);
        assertThat(d.retentionPolicy("db", "autogen").shardGroupFor(g.endNanos())).isNull();
    }

    @Test
    void retentionPolicyRulesUseInfluxDbTexts() throws MetaException {
        MetaData d = withDb("db");
        assertThatThrownBy(() -> sm.apply(d, new MetaCommand.CreateRetentionPolicy("db",
                new RetentionPolicySpec("r", Duration.ofMinutes(30), Duration.ZERO, 1), false)))
                .hasMessage("retention policy duration must be at least 1h0m0s");
        assertThatThrownBy(() -> sm.apply(d, new MetaCommand.CreateRetentionPolicy("db",
                new RetentionPolicySpec("r", Duration.ofHours(2), Duration.ofHours(3), 1), false)))
                .hasMessage("retention policy duration must be greater than the shard duration");
        assertThatThrownBy(() -> sm.apply(d, new MetaCommand.CreateRetentionPolicy("db",
                new RetentionPolicySpec("r", Duration.ofHours(2), Duration.ZERO, 0), false)))
                .hasMessage("replication factor must be greater than 0");
        assertThatThrownBy(() -> sm.apply(d, new MetaCommand.CreateRetentionPolicy("nope",
                new RetentionPolicySpec("r", Duration.ofHours(2), Duration.ZERO, 1), false)))
                .hasMessage("database not found: nope");
        MetaData withRp = sm.apply(d, new MetaCommand.CreateRetentionPolicy("db",
                new RetentionPolicySpec("r", Duration.ofDays(7), Duration.ofDays(1), 1), false));
        assertThatThrownBy(() -> sm.apply(withRp, new MetaCommand.CreateRetentionPolicy("db",
                new RetentionPolicySpec("r", Duration.ofDays(8), Duration.ofDays(1), 1), false)))
                .hasMessage("retention policy already exists");
    }

    @Test
    void alterChangesDurationAndDefault() throws MetaException {
        MetaData d = withDb("db");
        d = sm.apply(d, new MetaCommand.CreateRetentionPolicy("db",
                new RetentionPolicySpec("weekly", Duration.ofDays(7), Duration.ofDays(1), 1), false));
        d = sm.apply(d, new MetaCommand.UpdateRetentionPolicy("db", "weekly", null, Duration.ofDays(14), null, null,
                true));
        RetentionPolicyInfo rp = d.retentionPolicy("db", "weekly");
        assertThat(rp.duration()).isEqualTo(Duration.ofDays(14));
        assertThat(rp.shardGroupDuration()).isEqualTo(Duration.ofDays(1));
        assertThat(d.database("db").defaultRetentionPolicy()).isEqualTo("weekly");
        MetaData dropped = sm.apply(d, new MetaCommand.DropRetentionPolicy("db", "weekly"));
        assertThat(dropped.database("db").retentionPolicies()).extracting(RetentionPolicyInfo::name)
                .containsExactly("autogen");
    }

    @Test
    void createDatabaseWithPolicy() throws MetaException {
        MetaData d = sm.apply(MetaData.EMPTY, new MetaCommand.CreateDatabase("x",
                new RetentionPolicySpec("short", Duration.ofDays(3), Duration.ofHours(12), 1)));
        RetentionPolicyInfo rp = d.retentionPolicy("x", null);
        assertThat(rp.name()).isEqualTo("short");
        assertThat(rp.shardGroupDuration()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void dropShardRemovesItAndDeletesAnEmptyGroup() throws MetaException {
        MetaData d = withDb("db");
        long t = 1_614_816_000_000_000_000L;
        d = sm.apply(d, new MetaCommand.CreateShardGroup("db", "autogen", t));
        MetaData dropped = sm.apply(d, new MetaCommand.DropShard(1, 42));
        ShardGroupInfo g = dropped.retentionPolicy("db", null).shardGroups().getFirst();
        assertThat(g.shards()).isEmpty();
        assertThat(g.deletedAtNanos()).isEqualTo(42);
        assertThat(dropped.retentionPolicy("db", null).shardGroupFor(t)).isNull();
        assertThat(sm.apply(dropped, new MetaCommand.DropShard(99, 43)).databases()).isEqualTo(dropped.databases());
    }
}
