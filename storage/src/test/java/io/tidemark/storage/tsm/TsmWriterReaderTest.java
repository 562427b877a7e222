package io.tidemark.storage.tsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.common.FieldType;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.api.ValueRange;
import io.tidemark.storage.encoding.Encoding;
import io.tidemark.storage.tsm.TsmTestFiles.Key;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Files written by {@link TsmWriter} read back through {@link TsmReader} exactly as a sorted model says, for random
 * contents, blocks sizes and time ranges; the size of a known file is pinned. Randomized: re-run a failure with
 * {@code -Dtests.seed=<seed>}.
 */
class TsmWriterReaderTest extends TsmFileTestBase {
    private static String seed() {
        return "seed " + SEED + " (re-run with -Dtests.seed=" + SEED + ")";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void sizeOfAKnownSmallFileIsPinned() throws IOException {
        Path p = dir.resolve("small.tsm");
        try (TsmWriter w = TsmWriter.create(fs, p)) {
            w.beginKey(bytes("cpu,host=a"), "usage", FieldType.FLOAT);
            w.append(1000, Double.doubleToRawLongBits(1.5));
            w.append(2000, Double.doubleToRawLongBits(2.5));
            w.append(3000, Double.doubleToRawLongBits(3.5));
            assertThat(w.finish().sizeBytes()).isEqualTo(150);
        }
        // header                                                          8
        // block: crc 4 | type 1 | timestamps: RLE, scale 10^3: header, count 3, first 1000 (2 bytes), step 1
        //        = 5 | floats: decimal, exponent 1, count 3, no exceptions, integers 15, 25, 35 as RLE (4) = 7 -> 17
        // key entry: 10 "cpu,host=a" 5 "usage" type, 1 block                                                19
        //   packed entries: scale, 5 widths, base time 8, base offset 1, base first 8                         23
        //   the entry: min time 0, max time 2000 / 10^3 (1), offset 0, size 1, count 1, first 0, min 0 (1.5 is
        //   the first), max, last and sum XOR-ed bits (8 each)                                                27
        // directory: one offset                                                                               8
        // footer                                                                                             48
        assertThat(Files.size(p)).isEqualTo(8 + 17 + 19 + 23 + 27 + 8 + 48);
        try (TsmReader r = TsmReader.open(fs, p)) {
            TsmBlockCursor blocks = r.blocks(bytes("cpu,host=a"), "usage", Long.MIN_VALUE, Long.MAX_VALUE);
            assertThat(blocks.next()).isTrue();
            assertThat(blocks.offset()).isEqualTo(8);
            assertThat(blocks.sizeBytes()).isEqualTo(17);
            TsmBlock block = blocks.decode();
            assertThat(block.timestampEncoding()).isEqualTo(Encoding.LONG_RLE);
            assertThat(block.valueEncoding()).isEqualTo(Encoding.FLOAT_DECIMAL);
            assertThat(Double.longBitsToDouble(blocks.minBits())).isEqualTo(1.5);
            assertThat(Double.longBitsToDouble(blocks.maxBits())).isEqualTo(3.5);
            assertThat(Double.longBitsToDouble(blocks.lastBits())).isEqualTo(3.5);
            assertThat(blocks.hasSums()).isTrue();
            assertThat(Double.longBitsToDouble(blocks.sumBits())).isEqualTo(7.5);
            r.verify();
        }
    }

    @Test
    void blocksEndAtPeriodsAcrossNegativeAndExtremeTimes() throws IOException {
        long day = 86_400_000_000_000L;
        long[] times = {Long.MIN_VALUE + 2, Long.MIN_VALUE + 3, -day - 1, -day, -1, 0, 1, day - 1, day, 3 * day + 5,
            Long.MAX_VALUE - 1};
        Path p = dir.resolve("periods.tsm");
        try (TsmWriter w = TsmWriter.create(fs, p, 1_000, day)) {
            w.beginKey(bytes("m"), "v", FieldType.INTEGER);
            for (long t : times) {
                w.append(t, t);
            }
            w.finish();
        }
        List<List<Long>> blocks = new ArrayList<>();
        try (TsmReader r = TsmReader.open(fs, p)) {
            TsmBlockCursor c = r.blocks(bytes("m"), "v", Long.MIN_VALUE, Long.MAX_VALUE);
            while (c.next()) {
                TsmBlock b = c.decode();
                List<Long> ts = new ArrayList<>();
                for (int i = 0; i < b.count(); i++) {
                    ts.add(b.timestamps()[i]);
                }
                blocks.add(ts);
            }
        }
        // One block per UTC day (floor division: -1 is in the day before 0), the two extremes in blocks of their own.
        assertThat(blocks).containsExactly(List.of(Long.MIN_VALUE + 2, Long.MIN_VALUE + 3), List.of(-day - 1),
                List.of(-day, -1L), List.of(0L, 1L, day - 1), List.of(day), List.of(3 * day + 5),
                List.of(Long.MAX_VALUE - 1));
    }

    @Test
    void aBatchInAValueRangeSkipsTheBlocksWithNoValueInIt() throws IOException {
        Path p = dir.resolve("ranges.tsm");
        // Blocks of 4: integers 0..3, 10..13, 20..23; floats -2.5.., NaN among 1.5.., 7.5...
        try (TsmWriter w = TsmWriter.create(fs, p, 4, 0)) {
            w.beginKey(bytes("m"), "f", FieldType.FLOAT);
            double[] floats = {-2.5, -2.0, -1.5, -1.0, 1.5, Double.NaN, 2.5, 3.0, 7.5, 8.0, 8.5, 9.0};
            for (int i = 0; i < floats.length; i++) {
                w.append(i, Double.doubleToRawLongBits(floats[i]));
            }
            w.beginKey(bytes("m"), "i", FieldType.INTEGER);
            for (int i = 0; i < 12; i++) {
                w.append(i, (i / 4) * 10L + i % 4);
            }
            w.finish();
        }
        try (TsmReader r = TsmReader.open(fs, p)) {
            assertThat(batchIn(r, "i", ValueRange.above(13, false))).containsExactly(20L, 21L, 22L, 23L);
            assertThat(batchIn(r, "i", ValueRange.above(13, true))).containsExactly(10L, 11L, 12L, 13L, 20L, 21L,
                    22L, 23L);
            assertThat(batchIn(r, "i", ValueRange.below(10, false))).containsExactly(0L, 1L, 2L, 3L);
            assertThat(batchIn(r, "i", ValueRange.exactly(12))).containsExactly(10L, 11L, 12L, 13L);
            assertThat(batchIn(r, "i", ValueRange.exactly(5))).isEmpty();
            // A block with NaN has NaN for its largest value (statistics order NaN above every number): it is not
            // skipped by its maximum, but is by its minimum (NaN passes no comparison).
            assertThat(batchIn(r, "f", ValueRange.above(4, false)).stream().map(Double::longBitsToDouble))
                    .containsExactly(1.5, Double.NaN, 2.5, 3.0, 7.5, 8.0, 8.5, 9.0);
            assertThat(batchIn(r, "f", ValueRange.below(-2.0, true)).stream().map(Double::longBitsToDouble))
                    .containsExactly(-2.5, -2.0, -1.5, -1.0);
            assertThat(batchIn(r, "f", ValueRange.below(1.5, true)).stream().map(Double::longBitsToDouble))
                    .containsExactly(-2.5, -2.0, -1.5, -1.0, 1.5, Double.NaN, 2.5, 3.0);
        }
    }

    /** Every value a cursor copies in batches of 3 asked for in {@code range}. */
    private static List<Long> batchIn(TsmReader r, String field, ValueRange range) {
        TsmSeriesCursor c = r.read(bytes("m"), field, Long.MIN_VALUE, Long.MAX_VALUE);
        long[] times = new long[3];
        long[] values = new long[3];
        List<Long> out = new ArrayList<>();
        for (int n; (n = c.nextBatchIn(range, times, values, 3)) > 0; ) {
            for (int i = 0; i < n; i++) {
                out.add(values[i]);
            }
        }
        return out;
    }

    @Test
    void anEmptyFileHasAHeaderAndAFooter() throws IOException {
        Path p = dir.resolve("empty.tsm");
        try (TsmWriter w = TsmWriter.create(fs, p)) {
            w.beginKey(bytes("cpu"), "no_points", FieldType.INTEGER);
            TsmFileSummary s = w.finish();
            assertThat(s.keyCount()).as("a key without points is left out").isZero();
            assertThat(s.sizeBytes()).isEqualTo(TsmFormat.HEADER_BYTES + TsmFormat.FOOTER_BYTES);
        }
        try (TsmReader r = TsmReader.open(fs, p)) {
            assertThat(r.keyCount()).isZero();
            assertThat(r.minTimeNanos()).isEqualTo(Long.MAX_VALUE);
            assertThat(r.maxTimeNanos()).isEqualTo(Long.MIN_VALUE);
            assertThat(r.keys().next()).isFalse();
            assertThat(r.type(bytes("cpu"), "no_points")).isEmpty();
            assertThat(r.read(bytes("cpu"), "no_points", 0, 10).next()).isFalse();
            r.verify();
        }
    }

    @Test
    void randomFilesReadBackAsWritten() throws IOException {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int file = 0; file < 25; file++) {
            List<Key> keys = TsmTestFiles.randomKeys(rnd, 12, file < 5 ? 5 : 3000);
            int perBlock = rnd.nextBoolean() ? TsmFormat.DEFAULT_POINTS_PER_BLOCK : 1 + rnd.nextInt(50);
            Path p = dir.resolve("random-" + file + TsmFormat.EXTENSION);
            TsmFileSummary summary = TsmTestFiles.write(fs, p, keys, perBlock);
            assertThat(summary.keyCount()).isEqualTo(keys.size());
            assertThat(summary.sizeBytes()).isEqualTo(Files.size(p));
            try (TsmReader r = TsmReader.open(fs, p)) {
                r.verify();
                checkAgainstModel(r, keys, rnd);
            }
        }
    }

