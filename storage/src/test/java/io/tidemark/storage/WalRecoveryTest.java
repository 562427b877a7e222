package io.tidemark.storage;

import static io.tidemark.storage.Lines.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.api.PointBatch;
import io.tidemark.storage.api.PointBatchReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Replay of the WAL on open: rollover, torn tails, corruption. Writes one point per batch: v = timestamp. */
class WalRecoveryTest extends StoreTestSupport {
    /** Enough one-point batches for at least three 4 KiB segments. */
    private static final int MANY = 700;

    @Override
    StoreConfig config() {
        return super.config().withWalSegmentSizeBytes(4096);
    }

    /** An entry found in a segment by reading the file as the format describes it. */
    record Entry(long offset, int framedLength, List<Long> timestamps) {
    }

    static List<Entry> entries(Path segment) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(segment));
        List<Entry> out = new ArrayList<>();
        int pos = 8;
        while (pos + 9 <= b.limit()) {
            int len = b.getInt(pos);
            PointBatch batch = PointBatch.parse(b.array(), pos + 9, len);
            PointBatchReader r = new PointBatchReader().of(batch);
            List<Long> ts = new ArrayList<>();
            while (r.nextPoint()) {
                ts.add(r.timestamp());
            }
            out.add(new Entry(pos, 9 + len, ts));
            pos += 9 + len;
        }
        return out;
    }

    private Store storeWith(long points) throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        for (long t = 1; t <= points; t++) {
            store.write(1, batch("m v=" + t + "i " + t));
        }
        return store;
    }

    private static List<String> expected(LongStream timestamps) {
        return timestamps.mapToObj(t -> t + "=" + t + "i").toList();
    }

    @Test
    void entriesRoundTripAcrossSegmentRollover() throws Exception {
        Store store = storeWith(MANY);
        List<Path> segments = segments("db", "rp", 1);
        assertThat(segments).hasSizeGreaterThan(2);
        for (Path p : segments.subList(0, segments.size() - 1)) {
            assertThat(Files.size(p)).isLessThanOrEqualTo(4096);
        }
        store = reopen(store);
        assertThat(values(store, 1, "m", "v")).isEqualTo(expected(LongStream.rangeClosed(1, MANY)));
        assertThat(store.recoveryReport().entriesReplayed()).isEqualTo(MANY);
        assertThat(store.recoveryReport().isClean()).isTrue();
        assertThat(store.recoveryReport().truncatedSegments()).isEmpty();
    }

    @Test
    void aBatchLargerThanASegmentGetsASegmentOfItsOwn() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        String[] lines = new String[400];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = "m,host=h" + i + " v=" + i + "i " + i;
        }
        store.write(1, batch(lines));
        store.write(1, batch("m,host=h1 v=-1i 1000"));
        store = reopen(store);
        assertThat(values(store, 1, "m,host=h399", "v")).containsExactly("399=399i");
        assertThat(values(store, 1, "m,host=h1", "v")).containsExactly("1=1i", "1000=-1i");
    }

    @Test
    void aShortTornTailIsTruncated() throws Exception {
        Store store = storeWith(10);
        store.close();
        Path last = segments("db", "rp", 1).getLast();
        long size = Files.size(last);
        // A crash in the middle of appending an entry: its header and part of its payload reached the disk.
        Files.write(last, new byte[] {0, 0, 0, 40, 1, 2, 3, 4, 1, 1, 1, 0}, StandardOpenOption.APPEND);
        store = open();
        assertThat(values(store, 1, "m", "v")).isEqualTo(expected(LongStream.rangeClosed(1, 10)));
        assertThat(store.recoveryReport().truncatedSegments()).containsExactly(last);
        assertThat(store.recoveryReport().isClean()).isTrue();
        assertThat(Files.size(last)).isEqualTo(size);
        // New writes go to a fresh segment, after which the log still replays whole.
        store.write(1, batch("m v=11i 11"));
        assertThat(segments("db", "rp", 1).getLast()).isNotEqualTo(last);
        store = reopen(store);
        assertThat(values(store, 1, "m", "v")).isEqualTo(expected(LongStream.rangeClosed(1, 11)));
        assertThat(store.recoveryReport().truncatedSegments()).isEmpty();
    }

    @Test
    void aLastEntryWithABadChecksumReachingTheEndIsATornTail() throws Exception {
        Store store = storeWith(10);
        store.close();
        Path last = segments("db", "rp", 1).getLast();
        Entry lastEntry = entries(last).getLast();
        flipByte(last, lastEntry.offset + lastEntry.framedLength - 1);
        store = open();
        assertThat(values(store, 1, "m", "v")).isEqualTo(expected(LongStream.rangeClosed(1, 9)));
        assertThat(store.recoveryReport().truncatedSegments()).containsExactly(last);
        assertThat(Files.size(last)).isEqualTo(lastEntry.offset);
    }

    @Test
    void aZeroFilledTailIsATornTail() throws Exception {
        Store store = storeWith(5);
        store.close();
        Path last = segments("db", "rp", 1).getLast();
        Files.write(last, new byte[100], StandardOpenOption.APPEND);
        store = open();
        assertThat(values(store, 1, "m", "v")).isEqualTo(expected(LongStream.rangeClosed(1, 5)));
        assertThat(store.recoveryReport().truncatedSegments()).containsExactly(last);
        assertThat(store.recoveryReport().isClean()).isTrue();
    }

    @Test
    void aCorruptEntryInTheMiddleIsReportedAndLaterSegmentsStillReplay() throws Exception {
        Store store = storeWith(MANY);
        store.close();
        List<Path> segments = segments("db", "rp", 1);
        assertThat(segments).hasSizeGreaterThanOrEqualTo(3);
        Path damaged = segments.getFirst();
        List<Entry> entries = entries(damaged);
        Entry bad = entries.get(entries.size() / 2);
        flipByte(damaged, bad.offset + bad.framedLength - 1);
        byte[] damagedBytes = Files.readAllBytes(damaged);

        store = open();
        RecoveryReport report = store.recoveryReport();
        assertThat(report.isClean()).isFalse();
        assertThat(report.corruptions()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(damaged);
            assertThat(e.offset()).isEqualTo(bad.offset);
            assertThat(e.getMessage()).contains(damaged.toString()).contains("offset " + bad.offset);
        });
        assertThat(stat("tsm1_wal", 1, "corruptEntries")).isEqualTo(1);

        // Kept: the entries before the damage and every later segment. Lost: the rest of the damaged segment.
        long firstLost = bad.timestamps.getFirst();
        long firstOfNextSegment = entries(segments.get(1)).getFirst().timestamps.getFirst();
        List<String> expected = new ArrayList<>(expected(LongStream.range(1, firstLost)));
        expected.addAll(expected(LongStream.rangeClosed(firstOfNextSegment, MANY)));
        assertThat(values(store, 1, "m", "v")).isEqualTo(expected);

        // The damaged file is left for inspection; new writes go to a new segment.
        assertThat(Files.readAllBytes(damaged)).isEqualTo(damagedBytes);
        store.write(1, batch("m v=1000000i 1000000"));
        assertThat(segments("db", "rp", 1)).hasSize(segments.size() + 1);
        assertThat(Files.readAllBytes(damaged)).isEqualTo(damagedBytes);
    }

    @Test
    void damageBeforeIntactEntriesOfTheLastSegmentIsCorruptionNotATornTail() throws Exception {
        Store store = storeWith(10);
        store.close();
        Path last = segments("db", "rp", 1).getLast();
        List<Entry> entries = entries(last);
        Entry bad = entries.get(entries.size() - 3);
        long size = Files.size(last);
        flipByte(last, bad.offset + 9);
        store = open();
        assertThat(store.recoveryReport().corruptions()).singleElement()
                .satisfies(e -> assertThat(e.offset()).isEqualTo(bad.offset));
        assertThat(store.recoveryReport().truncatedSegments()).isEmpty();
        assertThat(Files.size(last)).isEqualTo(size);
        assertThat(values(store, 1, "m", "v")).isEqualTo(expected(LongStream.range(1, bad.timestamps.getFirst())));
    }

    @Test
    void aSegmentThatIsNotOursIsReportedAtOffsetZero() throws Exception {
        Store store = storeWith(MANY);
        store.close();
        List<Path> segments = segments("db", "rp", 1);
        Path first = segments.getFirst();
        flipByte(first, 0);
        store = open();
        assertThat(store.recoveryReport().corruptions()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(first);
            assertThat(e.offset()).isZero();
        });
        long firstOfSecond = entries(segments.get(1)).getFirst().timestamps.getFirst();
        assertThat(values(store, 1, "m", "v")).isEqualTo(expected(LongStream.rangeClosed(firstOfSecond, MANY)));
    }

    @Test
    void aSegmentTornWhileBeingCreatedIsRemoved() throws Exception {
        Store store = storeWith(3);
        store.close();
        List<Path> segments = segments("db", "rp", 1);
        Path torn = segments.getLast().resolveSibling(FileNames.walSegment(segments.size() + 1));
        Files.write(torn, new byte[] {0x54, 0x4D});
        store = open();
        assertThat(torn).doesNotExist();
        assertThat(store.recoveryReport().isClean()).isTrue();
        assertThat(values(store, 1, "m", "v")).isEqualTo(expected(LongStream.rangeClosed(1, 3)));
    }

    private static void flipByte(Path file, long offset) throws IOException {
        byte[] b = Files.readAllBytes(file);
        b[(int) offset] ^= 0x5A;
        Files.write(file, b);
    }
}
