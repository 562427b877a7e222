package io.tidemark.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidemark.common.fs.RealFs;
import io.tidemark.common.metrics.Statistic;
import io.tidemark.http.WriteOutcome;
import io.tidemark.http.WriteRequest;
import io.tidemark.meta.DatabaseInfo;
import io.tidemark.meta.LocalMetaStore;
import io.tidemark.meta.MetaCommand;
import io.tidemark.meta.RetentionPolicyInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorStoreTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Instant NOW = Instant.parse("2026-11-27T12:34:56.789Z");

    @TempDir
    Path dir;
    private LocalMetaStore meta;
    private final List<WriteRequest> writes = new CopyOnWriteArrayList<>();
    private final List<Statistic> statistics = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        meta = LocalMetaStore.open(new RealFs(), dir.resolve("meta"), "test");
    }

    @AfterEach
    void close() throws Exception {
        meta.close();
    }

    private MonitorStore monitor(Duration interval) {
        return new MonitorStore(() -> List.copyOf(statistics), meta, r -> {
            writes.add(r);
            return CompletableFuture.completedFuture(WriteOutcome.ok(1));
        }, "_internal", interval, "vm", InstantSource.fixed(NOW), TIMEOUT);
    }

    private static Map<String, Object> values(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private String body(int write) {
        return new String(writes.get(write).body(), StandardCharsets.UTF_8);
    }

    @Test
    void writesEachStatisticAsAPointStampedWithTheIntervalsBoundary() {
        statistics.add(new Statistic("httpd", Map.of("bind", ":8086"), values("pingReq", 3L, "req", 10L)));
        statistics.add(new Statistic("shard", Map.of("id", "7", "path", "/d b/7", "engine", ""),
                values("diskBytes", 4096L, "ratio", 0.25)));
        statistics.add(new Statistic("runtime", Map.of(), values("usage", Double.NaN, "NumGC", 2L)));
        // Nothing line protocol can carry: no point.
        statistics.add(new Statistic("empty", Map.of(), values("nan", Double.NaN)));

        monitor(Duration.ofSeconds(10)).store(NOW);

        assertThat(writes).hasSize(1);
        assertThat(writes.getFirst().database()).isEqualTo("_internal");
        assertThat(writes.getFirst().retentionPolicy()).isEqualTo("monitor");
        long stamp = Instant.parse("2026-11-27T12:34:50Z").getEpochSecond() * 1_000_000_000L;
        assertThat(body(0)).isEqualTo(
                "httpd,bind=:8086,hostname=vm pingReq=3i,req=10i " + stamp + "\n"
                        + "shard,hostname=vm,id=7,path=/d\\ b/7 diskBytes=4096i,ratio=0.25 " + stamp + "\n"
                        + "runtime,hostname=vm NumGC=2i " + stamp + "\n");
    }

    @Test
    void createsTheDatabaseWithInfluxDbsMonitorPolicyWhenMissing() throws Exception {
        statistics.add(new Statistic("httpd", Map.of(), values("req", 1L)));
        MonitorStore monitor = monitor(Duration.ofSeconds(10));
        monitor.store(NOW);

        DatabaseInfo db = meta.data().database("_internal");
        assertThat(db.defaultRetentionPolicy()).isEqualTo("monitor");
        RetentionPolicyInfo rp = db.retentionPolicy("monitor");
        assertThat(rp.duration()).isEqualTo(Duration.ofDays(7));
        assertThat(rp.shardGroupDuration()).isEqualTo(Duration.ofDays(1));
        assertThat(rp.replicaN()).isEqualTo(1);

        meta.execute(new MetaCommand.DropDatabase("_internal"), TIMEOUT);
        monitor.store(NOW);
        assertThat(meta.data().database("_internal")).isNotNull();
        assertThat(writes).hasSize(2);
    }

    @Test
    void writesInBatchesOfFiveThousandPoints() {
        for (int i = 0; i < 5001; i++) {
            statistics.add(new Statistic("shard", Map.of("id", Integer.toString(i)), values("n", (long) i)));
        }
        monitor(Duration.ofSeconds(10)).store(NOW);
        assertThat(writes).hasSize(2);
        assertThat(body(0).lines()).hasSize(5000);
        assertThat(body(1).lines()).containsExactly("shard,hostname=vm,id=5000 n=5000i 1795782890000000000");
    }

    @Test
    void storesOnItsOwnThreadUntilClosed() throws Exception {
        statistics.add(new Statistic("httpd", Map.of(), values("req", 1L)));
        CountDownLatch twice = new CountDownLatch(2);
        MonitorStore monitor = new MonitorStore(() -> List.copyOf(statistics), meta, r -> {
            writes.add(r);
            twice.countDown();
            return CompletableFuture.completedFuture(WriteOutcome.ok(1));
        }, "_internal", Duration.ofMillis(20), "vm", InstantSource.system(), TIMEOUT);
        monitor.start("n1");
        assertThat(twice.await(30, TimeUnit.SECONDS)).isTrue();
        monitor.close();
        int after = writes.size();
        // Once its thread is gone nothing can write any more: then nothing has written since close() returned.
        await().atMost(Duration.ofSeconds(30)).until(() -> !storeThreadAlive());
        assertThat(writes).hasSize(after);
    }

    private static boolean storeThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("monitor-store-n1") && t.isAlive());
    }
}
