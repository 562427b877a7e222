package io.tidemark.storage;

import static io.tidemark.storage.Lines.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidemark.common.fs.FaultyFs.CrashMode;
import io.tidemark.storage.api.ShardWriteException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Power failure in the middle of concurrent writes: whatever was acknowledged before the crash is there after the
 * restart, whatever the crash did to the bytes that were not fsynced.
 */
class CrashTest extends StoreTestSupport {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    record Acked(long shard, String series, long ts, long value) {
    }

    @ParameterizedTest
    @EnumSource(CrashMode.class)
    void everyAcknowledgedWriteSurvivesACrash(CrashMode mode) throws Exception {
        Random rnd = new Random(SEED);
        Store store = open(config().withWalSegmentSizeBytes(8192));
        for (long shard = 1; shard <= 2; shard++) {
            store.createShard(shard, "db", "rp" + shard);
        }
        ConcurrentLinkedQueue<Acked> acked = new ConcurrentLinkedQueue<>();
        AtomicInteger attempts = new AtomicInteger();
        int writers = 4;
        int crashAfter = 50 + rnd.nextInt(150);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int id = w;
            long writerSeed = rnd.nextLong();
            done.add(pool.submit(() -> {
                Random r = new Random(writerSeed);
                for (long i = 0; i < 100_000; i++) {
                    long shard = 1 + r.nextInt(2);
                    String series = "m,w=" + id + ",s=" + r.nextInt(3);
                    long ts = i;
                    long value = r.nextLong();
                    attempts.incrementAndGet();
                    try {
                        store.write(shard, batch(series + " v=" + value + "i " + ts));
                    } catch (ShardWriteException e) {
                        return null; // the crash distressed the shard
                    }
                    acked.add(new Acked(shard, series, ts, value));
                }
                return null;
            }));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> attempts.get() >= crashAfter);
        fs.crash(mode, rnd.nextLong());
        // The writers stop at their next write, which fails on a dead file handle.
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        store.close();

        Store again = open(config().withWalSegmentSizeBytes(8192));
        assertThat(acked).as("seed %d", SEED).isNotEmpty();
        for (Acked a : acked) {
            assertThat(values(again, a.shard, a.series, "v", a.ts, a.ts)).as("seed %d: %s", SEED, a)
                    .containsExactly(a.ts + "=" + a.value + "i");
        }
        // The store takes writes again after the restart.
        assertThat(again.write(1, batch("m,w=9 v=1i 1")).accepted()).isEqualTo(1);
    }
}
