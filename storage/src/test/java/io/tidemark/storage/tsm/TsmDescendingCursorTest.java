package io.tidemark.storage.tsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.FieldType;
import io.tidemark.storage.api.SeriesCursor;
import io.tidemark.storage.tsm.TsmTestFiles.Key;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link TsmReader#readDescending} serves the points {@link TsmReader#read} serves, latest first, decoding blocks
 * only as it reaches them, and skips a damaged block the way the ascending cursor does. Randomized: re-run a
 * failure with {@code -Dtests.seed=<seed>}.
 */
class TsmDescendingCursorTest extends TsmFileTestBase {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The points as "time=value" strings; values as bits, strings as text. */
    private static List<String> drain(SeriesCursor c) {
        List<String> out = new ArrayList<>();
        while (c.next()) {
            out.add(c.timestamp() + "=" + (c.type() == FieldType.STRING ? c.stringValue() : switch (c.type()) {
                case FLOAT -> Long.toString(Double.doubleToRawLongBits(c.floatValue()));
                case BOOLEAN -> c.booleanValue() ? "1" : "0";
                default -> Long.toString(c.longValue());
            }));
        }
        assertThat(c.next()).as("stays exhausted").isFalse();
        return out;
    }

    private static List<String> expected(Key k, long min, long max) {
        List<String> out = new ArrayList<>();
        if (min > max) {
            return out;
        }
        for (Map.Entry<Long, Object> e : k.points().subMap(min, true, max, true).descendingMap().entrySet()) {
            out.add(e.getKey() + "=" + (k.type() == FieldType.STRING
                    ? new String((byte[]) e.getValue(), StandardCharsets.UTF_8) : e.getValue().toString()));
        }
        return out;
    }

    private static long timeNear(SplittableRandom rnd, Key k) {
        long first = k.points().firstKey();
        long last = k.points().lastKey();
        return switch (rnd.nextInt(4)) {
            case 0 -> k.points().keySet().stream().skip(rnd.nextInt(k.points().size())).findFirst().orElseThrow();
            case 1 -> first - 1 - rnd.nextInt(10);
            case 2 -> last + rnd.nextInt(10);
            default -> first + (long) ((last - (double) first) * rnd.nextDouble());
        };
    }

