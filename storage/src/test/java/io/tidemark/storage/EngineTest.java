package io.tidemark.storage;

import static io.tidemark.storage.Lines.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidemark.storage.api.TagFilter;
import io.tidemark.storage.shard.Shard;
import io.tidemark.storage.shard.TsmFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * The storage engine end to end: caches become TSM files, files are compacted, the WAL is trimmed, and reads give
 * the same answers throughout and after a restart; deletes through tombstones.
 */
class EngineTest extends StoreTestSupport {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final String[] FIELDS = {"f", "i", "s", "b"};

    @Override
    StoreConfig config() {
        return super.config().withWalSegmentSizeBytes(8192).withCompaction(CompactionConfig.DEFAULTS
                .withCacheSnapshotMemorySizeBytes(16 * 1024).withPointsPerBlock(100)
                .withThroughput(1L << 40, 1L << 40));
    }

    private static io.tidemark.storage.api.PointBatch lines(String text) {
        return Lines.batch(text.split("\n"));
    }

    /** series + field -> time -> value as values() prints it. */
    private final Map<String, TreeMap<Long, String>> model = new TreeMap<>();

    private void write(Store store, Random rnd, int batches, int series, long timeRange) throws Exception {
        List<Runnable> pending = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            StringBuilder lines = new StringBuilder();
            for (int p = 0; p < 20; p++) {
                String s = "cpu,host=h" + rnd.nextInt(series);
                long t = rnd.nextLong(timeRange);
                long i = rnd.nextLong(1000);
                double f = rnd.nextInt(10_000) / 8.0;
                boolean bo = rnd.nextBoolean();
                String str = "v" + rnd.nextInt(50);
                lines.append(s).append(" f=").append(f).append(",i=").append(i).append("i,s=\"").append(str)
                        .append("\",b=").append(bo).append(' ').append(t).append('\n');
                String v = str;
                pending.add(() -> {
                    put(s, "f", t, Double.toString(f));
                    put(s, "i", t, i + "i");
                    put(s, "s", t, "\"" + v + "\"");
                    put(s, "b", t, Boolean.toString(bo));
                });
            }
            assertThat(store.write(1, lines(lines.toString().strip())).accepted()).isEqualTo(20);
            pending.forEach(Runnable::run);
            pending.clear();
        }
    }

    private void put(String series, String field, long t, String v) {
        model.computeIfAbsent(series + " " + field, k -> new TreeMap<>()).put(t, v);
    }

    private void checkAgainstModel(Store store) throws Exception {
        for (var e : model.entrySet()) {
            String[] sf = e.getKey().split(" ");
            List<String> expected = new ArrayList<>();
            e.getValue().forEach((t, v) -> expected.add(t + "=" + v));
            assertThat(values(store, 1, sf[0], sf[1])).as("seed %d, %s", SEED, e.getKey())
                    .containsExactlyElementsOf(expected);
        }
    }

    private long tsmFiles() throws Exception {
        try (Stream<Path> s = Files.list(tmp.resolve("data/db/rp/1"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tsm")).count();
        }
    }

    @Test
    void writesBecomeCompactedFilesAndReadTheSameBeforeAndAfterARestart() throws Exception {
        Random rnd = new Random(SEED);
        Store store = open();
        store.createShard(1, "db", "rp");
        write(store, rnd, 400, 30, 50_000);
        await().atMost(Duration.ofSeconds(60)).until(() -> stat("tsm1_engine", 1, "compactions") > 0);
        checkAgainstModel(store);
        write(store, rnd, 100, 30, 50_000);
        checkAgainstModel(store);
        Shard shard = store.shardForTesting(1);
        assertThat(shard.files()).as("seed %d", SEED).isNotEmpty();
        assertThat(shard.files().stream().mapToInt(TsmFile::level).max().orElse(0)).isGreaterThan(1);
        long written = stat("shard", 1, "writeBytes");
        assertThat(walBytes("db", "rp", 1)).as("the WAL was trimmed").isLessThan(written / 2);

        Store again = reopen(store);
        checkAgainstModel(again);
        assertThat(again.recoveryReport().entriesReplayed()).as("only the tail of the WAL is replayed").isLessThan(500);
        assertThat(again.seriesKeys(1, "cpu")).hasSize(30);
        assertThat(again.fieldTypes(1, "cpu")).containsOnlyKeys(FIELDS);
        assertThat(tsmFiles()).isEqualTo(again.shardForTesting(1).files().size());
    }

    @Test
    void aFlushPutsEverythingInFilesAndAFullCompactionLeavesOneFile() throws Exception {
        Random rnd = new Random(SEED);
        Store store = open(config().withCompaction(config().compaction().withColdDurations(Duration.ofDays(1),
                Duration.ZERO)));
        store.createShard(1, "db", "rp");
        write(store, rnd, 50, 10, 10_000);
        store.flush(1);
        write(store, rnd, 50, 10, 10_000);
        store.flush(1);
        await().atMost(Duration.ofSeconds(60)).until(() -> store.shardForTesting(1).files().size() == 1);
        checkAgainstModel(store);
        assertThat(store.shardForTesting(1).cacheHeldBytes()).isZero();
        assertThat(segments("db", "rp", 1)).isEmpty();
        checkAgainstModel(reopen(store));
    }

    @Test
    void deleteHidesValuesAtOnceAndCompactionRemovesThem() throws Exception {
        Store store = open(config().withCompaction(config().compaction().withColdDurations(Duration.ofDays(1),
                Duration.ofDays(1))));
        store.createShard(1, "db", "rp");
        store.write(1, lines("cpu,host=a v=1i 10\ncpu,host=a v=2i 20\ncpu,host=b v=3i 10\nmem,host=a v=4i 10"));
        store.flush(1);
        store.write(1, lines("cpu,host=a v=5i 30"));
        store.delete(1, "cpu", new TagFilter.Eq("host", "a"), 15, 40);
        assertThat(values(store, 1, "cpu,host=a", "v")).containsExactly("10=1i");
        assertThat(values(store, 1, "cpu,host=b", "v")).containsExactly("10=3i");
        // A write after the delete is not deleted.
        store.write(1, lines("cpu,host=a v=6i 20"));
        assertThat(values(store, 1, "cpu,host=a", "v")).containsExactly("10=1i", "20=6i");

        store.delete(1, "cpu", new TagFilter.Eq("host", "b"), Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(values(store, 1, "cpu,host=b", "v")).isEmpty();
        assertThat(store.seriesKeys(1, "cpu")).extracting(String::new).containsExactly("cpu,host=a");

        Shard shard = store.shardForTesting(1);
        await().atMost(Duration.ofSeconds(60)).until(() -> shard.tombstones().isEmpty());
        assertThat(values(store, 1, "cpu,host=a", "v")).containsExactly("10=1i", "20=6i");
        Store again = reopen(store);
        assertThat(values(again, 1, "cpu,host=a", "v")).containsExactly("10=1i", "20=6i");
        assertThat(values(again, 1, "cpu,host=b", "v")).isEmpty();
        assertThat(values(again, 1, "mem,host=a", "v")).containsExactly("10=4i");
        assertThat(again.seriesKeys(1, "cpu")).extracting(String::new).containsExactly("cpu,host=a");
    }

    @Test
    void dropMeasurementForgetsItsFieldTypesAndKeepsOtherMeasurements() throws Exception {
        Store store = open(config().withCompaction(config().compaction().withColdDurations(Duration.ofDays(1),
                Duration.ofDays(1))));
        store.createShard(1, "db", "rp");
        store.write(1, lines("cpu,host=a v=1i 10\nmem,host=a v=4i 10"));
        store.flush(1);
        store.write(1, lines("cpu,host=a v=2i 20"));
        store.dropMeasurement(1, "cpu");
        assertThat(values(store, 1, "cpu,host=a", "v")).isEmpty();
        assertThat(store.measurements(1)).containsExactly("mem");
        assertThat(store.fieldTypes(1, "cpu")).isEmpty();
        // Another type for the same field is accepted once the measurement is gone.
        assertThat(store.write(1, lines("cpu,host=a v=\"x\" 10")).accepted()).isEqualTo(1);
        assertThat(values(store, 1, "cpu,host=a", "v")).containsExactly("10=\"x\"");
        Store again = reopen(store);
        assertThat(values(again, 1, "cpu,host=a", "v")).containsExactly("10=\"x\"");
        assertThat(values(again, 1, "mem,host=a", "v")).containsExactly("10=4i");
        assertThat(again.measurements(1)).containsExactly("cpu", "mem");
    }

    @Test
    void aFlippedByteIsReportedAndTheShardServesWhatIsIntact() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int t = 0; t < 300; t++) {
            a.append("cpu,host=a v=").append(t).append("i ").append(t).append('\n');
            b.append("cpu,host=b v=").append(t).append("i ").append(t).append('\n');
        }
        store.write(1, lines(a.toString().strip()));
        store.write(1, lines(b.toString().strip()));
        store.flush(1);
        Path file = store.shardForTesting(1).files().getFirst().path();
        store.close();
        // The first block of the file is host=a's first (keys are sorted): damage its values.
        try (var raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(30);
            int v = raf.read();
            raf.seek(30);
            raf.write(v ^ 0x40);
        }
        Store again = open();
        List<String> hostA = values(again, 1, "cpu,host=a", "v");
        // Blocks of 100 points: the damaged one is skipped, those around it are served, all values intact.
        assertThat(hostA).as("the damaged block is not served").hasSize(200)
                .allSatisfy(v -> assertThat(v.split("=")[1]).isEqualTo(v.split("=")[0] + "i"));
        assertThat(hostA).contains("0=0i", "299=299i");
        assertThat(values(again, 1, "cpu,host=b", "v")).hasSize(300);
        assertThat(stat("tsm1_filestore", 1, "damagedBlockReads")).isPositive();
    }

    /** Two TSM files, host=a's points in the first and host=b's in the second; returns them, the store closed. */
    private List<Path> twoFilesOfTwoHosts() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        for (String host : List.of("a", "b")) {
            StringBuilder lines = new StringBuilder();
            for (int t = 0; t < 300; t++) {
                lines.append("cpu,host=").append(host).append(" v=").append(t).append("i ").append(t).append('\n');
            }
            store.write(1, lines(lines.toString().strip()));
            store.flush(1);
        }
        List<Path> files = store.shardForTesting(1).files().stream().map(TsmFile::path).toList();
        store.close();
        assertThat(files).hasSize(2);
        return files;
    }

    @Test
    void aFileWhoseIndexChecksumFailsIsMovedAsideAtOpenAndTheShardServesTheOthers() throws Exception {
        List<Path> files = twoFilesOfTwoHosts();
        byte[] bytes = Files.readAllBytes(files.getFirst());
        ByteBuffer footer = ByteBuffer.wrap(bytes, bytes.length - 48, 48).slice().order(ByteOrder.LITTLE_ENDIAN);
        int indexAt = (int) footer.getLong(8);
        bytes[indexAt + 3] ^= 0x04;
        Files.write(files.getFirst(), bytes);
        Store again = open();
        assertThat(files.getFirst()).doesNotExist();
        assertThat(Path.of(files.getFirst() + ".bad")).exists();
        assertThat(values(again, 1, "cpu,host=a", "v")).isEmpty();
        assertThat(values(again, 1, "cpu,host=b", "v")).hasSize(300);
        assertThat(stat("tsm1_filestore", 1, "damagedFilesMovedAside")).isEqualTo(1);
    }

    @Test
    void aFileWhoseIndexIsDamagedUnderAnIntactChecksumIsMovedAsideBeforeTheShardIsCompacted() throws Exception {
        // Only a writer's bug makes such a file: the index entries of files opened at startup are checked before
        // the shard's first compaction, which a shard cold at once plans at once.
        List<Path> files = twoFilesOfTwoHosts();
        byte[] bytes = Files.readAllBytes(files.getFirst());
        int footerAt = bytes.length - 48;
        ByteBuffer footer = ByteBuffer.wrap(bytes, footerAt, 48).slice().order(ByteOrder.LITTLE_ENDIAN);
        int indexAt = (int) footer.getLong(8);
        footer.putLong(24, footer.getLong(24) - 1); // the footer's min time no longer matches the blocks'
        footer.putInt(40, crc32c(bytes, indexAt, footerAt + 40));
        footer.putInt(44, crc32c(bytes, 0, footerAt + 44));
        Files.write(files.getFirst(), bytes);
        Store again = open(config().withCompaction(config().compaction().withColdDurations(Duration.ofMinutes(10),
                Duration.ZERO)));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(Path.of(files.getFirst() + ".bad")));
        assertThat(files.getFirst()).doesNotExist();
        assertThat(again.shardForTesting(1).files()).extracting(TsmFile::path).doesNotContain(files.getFirst());
        assertThat(values(again, 1, "cpu,host=a", "v")).isEmpty();
        assertThat(values(again, 1, "cpu,host=b", "v")).hasSize(300);
        assertThat(stat("tsm1_filestore", 1, "damagedFilesMovedAside")).isEqualTo(1);
    }

    private static int crc32c(byte[] bytes, int from, int to) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, to - from);
        return (int) crc.getValue();
    }

    @Test
    void aFullDiskFailsSnapshotsKeepsTheWalAndWritesGoOnUntilTheCacheLimit() throws Exception {
        Store store = open(config().withCacheMaxMemorySizeBytes(1 << 20));
        store.createShard(1, "db", "rp");
        fs.failFrom(io.tidemark.common.fs.FaultyFs.Op.WRITE, io.tidemark.common.fs.FaultyFs.nameEndsWith(".tmp"), 1);
        Random rnd = new Random(SEED);
        int accepted = 0;
        boolean full = false;
        while (!full) {
            try {
                write(store, rnd, 1, 20, 1_000_000);
                accepted++;
            } catch (io.tidemark.storage.api.CacheFullException e) {
                full = true;
            }
            assertThat(accepted).as("the cache limit stops writes").isLessThan(10_000);
        }
        assertThat(accepted).as("writes went on while snapshots failed").isGreaterThan(50);
        assertThat(stat("tsm1_cache", 1, "snapshotErrors")).isPositive();
        assertThat(store.shardForTesting(1).files()).isEmpty();
        checkAgainstModel(store);
        // The disk has room again: the retried snapshot frees the cache, and writes are taken again.
        fs.clearFaults();
        await().atMost(Duration.ofSeconds(60)).until(() -> store.shardForTesting(1).cacheHeldBytes() < (1 << 19));
        write(store, rnd, 20, 20, 1_000_000);
        checkAgainstModel(store);
        checkAgainstModel(reopen(store));
    }

    @Test
    void readsNeverMissAcknowledgedValuesWhileSnapshotsAndCompactionsRun() throws Exception {
        Store store = open(config().withCompaction(config().compaction().withCacheSnapshotMemorySizeBytes(2048)));
        store.createShard(1, "db", "rp");
        java.util.concurrent.atomic.AtomicLong acked = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                for (long i = 0; i < 3_000 && failure.get() == null; i++) {
                    store.write(1, lines("m,s=a v=" + i + "i " + i));
                    acked.set(i + 1);
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        });
        long reads = 0;
        while (writer.isAlive() && failure.get() == null) {
            long before = acked.get();
            io.tidemark.storage.api.SeriesCursor c = store.read(1, Lines.key("m,s=a"), "v", 0, Long.MAX_VALUE);
            long expected = 0;
            while (c.next()) {
                assertThat(c.timestamp()).as("values in order, none missing, after %d reads", reads)
                        .isEqualTo(expected);
                assertThat(c.longValue()).isEqualTo(expected);
                expected++;
            }
            assertThat(expected).as("every value acknowledged before the read, after %d reads", reads)
                    .isGreaterThanOrEqualTo(before);
            reads++;
        }
        writer.join();
        assertThat(failure.get()).isNull();
        assertThat(stat("tsm1_engine", 1, "compactions")).as("compactions ran meanwhile").isPositive();
    }
}
