package io.tidemark.storage.tsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.common.FieldType;
import io.tidemark.common.fs.FaultyFs;
import io.tidemark.common.fs.Fs;
import io.tidemark.common.fs.RealFs;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.tombstone.TimeRanges;
import io.tidemark.storage.tsm.TsmTestFiles.Key;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TsmMerger} produces exactly what a simple model says: per key, the points of every input of the newest
 * input's type, each input's deleted points dropped, the newest input winning a timestamp; blocks full but the last;
 * unchanged blocks copied byte for byte; damage, cancellation and empty results leave no file. Randomized: re-run a
 * failure with {@code -Dtests.seed=<seed>}.
 */
class TsmMergerTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    @TempDir
    Path dir;

    private final FaultyFs fs = new FaultyFs(new RealFs());
    private final List<TsmReader> open = new ArrayList<>();

    @AfterEach
    void closeAndCheckLeaks() {
        open.forEach(TsmReader::close);
        assertThat(fs.openHandles()).as("open handles and mappings").isEmpty();
    }

    private static String seed() {
        return "seed " + SEED + " (re-run with -Dtests.seed=" + SEED + ")";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- the model

    /** Deleted ranges per (input, series key, field), as the merger is told them. */
    static final class Deletions implements DeletedRanges {
        private final Map<String, long[]> ranges = new HashMap<>();

        private static String id(int input, String seriesKey, String field) {
            return input + "\u0000" + seriesKey + "\u0000" + field;
        }

        Deletions put(int input, String seriesKey, String field, long[] normalised) {
            ranges.put(id(input, seriesKey, field), normalised);
            return this;
        }

        long[] get(int input, String seriesKey, String field) {
            return ranges.get(id(input, seriesKey, field));
        }

        @Override
        public long[] deleted(int input, byte[] seriesKey, String field) {
            return get(input, new String(seriesKey, StandardCharsets.UTF_8), field);
        }
    }

    /**
     * What merging {@code inputs} (oldest first) must give: per key the newest input's type; for each input of that
     * type, oldest first, its points not deleted in that input overwrite the earlier ones.
     */
    static List<Key> expected(List<List<Key>> inputs, Deletions deletions) {
        TreeMap<Key, FieldType> types = new TreeMap<>();
        for (List<Key> input : inputs) {
            for (Key k : input) {
                types.put(k, k.type());
            }
        }
        TreeMap<Key, TreeMap<Long, Object>> points = new TreeMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            for (Key k : inputs.get(i)) {
                if (k.type() != types.get(k)) {
                    continue;
                }
                long[] deleted = deletions.get(i, k.seriesKey(), k.field());
                TreeMap<Long, Object> into = points.computeIfAbsent(k, x -> new TreeMap<>());
                k.points().forEach((t, v) -> {
                    if (!TimeRanges.covers(deleted, t)) {
                        into.put(t, v);
                    }
                });
            }
        }
        List<Key> out = new ArrayList<>();
        points.forEach((k, p) -> {
            if (!p.isEmpty()) {
                out.add(new Key(k.seriesKey(), k.field(), types.get(k), p));
            }
        });
        return out;
    }

    /** Every key of a file with its points, read through the public cursors. */
    static List<Key> readAll(TsmReader r) {
        List<Key> out = new ArrayList<>();
        TsmKeyCursor keys = r.keys();
        while (keys.next()) {
            TreeMap<Long, Object> points = new TreeMap<>();
            TsmSeriesCursor c = keys.read(Long.MIN_VALUE, Long.MAX_VALUE);
            while (c.next()) {
                points.put(c.timestamp(), keys.type() == FieldType.STRING ? bytes(c.stringValue()) : c.valueBits());
            }
            assertThat(c.failure()).isNull();
            out.add(new Key(new String(keys.seriesKey(), StandardCharsets.UTF_8), keys.field(), keys.type(), points));
        }
        return out;
    }

    /** The keys with their values made comparable (strings as text). */
    static List<String> describe(List<Key> keys) {
        List<String> out = new ArrayList<>();
        for (Key k : keys) {
            StringBuilder sb = new StringBuilder(k.seriesKey()).append(' ').append(k.field()).append(' ')
                    .append(k.type()).append(':');
            k.points().forEach((t, v) -> sb.append(' ').append(t).append('=')
                    .append(v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : v));
            out.add(sb.toString());
        }
        return out;
    }

    /** Checks the output against the model: content, block shape, summary and every checksum. */
    static void assertMerged(Fs fs, TsmFileSummary summary, List<Key> expected, int maxPointsPerBlock, String why)
            throws IOException {
        try (TsmReader r = TsmReader.open(fs, summary.path())) {
            r.verify();
            assertThat(describe(readAll(r))).as(why).containsExactlyElementsOf(describe(expected));
            assertThat(summary.keyCount()).as(why).isEqualTo(expected.size());
            assertThat(summary.sizeBytes()).as(why).isEqualTo(r.sizeBytes());
            long min = expected.stream().mapToLong(k -> k.points().firstKey()).min().orElseThrow();
            long max = expected.stream().mapToLong(k -> k.points().lastKey()).max().orElseThrow();
            assertThat(summary.minTimeNanos()).as(why).isEqualTo(min);
            assertThat(summary.maxTimeNanos()).as(why).isEqualTo(max);
            TsmKeyCursor keys = r.keys();
            while (keys.next()) {
                TsmBlockCursor blocks = keys.blocks(Long.MIN_VALUE, Long.MAX_VALUE);
                int left = keys.blockCount();
                while (blocks.next()) {
                    left--;
                    if (left > 0) {
                        assertThat(blocks.count()).as("a block before a key's last, %s", why)
                                .isEqualTo(maxPointsPerBlock);
                    } else {
                        assertThat(blocks.count()).as(why).isBetween(1, maxPointsPerBlock);
                    }
                }
            }
        }
    }

    private TsmReader write(String name, List<Key> keys, int pointsPerBlock) throws IOException {
        Path p = dir.resolve(name);
        TsmTestFiles.write(fs, p, keys, pointsPerBlock);
        TsmReader r = TsmReader.open(fs, p);
        open.add(r);
        return r;
    }

    private Optional<TsmFileSummary> merge(List<TsmReader> inputs, DeletedRanges deleted, String output,
            int maxPointsPerBlock, boolean rawCopy) throws IOException {
        return TsmMerger.merge(fs, inputs, deleted, dir.resolve(output), maxPointsPerBlock, 0,
                WriteThrottle.unlimited(), () -> false, rawCopy);
    }

    private List<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Key key(String seriesKey, String field, FieldType type, long from, long count, long step,
            long valueBase) {
        TreeMap<Long, Object> points = new TreeMap<>();
        for (long i = 0; i < count; i++) {
            long t = from + i * step;
            points.put(t, switch (type) {
                case FLOAT -> Double.doubleToRawLongBits(valueBase + i * 0.5);
                case INTEGER, UNSIGNED -> valueBase + i;
                case BOOLEAN -> (valueBase + i) & 1;
                case STRING -> bytes("s" + valueBase + "-" + i);
            });
        }
        return new Key(seriesKey, field, type, points);
    }

    // ---------------------------------------------------------------- random inputs

    /** A key of the random inputs' pool: its usual type and the grid its times are on. */
    private record PoolKey(String seriesKey, String field, FieldType type, long base, long step, int grid) {
    }

    /**
     * Random inputs over a shared pool of keys whose times sit on per-key grids, so that inputs overlap and share
     * timestamps; now and then an input writes a key with another type. Windows are often dense, so that blocks are
     * full and can be copied.
     */
    static List<List<Key>> randomInputs(SplittableRandom rnd, int inputCount, int maxPointsPerKey) {
        List<PoolKey> pool = new ArrayList<>();
        TreeMap<String, Boolean> seen = new TreeMap<>();
        int poolSize = 1 + rnd.nextInt(10);
        for (int i = 0; i < poolSize; i++) {
            String s = TsmTestFiles.SERIES[rnd.nextInt(TsmTestFiles.SERIES.length)];
            String f = TsmTestFiles.FIELDS[rnd.nextInt(TsmTestFiles.FIELDS.length)];
            if (seen.put(s + "\u0000" + f, true) != null) {
                continue;
            }
            FieldType type = FieldType.values()[rnd.nextInt(FieldType.values().length)];
            pool.add(new PoolKey(s, f, type, rnd.nextLong(-(1L << 40), 1L << 40), 1 + rnd.nextLong(10_000_000_000L),
                    1 + rnd.nextInt(maxPointsPerKey * 2)));
        }
        List<List<Key>> inputs = new ArrayList<>();
        for (int i = 0; i < inputCount; i++) {
            TreeMap<Key, Key> keys = new TreeMap<>();
            for (PoolKey pk : pool) {
                if (rnd.nextInt(10) < 3) {
                    continue;
                }
                FieldType type = rnd.nextInt(12) == 0 ? FieldType.values()[rnd.nextInt(FieldType.values().length)]
                        : pk.type();
                int start = rnd.nextInt(pk.grid());
                int length = 1 + rnd.nextInt(Math.min(maxPointsPerKey, pk.grid() - start));
                int density = rnd.nextBoolean() ? 100 : 20 + rnd.nextInt(80);
                TreeMap<Long, Object> points = new TreeMap<>();
                for (int g = start; g < start + length; g++) {
                    if (rnd.nextInt(100) < density) {
                        points.put(pk.base() + g * pk.step(), randomValue(rnd, type, i));
                    }
                }
                if (!points.isEmpty()) {
                    Key k = new Key(pk.seriesKey(), pk.field(), type, points);
                    keys.put(k, k);
                }
            }
            inputs.add(new ArrayList<>(keys.keySet()));
        }
        return inputs;
    }

    private static Object randomValue(SplittableRandom rnd, FieldType type, int input) {
        return switch (type) {
            case FLOAT -> Double.doubleToRawLongBits(rnd.nextInt(20) == 0 ? -0.0 : input * 1000 + rnd.nextGaussian());
            case INTEGER -> rnd.nextInt(10) == 0 ? rnd.nextLong() : (long) rnd.nextInt(-100, 100) + input * 1000;
            case UNSIGNED -> rnd.nextBoolean() ? -1L - rnd.nextInt(5) : (long) rnd.nextInt(1000);
            case BOOLEAN -> (long) rnd.nextInt(2);
            case STRING -> bytes("input " + input + " value " + rnd.nextInt(5) + (rnd.nextInt(10) == 0 ? " é" : ""));
        };
    }

    /** Random deletions: a few ranges over some keys of some inputs, now and then a whole key or a whole input. */
    static Deletions randomDeletions(SplittableRandom rnd, List<List<Key>> inputs) {
        Deletions d = new Deletions();
        for (int i = 0; i < inputs.size(); i++) {
            boolean wholeInput = rnd.nextInt(15) == 0;
            for (Key k : inputs.get(i)) {
                int pick = rnd.nextInt(20);
                if (wholeInput || pick == 0) {
                    d.put(i, k.seriesKey(), k.field(), TimeRanges.ALL);
                } else if (pick < 5) {
                    long first = k.points().firstKey();
                    long span = Math.max(1, k.points().lastKey() - first);
                    int n = 1 + rnd.nextInt(3);
                    long[] pairs = new long[2 * n];
                    for (int j = 0; j < n; j++) {
                        long a = first - span / 10 + rnd.nextLong(span + span / 5);
                        pairs[2 * j] = a;
                        pairs[2 * j + 1] = a + rnd.nextLong(span / 3 + 1);
                    }
                    d.put(i, k.seriesKey(), k.field(), TimeRanges.normalize(pairs, n));
                }
            }
        }
        return d;
    }

    // ---------------------------------------------------------------- tests

    @Test
    void blocksAlsoEndAtPeriodBoundaries() throws IOException {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int rep = 0; rep < 20; rep++) {
            int inputCount = 1 + rnd.nextInt(3);
            List<List<Key>> contents = randomInputs(rnd, inputCount, 1 + rnd.nextInt(700));
            List<TsmReader> inputs = new ArrayList<>();
            for (int i = 0; i < inputCount; i++) {
                inputs.add(write("p-" + rep + "-" + i + ".tsm", contents.get(i), 1 + rnd.nextInt(100)));
            }
            List<Key> expected = expected(contents, new Deletions());
            int maxOut = 1 + rnd.nextInt(400);
            long period = 1 + rnd.nextLong(200_000_000_000L);
            String why = "rep " + rep + ", blocks of " + maxOut + " within periods of " + period + ", " + seed();
            Optional<TsmFileSummary> merged = TsmMerger.merge(fs, inputs, DeletedRanges.NONE,
                    dir.resolve("p-out-" + rep + ".tsm"), maxOut, period, WriteThrottle.unlimited(), () -> false, false);
            if (expected.isEmpty()) {
                assertThat(merged).as(why).isEmpty();
                continue;
            }
            TsmFileSummary out = merged.orElseThrow();
            try (TsmReader r = TsmReader.open(fs, out.path())) {
                r.verify();
                assertThat(describe(readAll(r))).as(why).containsExactlyElementsOf(describe(expected));
                TsmKeyCursor keys = r.keys();
                while (keys.next()) {
                    TsmBlockCursor blocks = keys.blocks(Long.MIN_VALUE, Long.MAX_VALUE);
                    long previousMax = 0;
                    int previousCount = -1;
                    while (blocks.next()) {
                        assertThat(Math.floorDiv(blocks.minTimeNanos(), period)).as("one period a block, %s", why)
                                .isEqualTo(Math.floorDiv(blocks.maxTimeNanos(), period));
                        assertThat(blocks.count()).as(why).isBetween(1, maxOut);
                        if (previousCount >= 0 && previousCount < maxOut) {
                            assertThat(Math.floorDiv(blocks.minTimeNanos(), period))
                                    .as("a short block ends its period, %s", why)
                                    .isGreaterThan(Math.floorDiv(previousMax, period));
                        }
                        previousMax = blocks.maxTimeNanos();
                        previousCount = blocks.count();
                    }
                }
            }
        }
    }

    @Test
    void randomMergesMatchTheModelWithAndWithoutRawCopies() throws IOException {
        SplittableRandom rnd = new SplittableRandom(SEED);
        int merged = 0;
        for (int rep = 0; rep < 60; rep++) {
            int inputCount = 1 + rnd.nextInt(6);
            List<List<Key>> contents = randomInputs(rnd, inputCount, 1 + rnd.nextInt(rnd.nextBoolean() ? 40 : 700));
            int maxOut = 1 + rnd.nextInt(rnd.nextBoolean() ? 10 : 300);
            List<TsmReader> inputs = new ArrayList<>();
            for (int i = 0; i < inputCount; i++) {
                // Often the output's block size, so that unchanged blocks can be copied.
                int perBlock = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(300) : maxOut;
                inputs.add(write("in-" + rep + "-" + i + ".tsm", contents.get(i), perBlock));
            }
            Deletions deletions = rnd.nextInt(3) == 0 ? new Deletions() : randomDeletions(rnd, contents);
            List<Key> expected = expected(contents, deletions);
            String why = "rep " + rep + ", " + inputCount + " inputs, blocks of " + maxOut + ", " + seed();
            for (boolean raw : new boolean[] {true, false}) {
                String name = "out-" + rep + "-" + raw + ".tsm";
                Optional<TsmFileSummary> out = merge(inputs, deletions, name, maxOut, raw);
                if (expected.isEmpty()) {
                    assertThat(out).as(why).isEmpty();
                    assertThat(fileNames()).as(why).doesNotContain(name, name + ".tmp");
                } else {
                    assertThat(out).as(why).isPresent();
                    assertMerged(fs, out.orElseThrow(), expected, maxOut, why + ", raw copies " + raw);
                    merged++;
                }
            }
        }
        assertThat(merged).as("merges with points, " + seed()).isGreaterThan(20);
    }

    @Test
    void inputsOfSeveralMegabytesMergeRightAndStillReadAfterward() throws IOException {
        // Random float bits barely compress: each input is a few megabytes, so the merge releases its pages in steps.
        SplittableRandom rnd = new SplittableRandom(SEED);
        List<List<Key>> contents = new ArrayList<>();
        for (int input = 0; input < 2; input++) {
            List<Key> keys = new ArrayList<>();
            for (int series = 0; series < 40; series++) {
                if (series % 3 == input) {
                    continue; // keys that only the other input holds, and keys both hold
                }
                TreeMap<Long, Object> points = new TreeMap<>();
                for (int i = 0; i < 12_000; i++) {
                    points.put(1_000L * (i * 2 + input), rnd.nextLong());
                }
                keys.add(new Key(String.format("cpu,host=h%02d", series), "v", FieldType.FLOAT, points));
            }
            contents.add(keys);
        }
        List<TsmReader> inputs = List.of(write("a.tsm", contents.get(0), 1000), write("b.tsm", contents.get(1), 1000));
        assertThat(inputs.get(0).sizeBytes()).as(seed()).isGreaterThan(2L << 20);
        Optional<TsmFileSummary> out = merge(inputs, new Deletions(), "out.tsm", 1000, false);
        assertMerged(fs, out.orElseThrow(), expected(contents, new Deletions()), 1000, seed());
        for (int i = 0; i < inputs.size(); i++) {
            assertThat(describe(readAll(inputs.get(i)))).as(seed()).containsExactlyElementsOf(describe(contents.get(i)));
        }
    }

    @Test
    void everyFieldTypeMergesWithDuplicatesResolvedByTheNewestInput() throws IOException {
        for (FieldType type : FieldType.values()) {
            // Input 0: times 0..2999; input 1: times 1000..3999 step 2, other values; input 2: 2500..2599.
            List<Key> in0 = List.of(key("m,t=" + type, "f", type, 0, 3000, 1, 0));
            List<Key> in1 = List.of(key("m,t=" + type, "f", type, 1000, 1500, 2, 7));
            List<Key> in2 = List.of(key("m,t=" + type, "f", type, 2500, 100, 1, 3));
            List<TsmReader> inputs = List.of(write("a-" + type + ".tsm", in0, 1000),
                    write("b-" + type + ".tsm", in1, 1000), write("c-" + type + ".tsm", in2, 1000));
            List<Key> expected = expected(List.of(in0, in1, in2), new Deletions());
            TsmFileSummary out = merge(inputs, DeletedRanges.NONE, "out-" + type + ".tsm", 1000, true).orElseThrow();
            assertMerged(fs, out, expected, 1000, type.toString());
            // Spot checks of the rule on the output itself: 1000 is input 1's, 1001 input 0's, 2500 input 2's.
            try (TsmReader r = TsmReader.open(fs, out.path())) {
                assertThat(valueAt(r, 1000)).isEqualTo(valueOf(in1, 1000));
                assertThat(valueAt(r, 1001)).isEqualTo(valueOf(in0, 1001));
                assertThat(valueAt(r, 2500)).isEqualTo(valueOf(in2, 2500));
                assertThat(valueAt(r, 2501)).isEqualTo(valueOf(in2, 2501));
            }
        }
    }

    private static String valueAt(TsmReader r, long t) {
        TsmKeyCursor keys = r.keys();
        assertThat(keys.next()).isTrue();
        TsmSeriesCursor c = keys.read(t, t);
        assertThat(c.next()).isTrue();
        return keys.type() == FieldType.STRING ? c.stringValue() : Long.toString(c.valueBits());
    }

    private static String valueOf(List<Key> input, long t) {
        Object v = input.getFirst().points().get(t);
        return v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : v.toString();
    }

    @Test
    void aKeyOfOneInputIsCopiedByteForByteAndReadsBack() throws IOException {
        // "cpu" only in input 0 (3 full blocks and a short last one); "mem" in both; "zzz" only in input 1.
        Key cpu = key("cpu,host=a", "usage", FieldType.FLOAT, 0, 3500, 10, 1);
        Key memOld = key("mem", "free", FieldType.INTEGER, 0, 1500, 10, 2);
        Key memNew = key("mem", "free", FieldType.INTEGER, 5, 1500, 10, 3);
        Key zzz = key("zzz", "s", FieldType.STRING, 100, 2000, 3, 4);
        List<Key> in0 = List.of(cpu, memOld);
        List<Key> in1 = List.of(memNew, zzz);
        List<TsmReader> inputs = List.of(write("a.tsm", in0, 1000), write("b.tsm", in1, 1000));
        TsmFileSummary out = merge(inputs, DeletedRanges.NONE, "out.tsm", 1000, true).orElseThrow();
        assertMerged(fs, out, expected(List.of(in0, in1), new Deletions()), 1000, "raw copies");
        try (TsmReader r = TsmReader.open(fs, out.path())) {
            assertThat(blockBytes(r, "cpu,host=a", "usage")).as("cpu copied byte for byte")
                    .isEqualTo(blockBytes(inputs.get(0), "cpu,host=a", "usage"));
            assertThat(blockBytes(r, "zzz", "s")).as("zzz copied byte for byte")
                    .isEqualTo(blockBytes(inputs.get(1), "zzz", "s"));
        }
        // The same merge without raw copies holds the same points.
        TsmFileSummary decoded = merge(inputs, DeletedRanges.NONE, "decoded.tsm", 1000, false).orElseThrow();
        assertMerged(fs, decoded, expected(List.of(in0, in1), new Deletions()), 1000, "decoded");
    }

    @Test
    void consecutiveFullBlocksOfDifferentInputsAreCopied() throws IOException {
        // Input 0 holds times 0..1999, input 1 times 2000..2999 of the same key: every block is full.
        Key older = key("cpu", "v", FieldType.INTEGER, 0, 2000, 1, 0);
        Key newer = key("cpu", "v", FieldType.INTEGER, 2000, 1000, 1, 5000);
        List<TsmReader> inputs = List.of(write("a.tsm", List.of(older), 1000), write("b.tsm", List.of(newer), 1000));
        TsmFileSummary out = merge(inputs, DeletedRanges.NONE, "out.tsm", 1000, true).orElseThrow();
        assertMerged(fs, out, expected(List.of(List.of(older), List.of(newer)), new Deletions()), 1000, "copied");
        try (TsmReader r = TsmReader.open(fs, out.path())) {
            List<String> expected = new ArrayList<>(blockBytes(inputs.get(0), "cpu", "v"));
            expected.addAll(blockBytes(inputs.get(1), "cpu", "v"));
            assertThat(blockBytes(r, "cpu", "v")).containsExactlyElementsOf(expected);
        }
    }

    /** The bytes of every block of a key, as stored, in hexadecimal. */
    private static List<String> blockBytes(TsmReader r, String seriesKey, String field) {
        List<String> out = new ArrayList<>();
        TsmBlockCursor blocks = r.blocks(bytes(seriesKey), field, Long.MIN_VALUE, Long.MAX_VALUE);
        while (blocks.next()) {
            out.add(HexFormat.of().formatHex(blocks.rawBytes().toArray(ValueLayout.JAVA_BYTE)));
        }
        return out;
    }

    @Test
    void theNewestTypeWinsAndOlderPointsOfAnotherTypeAreDropped() throws IOException {
        List<Key> in0 = List.of(key("cpu", "v", FieldType.INTEGER, 0, 100, 1, 0),
                key("disk", "v", FieldType.FLOAT, 0, 50, 1, 0));
        List<Key> in1 = List.of(key("cpu", "v", FieldType.FLOAT, 50, 100, 1, 1),
                key("disk", "v", FieldType.STRING, 10, 5, 1, 2));
        List<Key> in2 = List.of(key("cpu", "v", FieldType.INTEGER, 120, 10, 1, 2));
        List<TsmReader> inputs = List.of(write("a.tsm", in0, 7), write("b.tsm", in1, 7), write("c.tsm", in2, 7));
        TsmFileSummary out = merge(inputs, DeletedRanges.NONE, "out.tsm", 7, true).orElseThrow();
        List<Key> expected = expected(List.of(in0, in1, in2), new Deletions());
        assertMerged(fs, out, expected, 7, "type conflict");
        // cpu: integer, input 0's points 0..99 and input 2's 120..129, none of input 1's floats.
        assertThat(expected.get(0).type()).isEqualTo(FieldType.INTEGER);
        assertThat(expected.get(0).points().keySet()).hasSize(110).doesNotContain(100L, 119L);
        // disk: input 1's strings only.
        assertThat(expected.get(1).type()).isEqualTo(FieldType.STRING);
        assertThat(expected.get(1).points()).hasSize(5);
    }

    @Test
    void deletionsOfWholeKeysAndWholeInputs() throws IOException {
        List<Key> in0 = List.of(key("cpu", "v", FieldType.FLOAT, 0, 2500, 1, 0),
                key("mem", "v", FieldType.INTEGER, 0, 2500, 1, 0));
        List<Key> in1 = List.of(key("cpu", "v", FieldType.FLOAT, 1000, 2500, 1, 9),
                key("net", "v", FieldType.BOOLEAN, 0, 10, 1, 0));
        List<TsmReader> inputs = List.of(write("a.tsm", in0, 1000), write("b.tsm", in1, 1000));

        // cpu deleted from both inputs: only mem and net remain.
        Deletions cpuGone = new Deletions().put(0, "cpu", "v", TimeRanges.ALL).put(1, "cpu", "v", TimeRanges.ALL);
        TsmFileSummary out = merge(inputs, cpuGone, "no-cpu.tsm", 1000, true).orElseThrow();
        assertMerged(fs, out, expected(List.of(in0, in1), cpuGone), 1000, "cpu deleted");
        assertThat(out.keyCount()).isEqualTo(2);

        // Input 0 deleted wholly: the output is input 1.
        Deletions firstGone = new Deletions().put(0, "cpu", "v", TimeRanges.ALL).put(0, "mem", "v", TimeRanges.ALL);
        out = merge(inputs, firstGone, "no-first.tsm", 1000, true).orElseThrow();
        assertMerged(fs, out, in1, 1000, "input 0 deleted");

        // A partial range: a block of a key found in one input is decoded, the others still copied.
        Deletions partial = new Deletions().put(0, "mem", "v", new long[] {1500, 1600});
        out = merge(inputs, partial, "partial.tsm", 1000, true).orElseThrow();
        assertMerged(fs, out, expected(List.of(in0, in1), partial), 1000, "partial deletion");

        // Everything deleted: no file at all.
        DeletedRanges all = (input, seriesKey, field) -> TimeRanges.ALL;
        List<String> before = fileNames();
        assertThat(merge(inputs, all, "nothing.tsm", 1000, true)).isEmpty();
        assertThat(merge(inputs, all, "nothing.tsm", 1000, false)).isEmpty();
        assertThat(fileNames()).isEqualTo(before);
    }

    @Test
    void noInputsMergeToNothing() throws IOException {
        assertThat(merge(List.of(), DeletedRanges.NONE, "out.tsm", 1000, true)).isEmpty();
        assertThat(fileNames()).isEmpty();
    }

    @Test
    void aDamagedBlockFailsTheMergeNamingFileAndOffsetAndLeavesNoOutput() throws IOException {
        Key cpu = key("cpu", "v", FieldType.FLOAT, 0, 3000, 1, 0);
        Path clean = dir.resolve("clean.tsm");
        TsmTestFiles.write(fs, clean, List.of(cpu), 1000);
        long damagedBlock;
        try (TsmReader r = TsmReader.open(fs, clean)) {
            TsmBlockCursor blocks = r.blocks(bytes("cpu"), "v", Long.MIN_VALUE, Long.MAX_VALUE);
            blocks.next();
            blocks.next();
            damagedBlock = blocks.offset();
        }
        byte[] content = Files.readAllBytes(clean);
        content[(int) damagedBlock + 7] ^= 0x10;
        Path damaged = dir.resolve("damaged.tsm");
        Files.write(damaged, content);
        TsmReader bad = TsmReader.open(fs, damaged);
        open.add(bad);
        TsmReader other = write("other.tsm", List.of(key("cpu", "v", FieldType.FLOAT, 500, 3000, 1, 7)), 1000);
        List<String> before = fileNames();
        // Alone, its blocks would be copied; with the other input, decoded; and forced through decoding.
        for (List<TsmReader> inputs : List.of(List.of(bad), List.of(bad, other), List.of(other, bad))) {
            for (boolean raw : new boolean[] {true, false}) {
                assertThatThrownBy(() -> merge(inputs, DeletedRanges.NONE, "out.tsm", 1000, raw))
                        .isInstanceOf(CorruptionException.class)
                        .satisfies(e -> {
                            assertThat(((CorruptionException) e).file()).isEqualTo(damaged);
                            assertThat(((CorruptionException) e).offset()).isEqualTo(damagedBlock);
                        })
                        .hasMessageContaining("block checksum mismatch");
                assertThat(fileNames()).isEqualTo(before);
            }
        }
        // A damaged block whose points are all deleted is not needed: the merge goes on.
        Deletions skipDamaged = new Deletions().put(0, "cpu", "v", new long[] {1000, 1999});
        TsmFileSummary out = merge(List.of(bad), skipDamaged, "out.tsm", 1000, true).orElseThrow();
        assertMerged(fs, out, expected(List.of(List.of(cpu)), skipDamaged), 1000, "damaged block deleted");
    }

    @Test
    void randomDamageInBlocksIsNeverMergedSilently() throws IOException {
        SplittableRandom rnd = new SplittableRandom(SEED);
        int failed = 0;
        for (int rep = 0; rep < 25; rep++) {
            List<List<Key>> contents = randomInputs(rnd, 2, 300);
            for (int i = 0; i < 2; i++) {
                if (contents.get(i).isEmpty()) {
                    contents.set(i, List.of(key("cpu", "x", FieldType.INTEGER, 0, 50, 1, i)));
                }
            }
            int perBlock = 1 + rnd.nextInt(100);
            Path clean = dir.resolve("r" + rep + ".tsm");
            TsmTestFiles.write(fs, clean, contents.get(0), perBlock);
            TsmReader other = write("r" + rep + "-other.tsm", contents.get(1), perBlock);
            // Damage one byte of one block of input 0.
            List<long[]> blocks = new ArrayList<>();
            try (TsmReader r = TsmReader.open(fs, clean)) {
                TsmKeyCursor keys = r.keys();
                while (keys.next()) {
                    TsmBlockCursor b = keys.blocks(Long.MIN_VALUE, Long.MAX_VALUE);
                    while (b.next()) {
                        blocks.add(new long[] {b.offset(), b.sizeBytes()});
                    }
                }
            }
            long[] block = blocks.get(rnd.nextInt(blocks.size()));
            int at = (int) (block[0] + rnd.nextLong(block[1]));
            byte[] content = Files.readAllBytes(clean);
            content[at] ^= (byte) (1 + rnd.nextInt(255));
            Path damaged = dir.resolve("r" + rep + "-damaged.tsm");
            Files.write(damaged, content);
            TsmReader bad = TsmReader.open(fs, damaged);
            open.add(bad);
            boolean raw = rnd.nextBoolean();
            String output = "r" + rep + "-out.tsm";
            String why = "damage at " + at + ", raw copies " + raw + ", " + seed();
            try {
                // Only a key that the merge drops (of another type than in input 1) may hide the damage.
                TsmFileSummary out = merge(List.of(bad, other), DeletedRanges.NONE, output, perBlock, raw)
                        .orElseThrow();
                assertMerged(fs, out, expected(contents, new Deletions()), perBlock, why);
            } catch (CorruptionException e) {
                assertThat(e.file()).as(why).isEqualTo(damaged);
                assertThat(e.offset()).as(why).isBetween(block[0], (long) at);
                assertThat(fileNames()).as(why).doesNotContain(output, output + ".tmp");
                failed++;
            }
        }
        assertThat(failed).as("merges that found the damage, " + seed()).isGreaterThan(15);
    }

    @Test
    void cancellationStopsTheMergeAndLeavesNoFile() throws IOException {
        List<Key> in0 = List.of(key("cpu", "v", FieldType.FLOAT, 0, 5000, 1, 0),
                key("mem", "v", FieldType.INTEGER, 0, 5000, 1, 0));
        List<Key> in1 = List.of(key("cpu", "v", FieldType.FLOAT, 2500, 5000, 1, 1));
        List<TsmReader> inputs = List.of(write("a.tsm", in0, 1000), write("b.tsm", in1, 1000));
        List<String> before = fileNames();
        int completedAt = -1;
        for (int allowed = 0; completedAt < 0; allowed++) {
            AtomicInteger polls = new AtomicInteger();
            int limit = allowed;
            Path output = dir.resolve("out.tsm");
            try {
                Optional<TsmFileSummary> out = TsmMerger.merge(fs, inputs, DeletedRanges.NONE, output, 1000,
                        WriteThrottle.unlimited(), () -> polls.incrementAndGet() > limit);
                completedAt = allowed;
                assertMerged(fs, out.orElseThrow(), expected(List.of(in0, in1), new Deletions()), 1000, "done");
            } catch (CancellationException e) {
                assertThat(e).hasMessageContaining(output.toString());
                assertThat(fileNames()).isEqualTo(before);
            }
        }
        assertThat(completedAt).as("polls before the merge could complete").isGreaterThan(10);
    }

    @Test
    void theThrottleIsChargedForTheWholeOutput() throws IOException {
        // Random floats and strings: an output of several hundred kilobytes.
        SplittableRandom rnd = new SplittableRandom(SEED);
        List<Key> in0 = List.of(new Key("cpu", "v", FieldType.FLOAT, TsmTestFiles.randomPoints(rnd, FieldType.FLOAT,
                50_000)), new Key("mem", "v", FieldType.STRING, TsmTestFiles.randomPoints(rnd, FieldType.STRING,
                20_000)));
        List<Key> in1 = List.of(new Key("cpu", "v", FieldType.FLOAT, TsmTestFiles.randomPoints(rnd, FieldType.FLOAT,
                50_000)));
        List<TsmReader> inputs = List.of(write("a.tsm", in0, 1000), write("b.tsm", in1, 1000));
        AtomicLong charged = new AtomicLong();
        AtomicInteger calls = new AtomicInteger();
        TsmFileSummary out = TsmMerger.merge(fs, inputs, DeletedRanges.NONE, dir.resolve("out.tsm"), 1000,
                bytes -> {
                    assertThat(bytes).isNotNegative();
                    charged.addAndGet(bytes);
                    calls.incrementAndGet();
                }, () -> false).orElseThrow();
        int lastBlock;
        try (TsmReader r = TsmReader.open(fs, out.path())) {
            TsmBlockCursor b = r.blocks(bytes("mem"), "v", Long.MIN_VALUE, Long.MAX_VALUE);
            lastBlock = 0;
            while (b.next()) {
                lastBlock = b.sizeBytes();
            }
        }
        // All but the last block's bytes (encoded only when the file is finished), give or take the estimate of
        // the last key's index entry.
        assertThat(charged.get()).isBetween(out.sizeBytes() - lastBlock, out.sizeBytes() + 128);
        assertThat(calls.get()).as("charged as it goes, not at once, " + seed()).isGreaterThan(5);
    }

    @Test
    void anExistingOutputIsNeverOverwritten() throws IOException {
        TsmReader in = write("a.tsm", List.of(key("cpu", "v", FieldType.FLOAT, 0, 10, 1, 0)), 1000);
        Path output = dir.resolve("b.tsm");
        Files.write(output, bytes("not to be touched"));
        assertThatThrownBy(() -> merge(List.of(in), DeletedRanges.NONE, "b.tsm", 1000, true))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(output)).isEqualTo("not to be touched");
        assertThat(fileNames()).containsExactly("a.tsm", "b.tsm");
    }
}