    private void checkAgainstModel(TsmReader r, List<Key> keys, SplittableRandom rnd) throws IOException {
        assertThat(r.keyCount()).isEqualTo(keys.size());
        TsmKeyCursor cursor = r.keys();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (Key k : keys) {
            assertThat(cursor.next()).isTrue();
            assertThat(cursor.seriesKey()).isEqualTo(k.seriesKeyBytes());
            assertThat(cursor.field()).isEqualTo(k.field());
            assertThat(cursor.type()).isEqualTo(k.type());
            assertThat(cursor.minTimeNanos()).isEqualTo(k.points().firstKey());
            assertThat(cursor.maxTimeNanos()).isEqualTo(k.points().lastKey());
            min = Math.min(min, k.points().firstKey());
            max = Math.max(max, k.points().lastKey());
            assertThat(r.type(k.seriesKeyBytes(), k.field())).contains(k.type());
            assertPoints(r, k, Long.MIN_VALUE, Long.MAX_VALUE);
            for (int i = 0; i < 5; i++) {
                long a = randomTimeNear(rnd, k);
                long b = randomTimeNear(rnd, k);
                assertPoints(r, k, Math.min(a, b), Math.max(a, b));
                assertSummary(r, k, Math.min(a, b), Math.max(a, b));
            }
            assertSummary(r, k, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        assertThat(cursor.next()).isFalse();
        assertThat(r.minTimeNanos()).isEqualTo(min);
        assertThat(r.maxTimeNanos()).isEqualTo(max);
        for (String s : TsmTestFiles.SERIES) {
            List<String> fields = new ArrayList<>();
            TsmKeyCursor f = r.keys(bytes(s));
            while (f.next()) {
                assertThat(f.seriesKey()).isEqualTo(bytes(s));
                fields.add(f.field());
            }
            assertThat(fields).isEqualTo(keys.stream().filter(k -> k.seriesKey().equals(s)).map(Key::field).toList());
            assertThat(r.type(bytes(s), "absent")).isEmpty();
        }
        assertThat(r.keys(bytes("cpu,host")).next()).isFalse();
    }

    /**
     * A lookup starts from the last key found and its distance from the one before; whatever the order of the
     * lookups (one field of every series, every other series, backwards, random, absent keys between), each finds
     * its own key or none.
     */
    @Test
    void lookupsInAnyOrderFindTheirOwnKey() throws IOException {
        Path p = dir.resolve("strides.tsm");
        List<String> fields = List.of("a", "b", "c", "d");
        FieldType[] types = {FieldType.FLOAT, FieldType.INTEGER, FieldType.INTEGER, FieldType.UNSIGNED};
        List<String> series = new ArrayList<>();
        for (int s = 0; s < 300; s++) {
            series.add(String.format("m,host=h%04d", s));
        }
        try (TsmWriter w = TsmWriter.create(fs, p)) {
            for (int s = 0; s < series.size(); s++) {
                for (int f = 0; f < fields.size(); f++) {
                    // Every seventh series lacks field c: the stride from one series' c to the next changes.
                    if (f == 2 && s % 7 == 0) {
                        continue;
                    }
                    w.beginKey(bytes(series.get(s)), fields.get(f), types[f]);
                    w.append(1000, s);
                }
            }
            w.finish();
        }
        SplittableRandom rnd = new SplittableRandom(SEED);
        try (TsmReader r = TsmReader.open(fs, p)) {
            List<int[]> lookups = new ArrayList<>();
            for (int s = 0; s < series.size(); s++) {
                lookups.add(new int[] {s, 2});
            }
            for (int s = 0; s < series.size(); s += 2) {
                lookups.add(new int[] {s, 1});
            }
            for (int s = series.size() - 1; s >= 0; s--) {
                lookups.add(new int[] {s, 3});
            }
            for (int i = 0; i < 2000; i++) {
                lookups.add(new int[] {rnd.nextInt(series.size()), rnd.nextInt(fields.size() + 1)});
            }
            for (int[] l : lookups) {
                String field = l[1] < fields.size() ? fields.get(l[1]) : "zz";
                boolean present = l[1] < fields.size() && !(l[1] == 2 && l[0] % 7 == 0);
                String what = series.get(l[0]) + " " + field + ", " + seed();
                if (!present) {
                    assertThat(r.type(bytes(series.get(l[0])), field)).as(what).isEmpty();
                    continue;
                }
                assertThat(r.type(bytes(series.get(l[0])), field)).as(what).contains(types[l[1]]);
                TsmBlockCursor blocks = r.blocks(bytes(series.get(l[0])), field, Long.MIN_VALUE, Long.MAX_VALUE);
                assertThat(blocks.next()).as(what).isTrue();
                assertThat(blocks.firstBits()).as(what).isEqualTo(l[0]);
            }
        }
    }

    @Test
    void manyLookupsOutOfKeyOrderFindTheirKeysThroughATableOfSeriesStarts() throws IOException {
        Path p = dir.resolve("unordered.tsm");
        List<String> series = new ArrayList<>();
        for (int s = 0; s < 2000; s++) {
            series.add(String.format("m,host=h%04d,region=r%d", s, s % 3));
        }
        // One series of many fields, so that a lookup walks past the most fields it walks before it searches.
        List<String> wideFields = new ArrayList<>();
        for (int f = 0; f < 45; f++) {
            wideFields.add(String.format("f%02d", f * 2));
        }
        String wide = "m,host=h1000,region=r1";
        try (TsmWriter w = TsmWriter.create(fs, p)) {
            for (int s = 0; s < series.size(); s++) {
                List<String> fields = series.get(s).equals(wide) ? wideFields : List.of("a", "c", "e");
                for (int f = 0; f < fields.size(); f++) {
                    w.beginKey(bytes(series.get(s)), fields.get(f), FieldType.INTEGER);
                    w.append(1000L + f, s);
                }
            }
            w.finish();
        }
        SplittableRandom rnd = new SplittableRandom(SEED);
        List<String> absentFields = List.of("0", "b", "d", "f", "f01", "f51", "zz");
        try (TsmReader r = TsmReader.open(fs, p)) {
            assertThat(r.lookupTableBytes()).as("no table before lookups out of order").isZero();
            for (int i = 0; i < 20_000; i++) {
                int s = rnd.nextInt(series.size() + 50);
                List<String> fields = series(s, series).equals(wide) ? wideFields : List.of("a", "c", "e");
                // Present fields, and absent ones before, between and after them.
                String field = rnd.nextBoolean() ? fields.get(rnd.nextInt(fields.size()))
                        : absentFields.get(rnd.nextInt(absentFields.size()));
                assertFound(r, series, s, field, fields);
            }
            assertThat(r.lookupTableBytes()).as("the table is built and reported").isPositive();
            // Several fields of one series after another, as a query opens them: in order, backwards, repeated.
            for (int i = 0; i < 3000; i++) {
                int s = i % 100 == 0 ? series.indexOf(wide) : rnd.nextInt(series.size() + 50);
                List<String> fields = series(s, series).equals(wide) ? wideFields : List.of("a", "c", "e");
                List<String> asked = new ArrayList<>();
                for (int n = 1 + rnd.nextInt(6); n > 0; n--) {
                    asked.add(rnd.nextInt(3) > 0 ? fields.get(rnd.nextInt(fields.size()))
                            : absentFields.get(rnd.nextInt(absentFields.size())));
                }
                if (rnd.nextBoolean()) {
                    asked.sort(null);
                }
                for (String field : asked) {
                    assertFound(r, series, s, field, fields);
                }
            }
        }
    }

    @Test
    void aSeriesFieldsLookedUpOneAfterAnotherNeverTakeTheNextSeriesFields() throws IOException {
        // Series alternately lack and have the fields after "c": a lookup that starts after the field found last
        // must stop at the series' end, not find the next series' field of that name.
        Path p = dir.resolve("neighbours.tsm");
        List<String> series = new ArrayList<>();
        for (int s = 0; s < 3000; s++) {
            series.add(String.format("m,host=h%04d", s));
        }
        List<String> narrow = List.of("a", "c");
        List<String> wide = List.of("a", "c", "e", "g");
        try (TsmWriter w = TsmWriter.create(fs, p)) {
            for (int s = 0; s < series.size(); s++) {
                List<String> fields = s % 2 == 0 ? narrow : wide;
                for (int f = 0; f < fields.size(); f++) {
                    w.beginKey(bytes(series.get(s)), fields.get(f), FieldType.INTEGER);
                    w.append(1000L + f, s);
                }
            }
            w.finish();
        }
        SplittableRandom rnd = new SplittableRandom(SEED);
        List<String> asked = List.of("a", "b", "c", "d", "e", "f", "g", "h");
        try (TsmReader r = TsmReader.open(fs, p)) {
            for (int i = 0; i < 5000; i++) {
                int s = rnd.nextInt(series.size());
                List<String> fields = s % 2 == 0 ? narrow : wide;
                for (String field : asked) {
                    if (rnd.nextInt(3) > 0) {
                        assertFound(r, series, s, field, fields);
                    }
                }
            }
            assertThat(r.lookupTableBytes()).as("the lookups went through the table of series starts").isPositive();
        }
    }

    @Test
    void aFileTheNodeStartedWithGetsItsTableOfSeriesStartsBeforeItsIndexIsWalked() throws IOException {
        // Such a file is walked before the shard's next compaction, which may never come: its queries need the table.
        List<String> series = threeFieldSeries(2000);
        Path p = writeThreeFieldFile("started-with.tsm", series);
        SplittableRandom rnd = new SplittableRandom(SEED);
        try (TsmReader r = TsmReader.openGcManagedChecksummed(fs, p)) {
            for (int i = 0; i < 20_000; i++) {
                assertFound(r, series, rnd.nextInt(series.size() + 50), List.of("a", "b", "c", "f").get(rnd.nextInt(4)),
                        List.of("a", "c", "e"));
            }
            assertThat(r.lookupTableBytes()).as("the table is built").isPositive();
            assertThat(r.indexChecked()).as("and the index is still to be walked").isFalse();
        }
    }

    @Test
    void anIndexEntryThatDoesNotParseLeavesTheFileWithoutATableAndItsLookupsSearch() throws IOException {
        List<String> series = threeFieldSeries(2000);
        Path p = writeThreeFieldFile("damaged-entry.tsm", series);
        // The last directory slot points into the last entry's tail, under recomputed checksums: only a writer's bug
        // makes that, and opening a file the node started with checks just the checksums.
        byte[] bytes = Files.readAllBytes(p);
        ByteBuffer footer = ByteBuffer.wrap(bytes, bytes.length - TsmFormat.FOOTER_BYTES, TsmFormat.FOOTER_BYTES)
                .slice().order(ByteOrder.LITTLE_ENDIAN);
        int keyCount = footer.getInt(4);
        int directoryAt = (int) footer.getLong(16);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(directoryAt + 8 * (keyCount - 1),
                directoryAt - 1L);
        TsmTestFiles.resealChecksums(bytes);
        Files.write(p, bytes);
        SplittableRandom rnd = new SplittableRandom(SEED);
        try (TsmReader r = TsmReader.openGcManagedChecksummed(fs, p)) {
            // Series of the first 40 % only: no search, and no guess from the last stride, reaches the last slot.
            for (int i = 0; i < 20_000; i++) {
                assertFound(r, series, rnd.nextInt(series.size() * 2 / 5), List.of("a", "c", "d").get(rnd.nextInt(3)),
                        List.of("a", "c", "e"));
            }
            assertThat(r.lookupTableBytes()).as("no table").isZero();
            assertThatThrownBy(() -> r.blocks(bytes(series.getLast()), "e", Long.MIN_VALUE, Long.MAX_VALUE))
                    .as("the damaged entry, met").isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("corruption in " + p).hasMessageContaining("not checked yet");
            assertThatThrownBy(r::checkIndex).isInstanceOf(CorruptionException.class);
        }
    }

    private static List<String> threeFieldSeries(int n) {
        List<String> series = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            series.add(String.format("m,host=h%04d,region=r%d", s, s % 3));
        }
        return series;
    }

    /** Fields a, c and e of each series (in key order), one point each whose value is the series' number. */
    private Path writeThreeFieldFile(String name, List<String> series) throws IOException {
        Path p = dir.resolve(name);
        try (TsmWriter w = TsmWriter.create(fs, p)) {
            for (int s = 0; s < series.size(); s++) {
                for (String f : List.of("a", "c", "e")) {
                    w.beginKey(bytes(series.get(s)), f, FieldType.INTEGER);
                    w.append(1000L + List.of("a", "c", "e").indexOf(f), s);
                }
            }
            w.finish();
        }
        return p;
    }


    @Test
    void lookupsInKeyOrderOfSeriesTheFileLacksNeedNoTableOfSeriesStarts() throws IOException {
        // A file from a snapshot holds the series written in its time (here the last quarter by id), a query asks it
        // for all of a shard's series in key order: most are absent, and many sort before the file's first key.
        Path p = dir.resolve("subset.tsm");
        List<String> all = new ArrayList<>();
        for (int s = 0; s < 4000; s++) {
            all.add(String.format("m,dc=d%d,host=h%04d", s % 4, s));
        }
        List<String> inFile = new ArrayList<>(all.subList(3000, 4000));
        inFile.sort(null);
        List<String> fields = List.of("a", "c", "e");
        try (TsmWriter w = TsmWriter.create(fs, p)) {
            for (String key : inFile) {
                for (int f = 0; f < fields.size(); f++) {
                    w.beginKey(bytes(key), fields.get(f), FieldType.INTEGER);
                    w.append(1000L + f, all.indexOf(key));
                }
            }
            w.finish();
        }
        List<String> ordered = new ArrayList<>(all);
        ordered.add("m,dc=d9,host=h9999"); // after the file's last key
        ordered.sort(null);
        try (TsmReader r = TsmReader.open(fs, p)) {
            r.checkIndex();
            for (int pass = 0; pass < 3; pass++) {
                for (String key : ordered) {
                    int s = all.indexOf(key);
                    String what = key + ", pass " + pass;
                    TsmBlockCursor blocks = r.blocks(bytes(key), "c", Long.MIN_VALUE, Long.MAX_VALUE);
                    if (s < 3000) {
                        assertThat(blocks.next()).as(what).isFalse();
                        continue;
                    }
                    assertThat(blocks.next()).as(what).isTrue();
                    assertThat(blocks.firstBits()).as(what).isEqualTo(s);
                }
            }
            assertThat(r.lookupTableBytes()).as("lookups in key order are not counted as out of order").isZero();
        }
    }

    /** Series {@code s} of the file, or one it does not have for {@code s} past them. */
    private static String series(int s, List<String> series) {
        return s < series.size() ? series.get(s) : String.format("m,host=h%04d,region=r9", s);
    }

    /** Checks that the file has {@code field} of series {@code s} exactly when {@code fields} says so. */
    private static void assertFound(TsmReader r, List<String> series, int s, String field, List<String> fields) {
        String key = series(s, series);
        int at = s < series.size() ? fields.indexOf(field) : -1;
        String what = key + " " + field + ", " + seed();
        TsmBlockCursor blocks = r.blocks(bytes(key), field, Long.MIN_VALUE, Long.MAX_VALUE);
        if (at < 0) {
            assertThat(blocks.next()).as(what).isFalse();
            return;
        }
        assertThat(blocks.next()).as(what).isTrue();
        assertThat(blocks.minTimeNanos()).as(what).isEqualTo(1000L + at);
        assertThat(blocks.firstBits()).as(what).isEqualTo(s);
    }

    private static long randomTimeNear(SplittableRandom rnd, Key k) {
        long first = k.points().firstKey();
        long last = k.points().lastKey();
        return switch (rnd.nextInt(4)) {
            case 0 -> k.points().keySet().stream().skip(rnd.nextInt(k.points().size())).findFirst().orElseThrow();
            case 1 -> first - 1 - rnd.nextInt(10);
            case 2 -> last + rnd.nextInt(10);
            default -> first + (long) ((last - (double) first) * rnd.nextDouble());
        };
    }

    private void assertPoints(TsmReader r, Key k, long min, long max) {
        NavigableMap<Long, Object> expected = k.points().subMap(min, true, max, true);
        TsmSeriesCursor c = r.read(k.seriesKeyBytes(), k.field(), min, max);
        assertThat(c.type()).isEqualTo(k.type());
        List<Long> times = new ArrayList<>();
        for (Map.Entry<Long, Object> e : expected.entrySet()) {
            assertThat(c.next()).as("%s %s has a point at %d, %s", k.seriesKey(), k.field(), e.getKey(), seed())
                    .isTrue();
            times.add(c.timestamp());
            assertThat(c.timestamp()).isEqualTo(e.getKey());
            if (k.type() == FieldType.STRING) {
                assertThat(c.stringValue()).isEqualTo(new String((byte[]) e.getValue(), StandardCharsets.UTF_8));
            } else {
                assertThat(c.valueBits()).isEqualTo((Long) e.getValue());
            }
        }
        assertThat(c.next()).as("no more points, %s", seed()).isFalse();
        assertThat(c.failure()).isNull();
    }

    private void assertSummary(TsmReader r, Key k, long min, long max) throws CorruptionException {
        NavigableMap<Long, Object> expected = k.points().subMap(min, true, max, true);
        RangeSummary s = r.summarize(k.seriesKeyBytes(), k.field(), min, max);
        assertThat(s.count()).as(seed()).isEqualTo(expected.size());
        assertThat(s.type()).isEqualTo(k.type());
        if (expected.isEmpty() || k.type() == FieldType.STRING) {
            assertThat(s.hasValueStatistics()).isFalse();
            return;
        }
        assertThat(s.hasValueStatistics()).isTrue();
        assertThat(s.firstTimeNanos()).isEqualTo(expected.firstKey());
        assertThat(s.lastTimeNanos()).isEqualTo(expected.lastKey());
        assertThat(s.firstBits()).isEqualTo(expected.firstEntry().getValue());
        assertThat(s.lastBits()).isEqualTo(expected.lastEntry().getValue());
        long lo = (Long) expected.firstEntry().getValue();
        long hi = lo;
        for (Object v : expected.values()) {
            long b = (Long) v;
            lo = TsmValues.compare(k.type(), b, lo) < 0 ? b : lo;
            hi = TsmValues.compare(k.type(), b, hi) > 0 ? b : hi;
        }
        assertThat(s.minBits()).as("min, %s", seed()).isEqualTo(lo);
        assertThat(s.maxBits()).as("max, %s", seed()).isEqualTo(hi);
        assertThat(s.hasSum()).isTrue();
        if (k.type() == FieldType.FLOAT) {
            // Block sums are added block by block: equal to the sum in time order up to rounding.
            double sum = 0;
            double magnitude = 0;
            for (Object v : expected.values()) {
                double d = Double.longBitsToDouble((Long) v);
                sum += d;
                magnitude += Math.abs(d);
            }
            assertThat(Double.longBitsToDouble(s.sumBits())).as("sum, %s", seed())
                    .isCloseTo(sum, org.assertj.core.data.Offset.offset(magnitude * 1e-12));
        } else {
            long sum = 0;
            for (Object v : expected.values()) {
                sum += (Long) v;
            }
            assertThat(s.sumBits()).as("sum wraps exactly, %s", seed()).isEqualTo(sum);
        }
        assertThat(s.blocksDecoded()).as("only blocks cut by the range are decoded").isLessThanOrEqualTo(2);
    }

    @Test
    void extremeTimesAndValuesRoundTripThroughPackedEntries() throws IOException {
        Path p = dir.resolve("extremes.tsm");
        long[] times = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 0, 1, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        long[] ints = {Long.MAX_VALUE, Long.MIN_VALUE, -1, 0, Long.MAX_VALUE, 7, Long.MIN_VALUE};
        long[] floats = {Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Double.MAX_VALUE),
            Double.doubleToRawLongBits(-Double.MIN_VALUE), 0, Double.doubleToRawLongBits(1e300),
            Double.doubleToRawLongBits(-1e300), Double.doubleToRawLongBits(0.1)};
        try (TsmWriter w = TsmWriter.create(fs, p, 2)) {
            w.beginKey(bytes("m"), "f", FieldType.FLOAT);
            w.append(times, floats, 0, times.length);
            w.beginKey(bytes("m"), "i", FieldType.INTEGER);
            w.append(times, ints, 0, times.length);
            w.beginKey(bytes("m"), "s", FieldType.STRING);
            for (long t : times) {
                w.appendString(t, bytes("v" + t));
            }
            w.beginKey(bytes("n"), "i", FieldType.INTEGER);
            w.append(times, ints, 0, times.length);
            w.finish();
        }
        try (TsmReader r = TsmReader.open(fs, p)) {
            r.verify();
            for (String[] key : new String[][] {{"m", "f"}, {"m", "i"}, {"n", "i"}}) {
                long[] values = key[1].equals("f") ? floats : ints;
                TsmSeriesCursor c = r.read(bytes(key[0]), key[1], Long.MIN_VALUE, Long.MAX_VALUE);
                for (int i = 0; i < times.length; i++) {
                    assertThat(c.next()).isTrue();
                    assertThat(c.timestamp()).isEqualTo(times[i]);
                    assertThat(c.valueBits()).isEqualTo(values[i]);
                }
                assertThat(c.next()).isFalse();
                TsmBlockCursor blocks = r.blocks(bytes(key[0]), key[1], Long.MIN_VALUE, Long.MAX_VALUE);
                long sum = 0;
                for (int i = 0; blocks.next(); i += 2) {
                    assertThat(blocks.minTimeNanos()).isEqualTo(times[i]);
                    assertThat(blocks.firstBits()).isEqualTo(values[i]);
                    int n = Math.min(2, times.length - i);
                    assertThat(blocks.maxTimeNanos()).isEqualTo(times[i + n - 1]);
                    assertThat(blocks.lastBits()).isEqualTo(values[i + n - 1]);
                    assertThat(blocks.sumBits()).isEqualTo(TsmValues.sum(blocks.type(), values, i, n));
                    sum = TsmValues.add(blocks.type(), sum, blocks.sumBits());
                }
                RangeSummary all = r.summarize(bytes(key[0]), key[1], Long.MIN_VALUE, Long.MAX_VALUE);
                assertThat(all.count()).isEqualTo(times.length);
                assertThat(all.sumBits()).isEqualTo(sum);
            }
            TsmSeriesCursor strings = r.read(bytes("m"), "s", Long.MIN_VALUE, Long.MAX_VALUE);
            for (long t : times) {
                assertThat(strings.next()).isTrue();
                assertThat(strings.stringValue()).isEqualTo("v" + t);
            }
        }
    }

