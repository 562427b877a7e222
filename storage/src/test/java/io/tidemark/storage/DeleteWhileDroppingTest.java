package io.tidemark.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.api.ShardNotFoundException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * A DELETE or DROP MEASUREMENT that meets a shard being dropped (DROP DATABASE, DROP SHARD, retention) finds the
 * shard gone, as a moment later it would have: {@link ShardNotFoundException}, never a storage failure about the
 * files the drop closed under it, and leaves no file open (the support class checks every handle was closed).
 * Before this was mended, a tombstone was appended after the drop had closed the shard's files.
 */
class DeleteWhileDroppingTest extends StoreTestSupport {

    @Test
    void aDeleteRacingADropFindsTheShardGone() throws Exception {
        Store store = open();
        for (int round = 0; round < 150; round++) {
            store.createShard(round, "db", "rp");
            store.write(round, Lines.batch("cpu,host=a v=1 1", "cpu,host=b v=2 2"));
            long shard = round;
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Void> drop = CompletableFuture.runAsync(() -> {
                try {
                    go.await();
                    store.deleteShard(shard);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            go.countDown();
            try {
                if (round % 2 == 0) {
                    store.deleteSeries(shard, List.of(Lines.key("cpu,host=a")), 0, 10);
                } else {
                    store.dropMeasurement(shard, "cpu");
                }
            } catch (ShardNotFoundException expectedWhenTheDropCameFirst) {
                // Before the delete started, or while it ran (about one round in five on two cores).
            }
            drop.join();
        }
    }
}
