package io.tidemark.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidemark.common.fs.FaultyFs;
import io.tidemark.common.fs.FaultyFs.CrashMode;
import io.tidemark.common.fs.FaultyFs.Op;
import io.tidemark.common.fs.RealFs;
import io.tidemark.common.metrics.MetricRegistry;
import io.tidemark.storage.api.SeriesCursor;
import io.tidemark.storage.api.TagFilter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A power failure at every file operation of snapshots, compactions and deletes: after the restart every
 * acknowledged write is there with its value, nothing deleted comes back, a delete that did not complete is either
 * wholly done or not at all, and no file is read as valid but wrong.
 */
class EngineCrashTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final int MAX_RUNS_PER_OP = 40;
    private static final int SERIES = 4;

    @TempDir
    Path tmp;

    private static StoreConfig config(Path dir) {
        // Snapshots only when asked (flush, delete); a full compaction as soon as the cache is empty.
        return StoreConfig.defaults(dir.resolve("data"), dir.resolve("wal")).withWalSegmentSizeBytes(4096)
                .withCompaction(CompactionConfig.DEFAULTS.withCacheSnapshotMemorySizeBytes(1L << 30)
                        .withColdDurations(Duration.ofDays(1), Duration.ZERO).withPointsPerBlock(16)
                        .withThroughput(1L << 40, 1L << 40));
    }

    /** What the scenario got acknowledged. */
    private static final class Outcome {
        final Map<String, TreeMap<Long, Long>> acked = new TreeMap<>();
        /** Series s1's values when the delete was attempted, and whether it was acknowledged. */
        Map<Long, Long> beforeDelete;
        boolean deleteAttempted;
        boolean deleteAcked;
    }

    /** Writes, flushes, compacts, writes, deletes; stops at the first failure (the crash). */
    private static void scenario(Store store, Outcome out, AtomicBoolean crashed) {
        try {
            long t = 0;
            for (int round = 0; round < 3; round++) {
                for (int b = 0; b < 3; b++) {
                    List<String> lines = new ArrayList<>();
                    for (int s = 0; s < SERIES; s++) {
                        for (int k = 0; k < 10; k++) {
                            // Every other round rewrites the previous round's timestamps with new values.
                            long ts = (round == 1 ? t - 30 : t) + k;
                            lines.add("m,s=s" + s + " v=" + (round * 1000 + b * 100 + k) + "i " + ts);
                        }
                    }
                    store.write(1, Lines.batch(lines.toArray(new String[0])));
                    for (String line : lines) {
                        String[] p = line.split(" ");
                        out.acked.computeIfAbsent(p[0], x -> new TreeMap<>()).put(Long.parseLong(p[2]),
                                Long.parseLong(p[1].substring(2, p[1].length() - 1)));
                    }
                    t += 10;
                }
                store.flush(1);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> crashed.get()
                    || store.shardForTesting(1).files().size() == 1);
            if (crashed.get()) {
                return;
            }
            out.beforeDelete = new TreeMap<>(out.acked.get("m,s=s1"));
            out.deleteAttempted = true;
            store.delete(1, "m", new TagFilter.Eq("s", "s1"), Long.MIN_VALUE, Long.MAX_VALUE);
            out.deleteAcked = true;
            out.acked.remove("m,s=s1");
            await().atMost(Duration.ofSeconds(30)).until(() -> crashed.get()
                    || store.shardForTesting(1).tombstones().isEmpty());
        } catch (Exception e) {
            if (!crashed.get()) {
                throw new AssertionError("failure without a crash, seed " + SEED, e);
            }
        }
    }

    private static Map<Long, Long> read(Store store, String series) throws Exception {
        SeriesCursor c = store.read(1, Lines.key(series), "v", Long.MIN_VALUE, Long.MAX_VALUE);
        Map<Long, Long> out = new TreeMap<>();
        while (c.next()) {
            out.put(c.timestamp(), c.longValue());
        }
        return out;
    }

    private static Predicate<Path> under(Path dir) {
        return p -> p.startsWith(dir);
    }

    @ParameterizedTest
    @EnumSource(value = Op.class, names = {"OPEN", "WRITE", "FORCE", "FORCE_DIRECTORY", "RENAME", "DELETE"})
    void aCrashAtAnyStepOfSnapshotCompactionOrDeleteLosesNothing(Op op) throws Exception {
        Path dry = tmp.resolve("dry");
        FaultyFs counting = new FaultyFs(new RealFs());
        Predicate<Path> data = under(dry.resolve("data")).or(p -> p.getFileName().toString().endsWith(".wal")
                && op == Op.DELETE);
        try (Store store = Store.open(config(dry), counting, new MetricRegistry())) {
            store.createShard(1, "db", "rp");
            Outcome o = new Outcome();
            scenario(store, o, new AtomicBoolean());
            assertThat(o.deleteAcked).isTrue();
        }
        int total = (int) counting.count(op, data);
        assertThat(total).as("the scenario performs %s on data files", op).isPositive();
        Random rnd = new Random(SEED);
        List<Integer> steps = new ArrayList<>();
        for (int n = 1; n <= total; n++) {
            steps.add(n);
        }
        while (steps.size() > MAX_RUNS_PER_OP) {
            steps.remove(rnd.nextInt(steps.size()));
        }
        for (int n : steps) {
            crashAt(op, n, rnd.nextLong());
        }
    }

    private void crashAt(Op op, int n, long seed) throws Exception {
        Path dir = tmp.resolve(op + "-" + n);
        FaultyFs fs = new FaultyFs(new RealFs());
        Predicate<Path> data = under(dir.resolve("data")).or(p -> p.getFileName().toString().endsWith(".wal")
                && op == Op.DELETE);
        AtomicInteger seen = new AtomicInteger();
        AtomicBoolean crashed = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<Path> crashedAt = new java.util.concurrent.atomic.AtomicReference<>();
        CrashMode mode = seed % 2 == 0 ? CrashMode.DROP_UNSYNCED : CrashMode.CORRUPT_UNSYNCED;
        Outcome o = new Outcome();
        Store store = Store.open(config(dir), fs, new MetricRegistry());
        try {
            store.createShard(1, "db", "rp");
            fs.onBefore(op, data, p -> {
                if (seen.incrementAndGet() == n && crashed.compareAndSet(false, true)) {
                    fs.crash(mode, seed);
                    // The process died with the machine: nothing it still runs may touch the rebooted disk.
                    for (Op any : Op.values()) {
                        fs.failFrom(any, x -> true, 1);
                    }
                    crashedAt.set(p);
                    if (System.getProperty("tests.debug") != null) {
                        new Throwable("DEBUG crash at " + p).printStackTrace();
                    }
                    throw new IOException("simulated power failure before " + op + " of " + p);
                }
            });
            scenario(store, o, crashed);
        } finally {
            store.close();
        }
        fs.clearFaults();
        String what = "crash before " + op + " #" + n + " of " + crashedAt.get() + " (" + mode + "), seed " + SEED;
        try (Store again = Store.open(config(dir), fs, new MetricRegistry())) {
            for (var e : o.acked.entrySet()) {
                if (o.deleteAttempted && !o.deleteAcked && e.getKey().equals("m,s=s1")) {
                    continue;
                }
                assertThat(read(again, e.getKey())).as(what + ": " + e.getKey()).containsAllEntriesOf(e.getValue());
                assertThat(read(again, e.getKey()).keySet()).as(what + ": no value from nowhere in " + e.getKey())
                        .isSubsetOf(allWrittenTimes());
            }
            if (o.deleteAttempted && !o.deleteAcked) {
                Map<Long, Long> s1 = read(again, "m,s=s1");
                assertThat(s1.isEmpty() || s1.equals(o.beforeDelete)).as(what + ": half a delete: " + s1).isTrue();
            } else if (o.deleteAcked) {
                assertThat(read(again, "m,s=s1")).as(what + ": deleted values came back").isEmpty();
            }
            // The store works after the restart.
            assertThat(again.write(1, Lines.batch("m,s=s9 v=1i 1")).accepted()).isEqualTo(1);
        }
        assertThat(fs.openHandles()).as(what + ": handles left open").isEmpty();
    }

    private static List<Long> allWrittenTimes() {
        List<Long> out = new ArrayList<>();
        for (long t = -30; t < 90; t++) {
            out.add(t);
        }
        return out;
    }
}
