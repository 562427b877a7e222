package io.tidemark.storage.tsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.common.FieldType;
import io.tidemark.storage.CorruptionException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Reads answered from index entries (statistics, latest and earliest points) verify each block's checksum once, and
 * a file remembers the keys all of whose blocks they verified however many keys it has; a key is remembered only when
 * every one of its blocks passed. Damage made on disk after a verification shows which blocks a read checks again:
 * the mapping sees the change. Randomized: re-run a failure with {@code -Dtests.seed=<seed>}.
 */
class VerifiedKeysTest extends TsmFileTestBase {
    private static final String FIELD = "v";

    private static byte[] key(int i) {
        return String.format("cpu,host=h%05d", i).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void entriesAGranuleApartNeverShareABit() {
        int entries = 300;
        VerifiedKeys v = new VerifiedKeys((long) entries * VerifiedKeys.GRANULE);
        SplittableRandom random = new SplittableRandom(SEED);
        long[] positions = new long[entries];
        long at = random.nextInt(VerifiedKeys.GRANULE);
        int n = 0;
        while (n < entries && at < (long) entries * VerifiedKeys.GRANULE) {
            positions[n++] = at;
            at += VerifiedKeys.GRANULE + random.nextInt(3 * VerifiedKeys.GRANULE);
        }
        for (int i = 0; i < n; i += 2) {
            v.add(positions[i]);
        }
        for (int i = 0; i < n; i++) {
            assertThat(v.contains(positions[i])).as("seed %d, entry %d at %d", SEED, i, positions[i])
                    .isEqualTo(i % 2 == 0);
        }
    }

    @Test
    void noKeyEntryIsShorterThanAGranule() throws Exception {
        // The shortest entries the writer makes: one-letter fields of one-point keys, series keys shared.
        Path p = dir.resolve("short.tsm");
        try (TsmWriter w = TsmWriter.create(fs, p, 1000)) {
            for (int s = 0; s < 10; s++) {
                for (char f = 'a'; f <= 'z'; f++) {
                    w.beginKey(("m" + s).getBytes(StandardCharsets.UTF_8), String.valueOf(f), FieldType.BOOLEAN);
                    w.append(0, 0);
                }
            }
            w.finish();
        }
        try (TsmReader r = TsmReader.open(fs, p)) {
            TsmKeyEntry e = r.newKeyEntry();
            long previous = -1;
            for (int k = 0; k < r.keyCount(); k++) {
                long offset = r.entryAt(k, e).offset;
                if (previous >= 0) {
                    assertThat(offset - previous).as("entry %d", k).isGreaterThanOrEqualTo(VerifiedKeys.GRANULE);
                }
                previous = offset;
            }
        }
    }

    @Test
    void statisticsOfMoreKeysThanTheTableOfBlocksHoldsVerifyEachKeyOnce() throws Exception {
        int keys = 3 * VerifiedBlocks.MAX_SLOTS;
        Path p = dir.resolve("many.tsm");
        try (TsmWriter w = TsmWriter.create(fs, p, 4)) {
            for (int k = 0; k < keys; k++) {
                w.beginKey(key(k), FIELD, FieldType.INTEGER);
                for (int t = 0; t < 3; t++) {
                    w.append(t * 10L, k * 7L + t);
                }
            }
            w.finish();
        }
        try (TsmReader r = TsmReader.open(fs, p)) {
            for (int k = 0; k < keys; k++) {
                assertThat(r.summarize(key(k), FIELD, Long.MIN_VALUE, Long.MAX_VALUE).count()).isEqualTo(3);
            }
            for (int k = 0; k < keys; k += 97) {
                damageBlock(p, r, key(k), 0);
            }
            // Every key was verified whole, and the file remembers them all, not only the last 4,096 blocks.
            for (int k = 0; k < keys; k++) {
                RangeSummary s = r.summarize(key(k), FIELD, Long.MIN_VALUE, Long.MAX_VALUE);
                assertThat(s.count()).as("key %d", k).isEqualTo(3);
                assertThat(s.blocksFromStatistics()).isEqualTo(1);
            }
            // A read that decodes a block verifies it every time (its first point comes from the index entry).
            TsmSeriesCursor decoded = r.read(key(97), FIELD, Long.MIN_VALUE, Long.MAX_VALUE);
            int points = 0;
            while (decoded.next()) {
                points++;
            }
            assertThat(points).isLessThan(3);
            assertThat(decoded.failure()).isNotNull();
            assertThat(decoded.failure()).hasMessageContaining("block checksum mismatch");
        }
    }

    @Test
    void aKeyIsRememberedOnlyOnceEveryOneOfItsBlocksWasVerified() throws Exception {
        Path p = dir.resolve("blocks.tsm");
        try (TsmWriter w = TsmWriter.create(fs, p, 4)) {
            w.beginKey(key(1), FIELD, FieldType.INTEGER);
            for (int t = 0; t < 10; t++) {
                w.append(t * 10L, t);
            }
            w.beginKey(key(2), FIELD, FieldType.INTEGER);
            for (int t = 0; t < 10; t++) {
                w.append(t * 10L, t);
            }
            w.finish();
        }
        try (TsmReader r = TsmReader.open(fs, p)) {
            // Key 1: the statistics of its last two blocks (times 40-90), then its latest point: its first block
            // was never verified.
            assertThat(r.summarize(key(1), FIELD, 40, 90).count()).isEqualTo(6);
            TsmDescendingCursor latest = r.readDescending(key(1), FIELD, Long.MIN_VALUE, Long.MAX_VALUE);
            assertThat(latest.next()).isTrue();
            assertThat(latest.longValue()).isEqualTo(9);
            // Key 2: every block, in one summary.
            assertThat(r.summarize(key(2), FIELD, Long.MIN_VALUE, Long.MAX_VALUE).count()).isEqualTo(10);

            damageBlock(p, r, key(1), 0);
            damageBlock(p, r, key(2), 0);
            assertThatThrownBy(() -> r.summarize(key(1), FIELD, Long.MIN_VALUE, Long.MAX_VALUE))
                    .isInstanceOf(CorruptionException.class)
                    .hasMessageContaining("block checksum mismatch");
            assertThat(r.summarize(key(2), FIELD, Long.MIN_VALUE, Long.MAX_VALUE).count()).isEqualTo(10);
        }
    }

    /** Flips the last byte of the given block of a key, on disk, under the reader's mapping. */
    private static void damageBlock(Path p, TsmReader r, byte[] key, int block) throws IOException {
        TsmBlockCursor blocks = r.blocks(key, FIELD, Long.MIN_VALUE, Long.MAX_VALUE);
        for (int i = 0; i <= block; i++) {
            assertThat(blocks.next()).isTrue();
        }
        long at = blocks.offset() + blocks.sizeBytes() - 1;
        try (RandomAccessFile file = new RandomAccessFile(p.toFile(), "rw")) {
            file.seek(at);
            int b = file.read();
            file.seek(at);
            file.write(b ^ 0x10);
        }
    }
}