    /**
     * Files of versions 1 and 2 (64-byte block entries, no sums, series keys repeated) stay readable: a version 2 file
     * is assembled here from a block written by the current writer.
     */
    @Test
    void aVersion2FileIsStillRead() throws IOException {
        Path current = dir.resolve("current.tsm");
        try (TsmWriter w = TsmWriter.create(fs, current)) {
            w.beginKey(bytes("cpu,host=a"), "v", FieldType.INTEGER);
            w.append(new long[] {10, 20, 30}, new long[] {5, -3, 9}, 0, 3);
            w.finish();
        }
        byte[] block;
        try (TsmReader r = TsmReader.open(fs, current)) {
            TsmBlockCursor b = r.blocks(bytes("cpu,host=a"), "v", Long.MIN_VALUE, Long.MAX_VALUE);
            assertThat(b.next()).isTrue();
            block = Arrays.copyOfRange(Files.readAllBytes(current), (int) b.offset(), (int) b.offset() + b.sizeBytes());
        }
        java.nio.ByteBuffer f = java.nio.ByteBuffer.allocate(1024).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        f.put(bytes("TMTS")).put((byte) 2).put(new byte[3]);
        f.put(block);
        int indexOffset = f.position();
        byte[] key = bytes("cpu,host=a");
        f.put((byte) key.length).put(key).put((byte) 1).put(bytes("v")).put(FieldType.INTEGER.code()).put((byte) 1);
        f.putLong(10).putLong(30).putLong(TsmFormat.HEADER_BYTES).putInt(block.length).putInt(3);
        f.putLong(-3).putLong(9).putLong(5).putLong(9);
        int directoryOffset = f.position();
        f.putLong(indexOffset);
        f.put(bytes("TMTE")).putInt(1).putLong(indexOffset).putLong(directoryOffset).putLong(10).putLong(30);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(f.array(), indexOffset, f.position() - indexOffset);
        f.putInt((int) crc.getValue());
        crc = new java.util.zip.CRC32C();
        crc.update(f.array(), 0, f.position());
        f.putInt((int) crc.getValue());
        Path legacy = dir.resolve("legacy.tsm");
        Files.write(legacy, Arrays.copyOf(f.array(), f.position()));
        try (TsmReader r = TsmReader.open(fs, legacy)) {
            r.verify();
            assertThat(r.version()).isEqualTo(2);
            TsmSeriesCursor c = r.read(key, "v", Long.MIN_VALUE, Long.MAX_VALUE);
            assertThat(c.next()).isTrue();
            assertThat(c.valueBits()).isEqualTo(5);
            RangeSummary s = r.summarize(key, "v", 0, 100);
            assertThat(s.count()).isEqualTo(3);
            assertThat(s.minBits()).isEqualTo(-3);
            assertThat(s.maxBits()).isEqualTo(9);
            assertThat(s.hasSum()).as("version 2 entries keep no sums").isFalse();
            assertThat(r.summarize(key, "v", 15, 100).hasSum()).as("a decoded block is summed").isTrue();
            // A merge rewrites it as the current version, with sums computed from the block.
            TsmFileSummary out = TsmMerger.merge(fs, List.of(r), DeletedRanges.NONE, dir.resolve("merged.tsm"), 1000,
                    bytes -> { }, () -> false).orElseThrow();
            try (TsmReader m = TsmReader.open(fs, out.path())) {
                assertThat(m.version()).isEqualTo(TsmFormat.VERSION_CURRENT);
                RangeSummary merged = m.summarize(key, "v", 0, 100);
                assertThat(merged.hasSum()).isTrue();
                assertThat(merged.sumBits()).isEqualTo(11);
                assertThat(merged.blocksFromStatistics()).isEqualTo(1);
            }
        }
    }

