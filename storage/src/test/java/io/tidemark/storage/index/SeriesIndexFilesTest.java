package io.tidemark.storage.index;

import io.tidemark.storage.api.TagFilter;
import static io.tidemark.storage.index.SeriesIndexTest.b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.common.FieldType;
import io.tidemark.common.fs.FaultyFs;
import io.tidemark.common.fs.FaultyFs.CrashMode;
import io.tidemark.common.fs.FaultyFs.Op;
import io.tidemark.common.fs.FsFile;
import io.tidemark.common.fs.RealFs;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.api.TagFilter.Eq;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SeriesIndexFilesTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    @TempDir
    Path tmp;

    final FaultyFs fs = new FaultyFs(new RealFs());
    final List<SeriesIndexFiles> opened = new ArrayList<>();

    @AfterEach
    void checkLeaks() {
        for (SeriesIndexFiles f : opened) {
            try {
                f.close();
            } catch (IOException | IllegalStateException ignored) {
                // Closed by the test, or its log died in a simulated crash.
            }
        }
        assertThat(fs.openHandles()).as("file handles left open").isEmpty();
    }

    private SeriesIndexFiles open(Path dir) throws IOException {
        SeriesIndexFiles f = SeriesIndexFiles.open(fs, dir);
        opened.add(f);
        return f;
    }

    private static String key(int i) {
        return "cpu,host=h" + i + ",region=r" + (i % 3);
    }

    @Test
    void idsFieldsAndDeletionsAreTheSameAfterReopenWithAndWithoutCompaction() throws IOException {
        Path dir = tmp.resolve("idx");
        SeriesIndexFiles files = open(dir);
        SeriesIndex index = files.index();
        for (int i = 0; i < 100; i++) {
            assertThat(index.addSeries(b(key(i)))).isEqualTo(i);
        }
        index.addField("cpu", "usage", FieldType.FLOAT);
        index.addField("cpu", "state", FieldType.STRING);
        index.deleteSeries(7);
        index.deleteSeries(99);
        files.close();

        files = open(dir);
        index = files.index();
        assertThat(files.recovery().logRecords()).isEqualTo(104);
        assertThat(files.recovery().snapshotLoaded()).isFalse();
        checkFirstHundred(index);
        assertThat(index.addSeries(b(key(99)))).as("a deleted id is not reused").isEqualTo(100);

        files.compact();
        assertThat(files.generation()).isEqualTo(2);
        index.addSeries(b("mem,host=x"));
        index.deleteSeries(100);
        files.close();
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).sorted().toList())
                .containsExactly("index-00000002.log", "index.snapshot");

        files = open(dir);
        index = files.index();
        assertThat(files.recovery().snapshotLoaded()).isTrue();
        assertThat(files.recovery().logRecords()).isEqualTo(2);
        checkFirstHundred(index);
        assertThat(index.seriesId(b("mem,host=x"), 0, 10)).isEqualTo(101);
        assertThat(index.isLive(100)).isFalse();
        assertThat(index.nextSeriesId()).isEqualTo(102);

        files.compact();
        files.close();
        files = open(dir);
        checkFirstHundred(files.index());
        assertThat(files.index().nextSeriesId()).isEqualTo(102);
        assertThat(files.index().measurements()).containsExactly("cpu", "mem");
    }

    private static void checkFirstHundred(SeriesIndex index) {
        for (int i = 0; i < 99; i++) {
            if (i == 7) {
                assertThat(index.isLive(7)).isFalse();
                continue;
            }
            assertThat(new String(index.seriesKey(i), StandardCharsets.UTF_8)).isEqualTo(key(i));
            assertThat(index.addSeries(b(key(i)))).isEqualTo(i);
        }
        assertThat(index.fieldTypes("cpu")).containsEntry("usage", FieldType.FLOAT)
                .containsEntry("state", FieldType.STRING);
        assertThat(index.tagValueCardinality("cpu", "region")).isEqualTo(3);
        // i % 3 == 1 for 33 of 0..98, less the deleted 7.
        assertThat(index.select("cpu", new Eq("region", "r1")).getCardinality()).isEqualTo(32);
        assertThat(index.tagValues("cpu", "host")).doesNotContain("h7");
    }

    /** What a snapshot or a log loads answers every question as the index that wrote it did. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aReloadedIndexAnswersAsTheOriginal(boolean compact) throws IOException {
        Random rnd = new Random(SEED);
        for (int round = 0; round < 10; round++) {
            Path dir = tmp.resolve(compact + "-" + round);
            SeriesIndexFiles files = open(dir);
            SeriesIndex original = files.index();
            List<Integer> ids = new ArrayList<>();
            int n = 1 + rnd.nextInt(300);
            for (int i = 0; i < n; i++) {
                String key = TagFilterPropertyTest.key(TagFilterPropertyTest.randomSeries(rnd));
                ids.add(original.addSeries(b(key)));
                if (rnd.nextInt(6) == 0) {
                    original.deleteSeries(ids.get(rnd.nextInt(ids.size())));
                }
            }
            original.addField("cpu", "f", FieldType.UNSIGNED);
            if (compact) {
                files.compact();
            }
            files.close();
            SeriesIndexFiles again = open(dir);
            SeriesIndex loaded = again.index();
            String ctx = "seed " + SEED + " round " + round;
            assertThat(loaded.nextSeriesId()).as(ctx).isEqualTo(original.nextSeriesId());
            assertThat(loaded.seriesCardinality()).as(ctx).isEqualTo(original.seriesCardinality());
            assertThat(loaded.measurements()).as(ctx).isEqualTo(original.measurements());
            assertThat(loaded.fieldTypes("cpu")).as(ctx).isEqualTo(original.fieldTypes("cpu"));
            for (int id = 0; id < original.nextSeriesId(); id++) {
                assertThat(loaded.seriesKey(id)).as(ctx).isEqualTo(original.seriesKey(id));
            }
            for (String m : original.measurements()) {
                assertThat(loaded.tagKeys(m)).as(ctx).isEqualTo(original.tagKeys(m));
                for (String k : original.tagKeys(m)) {
                    assertThat(loaded.tagValues(m, k)).as(ctx).isEqualTo(original.tagValues(m, k));
                    assertThat(loaded.tagValueCardinality(m, k)).as(ctx)
                            .isEqualTo(original.tagValueCardinality(m, k));
                }
                for (int q = 0; q < 50; q++) {
                    TagFilter p = TagFilterPropertyTest.randomPredicate(rnd, 2);
                    assertThat(loaded.select(m, p)).as(ctx + " " + p).isEqualTo(original.select(m, p));
                }
            }
            again.close();
        }
    }

    @Test
    void aTornTailIsCutOffAndTheLogGoesOn() throws IOException {
        Path dir = tmp.resolve("idx");
        SeriesIndexFiles files = open(dir);
        for (int i = 0; i < 10; i++) {
            files.index().addSeries(b(key(i)));
        }
        files.close();
        Path log = dir.resolve(SeriesIndexFormat.logFile(1));
        long size = Files.size(log);
        // Cut the last record in the middle, as a crash during its write would.
        try (FsFile f = fs.openRead(log)) {
            f.truncate(size - 5);
        }
        files = open(dir);
        assertThat(files.recovery().truncatedTail()).isTrue();
        assertThat(files.recovery().corruptions()).isEmpty();
        assertThat(files.recovery().logRecords()).isEqualTo(9);
        assertThat(files.index().isLive(9)).isFalse();
        assertThat(files.index().addSeries(b(key(9)))).isEqualTo(9);
        files.index().addSeries(b(key(10)));
        files.close();

        files = open(dir);
        assertThat(files.recovery().truncatedTail()).isFalse();
        assertThat(files.recovery().logRecords()).isEqualTo(11);
        for (int i = 0; i <= 10; i++) {
            assertThat(files.index().seriesId(b(key(i)), 0, key(i).length())).isEqualTo(i);
        }
    }

    @Test
    void damageBeforeTheEndIsReportedAndItsIdsAreNeverAssigned() throws IOException {
        Path dir = tmp.resolve("idx");
        SeriesIndexFiles files = open(dir);
        for (int i = 0; i < 20; i++) {
            files.index().addSeries(b(key(i)));
        }
        files.close();
        Path log = dir.resolve(SeriesIndexFormat.logFile(1));
        byte[] data = Files.readAllBytes(log);
        int recordBytes = SeriesIndexFormat.RECORD_HEADER_BYTES + 4 + key(0).length();
        data[SeriesIndexFormat.LOG_HEADER_BYTES + 5 * recordBytes + 12] ^= 0x5A;
        Files.write(log, data);

        files = open(dir);
        IndexRecovery r = files.recovery();
        assertThat(r.corruptions()).hasSize(1);
        assertThat(r.corruptions().getFirst().file()).isEqualTo(log.toAbsolutePath());
        assertThat(r.logRecords()).isEqualTo(5);
        assertThat(files.generation()).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("index-00000001.log.corrupt"))).isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(files.index().seriesId(b(key(i)), 0, key(i).length())).isEqualTo(i);
        }
        // The WAL's replay brings the rest back, under ids the damaged records cannot have held.
        int again = files.index().addSeries(b(key(5)));
        assertThat(again).isGreaterThanOrEqualTo(20);
        files.close();

        files = open(dir);
        assertThat(files.recovery().corruptions()).isEmpty();
        assertThat(files.index().seriesId(b(key(5)), 0, key(5).length())).isEqualTo(again);
    }

    @Test
    void aDamagedSnapshotFailsTheOpen() throws IOException {
        Path dir = tmp.resolve("idx");
        SeriesIndexFiles files = open(dir);
        files.index().addSeries(b(key(1)));
        files.compact();
        files.close();
        Path snapshot = dir.resolve(SeriesIndexFormat.SNAPSHOT_FILE);
        byte[] data = Files.readAllBytes(snapshot);
        data[data.length / 2] ^= 1;
        Files.write(snapshot, data);
        assertThatThrownBy(() -> open(dir)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("checksum");
    }

    @Test
    void aLogNewerThanTheSnapshotFailsTheOpen() throws IOException {
        Path dir = tmp.resolve("idx");
        SeriesIndexFiles files = open(dir);
        files.index().addSeries(b(key(1)));
        files.close();
        Files.move(dir.resolve(SeriesIndexFormat.logFile(1)), dir.resolve(SeriesIndexFormat.logFile(3)));
        assertThatThrownBy(() -> open(dir)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("newer than the snapshot");
    }

    @Test
    void aFailedWriteStopsTheLogUntilACompactionCoversIt() throws IOException {
        Path dir = tmp.resolve("idx");
        SeriesIndexFiles files = open(dir);
        files.index().addSeries(b(key(0)));
        files.sync();
        fs.failNth(Op.WRITE, FaultyFs.nameEndsWith(".log"), 1);
        files.index().addSeries(b(key(1)));
        assertThatThrownBy(files::flush).isInstanceOf(IOException.class).hasMessageContaining("injected");
        files.index().addSeries(b(key(2)));
        assertThatThrownBy(files::sync).isInstanceOf(IOException.class).hasMessageContaining("compact to recover");
        files.compact();
        files.index().addSeries(b(key(3)));
        files.sync();
        files.close();

        files = open(dir);
        for (int i = 0; i < 4; i++) {
            assertThat(files.index().seriesId(b(key(i)), 0, key(i).length())).isEqualTo(i);
        }
    }

    @Test
    void twoThreadsUsingTheFilesAtOnceIsRefused() throws Exception {
        Path dir = tmp.resolve("idx");
        SeriesIndexFiles files = open(dir);
        files.index().addSeries(b(key(0)));
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        fs.onBefore(Op.WRITE, FaultyFs.nameEndsWith(".log"), p -> {
            writing.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CompletableFuture<Void> flushing = CompletableFuture.runAsync(() -> {
            try {
                files.flush();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(files::sync).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two threads");
        assertThat(files.logSizeBytes()).isZero();
        release.countDown();
        flushing.get(30, TimeUnit.SECONDS);
        fs.clearFaults();
        files.sync();
        assertThat(files.logSizeBytes()).isGreaterThan(SeriesIndexFormat.LOG_HEADER_BYTES);
    }

    /**
     * A power failure at a random point of random work: every change covered by a sync or compaction that
     * returned is there afterwards with its id, no id names another key than it did, and re-adding the series
     * that were live (as the WAL's replay does) gives the synced ones their old ids and the others fresh ones.
     */
    @ParameterizedTest
    @EnumSource(CrashMode.class)
    void everySyncedChangeSurvivesACrash(CrashMode mode) throws IOException {
        Random rnd = new Random(SEED ^ mode.ordinal());
        for (int round = 0; round < 25; round++) {
            String ctx = "seed " + SEED + " round " + round;
            Path dir = tmp.resolve(mode + "-" + round);
            SeriesIndexFiles files = open(dir);
            SeriesIndex index = files.index();
            Map<Integer, String> live = new HashMap<>();
            Map<Integer, String> assigned = new HashMap<>();
            Set<Integer> deleted = new HashSet<>();
            Map<Integer, String> syncedLive = new HashMap<>();
            Set<Integer> syncedDeleted = new HashSet<>();
            Set<String> fields = new HashSet<>();
            Set<String> syncedFields = new HashSet<>();
            int steps = 20 + rnd.nextInt(300);
            for (int step = 0; step < steps; step++) {
                int r = rnd.nextInt(100);
                if (r < 65) {
                    String k = key(rnd.nextInt(150));
                    int id = index.addSeries(b(k));
                    live.put(id, k);
                    assertThat(assigned.put(id, k)).as(ctx).isIn(null, k);
                } else if (r < 75 && !live.isEmpty()) {
                    int id = new ArrayList<>(live.keySet()).get(rnd.nextInt(live.size()));
                    assertThat(index.deleteSeries(id)).isTrue();
                    live.remove(id);
                    deleted.add(id);
                } else if (r < 80) {
                    String f = "f" + rnd.nextInt(20);
                    index.addField("cpu", f, FieldType.FLOAT);
                    fields.add(f);
                } else if (r < 90) {
                    files.flush();
                } else {
                    if (r < 97) {
                        files.sync();
                    } else {
                        files.compact();
                    }
                    syncedLive = new HashMap<>(live);
                    syncedDeleted = new HashSet<>(deleted);
                    syncedFields = new HashSet<>(fields);
                }
            }
            fs.crash(mode, rnd.nextLong());
            try {
                files.close();
            } catch (IOException expected) {
                // The log's handle died in the crash.
            }

            SeriesIndexFiles again = open(dir);
            SeriesIndex recovered = again.index();
            for (Map.Entry<Integer, String> e : syncedLive.entrySet()) {
                byte[] k = recovered.seriesKey(e.getKey());
                if (live.containsKey(e.getKey())) {
                    assertThat(k).as(ctx + " synced series %s", e).isNotNull();
                }
                if (k != null) {
                    assertThat(new String(k, StandardCharsets.UTF_8)).as(ctx).isEqualTo(e.getValue());
                }
            }
            for (int id : syncedDeleted) {
                assertThat(recovered.isLive(id)).as(ctx + " synced deletion of %d", id).isFalse();
            }
            for (int id = 0; id < recovered.nextSeriesId(); id++) {
                byte[] k = recovered.seriesKey(id);
                if (k != null) {
                    assertThat(new String(k, StandardCharsets.UTF_8)).as(ctx + " id %d", id)
                            .isEqualTo(assigned.get(id));
                }
            }
            assertThat(recovered.fieldTypes("cpu").keySet()).as(ctx).containsAll(syncedFields);

            // The WAL's replay.
            Map<String, Integer> replayed = new HashMap<>();
            for (Map.Entry<Integer, String> e : live.entrySet()) {
                int id = recovered.addSeries(b(e.getValue()));
                replayed.put(e.getValue(), id);
                if (syncedLive.containsKey(e.getKey())) {
                    assertThat(id).as(ctx + " id of synced %s", e).isEqualTo(e.getKey());
                } else if (id != e.getKey()) {
                    // An id that was never synced may name another series after the crash: nothing refers to it.
                    // A synced id comes back only for its own key (whose later deletion was not synced).
                    assertThat(syncedLive.getOrDefault(id, e.getValue())).as(ctx + " fresh id %d for %s", id, e)
                            .isEqualTo(e.getValue());
                    assertThat(syncedDeleted).as(ctx + " fresh id %d for %s", id, e).doesNotContain(id);
                }
            }
            again.close();
            SeriesIndexFiles third = open(dir);
            replayed.forEach((k, id) -> assertThat(third.index().seriesId(b(k), 0, k.length())).as(ctx)
                    .isEqualTo(id));
            assertThat(third.recovery().corruptions()).as(ctx).isEmpty();
            third.close();
        }
    }

    @Test
    void logRecordsAndHeadersHaveTheirDocumentedSizes() throws IOException {
        Path dir = tmp.resolve("idx");
        SeriesIndexFiles files = open(dir);
        files.index().addSeries(b("cpu"));
        files.sync();
        Path log = dir.resolve("index-00000001.log");
        assertThat(Files.size(log)).isEqualTo(16 + 9 + 4 + 3);
        files.index().deleteSeries(0);
        files.index().addField("cpu", "v", FieldType.INTEGER);
        files.index().deleteMeasurement("cpu");
        files.sync();
        // delete: 9 + 4; field: 9 + 1 + 1 + 3 + 1; drop fields: 9 + 3
        assertThat(Files.size(log)).isEqualTo(32 + 13 + 15 + 12);
        ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(log));
        assertThat(header.getInt(0)).isEqualTo(SeriesIndexFormat.LOG_MAGIC);
        assertThat(header.get(4)).isEqualTo(SeriesIndexFormat.VERSION_CURRENT);
        assertThat(header.getLong(8)).isEqualTo(1);
        assertThat(header.getInt(16)).as("first record's payload length").isEqualTo(7);
        assertThat(header.get(24)).isEqualTo(SeriesIndexFormat.RECORD_SERIES);
        assertThat(header.getInt(25)).as("series id").isZero();

        files.compact();
        ByteBuffer snapshot = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("index.snapshot")));
        assertThat(snapshot.getInt(0)).isEqualTo(SeriesIndexFormat.SNAPSHOT_MAGIC);
        assertThat(snapshot.getLong(8)).as("generation").isEqualTo(2);
        assertThat(snapshot.getInt(16)).as("next id").isEqualTo(1);
        assertThat(SeriesIndexFormat.parseLogFile("index-00000002.log")).hasValue(2);
        assertThat(SeriesIndexFormat.parseLogFile("index-123456789.log")).hasValue(123456789);
        assertThat(SeriesIndexFormat.parseLogFile("index-00000000.log")).isEmpty();
        assertThat(SeriesIndexFormat.parseLogFile("index-00000001.log.corrupt")).isEmpty();
    }
}
