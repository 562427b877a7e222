package io.tidemark.storage;

import static io.tidemark.storage.Lines.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidemark.common.fs.FaultyFs;
import io.tidemark.common.fs.FaultyFs.Op;
import io.tidemark.storage.api.ShardWriteException;
import io.tidemark.storage.api.WriteResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Concurrent writes share fsyncs, and every acknowledged write is durable. */
class GroupCommitTest extends StoreTestSupport {

    private long walFsyncs() {
        return fs.count(Op.FORCE, FaultyFs.nameEndsWith(".wal"));
    }

    /** Makes the first fsync of a WAL segment wait for {@code release}; the flag turns true once it waits. */
    private AtomicBoolean holdFirstWalFsync(CountDownLatch release) {
        AtomicBoolean held = new AtomicBoolean();
        fs.onBefore(Op.FORCE, FaultyFs.nameEndsWith(".wal"), p -> {
            if (held.compareAndSet(false, true)) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        return held;
    }

    @Test
    void writersQueuedDuringAnFsyncShareTheNextOne() throws Exception {
        int writers = 8;
        CountDownLatch release = new CountDownLatch(1);
        // Hold the first fsync until every other writer is queued behind it.
        AtomicBoolean held = holdFirstWalFsync(release);
        Store store = open();
        store.createShard(1, "db", "rp");
        long fsyncsBefore = walFsyncs();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<WriteResult>> results = new ArrayList<>();
            results.add(pool.submit(() -> store.write(1, batch("m,w=0 v=0i 1"))));
            await().atMost(Duration.ofSeconds(30)).until(held::get);
            for (int w = 1; w < writers; w++) {
                int id = w;
                results.add(pool.submit(() -> store.write(1, batch("m,w=" + id + " v=" + id + "i 1"))));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> stat("wal_committer", "queueLength") == writers - 1);
            release.countDown();
            for (Future<WriteResult> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS).accepted()).isEqualTo(1);
            }
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        // One fsync for the first write, one for the seven queued behind it.
        assertThat(walFsyncs() - fsyncsBefore).isEqualTo(2);
        assertThat(stat("wal_committer", "commitGroups")).isEqualTo(2);

        Store again = reopen(store);
        for (int w = 0; w < writers; w++) {
            assertThat(values(again, 1, "m,w=" + w, "v")).containsExactly("1=" + w + "i");
        }
    }

    @Test
    void writesHandedOutByOneThreadShareAnFsyncAndCompleteOnlyAfterIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean held = holdFirstWalFsync(release);
        Store store = open();
        store.createShard(1, "db", "rp");
        long fsyncsBefore = walFsyncs();
        int writes = 10;
        List<CompletableFuture<WriteResult>> results = new ArrayList<>();
        try {
            results.add(store.writeAsync(1, batch("m,w=0 v=0i 1")));
            await().atMost(Duration.ofSeconds(30)).until(held::get);
            // No thread waits for these: this one hands them all out while the first fsync is held.
            for (int w = 1; w < writes; w++) {
                results.add(store.writeAsync(1, batch("m,w=" + w + " v=" + w + "i 1")));
            }
            assertThat(results).noneMatch(CompletableFuture::isDone);
            assertThat(values(store, 1, "m,w=0", "v")).isEmpty();
        } finally {
            release.countDown();
        }
        for (CompletableFuture<WriteResult> f : results) {
            assertThat(f.get(30, TimeUnit.SECONDS).accepted()).isEqualTo(1);
        }
        assertThat(walFsyncs() - fsyncsBefore).isEqualTo(2);
        for (int w = 0; w < writes; w++) {
            assertThat(values(store, 1, "m,w=" + w, "v")).containsExactly("1=" + w + "i");
        }
    }

    @Test
    void anFsyncIsReportedToTheIoWatchWhileItRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean held = holdFirstWalFsync(release);
        Store store = open();
        store.createShard(1, "db", "rp");
        List<String> open = new CopyOnWriteArrayList<>();
        store.watchIo(what -> {
            String entry = what + " on " + Thread.currentThread().getName();
            open.add(entry);
            return () -> open.remove(entry);
        });
        CompletableFuture<WriteResult> write;
        try {
            write = store.writeAsync(1, batch("m,w=0 v=0i 1"));
            await().atMost(Duration.ofSeconds(30)).until(held::get);
            // While the disk does not answer, the watch holds the fsync and the thread in it.
            assertThat(open).singleElement().asString().startsWith("fsync of the WAL on tidemark-wal-committer");
        } finally {
            release.countDown();
        }
        assertThat(write.get(30, TimeUnit.SECONDS).accepted()).isEqualTo(1);
        assertThat(open).isEmpty();
    }

    @Test
    void anAsynchronousWriteThatCannotBeMadeDurableFailsItsFuture() throws Exception {
        fs.failNth(Op.FORCE, FaultyFs.nameEndsWith(".wal"), 1);
        Store store = open();
        store.createShard(1, "db", "rp");
        CompletableFuture<WriteResult> f = store.writeAsync(1, batch("m,t=1 v=1i 1"));
        assertThat(f).failsWithin(Duration.ofSeconds(30)).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(ShardWriteException.class)
                .withMessageContaining("cannot write to shard 1: its WAL failed");
        assertThat(values(store, 1, "m,t=1", "v")).isEmpty();
        assertThat(stat("tsm1_cache", 1, "reservedBytes")).isZero();
        assertThat(stat("shard", 1, "writeReqErr")).isEqualTo(1);
    }

    @Test
    void withAnFsyncDelayManyWritesShareFsyncsAcrossShards() throws Exception {
        Store store = open(config().withWalFsyncDelay(Duration.ofMillis(50)));
        int writers = 6;
        int writesEach = 20;
        for (long shard = 1; shard <= 3; shard++) {
            store.createShard(shard, "db", "rp" + shard);
        }
        long fsyncsBefore = walFsyncs();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int id = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < writesEach; i++) {
                        long shard = 1 + (id + i) % 3;
                        store.write(shard, batch("m,w=" + id + " v=" + i + "i " + i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long writes = (long) writers * writesEach;
        assertThat(walFsyncs() - fsyncsBefore).isLessThan(writes);

        Store again = reopen(store);
        for (int w = 0; w < writers; w++) {
            List<String> all = new ArrayList<>();
            for (long shard = 1; shard <= 3; shard++) {
                all.addAll(values(again, shard, "m,w=" + w, "v"));
            }
            assertThat(all).containsExactlyInAnyOrderElementsOf(
                    LongStream.range(0, writesEach).mapToObj(i -> i + "=" + i + "i").toList());
        }
    }
}