    @Test
    void summariesOfWholeBlocksComeFromStatistics() throws IOException {
        Path p = dir.resolve("stats.tsm");
        try (TsmWriter w = TsmWriter.create(fs, p, 10)) {
            w.beginKey(bytes("m"), "u", FieldType.UNSIGNED);
            for (int i = 0; i < 100; i++) {
                // 2^64 - 1 at i = 37: the largest unsigned value, though negative as a long.
                w.append(i * 10L, i == 37 ? -1L : i);
            }
            w.finish();
        }
        try (TsmReader r = TsmReader.open(fs, p)) {
            RangeSummary all = r.summarize(bytes("m"), "u", 0, 990);
            assertThat(all.blocksFromStatistics()).isEqualTo(10);
            assertThat(all.blocksDecoded()).isZero();
            assertThat(all.count()).isEqualTo(100);
            assertThat(all.maxBits()).isEqualTo(-1L);
            assertThat(all.minBits()).isZero();
            assertThat(all.firstBits()).isZero();
            assertThat(all.lastBits()).isEqualTo(99);
            // 15..84: blocks 20..79 whole, 10..19 and 80..89 cut.
            RangeSummary middle = r.summarize(bytes("m"), "u", 150, 845);
            assertThat(middle.blocksFromStatistics()).isEqualTo(6);
            assertThat(middle.blocksDecoded()).isEqualTo(2);
            assertThat(middle.count()).isEqualTo(70);
            assertThat(middle.firstBits()).isEqualTo(15);
            assertThat(middle.lastBits()).isEqualTo(84);
            assertThat(middle.maxBits()).isEqualTo(-1L);
            assertThat(r.summarize(bytes("m"), "absent", 0, 990).count()).isZero();
            assertThat(r.summarize(bytes("m"), "u", 991, 2000).count()).isZero();
        }
    }

