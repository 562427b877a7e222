package io.tidemark.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.fs.RealFs;
import io.tidemark.common.metrics.MetricRegistry;
import io.tidemark.meta.LocalMetaStore;
import io.tidemark.meta.MetaData;
import io.tidemark.meta.ShardGroupInfo;
import io.tidemark.storage.Store;
import io.tidemark.storage.StoreConfig;
import io.tidemark.storage.api.SeriesCursor;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every write acknowledged with 204 survives SIGKILL. Several concurrent writers send batches while the server is
 * killed at random moments, over several rounds; after the last kill the test opens the data directory with the
 * storage engine itself and checks every acknowledged point, value for value.
 */
class CrashRecoveryIT {
    private static final int ROUNDS = 5;
    private static final int WRITERS = 4;
    private static final int POINTS_PER_BATCH = 250;
    private static final long BASE_SECONDS = 1_614_816_000L;

    @TempDir
    Path home;

    record AckedBatch(int round, int writer, int batch) {
    }

    @Test
    void acknowledgedWritesSurviveKillMinusNine() throws Exception {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("CrashRecoveryIT seed: " + seed + " (re-run with -Dtests.seed=" + seed + ")");
        Random random = new Random(seed);
        // Small snapshots and eager compactions: the kills land in the middle of them too.
        ServerProcess server = new ServerProcess(home.resolve("node"),
                "  cache-snapshot-memory-size = 262144\n  compact-full-write-cold-duration = \"1s\"", "");
        ConcurrentLinkedQueue<AckedBatch> acked = new ConcurrentLinkedQueue<>();
        int[] failedWrites = {0};
        try (server) {
            for (int round = 0; round < ROUNDS; round++) {
                server.start();
                Http http = new Http(server.url());
                assertThat(http.query("CREATE DATABASE crash").statusCode()).isEqualTo(200);
                AtomicBoolean killed = new AtomicBoolean();
                CountDownLatch done = new CountDownLatch(WRITERS);
                List<Thread> threads = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    final int writer = w;
                    final int r = round;
                    Thread t = Thread.ofPlatform().name("writer-" + w).start(() -> {
                        try {
                            for (int b = 0; !killed.get() && b < 10_000; b++) {
                                HttpResponse<String> resp;
                                try {
                                    resp = http.write("crash", "s", batch(r, writer, b));
                                } catch (Exception e) {
                                    return;
                                }
                                if (resp.statusCode() == 204) {
                                    acked.add(new AckedBatch(r, writer, b));
                                } else {
                                    synchronized (failedWrites) {
                                        failedWrites[0]++;
                                    }
                                }
                            }
                        } finally {
                            done.countDown();
                        }
                    });
                    threads.add(t);
                }
                // Let the writers get going, then pull the plug at a random moment.
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300 + random.nextInt(1500));
                while (System.nanoTime() < deadline && done.getCount() > 0) {
                    done.await(20, TimeUnit.MILLISECONDS);
                }
                server.kill();
                killed.set(true);
                assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
                for (Thread t : threads) {
                    t.join();
                }
            }
        }
        assertThat(failedWrites[0]).as("writes answered with an error status").isZero();
        assertThat(acked).as("acknowledged batches").isNotEmpty();
        verifyEveryAckedPoint(server.home(), acked);
    }

    private static String batch(int round, int writer, int batch) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < POINTS_PER_BATCH; i++) {
            long ts = timestamp(batch, i);
            sb.append("crash,round=").append(round).append(",writer=").append(writer)
                    .append(" seq=").append(batch).append("i,v=").append(value(round, writer, batch, i))
                    .append(' ').append(ts).append('\n');
        }
        return sb.toString();
    }

    private static long timestamp(int batch, int i) {
        return BASE_SECONDS + (long) batch * POINTS_PER_BATCH + i;
    }

    private static double value(int round, int writer, int batch, int i) {
        return round * 1_000_000.0 + writer * 100_000.0 + batch + i / 1000.0;
    }

    private static void verifyEveryAckedPoint(Path home, ConcurrentLinkedQueue<AckedBatch> acked) throws Exception {
        MetaData meta;
        try (LocalMetaStore store = LocalMetaStore.open(new RealFs(), home.resolve("meta"), "verify")) {
            meta = store.data();
        }
        StoreConfig config = StoreConfig.defaults(home.resolve("data"), home.resolve("wal"));
        try (Store store = Store.open(config, new RealFs(), new MetricRegistry())) {
            int checked = 0;
            for (AckedBatch a : acked) {
                byte[] key = ("crash,round=" + a.round() + ",writer=" + a.writer()).getBytes(StandardCharsets.UTF_8);
                long first = timestamp(a.batch(), 0) * 1_000_000_000L;
                long last = timestamp(a.batch(), POINTS_PER_BATCH - 1) * 1_000_000_000L;
                ShardGroupInfo group = meta.retentionPolicy("crash", null).shardGroupFor(first);
                assertThat(group).as("shard group for %s", a).isNotNull();
                long shardId = group.shards().getFirst().id();
                SeriesCursor v = store.read(shardId, key, "v", first, last);
                SeriesCursor seq = store.read(shardId, key, "seq", first, last);
                for (int i = 0; i < POINTS_PER_BATCH; i++) {
                    assertThat(v.next()).as("point %d of %s", i, a).isTrue();
                    assertThat(seq.next()).isTrue();
                    assertThat(v.timestamp()).isEqualTo(timestamp(a.batch(), i) * 1_000_000_000L);
                    assertThat(v.floatValue()).isEqualTo(value(a.round(), a.writer(), a.batch(), i));
                    assertThat(seq.longValue()).isEqualTo(a.batch());
                    checked++;
                }
            }
            System.out.println("CrashRecoveryIT: verified " + checked + " acknowledged points in " + acked.size()
                    + " batches over " + ROUNDS + " kill -9 rounds");
        }
    }
}
