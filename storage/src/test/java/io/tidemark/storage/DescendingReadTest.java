package io.tidemark.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.api.SeriesCursor;
import io.tidemark.storage.api.ShardException;
import io.tidemark.storage.api.TagFilter;
import io.tidemark.storage.shard.TsmFile;
import io.tidemark.storage.tsm.TsmBlockCursor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link Store#readDescending} gives what {@link Store#read} gives, latest first, whatever mix of TSM files, cache
 * generations, overwrites across them and tombstones holds the values. Randomized: re-run a failure with
 * {@code -Dtests.seed=<seed>}.
 */
class DescendingReadTest extends StoreTestSupport {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final String[] FIELDS = {"f", "i", "s", "b"};
    private static final int SERIES = 8;

    @Override
    StoreConfig config() {
        // Small snapshots and blocks, no compaction: many files whose blocks and time ranges overlap.
        return super.config().withWalSegmentSizeBytes(8192).withCompaction(CompactionConfig.DEFAULTS
                .withCacheSnapshotMemorySizeBytes(16 * 1024).withPointsPerBlock(20)
                .withColdDurations(Duration.ofDays(1), Duration.ofDays(1)).withThroughput(1L << 40, 1L << 40));
    }

    /** series + field -> time -> value, as {@link #drain} prints it. */
    private final Map<String, TreeMap<Long, String>> model = new TreeMap<>();

    private void write(Store store, Random rnd, int points, long timeRange) throws Exception {
        StringBuilder lines = new StringBuilder();
        List<Runnable> pending = new ArrayList<>();
        for (int p = 0; p < points; p++) {
            String s = "cpu,host=h" + rnd.nextInt(SERIES);
            long t = rnd.nextLong(timeRange);
            long i = rnd.nextLong(1000);
            double f = rnd.nextInt(10_000) / 8.0;
            boolean b = rnd.nextBoolean();
            String str = "v" + rnd.nextInt(50);
            lines.append(s).append(" f=").append(f).append(",i=").append(i).append("i,s=\"").append(str)
                    .append("\",b=").append(b).append(' ').append(t).append('\n');
            pending.add(() -> {
                put(s, "f", t, Double.toString(f));
                put(s, "i", t, i + "i");
                put(s, "s", t, "\"" + str + "\"");
                put(s, "b", t, Boolean.toString(b));
            });
        }
        assertThat(store.write(1, Lines.batch(lines.toString().strip().split("\n"))).accepted()).isEqualTo(points);
        pending.forEach(Runnable::run);
    }

    private void put(String series, String field, long t, String v) {
        model.computeIfAbsent(series + " " + field, k -> new TreeMap<>()).put(t, v);
    }

    private void delete(Store store, int host, long min, long max) throws Exception {
        store.delete(1, "cpu", new TagFilter.Eq("host", "h" + host), min, max);
        for (String f : FIELDS) {
            TreeMap<Long, String> m = model.get("cpu,host=h" + host + " " + f);
            if (m != null) {
                m.subMap(min, true, max, true).clear();
            }
        }
    }

    private static List<String> drain(SeriesCursor c) {
        List<String> out = new ArrayList<>();
        while (c.next()) {
            String v = switch (c.type()) {
                case FLOAT -> Double.toString(c.floatValue());
                case INTEGER -> c.longValue() + "i";
                case UNSIGNED -> Long.toUnsignedString(c.longValue()) + "u";
                case BOOLEAN -> Boolean.toString(c.booleanValue());
                case STRING -> "\"" + c.stringValue() + "\"";
            };
            out.add(c.timestamp() + "=" + v);
        }
        assertThat(c.next()).as("stays exhausted").isFalse();
        return out;
    }

    private void check(Store store, Random rnd, long timeRange, String when) throws ShardException {
        for (int h = 0; h < SERIES; h++) {
            byte[] key = Lines.key("cpu,host=h" + h);
            for (String f : FIELDS) {
                TreeMap<Long, String> m = model.getOrDefault("cpu,host=h" + h + " " + f, new TreeMap<>());
                for (int r = 0; r < 8; r++) {
                    long lo = r == 0 ? Long.MIN_VALUE : rnd.nextLong(-10, timeRange + 10);
                    long hi = r == 0 ? Long.MAX_VALUE : lo + rnd.nextLong(r % 2 == 0 ? 30 : timeRange);
                    List<String> expected = new ArrayList<>();
                    m.subMap(lo, true, hi, true).descendingMap().forEach((t, v) -> expected.add(t + "=" + v));
                    String what = String.format("seed %d, %s, h%d %s in [%d, %d]", SEED, when, h, f, lo, hi);
                    List<String> descending = drain(store.readDescending(1, key, f, lo, hi));
                    assertThat(descending).as(what).containsExactlyElementsOf(expected);
                    assertThat(drain(store.read(1, key, f, lo, hi))).as(what)
                            .containsExactlyElementsOf(descending.reversed());
                }
            }
        }
    }

