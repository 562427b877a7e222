package io.tidemark.storage.tsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.tidemark.common.FieldType;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.tsm.TsmTestFiles.Key;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Damage to a TSM file is always found, and located: a flipped byte anywhere is reported as a
 * {@link CorruptionException} naming the file and an offset at or before the byte, by opening, by reading, or by
 * {@link TsmReader#verify()}; a damaged block leaves the other blocks readable. Randomized: re-run a failure with
 * {@code -Dtests.seed=<seed>}.
 */
class TsmCorruptionTest extends TsmFileTestBase {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Three series fields, several blocks each, every type of column. */
    private Path smallFile() throws IOException {
        Path p = dir.resolve("small.tsm");
        try (TsmWriter w = TsmWriter.create(fs, p, 4)) {
            w.beginKey(bytes("cpu,host=a"), "idle", FieldType.FLOAT);
            for (int i = 0; i < 10; i++) {
                w.append(i * 10_000_000_000L, Double.doubleToRawLongBits(i * 1.5));
            }
            w.beginKey(bytes("cpu,host=a"), "status", FieldType.STRING);
            for (int i = 0; i < 6; i++) {
                w.appendString(i, bytes("ok " + i));
            }
            w.beginKey(bytes("disk"), "full", FieldType.BOOLEAN);
            for (int i = 0; i < 5; i++) {
                w.append(i * 7, i & 1);
            }
            w.finish();
        }
        return p;
    }

    /** Opens, reads every block of every key, and verifies: the first damage found, or null. */
    private CorruptionException firstDamage(Path p) throws IOException {
        try (TsmReader r = TsmReader.open(fs, p)) {
            TsmKeyCursor keys = r.keys();
            while (keys.next()) {
                TsmBlockCursor blocks = keys.blocks(Long.MIN_VALUE, Long.MAX_VALUE);
                while (blocks.next()) {
                    blocks.decode();
                }
            }
            r.verify();
            return null;
        } catch (CorruptionException e) {
            return e;
        }
    }

    @Test
    void everyFlippedByteIsFoundAndLocated() throws IOException {
        Path original = smallFile();
        byte[] clean = Files.readAllBytes(original);
        assertThat(firstDamage(original)).isNull();
        SplittableRandom rnd = new SplittableRandom(SEED);
        Path damaged = dir.resolve("damaged.tsm");
        for (int at = 0; at < clean.length; at++) {
            byte[] copy = clean.clone();
            copy[at] ^= (byte) (1 << rnd.nextInt(8));
            Files.write(damaged, copy);
            CorruptionException e = firstDamage(damaged);
            if (e == null) {
                fail("a flipped byte at " + at + " of " + clean.length + " went unnoticed, seed " + SEED);
            }
            assertThat(e.file()).isEqualTo(damaged);
            assertThat(e.offset()).as("offset reported for damage at %d: %s", at, e.getMessage())
                    .isBetween(0L, (long) at);
        }
    }

    @Test
    void aDamagedBlockFailsOnlyItsOwnReads() throws IOException {
        Path p = smallFile();
        long damagedBlock;
        try (TsmReader r = TsmReader.open(fs, p)) {
            TsmBlockCursor blocks = r.blocks(bytes("cpu,host=a"), "idle", Long.MIN_VALUE, Long.MAX_VALUE);
            blocks.next();
            blocks.next();
            damagedBlock = blocks.offset();
        }
        byte[] content = Files.readAllBytes(p);
        content[(int) damagedBlock + 7] ^= 0x10;
        Path damaged = dir.resolve("one-bad-block.tsm");
        Files.write(damaged, content);
        try (TsmReader r = TsmReader.open(fs, damaged)) {
            // The blocks before and after the damaged one decode.
            TsmBlockCursor blocks = r.blocks(bytes("cpu,host=a"), "idle", Long.MIN_VALUE, Long.MAX_VALUE);
            int decoded = 0;
            int failed = 0;
            while (blocks.next()) {
                try {
                    TsmBlock b = blocks.decode();
                    decoded += b.count();
                } catch (CorruptionException e) {
                    assertThat(e.offset()).isEqualTo(damagedBlock);
                    assertThat(e.file()).isEqualTo(damaged);
                    assertThat(e).hasMessageContaining("block checksum mismatch");
                    failed++;
                }
            }
            assertThat(failed).isEqualTo(1);
            assertThat(decoded).isEqualTo(10 - 4);
            // Other series fields are untouched.
            TsmSeriesCursor status = r.read(bytes("cpu,host=a"), "status", Long.MIN_VALUE, Long.MAX_VALUE);
            int n = 0;
            while (status.next()) {
                assertThat(status.stringValue()).isEqualTo("ok " + n++);
            }
            assertThat(n).isEqualTo(6);
            assertThat(status.failure()).isNull();
            // A range that avoids the damaged block (times 40 s to 70 s) reads.
            TsmSeriesCursor early = r.read(bytes("cpu,host=a"), "idle", 0, 30_000_000_000L);
            int earlyCount = 0;
            while (early.next()) {
                earlyCount++;
            }
            assertThat(earlyCount).isEqualTo(4);
            assertThat(early.failure()).isNull();
            // A read through it skips it, serves the intact blocks around it, and says what it skipped.
            TsmSeriesCursor all = r.read(bytes("cpu,host=a"), "idle", Long.MIN_VALUE, Long.MAX_VALUE);
            int served = 0;
            while (all.next()) {
                served++;
            }
            assertThat(served).isEqualTo(10 - 4);
            assertThat(all.failure()).isNotNull();
            assertThat(all.failure().offset()).isEqualTo(damagedBlock);
            assertThatThrownBy(r::verify).isInstanceOf(CorruptionException.class)
                    .extracting(e -> ((CorruptionException) e).offset()).isEqualTo(damagedBlock);
        }
    }

    @Test
    void filesCutShortAreRefusedOnOpen() throws IOException {
        Path original = smallFile();
        byte[] clean = Files.readAllBytes(original);
        Path cut = dir.resolve("cut.tsm");
        for (int length = 0; length < clean.length; length++) {
            Files.write(cut, Arrays.copyOf(clean, length));
            assertThatThrownBy(() -> TsmReader.open(fs, cut).close()).as("cut at %d", length)
                    .isInstanceOf(CorruptionException.class);
        }
    }

    @Test
    void otherFilesAndNewerVersionsAreRefusedOnOpen() throws IOException {
        Path wal = dir.resolve("_00001.wal");
        byte[] walLike = new byte[200];
        System.arraycopy(bytes("TMWL"), 0, walLike, 0, 4);
        Files.write(wal, walLike);
        assertThatThrownBy(() -> TsmReader.open(fs, wal)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("not a TSM file").extracting(e -> ((CorruptionException) e).offset())
                .isEqualTo(0L);

        byte[] clean = Files.readAllBytes(smallFile());
        clean[4] = (byte) (TsmFormat.VERSION_CURRENT + 1);
        Path newer = dir.resolve("newer.tsm");
        Files.write(newer, clean);
        assertThatThrownBy(() -> TsmReader.open(fs, newer)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("unsupported TSM version");
    }

    @Test
    void randomFilesWithRandomDamageAreNeverReadSilentlyWrong() throws IOException {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int rep = 0; rep < 30; rep++) {
            List<Key> keys = TsmTestFiles.randomKeys(rnd, 5, 300);
            Path p = dir.resolve("r" + rep + ".tsm");
            TsmTestFiles.write(fs, p, keys, 1 + rnd.nextInt(100));
            byte[] content = Files.readAllBytes(p);
            int at = rnd.nextInt(content.length);
            content[at] ^= (byte) (1 + rnd.nextInt(255));
            Path damaged = dir.resolve("r" + rep + "-damaged.tsm");
            Files.write(damaged, content);
            CorruptionException e = firstDamage(damaged);
            assertThat(e).as("damage at %d of %d, seed %d", at, content.length, SEED).isNotNull();
            assertThat(e.offset()).isBetween(0L, (long) at);
        }
    }
}
