package io.tidemark.common.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.common.fs.FaultyFs.CrashMode;
import io.tidemark.common.fs.FaultyFs.Op;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultyFsTest {
    @TempDir
    Path dir;

    private final FaultyFs fs = new FaultyFs(new RealFs());

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private String content(Path p) throws IOException {
        return Files.readString(p);
    }

    /** A file whose directory entry is durable, as after creation plus a directory fsync. */
    private Path durableFile(String name) throws IOException {
        Path p = dir.resolve(name);
        fs.openAppend(p).close();
        fs.fsyncDirectory(dir);
        return p;
    }

    @Test
    void failsOnlyTheNthMatchingWrite() throws IOException {
        Path a = durableFile("a.wal");
        Path b = durableFile("b.log");
        fs.failNth(Op.WRITE, FaultyFs.nameEndsWith(".wal"), 2);
        try (FsFile fa = fs.openAppend(a); FsFile fb = fs.openAppend(b)) {
            fa.write(bytes("1"));
            fb.write(bytes("x"));
            assertThatThrownBy(() -> fa.write(bytes("2"))).isInstanceOf(IOException.class)
                    .hasMessageContaining("injected fault: WRITE #2");
            fa.write(bytes("3"));
            fb.write(bytes("y"));
        }
        assertThat(content(a)).isEqualTo("13");
        assertThat(content(b)).isEqualTo("xy");
    }

    @Test
    void failFromKeepsFailing() throws IOException {
        Path a = durableFile("a.wal");
        fs.failFrom(Op.FORCE, p -> true, 2);
        try (FsFile f = fs.openAppend(a)) {
            f.force();
            assertThatThrownBy(f::force).isInstanceOf(IOException.class);
            assertThatThrownBy(f::force).isInstanceOf(IOException.class);
        }
        fs.clearFaults();
        try (FsFile f = fs.openAppend(a)) {
            f.force();
        }
    }

    @Test
    void failsTheNthOpen() throws IOException {
        fs.failNth(Op.OPEN, FaultyFs.nameEndsWith(".x"), 1);
        assertThatThrownBy(() -> fs.openAppend(dir.resolve("a.x"))).isInstanceOf(IOException.class);
        fs.openAppend(dir.resolve("b.x")).close();
        assertThat(fs.openHandles()).isEmpty();
    }

    @Test
    void countsOperations() throws IOException {
        Path a = durableFile("a.wal");
        try (FsFile f = fs.openAppend(a)) {
            f.write(bytes("1"));
            f.force();
            f.force();
        }
        assertThat(fs.count(Op.FORCE, FaultyFs.nameEndsWith(".wal"))).isEqualTo(2);
        assertThat(fs.count(Op.WRITE, FaultyFs.nameEndsWith(".wal"))).isEqualTo(1);
        assertThat(fs.count(Op.FORCE, FaultyFs.nameEndsWith(".other"))).isZero();
    }

    @Test
    void hookRunsBeforeTheOperation() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        fs.onBefore(Op.FORCE, p -> true, p -> calls.incrementAndGet());
        Path a = durableFile("a");
        try (FsFile f = fs.openAppend(a)) {
            f.force();
        }
        assertThat(calls).hasValue(1);
    }

    @Test
    void crashDropsWhatWasNotFsynced() throws IOException {
        Path a = durableFile("a");
        FsFile f = fs.openAppend(a);
        f.write(bytes("synced"));
        f.force();
        f.write(bytes("-lost"));
        fs.crash(CrashMode.DROP_UNSYNCED, 1);
        assertThat(content(a)).isEqualTo("synced");
        assertThatThrownBy(() -> f.write(bytes("x"))).hasMessageContaining("simulated crash");
        f.close();
        try (FsFile g = fs.openAppend(a)) {
            g.write(bytes("!"));
        }
        assertThat(content(a)).isEqualTo("synced!");
    }

    @Test
    void crashCorruptsOnlyTheUnsyncedTail() throws IOException {
        for (long seed = 0; seed < 20; seed++) {
            Path a = durableFile("c" + seed);
            try (FsFile f = fs.openAppend(a)) {
                f.write(bytes("0123456789"));
                f.force();
                f.write(bytes("abcdefghij"));
            }
            fs.crash(CrashMode.CORRUPT_UNSYNCED, seed);
            byte[] after = Files.readAllBytes(a);
            assertThat(after.length).as("seed %d", seed).isBetween(10, 20);
            assertThat(new String(after, 0, 10, StandardCharsets.UTF_8)).as("seed %d", seed).isEqualTo("0123456789");
        }
    }

    @Test
    void crashRemovesFilesWhoseDirectoryWasNotFsynced() throws IOException {
        Path sub = dir.resolve("sub");
        fs.createDirectories(sub);
        Path kept = sub.resolve("kept");
        Path lost = dir.resolve("lost");
        try (FsFile f = fs.openAppend(kept)) {
            f.write(bytes("k"));
            f.force();
        }
        fs.fsyncDirectory(sub);
        try (FsFile f = fs.openAppend(lost)) {
            f.write(bytes("l"));
            f.force();
        }
        // sub's own entry in dir is not durable either: everything under it goes.
        fs.crash(CrashMode.DROP_UNSYNCED, 1);
        assertThat(Files.exists(lost)).isFalse();
        assertThat(Files.exists(sub)).isFalse();
    }

    @Test
    void crashUndoesARenameWhoseDirectoryWasNotFsynced() throws IOException {
        Path target = dir.resolve("meta");
        fs.writeAtomically(target, "v1".getBytes(StandardCharsets.UTF_8));
        fs.crash(CrashMode.DROP_UNSYNCED, 1);
        assertThat(content(target)).isEqualTo("v1");

        Path tmp = dir.resolve("meta.tmp");
        try (FsFile f = fs.openAppend(tmp)) {
            f.write(bytes("v2"));
            f.force();
        }
        fs.rename(tmp, target);
        assertThat(content(target)).isEqualTo("v2");
        fs.crash(CrashMode.DROP_UNSYNCED, 1);
        assertThat(content(target)).isEqualTo("v1");
    }

    @Test
    void reportsHandlesNotClosed() throws IOException {
        FsFile f = fs.openAppend(dir.resolve("leak"));
        assertThat(fs.openHandles()).singleElement().asString().contains("leak").contains("opened at");
        f.close();
        assertThat(fs.openHandles()).isEmpty();
    }
}