    @Test
    void descendingReadsAreAscendingReadsReversedOverFilesCacheOverwritesAndTombstones() throws Exception {
        Random rnd = new Random(SEED);
        Store store = open();
        store.createShard(1, "db", "rp");
        long timeRange = 2_000;
        int mostFiles = 0;
        boolean sawTombstones = false;
        for (int round = 0; round < 12; round++) {
            for (int b = 0; b < 1 + rnd.nextInt(8); b++) {
                write(store, rnd, 1 + rnd.nextInt(60), timeRange);
            }
            // A delete flushes the cache first; otherwise the values written since the last flush stay in it.
            if (round % 4 == 0) {
                store.flush(1);
            } else if (round % 4 == 1) {
                long min = rnd.nextLong(timeRange);
                delete(store, rnd.nextInt(SERIES), min, min + rnd.nextLong(400));
            }
            int files = store.shardForTesting(1).files().size();
            mostFiles = Math.max(mostFiles, files);
            sawTombstones |= !store.shardForTesting(1).tombstones().isEmpty();
            check(store, rnd, timeRange, "round " + round + ", " + files + " files");
        }
        assertThat(mostFiles).as("seed %d", SEED).isGreaterThan(1);
        assertThat(sawTombstones).as("seed %d", SEED).isTrue();
        check(reopen(store), rnd, timeRange, "after a restart");
    }

    @Test
    void theLatestValuesComeFromTheNewestFileWithoutDecodingOlderOnes() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        for (int file = 0; file < 2; file++) {
            StringBuilder lines = new StringBuilder();
            for (int t = file * 100; t < file * 100 + 100; t++) {
                lines.append("cpu,host=a v=").append(t).append("i ").append(t).append('\n');
            }
            store.write(1, Lines.batch(lines.toString().strip().split("\n")));
            store.flush(1);
        }
        List<TsmFile> files = store.shardForTesting(1).files();
        assertThat(files).hasSize(2);
        // Damage the last block of the older file (times 80 to 99).
        TsmBlockCursor blocks = files.getFirst().reader().blocks(Lines.key("cpu,host=a"), "v", Long.MIN_VALUE,
                Long.MAX_VALUE);
        long lastBlock = -1;
        while (blocks.next()) {
            lastBlock = blocks.offset();
        }
        Path older = files.getFirst().path();
        store.close();
        try (var raf = new java.io.RandomAccessFile(older.toFile(), "rw")) {
            raf.seek(lastBlock + 7);
            int v = raf.read();
            raf.seek(lastBlock + 7);
            raf.write(v ^ 0x40);
        }
        Store again = open();
        SeriesCursor c = again.readDescending(1, Lines.key("cpu,host=a"), "v", Long.MIN_VALUE, Long.MAX_VALUE);
        for (int t = 199; t >= 100; t--) {
            assertThat(c.next()).isTrue();
            assertThat(c.timestamp()).isEqualTo(t);
        }
        assertThat(stat("tsm1_filestore", 1, "damagedBlockReads")).as("the older file was not read yet").isZero();
        assertThat(drain(c)).hasSize(80).startsWith("79=79i").endsWith("0=0i");
        assertThat(stat("tsm1_filestore", 1, "damagedBlockReads")).isPositive();
    }

    @Test
    void aDamagedBlockIsSkippedReportedAndTheRestServedLatestFirst() throws Exception {
        Store store = open(config().withCompaction(config().compaction().withPointsPerBlock(100)));
        store.createShard(1, "db", "rp");
        StringBuilder a = new StringBuilder();
        for (int t = 0; t < 300; t++) {
            a.append("cpu,host=a v=").append(t).append("i ").append(t).append('\n');
        }
        store.write(1, Lines.batch(a.toString().strip().split("\n")));
        store.flush(1);
        store.write(1, Lines.batch("cpu,host=a v=1000i 1000"));
        TsmFile file = store.shardForTesting(1).files().getFirst();
        TsmBlockCursor blocks = file.reader().blocks(Lines.key("cpu,host=a"), "v", Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(blocks.next()).isTrue();
        long firstBlock = blocks.offset();
        store.close();
        // Damage the first block of the file, which holds times 0 to 99, after its checksum.
        try (var raf = new java.io.RandomAccessFile(file.path().toFile(), "rw")) {
            raf.seek(firstBlock + 7);
            int v = raf.read();
            raf.seek(firstBlock + 7);
            raf.write(v ^ 0x40);
        }
        Store again = open();
        List<String> latest = drain(again.readDescending(1, Lines.key("cpu,host=a"), "v", Long.MIN_VALUE,
                Long.MAX_VALUE));
        assertThat(latest).as("the damaged block is not served").hasSize(201)
                .allSatisfy(v -> assertThat(v.split("=")[1]).isEqualTo(v.split("=")[0] + "i"));
        assertThat(latest.subList(0, 3)).containsExactly("1000=1000i", "299=299i", "298=298i");
        assertThat(latest.getLast()).isEqualTo("100=100i");
        assertThat(stat("tsm1_filestore", 1, "damagedBlockReads")).isPositive();
    }
}
