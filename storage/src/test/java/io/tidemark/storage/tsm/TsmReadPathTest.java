package io.tidemark.storage.tsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.FieldType;
import io.tidemark.storage.api.ForwardingSeriesCursor;
import io.tidemark.storage.api.SeriesCursor;
import io.tidemark.storage.tsm.TsmTestFiles.Key;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The read path's shortcuts serve what the plain path serves. {@link SeriesCursor#nextBatch} copies out exactly the
 * points {@link SeriesCursor#next()} serves, whether called alone, mixed with {@code next()} or with small batch
 * sizes, over random files, block sizes and time ranges; the interface's own default does the same for any cursor.
 * Cursors sharing a file's decoding state, and key lookups that start from the last key found, are checked too.
 * Randomized: re-run a failure with {@code -Dtests.seed=<seed>}.
 */
class TsmReadPathTest extends TsmFileTestBase {
    /** The points as "time=bits", one value at a time. */
    private static List<String> oneByOne(SeriesCursor c) {
        List<String> out = new ArrayList<>();
        while (c.next()) {
            out.add(c.timestamp() + "=" + bits(c));
        }
        return out;
    }

    private static long bits(SeriesCursor c) {
        return c.type() == FieldType.FLOAT ? Double.doubleToRawLongBits(c.floatValue()) : c.longValue();
    }

    /** The points as "time=bits", in batches of random sizes, with a next() now and then. */
    private static List<String> batched(SeriesCursor c, SplittableRandom rnd) {
        List<String> out = new ArrayList<>();
        long[] times = new long[64];
        long[] values = new long[64];
        while (true) {
            if (rnd.nextInt(4) == 0) {
                if (!c.next()) {
                    assertThat(c.nextBatch(times, values, 64)).as("exhausted").isZero();
                    return out;
                }
                out.add(c.timestamp() + "=" + bits(c));
                continue;
            }
            int max = 1 + rnd.nextInt(64);
            int n = c.nextBatch(times, values, max);
            assertThat(n).isBetween(0, max);
            if (n == 0) {
                assertThat(c.next()).as("exhausted").isFalse();
                return out;
            }
            for (int i = 0; i < n; i++) {
                out.add(times[i] + "=" + values[i]);
            }
        }
    }

    /** The interface's default, over a cursor that does not override it. */
    private static SeriesCursor withoutOverride(SeriesCursor c) {
        return new ForwardingSeriesCursor(c) {
        };
    }

    @Test
    void batchesServeWhatNextServes() throws IOException {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int file = 0; file < 15; file++) {
            TsmTestFiles.RandomFile random = TsmTestFiles.writeRandom(fs, dir, rnd, file);
            List<Key> keys = random.keys();
            int perBlock = random.pointsPerBlock();
            try (TsmReader r = TsmReader.open(fs, random.path())) {
                for (Key k : keys) {
                    if (k.type() == FieldType.STRING || k.type() == FieldType.BOOLEAN) {
                        continue;
                    }
                    long first = k.points().firstKey();
                    long last = k.points().lastKey();
                    for (int i = 0; i < 5; i++) {
                        long a = first + (long) ((last - (double) first) * rnd.nextDouble());
                        long b = first + (long) ((last - (double) first) * rnd.nextDouble());
                        long min = i == 0 ? Long.MIN_VALUE : Math.min(a, b);
                        long max = i == 0 ? Long.MAX_VALUE : Math.max(a, b);
                        List<String> want = oneByOne(r.read(k.seriesKeyBytes(), k.field(), min, max));
                        assertThat(want).hasSize(k.points().subMap(min, true, max, true).size());
                        assertThat(batched(r.read(k.seriesKeyBytes(), k.field(), min, max), rnd))
                                .as("%s %s in [%d, %d], %d per block, seed %d", k.seriesKey(), k.field(), min, max,
                                        perBlock, SEED)
                                .containsExactlyElementsOf(want);
                        assertThat(batched(withoutOverride(r.read(k.seriesKeyBytes(), k.field(), min, max)), rnd))
                                .as("default, seed %d", SEED).containsExactlyElementsOf(want);
                    }
                }
            }
        }
    }

    /**
     * Reads with jumps ahead ({@link SeriesCursor#nextBatchFrom}, by the override that skips blocks and by the
     * interface's default) mixed with batches: each call serves the next points {@code next()} would serve from the
     * first at or after its time.
     */
    @Test
    void jumpsServeWhatSteppingServes() throws IOException {
        SplittableRandom rnd = new SplittableRandom(SEED);
        long[] times = new long[64];
        long[] values = new long[64];
        for (int file = 0; file < 10; file++) {
            TsmTestFiles.RandomFile random = TsmTestFiles.writeRandom(fs, dir, rnd, file);
            try (TsmReader r = TsmReader.open(fs, random.path())) {
                for (Key k : random.keys()) {
                    if (k.type() == FieldType.STRING || k.type() == FieldType.BOOLEAN) {
                        continue;
                    }
                    long first = k.points().firstKey();
                    long last = k.points().lastKey();
                    long a = first + (long) ((last - (double) first) * rnd.nextDouble());
                    long min = rnd.nextBoolean() ? Long.MIN_VALUE : a;
                    long max = Long.MAX_VALUE;
                    List<String> want = oneByOne(r.read(k.seriesKeyBytes(), k.field(), min, max));
                    List<Long> wantTimes = want.stream().map(v -> Long.parseLong(v.split("=")[0])).toList();
                    for (boolean overridden : new boolean[] {true, false}) {
                        SeriesCursor c = r.read(k.seriesKeyBytes(), k.field(), min, max);
                        if (!overridden) {
                            c = withoutOverride(c);
                        }
                        int at = 0;
                        while (true) {
                            int size = 1 + rnd.nextInt(64);
                            int n;
                            if (rnd.nextBoolean()) {
                                long target = at < wantTimes.size() ? wantTimes.get(Math.min(wantTimes.size() - 1,
                                        at + rnd.nextInt(3000))) + rnd.nextInt(3) - 1 : last + 1;
                                while (at < wantTimes.size() && wantTimes.get(at) < target) {
                                    at++;
                                }
                                n = c.nextBatchFrom(target, times, values, size);
                            } else {
                                n = c.nextBatch(times, values, size);
                            }
                            assertThat(n).as("seed %d", SEED).isBetween(at < want.size() ? 1 : 0,
                                    Math.min(size, want.size() - at));
                            for (int i = 0; i < n; i++) {
                                assertThat(times[i] + "=" + values[i]).as("%s %s from %d, overridden %s, seed %d",
                                        k.seriesKey(), k.field(), min, overridden, SEED).isEqualTo(want.get(at + i));
                            }
                            at += n;
                            if (n == 0) {
                                break;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Cursors of one file share a spare decoding state: one that is exhausted hands it on while others are still
     * reading; interleaved reads of several cursors, in both directions, each still see their own points.
     */
    @Test
    void interleavedCursorsOfOneFileKeepTheirOwnBlocks() throws IOException {
        SplittableRandom rnd = new SplittableRandom(SEED);
        List<Key> keys = TsmTestFiles.randomKeys(rnd, 10, 2000);
        Path p = dir.resolve("interleaved" + TsmFormat.EXTENSION);
        TsmTestFiles.write(fs, p, keys, 1 + rnd.nextInt(100));
        try (TsmReader r = TsmReader.open(fs, p)) {
            List<Key> numeric = keys.stream()
                    .filter(k -> k.type() != FieldType.STRING && k.type() != FieldType.BOOLEAN).toList();
            for (int round = 0; round < 20 && !numeric.isEmpty(); round++) {
                int n = 1 + rnd.nextInt(4);
                List<SeriesCursor> cursors = new ArrayList<>();
                List<List<String>> got = new ArrayList<>();
                List<List<String>> want = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    Key k = numeric.get(rnd.nextInt(numeric.size()));
                    want.add(oneByOne(r.read(k.seriesKeyBytes(), k.field(), Long.MIN_VALUE, Long.MAX_VALUE)));
                    cursors.add(rnd.nextBoolean() ? r.read(k.seriesKeyBytes(), k.field(), Long.MIN_VALUE,
                            Long.MAX_VALUE) : r.readDescending(k.seriesKeyBytes(), k.field(), Long.MIN_VALUE,
                            Long.MAX_VALUE));
                    got.add(new ArrayList<>());
                }
                boolean any = true;
                while (any) {
                    any = false;
                    for (int i = 0; i < n; i++) {
                        SeriesCursor c = cursors.get(i);
                        if (c != null && c.next()) {
                            got.get(i).add(c.timestamp() + "=" + bits(c));
                            any = true;
                        } else {
                            cursors.set(i, null);
                        }
                    }
                }
                for (int i = 0; i < n; i++) {
                    List<String> expected = new ArrayList<>(want.get(i));
                    List<String> actual = got.get(i);
                    if (!actual.isEmpty() && !expected.isEmpty() && !actual.getFirst().equals(expected.getFirst())) {
                        expected = expected.reversed();
                    }
                    assertThat(actual).as("cursor %d of round %d, seed %d", i, round, SEED)
                            .containsExactlyElementsOf(expected);
                }
            }
        }
    }

    /**
     * Key lookups start from the last key found (see TsmReader.find): whatever the order of the lookups (index
     * order, reverse, random, with absent keys between), each finds exactly the keys the file has.
     */
    @Test
    void theFirstPointOfABlockStartingInTheRangeComesFromItsIndexEntry() throws IOException {
        Path p = dir.resolve("first" + TsmFormat.EXTENSION);
        byte[] key = "cpu,host=a".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (TsmWriter w = TsmWriter.create(fs, p, 4)) {
            w.beginKey(key, "idle", FieldType.FLOAT);
            for (int i = 0; i < 10; i++) {
                w.append(i * 10L, Double.doubleToRawLongBits(i * 1.5));
            }
            w.beginKey(key, "status", FieldType.STRING);
            for (int i = 0; i < 10; i++) {
                w.appendString(i * 10L, ("ok " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            w.finish();
        }
        try (TsmReader r = TsmReader.open(fs, p)) {
            TsmSeriesCursor c = r.read(key, "idle", Long.MIN_VALUE, Long.MAX_VALUE);
            assertThat(c.next()).isTrue();
            assertThat(c.timestamp()).isZero();
            assertThat(c.floatValue()).isEqualTo(0.0);
            assertThat(c.blocksDecoded()).as("the earliest point needs no decoding").isZero();
            assertThat(c.next()).isTrue();
            assertThat(c.timestamp()).isEqualTo(10);
            assertThat(c.floatValue()).isEqualTo(1.5);
            assertThat(c.blocksDecoded()).isEqualTo(1);
            assertThat(oneByOne(c)).hasSize(8);
            assertThat(c.blocksDecoded()).as("a scan decodes the blocks after the first").isEqualTo(3);

            // Batches: the first holds the indexed point alone, the next goes on after it in the decoded block.
            TsmSeriesCursor batched = r.read(key, "idle", 40, Long.MAX_VALUE);
            long[] times = new long[16];
            long[] values = new long[16];
            assertThat(batched.nextBatch(times, values, 16)).isEqualTo(1);
            assertThat(times[0]).isEqualTo(40);
            assertThat(Double.longBitsToDouble(values[0])).isEqualTo(6.0);
            assertThat(batched.blocksDecoded()).isZero();
            assertThat(batched.nextBatch(times, values, 16)).isEqualTo(3);
            assertThat(times).startsWith(50, 60, 70);
            // A jump to a block's start is served from its index entry too; one inside a block decodes it.
            TsmSeriesCursor jump = r.read(key, "idle", Long.MIN_VALUE, Long.MAX_VALUE);
            assertThat(jump.nextBatchFrom(80, times, values, 16)).isEqualTo(1);
            assertThat(times[0]).isEqualTo(80);
            assertThat(jump.blocksDecoded()).isZero();
            assertThat(jump.nextBatchFrom(90, times, values, 16)).isEqualTo(1);
            assertThat(times[0]).isEqualTo(90);
            assertThat(jump.blocksDecoded()).isEqualTo(1);
            TsmSeriesCursor inside = r.read(key, "idle", 15, Long.MAX_VALUE);
            assertThat(inside.next()).isTrue();
            assertThat(inside.timestamp()).isEqualTo(20);
            assertThat(inside.blocksDecoded()).as("the range starts inside the block").isEqualTo(1);

            TsmSeriesCursor status = r.read(key, "status", Long.MIN_VALUE, Long.MAX_VALUE);
            assertThat(status.next()).isTrue();
            assertThat(status.stringValue()).isEqualTo("ok 0");
            assertThat(status.blocksDecoded()).as("strings have no value statistics").isEqualTo(1);
        }
    }

    @Test
    void lookupsInAnyOrderFindExactlyTheFilesKeys() throws IOException {
        SplittableRandom rnd = new SplittableRandom(SEED);
        Path p = dir.resolve("lookups" + TsmFormat.EXTENSION);
        List<String> series = new ArrayList<>();
        try (TsmWriter w = TsmWriter.create(fs, p, 100)) {
            for (int i = 0; i < 300; i++) {
                String key = String.format("cpu,host=h%04d", i * 2);
                series.add(key);
                for (String field : List.of("a", "c", "e")) {
                    w.beginKey(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), field, FieldType.INTEGER);
                    w.append(1_000L * i, i);
                }
            }
            w.finish();
        }
        List<String[]> lookups = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            for (String field : List.of("a", "b", "c", "e", "f")) {
                lookups.add(new String[] {String.format("cpu,host=h%04d", i), field});
            }
        }
        List<List<String[]>> orders = List.of(lookups, lookups.reversed(), shuffled(lookups, rnd));
        try (TsmReader r = TsmReader.open(fs, p)) {
            for (List<String[]> order : orders) {
                for (String[] l : order) {
                    boolean present = series.contains(l[0]) && !l[1].equals("b") && !l[1].equals("f");
                    SeriesCursor c = r.readIfPresent(l[0].getBytes(java.nio.charset.StandardCharsets.UTF_8), l[1],
                            Long.MIN_VALUE, Long.MAX_VALUE);
                    assertThat(c != null).as("%s %s, seed %d", l[0], l[1], SEED).isEqualTo(present);
                    if (present) {
                        assertThat(c.next()).isTrue();
                        assertThat(c.longValue()).isEqualTo(Integer.parseInt(l[0].substring(10)) / 2);
                    }
                }
            }
        }
    }

    private static List<String[]> shuffled(List<String[]> list, SplittableRandom rnd) {
        List<String[]> out = new ArrayList<>(list);
        for (int i = out.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            String[] t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }
}