    @Test
    void randomFilesReadBackLatestFirst() throws IOException {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int file = 0; file < 20; file++) {
            TsmTestFiles.RandomFile random = TsmTestFiles.writeRandom(fs, dir, rnd, file);
            List<Key> keys = random.keys();
            try (TsmReader r = TsmReader.open(fs, random.path())) {
                for (Key k : keys) {
                    List<long[]> ranges = new ArrayList<>();
                    ranges.add(new long[] {Long.MIN_VALUE, Long.MAX_VALUE});
                    ranges.add(new long[] {k.points().lastKey(), k.points().lastKey()});
                    ranges.add(new long[] {k.points().lastKey() + 1, Long.MAX_VALUE});
                    for (int i = 0; i < 6; i++) {
                        long a = timeNear(rnd, k);
                        long b = timeNear(rnd, k);
                        ranges.add(new long[] {Math.min(a, b), Math.max(a, b)});
                    }
                    ranges.add(new long[] {10, 5});
                    for (long[] range : ranges) {
                        TsmDescendingCursor c = r.readDescending(k.seriesKeyBytes(), k.field(), range[0], range[1]);
                        assertThat(c.type()).isEqualTo(k.type());
                        long bound = c.maxTimeBound();
                        List<String> want = expected(k, range[0], range[1]);
                        if (!want.isEmpty()) {
                            assertThat(bound).as("bound, seed %d", SEED)
                                    .isBetween(Long.parseLong(want.getFirst().split("=")[0]), range[1]);
                        }
                        if (range[1] >= k.points().lastKey() && range[0] <= k.points().lastKey()) {
                            assertThat(bound).isEqualTo(k.points().lastKey());
                        }
                        assertThat(drain(c)).as("%s %s in [%d, %d], seed %d", k.seriesKey(), k.field(), range[0],
                                range[1], SEED).containsExactlyElementsOf(expected(k, range[0], range[1]));
                        assertThat(c.failure()).isNull();
                        List<String> ascending = drain(r.read(k.seriesKeyBytes(), k.field(), range[0], range[1]));
                        assertThat(drain(r.readDescending(k.seriesKeyBytes(), k.field(), range[0], range[1])))
                                .containsExactlyElementsOf(ascending.reversed());
                    }
                    TsmDescendingCursor present = r.readDescendingIfPresent(k.seriesKeyBytes(), k.field(),
                            Long.MIN_VALUE, Long.MAX_VALUE);
                    assertThat(present).isNotNull();
                    assertThat(drain(present)).containsExactlyElementsOf(expected(k, Long.MIN_VALUE,
                            Long.MAX_VALUE));
                }
                assertThat(r.readDescendingIfPresent(bytes("cpu,host=absent"), "usage", Long.MIN_VALUE,
                        Long.MAX_VALUE)).isNull();
                TsmDescendingCursor absent = r.readDescending(bytes("cpu,host=absent"), "usage", Long.MIN_VALUE,
                        Long.MAX_VALUE);
                assertThat(absent.next()).isFalse();
                assertThat(absent.type()).isEqualTo(FieldType.FLOAT);
            }
        }
    }

    /** Ten float points at 0 s, 10 s, ... 90 s in blocks of four: [0, 30], [40, 70], [80, 90]. */
    private Path tenPoints() throws IOException {
        Path p = dir.resolve("ten.tsm");
        try (TsmWriter w = TsmWriter.create(fs, p, 4)) {
            w.beginKey(bytes("cpu,host=a"), "idle", FieldType.FLOAT);
            for (int i = 0; i < 10; i++) {
                w.append(i * 10_000_000_000L, Double.doubleToRawLongBits(i * 1.5));
            }
            w.finish();
        }
        return p;
    }

    /** A copy of the file with a byte flipped in the given block (0 = first). */
    private Path damageBlock(Path p, int block) throws IOException {
        long offset = blockOffset(p, block);
        byte[] content = Files.readAllBytes(p);
        content[(int) offset + 7] ^= 0x10;
        Path damaged = dir.resolve("damaged-" + block + ".tsm");
        Files.write(damaged, content);
        return damaged;
    }

    /** Where the given block (0 = first) of cpu,host=a idle starts in the file. */
    private long blockOffset(Path p, int block) throws IOException {
        try (TsmReader r = TsmReader.open(fs, p)) {
            TsmBlockCursor blocks = r.blocks(bytes("cpu,host=a"), "idle", Long.MIN_VALUE, Long.MAX_VALUE);
            for (int i = 0; i <= block; i++) {
                blocks.next();
            }
            return blocks.offset();
        }
    }

    private static List<Double> values(SeriesCursor c) {
        List<Double> out = new ArrayList<>();
        while (c.next()) {
            out.add(c.floatValue());
        }
        return out;
    }

    @Test
    void aDamagedBlockIsSkippedAndReported() throws IOException {
        Path damaged = damageBlock(tenPoints(), 1);
        try (TsmReader r = TsmReader.open(fs, damaged)) {
            TsmDescendingCursor all = r.readDescending(bytes("cpu,host=a"), "idle", Long.MIN_VALUE, Long.MAX_VALUE);
            assertThat(values(all)).containsExactly(13.5, 12.0, 4.5, 3.0, 1.5, 0.0);
            assertThat(all.failure()).isNotNull();
            assertThat(all.failure().file()).isEqualTo(damaged);
            assertThat(all.failure()).hasMessageContaining("block checksum mismatch");
            // The ascending cursor skips the same block and locates it at the same offset.
            TsmSeriesCursor ascending = r.read(bytes("cpu,host=a"), "idle", Long.MIN_VALUE, Long.MAX_VALUE);
            assertThat(values(ascending)).containsExactly(0.0, 1.5, 3.0, 4.5, 12.0, 13.5);
            assertThat(all.failure().offset()).isEqualTo(ascending.failure().offset());
            // A range that avoids the damaged block reads without failure.
            TsmDescendingCursor late = r.readDescending(bytes("cpu,host=a"), "idle", 75_000_000_000L,
                    Long.MAX_VALUE);
            assertThat(values(late)).containsExactly(13.5, 12.0);
            assertThat(late.failure()).isNull();
        }
    }

    @Test
    void aDamagedLastBlockIsSkippedAndReportedByEveryReadOfTheLatestPoint() throws IOException {
        Path damaged = damageBlock(tenPoints(), 2);
        try (TsmReader r = TsmReader.open(fs, damaged)) {
            for (int read = 0; read < 3; read++) {
                TsmDescendingCursor c = r.readDescending(bytes("cpu,host=a"), "idle", Long.MIN_VALUE,
                        Long.MAX_VALUE);
                assertThat(c.next()).isTrue();
                assertThat(c.floatValue()).as("read %d: the latest point of the intact block before", read)
                        .isEqualTo(10.5);
                assertThat(c.failure()).as("read %d", read).isNotNull();
                assertThat(c.failure()).hasMessageContaining("block checksum mismatch");
            }
        }
    }

    @Test
    void aBlockVerifiedOnceIsNotVerifiedAgainForItsLatestPointButEveryDecodeVerifiesIt() throws IOException {
        Path p = tenPoints();
        long lastBlock = blockOffset(p, 2);
        try (TsmReader r = TsmReader.open(fs, p)) {
            TsmDescendingCursor first = r.readDescending(bytes("cpu,host=a"), "idle", Long.MIN_VALUE, Long.MAX_VALUE);
            assertThat(first.next()).isTrue();
            assertThat(first.floatValue()).isEqualTo(13.5);
            assertThat(first.failure()).isNull();
            // The block is damaged on disk after the read verified it; the mapping sees the change.
            try (var file = new java.io.RandomAccessFile(p.toFile(), "rw")) {
                file.seek(lastBlock + 7);
                int b = file.read();
                file.seek(lastBlock + 7);
                file.write(b ^ 0x10);
            }
            // The latest point comes from the index entry, which the damage did not touch: served as before.
            TsmDescendingCursor again = r.readDescending(bytes("cpu,host=a"), "idle", Long.MIN_VALUE, Long.MAX_VALUE);
            assertThat(again.next()).isTrue();
            assertThat(again.floatValue()).isEqualTo(13.5);
            assertThat(again.failure()).isNull();
            // Reading on decodes the block: the damage is found, and the block skipped.
            assertThat(values(again)).containsExactly(10.5, 9.0, 7.5, 6.0, 4.5, 3.0, 1.5, 0.0);
            assertThat(again.failure()).isNotNull();
            assertThat(again.failure().offset()).isEqualTo(lastBlock);
            TsmSeriesCursor ascending = r.read(bytes("cpu,host=a"), "idle", Long.MIN_VALUE, Long.MAX_VALUE);
            assertThat(values(ascending)).containsExactly(0.0, 1.5, 3.0, 4.5, 6.0, 7.5, 9.0, 10.5);
            assertThat(ascending.failure()).isNotNull();
        }
    }

    @Test
    void theLatestPointsDecodeOnlyTheBlocksTheyAreIn() throws IOException {
        // The first block is damaged: reading the latest points never reaches it.
        Path damaged = damageBlock(tenPoints(), 0);
        try (TsmReader r = TsmReader.open(fs, damaged)) {
            TsmDescendingCursor c = r.readDescending(bytes("cpu,host=a"), "idle", Long.MIN_VALUE, Long.MAX_VALUE);
            List<Double> latest = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                assertThat(c.next()).isTrue();
                latest.add(c.floatValue());
            }
            assertThat(latest).containsExactly(13.5, 12.0, 10.5, 9.0, 7.5, 6.0);
            assertThat(c.failure()).as("the damaged first block was not decoded yet").isNull();
            assertThat(c.next()).isFalse();
            assertThat(c.failure()).isNotNull();
        }
    }

    @Test
    void theLastPointOfABlockEndingInTheRangeComesFromItsIndexEntry() throws IOException {
        Path p = dir.resolve("stats.tsm");
        try (TsmWriter w = TsmWriter.create(fs, p, 4)) {
            w.beginKey(bytes("cpu,host=a"), "idle", FieldType.FLOAT);
            for (int i = 0; i < 10; i++) {
                w.append(i * 10L, Double.doubleToRawLongBits(i * 1.5));
            }
            w.beginKey(bytes("cpu,host=a"), "status", FieldType.STRING);
            for (int i = 0; i < 10; i++) {
                w.appendString(i * 10L, bytes("ok " + i));
            }
            w.finish();
        }
        try (TsmReader r = TsmReader.open(fs, p)) {
            TsmDescendingCursor c = r.readDescending(bytes("cpu,host=a"), "idle", Long.MIN_VALUE, Long.MAX_VALUE);
            assertThat(c.next()).isTrue();
            assertThat(c.timestamp()).isEqualTo(90);
            assertThat(c.floatValue()).isEqualTo(13.5);
            assertThat(c.blocksDecoded()).as("the latest point needs no decoding").isZero();
            assertThat(c.next()).isTrue();
            assertThat(c.timestamp()).isEqualTo(80);
            assertThat(c.floatValue()).isEqualTo(12.0);
            assertThat(c.blocksDecoded()).isEqualTo(1);
            assertThat(values(c)).containsExactly(10.5, 9.0, 7.5, 6.0, 4.5, 3.0, 1.5, 0.0);
            assertThat(c.blocksDecoded()).isEqualTo(3);
            // A range that ends inside the last block: its latest point must be decoded.
            TsmDescendingCursor cut = r.readDescending(bytes("cpu,host=a"), "idle", Long.MIN_VALUE, 85);
            assertThat(cut.next()).isTrue();
            assertThat(cut.timestamp()).isEqualTo(80);
            assertThat(cut.blocksDecoded()).isEqualTo(1);
            // A range that ends with a block: the block before it is entered through its index entry.
            TsmDescendingCursor inner = r.readDescending(bytes("cpu,host=a"), "idle", 35, 70);
            assertThat(values(inner)).containsExactly(10.5, 9.0, 7.5, 6.0);
            TsmDescendingCursor tail = r.readDescending(bytes("cpu,host=a"), "idle", 30, 75);
            assertThat(tail.next()).isTrue();
            assertThat(tail.timestamp()).isEqualTo(70);
            assertThat(tail.blocksDecoded()).isZero();
            assertThat(values(tail)).containsExactly(9.0, 7.5, 6.0, 4.5);
            // Strings have no value statistics.
            TsmDescendingCursor status = r.readDescending(bytes("cpu,host=a"), "status", Long.MIN_VALUE,
                    Long.MAX_VALUE);
            assertThat(status.next()).isTrue();
            assertThat(status.stringValue()).isEqualTo("ok 9");
            assertThat(status.blocksDecoded()).isEqualTo(1);
        }
    }

    @Test
    void aDamagedLastBlockLeavesTheEarlierOnesReadable() throws IOException {
        Path damaged = damageBlock(tenPoints(), 2);
        try (TsmReader r = TsmReader.open(fs, damaged)) {
            TsmDescendingCursor c = r.readDescending(bytes("cpu,host=a"), "idle", Long.MIN_VALUE, Long.MAX_VALUE);
            assertThat(c.next()).isTrue();
            assertThat(c.timestamp()).isEqualTo(70_000_000_000L);
            assertThat(c.failure()).as("known as soon as it was skipped").isNotNull();
            assertThat(values(c)).containsExactly(9.0, 7.5, 6.0, 4.5, 3.0, 1.5, 0.0);
        }
    }
}