    @Test
    void theWriterRefusesWhatTheFormatCannotHold() throws IOException {
        Path p = dir.resolve("refused.tsm");
        try (TsmWriter w = TsmWriter.create(fs, p)) {
            assertThatThrownBy(() -> w.append(1, 1)).isInstanceOf(IllegalStateException.class);
            w.beginKey(bytes("cpu,host=b"), "usage", FieldType.BOOLEAN);
            w.append(10, 1);
            assertThatThrownBy(() -> w.append(10, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("strictly increase");
            assertThatThrownBy(() -> w.append(11, 2)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> w.appendString(11, bytes("x"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> w.beginKey(bytes("cpu,host=a"), "z", FieldType.FLOAT))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ascending order");
            assertThatThrownBy(() -> w.beginKey(bytes("cpu,host=b"), "usage", FieldType.FLOAT))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeats");
            assertThatThrownBy(() -> w.beginKey(new byte[0], "usage", FieldType.FLOAT))
                    .isInstanceOf(IllegalArgumentException.class);
            w.beginKey(bytes("cpu,host=b"), "usage_idle", FieldType.FLOAT);
            w.append(5, 0);
            w.finish();
            assertThatThrownBy(() -> w.beginKey(bytes("d"), "f", FieldType.FLOAT))
                    .isInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(() -> TsmWriter.create(fs, p)).isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> TsmWriter.create(fs, dir.resolve("x.tsm"), 0))
                .isInstanceOf(IllegalArgumentException.class);
        try (TsmReader r = TsmReader.open(fs, p)) {
            assertThat(r.keyCount()).isEqualTo(2);
        }
    }

    @Test
    void closingWithoutFinishingLeavesNoFile() throws IOException {
        Path p = dir.resolve("abandoned.tsm");
        try (TsmWriter w = TsmWriter.create(fs, p)) {
            w.beginKey(bytes("cpu"), "v", FieldType.INTEGER);
            for (int i = 0; i < 5000; i++) {
                w.append(i, i);
            }
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void readsAfterCloseFailInsteadOfTouchingUnmappedMemory() throws IOException {
        Path p = dir.resolve("closed.tsm");
        try (TsmWriter w = TsmWriter.create(fs, p)) {
            w.beginKey(bytes("cpu"), "v", FieldType.INTEGER);
            w.append(1, 1);
            w.finish();
        }
        TsmReader r = TsmReader.open(fs, p);
        TsmKeyCursor keys = r.keys();
        r.close();
        r.close();
        assertThatThrownBy(keys::next).isInstanceOf(IllegalStateException.class);
    }
}
