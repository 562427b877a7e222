package io.tidemark.storage.tsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.common.FieldType;
import io.tidemark.common.fs.FaultyFs;
import io.tidemark.common.fs.FaultyFs.CrashMode;
import io.tidemark.common.fs.FaultyFs.Op;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A failed or interrupted write never leaves a partial file under the final name, never leaks a handle, and a
 * finished file survives a crash.
 */
class TsmWriterFaultTest extends TsmFileTestBase {
    private static final Predicate<Path> TEMPORARY = FaultyFs.nameEndsWith(TsmFormat.TEMPORARY_SUFFIX);

    /** 300,000 points: more than the writer's buffer, so blocks reach the file before finish. */
    private void writeBigFile(Path p) throws IOException {
        try (TsmWriter w = TsmWriter.create(fs, p)) {
            for (int s = 0; s < 30; s++) {
                w.beginKey(("cpu,host=" + (char) ('a' + s)).getBytes(StandardCharsets.UTF_8), "v", FieldType.FLOAT);
                for (int i = 0; i < 10_000; i++) {
                    w.append(i * 1_000_000_000L, Double.doubleToRawLongBits(Math.sin(i + s)));
                }
            }
            w.finish();
        }
    }

    private void assertNothingLeft() throws IOException {
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aFailedWriteLeavesNoFile() throws IOException {
        fs.failNth(Op.WRITE, TEMPORARY, 3);
        Path p = dir.resolve("a.tsm");
        assertThatThrownBy(() -> writeBigFile(p)).isInstanceOf(IOException.class).hasMessageContaining("injected");
        assertNothingLeft();
    }

    @Test
    void aFailedLastWriteLeavesNoFile() throws IOException {
        Path probe = dir.resolve("probe.tsm");
        writeBigFile(probe);
        long writes = fs.count(Op.WRITE, TEMPORARY);
        Files.delete(probe);
        fs.failNth(Op.WRITE, TEMPORARY, (int) writes);
        assertThatThrownBy(() -> writeBigFile(dir.resolve("a.tsm"))).isInstanceOf(IOException.class);
        assertNothingLeft();
    }

    @Test
    void aFailedFsyncLeavesNoFile() throws IOException {
        fs.failNth(Op.FORCE, TEMPORARY, 1);
        assertThatThrownBy(() -> writeBigFile(dir.resolve("a.tsm"))).isInstanceOf(IOException.class);
        assertNothingLeft();
    }

    @Test
    void aFailedRenameLeavesNoFile() throws IOException {
        fs.failNth(Op.RENAME, p -> true, 1);
        assertThatThrownBy(() -> writeBigFile(dir.resolve("a.tsm"))).isInstanceOf(IOException.class);
        assertNothingLeft();
    }

    @Test
    void aFailedDirectoryFsyncLeavesNoFile() throws IOException {
        fs.failNth(Op.FORCE_DIRECTORY, p -> true, 1);
        assertThatThrownBy(() -> writeBigFile(dir.resolve("a.tsm"))).isInstanceOf(IOException.class);
        assertNothingLeft();
    }

    @Test
    void aFailedCreateLeavesNoFile() throws IOException {
        fs.failNth(Op.TRUNCATE, TEMPORARY, 1);
        assertThatThrownBy(() -> TsmWriter.create(fs, dir.resolve("a.tsm"))).isInstanceOf(IOException.class);
        assertNothingLeft();
    }

    @Test
    void aFinishedFileSurvivesACrash() throws IOException {
        Path p = dir.resolve("a.tsm");
        writeBigFile(p);
        fs.crash(CrashMode.CORRUPT_UNSYNCED, 1);
        try (TsmReader r = TsmReader.open(fs, p)) {
            assertThat(r.keyCount()).isEqualTo(30);
            r.verify();
        }
    }

    @Test
    void aCrashBeforeFinishLeavesNoFileUnderTheFinalName() throws IOException {
        Path p = dir.resolve("a.tsm");
        TsmWriter w = TsmWriter.create(fs, p);
        w.beginKey("cpu".getBytes(StandardCharsets.UTF_8), "v", FieldType.INTEGER);
        for (int i = 0; i < 100_000; i++) {
            w.append(i, i);
        }
        fs.crash(CrashMode.CORRUPT_UNSYNCED, 2);
        assertThat(Files.exists(p)).isFalse();
        // The writer's handle died with the crash; closing it still releases the descriptor.
        w.close();
        assertNothingLeft();
    }

    @Test
    void aFailedMapLeavesNothingOpen() throws IOException {
        Path p = dir.resolve("a.tsm");
        writeBigFile(p);
        fs.failNth(Op.OPEN, FaultyFs.nameEndsWith(TsmFormat.EXTENSION), 1);
        assertThatThrownBy(() -> TsmReader.open(fs, p)).isInstanceOf(IOException.class)
                .hasMessageContaining("injected");
        TsmReader r = TsmReader.open(fs, p);
        assertThat(fs.openHandles()).as("the mapping is tracked while open").hasSize(1);
        r.close();
    }
}
