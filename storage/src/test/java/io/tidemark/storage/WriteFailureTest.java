package io.tidemark.storage;

import static io.tidemark.storage.Lines.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tidemark.common.fs.FaultyFs;
import io.tidemark.common.fs.FaultyFs.Op;
import io.tidemark.storage.api.CacheFullException;
import io.tidemark.storage.api.ShardWriteException;
import io.tidemark.storage.api.WriteResult;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Writes that cannot be made durable fail, leave nothing visible, and distress the shard. */
class WriteFailureTest extends StoreTestSupport {

    private void assertNothingVisible(Store store, long shard) throws Exception {
        assertThat(values(store, shard, "m,t=1", "v")).isEmpty();
        assertThat(store.measurements(shard)).isEmpty();
        assertThat(store.seriesKeys(shard, "m")).isEmpty();
        assertThat(store.fieldTypes(shard, "m")).isEmpty();
        assertThat(stat("tsm1_cache", shard, "memBytes")).isZero();
        assertThat(stat("tsm1_cache", shard, "reservedBytes")).isZero();
    }

    @Test
    void aFailedFsyncFailsTheWriteAndNothingIsVisible() throws Exception {
        fs.failNth(Op.FORCE, FaultyFs.nameEndsWith(".wal"), 1);
        Store store = open();
        store.createShard(1, "db", "rp");
        store.createShard(2, "db", "rp");
        assertThatThrownBy(() -> store.write(1, batch("m,t=1 v=1i 1")))
                .isInstanceOf(ShardWriteException.class)
                .hasMessageContaining("cannot write to shard 1: its WAL failed")
                .hasMessageContaining("injected fault: FORCE");
        assertNothingVisible(store, 1);

        // Distressed until restart, with the reason; other shards carry on.
        assertThatThrownBy(() -> store.write(1, batch("m,t=1 v=2i 2")))
                .isInstanceOf(ShardWriteException.class)
                .hasMessageContaining("takes no more writes until the node restarts");
        assertNothingVisible(store, 1);
        assertThat(store.write(2, batch("m,t=1 v=3i 3")).accepted()).isEqualTo(1);
        assertThat(stat("shard", 1, "writeReqErr")).isEqualTo(2);

        Store again = reopen(store);
        assertThat(again.write(1, batch("m,t=1 v=4i 4")).accepted()).isEqualTo(1);
        assertThat(values(again, 2, "m,t=1", "v")).containsExactly("3=3i");
    }

    @Test
    void aFailedAppendFailsTheWrite() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        // The first write to a segment is its header; fail the entry after it.
        fs.failNth(Op.WRITE, FaultyFs.nameEndsWith(".wal"), 2);
        assertThatThrownBy(() -> store.write(1, batch("m,t=1 v=1i 1")))
                .isInstanceOf(ShardWriteException.class).hasMessageContaining("injected fault: WRITE");
        assertNothingVisible(store, 1);
    }

    @Test
    void aSegmentThatCannotBeOpenedFailsTheWrite() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        fs.failNth(Op.OPEN, FaultyFs.nameEndsWith(".wal"), 1);
        assertThatThrownBy(() -> store.write(1, batch("m,t=1 v=1i 1")))
                .isInstanceOf(ShardWriteException.class).hasMessageContaining("injected fault: OPEN");
        assertNothingVisible(store, 1);
    }

    @Test
    void aFullCacheRefusesTheWriteBeforeTheWal() throws Exception {
        long limit = 256 * 1024;
        Store store = open(config().withCacheMaxMemorySizeBytes(limit));
        store.createShard(1, "db", "rp");
        CacheFullException full = null;
        int written = 0;
        for (int i = 0; i < 10_000 && full == null; i++) {
            String[] lines = new String[50];
            for (int j = 0; j < lines.length; j++) {
                lines[j] = "m,t=" + (i * 50 + j) + " v=" + j + "i " + i;
            }
            long walBefore = walBytes("db", "rp", 1);
            try {
                store.write(1, batch(lines));
                written++;
            } catch (CacheFullException e) {
                full = e;
                assertThat(walBytes("db", "rp", 1)).as("WAL size after a refused write").isEqualTo(walBefore);
            }
        }
        assertThat(full).isNotNull();
        assertThat(written).isPositive();
        assertThat(full.getMessage()).matches("cache-max-memory-size exceeded: \\(\\d+/262144\\)");
        assertThat(full.requiredBytes()).isGreaterThan(limit);
        long held = stat("tsm1_cache", 1, "memBytes");
        assertThat(held).isPositive().isLessThanOrEqualTo(limit);
        assertThat(stat("tsm1_cache", 1, "reservedBytes")).isZero();
        assertThat(stat("tsm1_cache", 1, "writeErr")).isEqualTo(1);
        // What was accepted before is all there.
        assertThat(values(store, 1, "m,t=0", "v")).containsExactly("0=0i");
        assertThat(store.seriesKeys(1, "m")).hasSize(written * 50);
    }

    @Test
    void aWriterFindingTheQueueFullFailsAfterTheTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean blocked = new AtomicBoolean();
        fs.onBefore(Op.FORCE, FaultyFs.nameEndsWith(".wal"), p -> {
            if (blocked.compareAndSet(false, true)) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        Store store = open(config().withWalQueue(1, Duration.ofMillis(200)));
        store.createShard(1, "db", "rp");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<WriteResult> inFsync = pool.submit(() -> store.write(1, batch("m v=1i 1")));
            await().atMost(Duration.ofSeconds(30)).untilTrue(blocked);
            Future<WriteResult> queued = pool.submit(() -> store.write(1, batch("m v=2i 2")));
            await().atMost(Duration.ofSeconds(30)).until(() -> stat("wal_committer", "queueLength") == 1);
            assertThatThrownBy(() -> store.write(1, batch("m v=3i 3")))
                    .isInstanceOf(ShardWriteException.class)
                    .hasMessageContaining("the WAL queue stayed full (1 writes waiting) for 200 ms");
            release.countDown();
            assertThat(inFsync.get(30, TimeUnit.SECONDS).accepted()).isEqualTo(1);
            assertThat(queued.get(30, TimeUnit.SECONDS).accepted()).isEqualTo(1);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(values(store, 1, "m", "v")).containsExactly("1=1i", "2=2i");
        assertThat(stat("tsm1_cache", 1, "reservedBytes")).isZero();
    }
}
