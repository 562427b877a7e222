package io.tidemark.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.fs.RealFs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMetaStoreTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void stateSurvivesReopen() throws Exception {
        long t = 1_614_816_000_000_000_000L;
        try (LocalMetaStore store = LocalMetaStore.open(new RealFs(), dir, "test")) {
            store.execute(new MetaCommand.CreateDatabase("db", RetentionPolicySpec.autogen()), TIMEOUT);
            store.execute(new MetaCommand.CreateRetentionPolicy("db",
                    new RetentionPolicySpec("weekly", Duration.ofDays(7), Duration.ZERO, 1), true), TIMEOUT);
            store.execute(new MetaCommand.CreateShardGroup("db", "weekly", t), TIMEOUT);
        }
        assertThat(Files.list(dir)).extracting(p -> p.getFileName().toString()).containsExactly("meta.json");
        try (LocalMetaStore store = LocalMetaStore.open(new RealFs(), dir, "test")) {
            MetaData d = store.data();
            assertThat(d.database("db").defaultRetentionPolicy()).isEqualTo("weekly");
            assertThat(d.retentionPolicy("db", null).shardGroupFor(t)).isNotNull();
            assertThat(d.maxShardId()).isEqualTo(1);
        }
    }

    @Test
    void codecRoundTrips() throws Exception {
        MetaStateMachine sm = new MetaStateMachine();
        MetaData d = sm.apply(MetaData.EMPTY, new MetaCommand.CreateDatabase("a b\"c", RetentionPolicySpec.autogen()));
        d = sm.apply(d, new MetaCommand.CreateShardGroup("a b\"c", "autogen", -5));
        MetaCodec codec = new MetaCodec();
        assertThat(codec.decode(codec.encode(d))).isEqualTo(d);
    }
}
