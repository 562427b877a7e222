package io.tidemark.storage;

import static io.tidemark.storage.Lines.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidemark.common.fs.FaultyFs.CrashMode;
import io.tidemark.storage.api.ShardWriteException;
import io.tidemark.storage.api.TagFilter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The store keeps a persistent series index per shard: answers, restarts, deletion and crashes. */
class SeriesIndexStoreTest extends StoreTestSupport {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    @Test
    void theIndexAnswersWhatTheShardHolds() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        store.write(1, batch("cpu,host=a,region=eu v=1 1", "cpu,host=b v=2 2", "cpu,host=c\\ d,region=us v=3 3",
                "mem,host=a free=1i 1"));
        assertThat(store.measurements(1)).containsExactly("cpu", "mem");
        assertThat(store.tagKeys(1, "cpu")).containsExactly("host", "region");
        assertThat(store.tagValues(1, "cpu", "host")).containsExactly("a", "b", "c d");
        assertThat(keys(store.selectSeries(1, "cpu", null)))
                .containsExactly("cpu,host=a,region=eu", "cpu,host=b", "cpu,host=c\\ d,region=us");
        assertThat(keys(store.selectSeries(1, "cpu", new TagFilter.NotEq("region", "eu"))))
                .containsExactly("cpu,host=b", "cpu,host=c\\ d,region=us");
        assertThat(keys(store.selectSeries(1, "cpu", new TagFilter.Or(new TagFilter.Eq("host", "a"),
                new TagFilter.Regex("host", Pattern.compile(" d$"))))))
                .containsExactly("cpu,host=a,region=eu", "cpu,host=c\\ d,region=us");
        assertThat(store.seriesCardinality(1)).isEqualTo(4);
        assertThat(store.seriesCardinality(1, "cpu")).isEqualTo(3);
        assertThat(store.selectSeries(1, "nope", null)).isEmpty();
    }

    @Test
    void aRestartKeepsSeriesIdsAndAnswers() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        List<String> series = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            series.add("cpu,host=h" + i + ",rack=r" + (i % 7));
        }
        for (int i = 0; i < series.size(); i += 50) {
            List<String> lines = new ArrayList<>();
            for (String s : series.subList(i, i + 50)) {
                lines.add(s + " v=1 " + i);
            }
            store.write(1, batch(lines.toArray(String[]::new)));
        }
        Map<String, Integer> ids = ids(store, series);
        int next = store.seriesIndex(1).nextSeriesId();
        assertThat(Files.isDirectory(tmp.resolve("data/db/rp/1/index"))).isTrue();

        Store again = reopen(store);
        assertThat(ids(again, series)).isEqualTo(ids);
        assertThat(keys(again.selectSeries(1, "cpu", new TagFilter.Eq("rack", "r3"))))
                .hasSize(29).allMatch(k -> k.endsWith(",rack=r3"));
        assertThat(again.tagValues(1, "cpu", "rack")).containsExactly("r0", "r1", "r2", "r3", "r4", "r5", "r6");
        again.write(1, batch("cpu,host=new v=1 1"));
        assertThat(again.seriesIndex(1).seriesId(key("cpu,host=new"), 0, key("cpu,host=new").length))
                .isGreaterThanOrEqualTo(next);
    }

    /**
     * A damaged index (its snapshot, or its log) cannot be repaired, and a deleted one is gone; the shard rebuilds it
     * from what it still has:
     * the WAL, and the series keys and field types of its TSM files, where the series of data snapshotted before are
     * the only ones left once the WAL was trimmed. A series that a tombstone deletes wholly stays deleted.
     */
    @ParameterizedTest
    @EnumSource(IndexDamage.class)
    void aDamagedIndexIsRebuiltFromTheTsmFilesAsWellAsTheWal(IndexDamage damage) throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        store.write(1, batch("cpu,host=a,region=eu v=1 10", "cpu,host=b v=2 20", "mem,host=a free=3i 10",
                "cpu,host=gone v=4 10"));
        store.deleteSeries(1, List.of(key("cpu,host=gone")), Long.MIN_VALUE, Long.MAX_VALUE);
        store.flush(1);
        assertThat(segments("db", "rp", 1)).as("the WAL holds none of the points any more").isEmpty();
        store.write(1, batch("cpu,host=c v=5 30"));
        store.close();
        damage.apply(tmp.resolve("data/db/rp/1/index"));

        Store again = open();
        assertThat(keys(again.selectSeries(1, "cpu", null)))
                .containsExactly("cpu,host=a,region=eu", "cpu,host=b", "cpu,host=c");
        assertThat(keys(again.selectSeries(1, "mem", null))).containsExactly("mem,host=a");
        assertThat(again.tagValues(1, "cpu", "region")).containsExactly("eu");
        assertThat(again.fieldTypes(1, "cpu")).containsOnlyKeys("v");
        assertThat(again.fieldTypes(1, "mem")).containsOnlyKeys("free");
        assertThat(values(again, 1, "cpu,host=a,region=eu", "v")).containsExactly("10=1.0");
        assertThat(again.write(1, batch("cpu,host=a,region=eu v=6i 40")).dropped())
                .as("the rebuilt index knows the field's type from the files").isEqualTo(1);
        assertThat(keys(reopen(again).selectSeries(1, "cpu", null))).as("and keeps it")
                .containsExactly("cpu,host=a,region=eu", "cpu,host=b", "cpu,host=c");
    }

    enum IndexDamage {
        /** A snapshot that does not load: the index is deleted and rebuilt. */
        SNAPSHOT {
            @Override
            void apply(Path dir) throws java.io.IOException {
                Files.write(dir.resolve("index.snapshot"), "not a snapshot".getBytes(StandardCharsets.UTF_8));
            }
        },
        /** A log whose first record is damaged: the series of the records after it are lost. */
        LOG {
            @Override
            void apply(Path dir) throws java.io.IOException {
                Path log = dir.resolve("index-00000001.log");
                byte[] bytes = Files.readAllBytes(log);
                bytes[16 + 9] ^= 0x5A; // the first record's payload, under its checksum
                Files.write(log, bytes);
            }
        },
        /** The directory deleted by hand, as InfluxDB users do before rebuilding an index. */
        DELETED {
            @Override
            void apply(Path dir) throws java.io.IOException {
                try (java.util.stream.Stream<Path> files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.delete(p);
                    }
                }
                Files.delete(dir);
            }
        };

        abstract void apply(Path dir) throws java.io.IOException;
    }

    @Test
    void deletingAShardDeletesItsIndex() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        store.write(1, batch("cpu,host=a v=1 1"));
        store.deleteShard(1);
        assertThat(tmp.resolve("data/db/rp/1")).doesNotExist();
        // A store never creates a shard it deleted; a new one with the same id (another store) starts empty.
        Store again = reopen(store);
        again.createShard(1, "db", "rp");
        assertThat(again.selectSeries(1, "cpu", null)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(CrashMode.class)
    void aCrashLosesNoAcknowledgedSeries(CrashMode mode) throws Exception {
        Random rnd = new Random(SEED);
        Store store = open();
        store.createShard(1, "db", "rp");
        // Series synced to the index before the crash, by a clean restart.
        store.write(1, batch("m,s=0,w=old v=1i 1"));
        store = reopen(store);
        Set<String> acked = ConcurrentHashMap.newKeySet();
        acked.add("m,s=0,w=old");
        AtomicInteger attempts = new AtomicInteger();
        int crashAfter = 50 + rnd.nextInt(150);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> done = new ArrayList<>();
        Store running = store;
        for (int w = 0; w < 3; w++) {
            int id = w;
            done.add(pool.submit(() -> {
                for (long i = 0; i < 100_000; i++) {
                    String series = "m,s=" + i + ",w=" + id;
                    attempts.incrementAndGet();
                    try {
                        running.write(1, batch(series + " v=1i " + i));
                    } catch (ShardWriteException e) {
                        return null;
                    }
                    acked.add(series);
                }
                return null;
            }));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> attempts.get() >= crashAfter);
        fs.crash(mode, rnd.nextLong());
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        store.close();

        Store again = open();
        List<String> indexed = keys(again.selectSeries(1, "m", null));
        assertThat(indexed).as("seed %d", SEED).containsAll(acked);
        assertThat(again.seriesCardinality(1, "m")).isEqualTo(indexed.size());
        for (String s : acked) {
            assertThat(again.seriesIndex(1).seriesId(key(s), 0, key(s).length)).as("seed %d: %s", SEED, s)
                    .isNotNegative();
        }
    }

    private static Map<String, Integer> ids(Store store, List<String> series) throws Exception {
        Map<String, Integer> out = new HashMap<>();
        for (String s : series) {
            byte[] k = key(s);
            int id = store.seriesIndex(1).seriesId(k, 0, k.length);
            assertThat(id).as(s).isNotNegative();
            out.put(s, id);
        }
        return out;
    }

    private static byte[] key(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> keys(List<byte[]> keys) {
        List<String> out = new ArrayList<>();
        for (byte[] k : keys) {
            out.add(new String(k, StandardCharsets.UTF_8));
        }
        return out;
    }
}
