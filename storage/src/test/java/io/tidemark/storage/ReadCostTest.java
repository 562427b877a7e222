package io.tidemark.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.storage.api.ReadCost;
import io.tidemark.storage.api.ShardNotFoundException;
import io.tidemark.storage.api.TagFilter;
import io.tidemark.storage.shard.TsmFile;
import io.tidemark.storage.tsm.TsmBlockCursor;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link Store#cost}: what a read would touch, in the cache and in the files' blocks, for EXPLAIN. */
class ReadCostTest extends StoreTestSupport {

    @Override
    StoreConfig config() {
        // Blocks of 20 points and no compaction: the files and blocks stay as written.
        return super.config().withCompaction(CompactionConfig.DEFAULTS.withPointsPerBlock(20)
                .withColdDurations(Duration.ofDays(1), Duration.ofDays(1)));
    }

    private static void writeRun(Store store, int from, int to) throws Exception {
        String[] lines = new String[to - from];
        for (int t = from; t < to; t++) {
            lines[t - from] = "cpu,host=a f=" + t + ".5 " + t;
        }
        assertThat(store.write(1, Lines.batch(lines)).accepted()).isEqualTo(lines.length);
    }

    private static ReadCost cost(Store store, String series, String field, long min, long max) throws Exception {
        return store.cost(1, Lines.key(series), field, min, max).orElseThrow();
    }

    /** The bytes of the blocks of the shard's files that meet [min, max], read from the files themselves. */
    private static long blockBytes(Store store, long min, long max) throws Exception {
        long bytes = 0;
        for (TsmFile f : store.shardForTesting(1).files()) {
            TsmBlockCursor b = f.reader().blocks(Lines.key("cpu,host=a"), "f", min, max);
            while (b.next()) {
                bytes += b.sizeBytes();
            }
        }
        return bytes;
    }

    @Test
    void valuesInTheCacheAreCountedAndBlocksOfFilesThatMeetTheRange() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        writeRun(store, 0, 100);
        assertThat(cost(store, "cpu,host=a", "f", 0, 99)).isEqualTo(new ReadCost(100, 0, 0, 0));
        assertThat(cost(store, "cpu,host=a", "f", 10, 19).cachedValues()).isEqualTo(10);

        store.flush(1);
        ReadCost all = cost(store, "cpu,host=a", "f", Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(all).isEqualTo(new ReadCost(0, 1, 5, blockBytes(store, 0, 99)));
        assertThat(all.blockBytes()).isPositive();
        // 30..49 meets the blocks 20..39 and 40..59; 100..200 meets none, and the file is not counted.
        assertThat(cost(store, "cpu,host=a", "f", 30, 49)).isEqualTo(new ReadCost(0, 1, 2, blockBytes(store, 30, 49)));
        assertThat(cost(store, "cpu,host=a", "f", 100, 200)).isEqualTo(ReadCost.NONE);

        // An overwrite waits in the cache; after the next snapshot its block is in a second file.
        store.write(1, Lines.batch("cpu,host=a f=-1.5 10"));
        assertThat(cost(store, "cpu,host=a", "f", 0, 99)).isEqualTo(new ReadCost(1, 1, 5, blockBytes(store, 0, 99)));
        store.flush(1);
        assertThat(cost(store, "cpu,host=a", "f", 0, 99)).isEqualTo(new ReadCost(0, 2, 6, blockBytes(store, 0, 99)));
    }

    @Test
    void blocksWhollyDeletedAreNotCounted() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        writeRun(store, 0, 100);
        store.flush(1);
        store.delete(1, "cpu", new TagFilter.Eq("host", "a"), 0, 29);
        // 0..19 is gone; 20..39 is partly deleted and still read.
        ReadCost c = cost(store, "cpu,host=a", "f", 0, 99);
        assertThat(c.blocks()).isEqualTo(4);
        assertThat(c.blockBytes()).isEqualTo(blockBytes(store, 20, 99));
        store.delete(1, "cpu", new TagFilter.Eq("host", "a"), Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(cost(store, "cpu,host=a", "f", 0, 99)).isEqualTo(ReadCost.NONE);
    }

    @Test
    void unknownSeriesFieldsAndShards() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        writeRun(store, 0, 10);
        assertThat(cost(store, "cpu,host=zz", "f", 0, 99)).isEqualTo(ReadCost.NONE);
        assertThat(cost(store, "cpu,host=a", "nope", 0, 99)).isEqualTo(ReadCost.NONE);
        assertThat(cost(store, "cpu,host=a", "f", 50, 10)).isEqualTo(ReadCost.NONE);
        assertThatThrownBy(() -> store.cost(9, Lines.key("cpu,host=a"), "f", 0, 99))
                .isInstanceOf(ShardNotFoundException.class);
    }
}
