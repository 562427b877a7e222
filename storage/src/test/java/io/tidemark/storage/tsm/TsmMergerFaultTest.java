package io.tidemark.storage.tsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.common.FieldType;
import io.tidemark.common.fs.FaultyFs;
import io.tidemark.common.fs.FaultyFs.CrashMode;
import io.tidemark.common.fs.FaultyFs.Op;
import io.tidemark.common.fs.RealFs;
import io.tidemark.storage.tsm.TsmTestFiles.Key;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A merge that fails at any file operation, or is cut by a crash, leaves no output that could be read as valid and
 * no temporary file (after a failure), never touches its inputs and never leaks a handle.
 */
class TsmMergerFaultTest {
    private static final Predicate<Path> TEMPORARY = FaultyFs.nameEndsWith(TsmFormat.TEMPORARY_SUFFIX);
    private static final Predicate<Path> ANY = p -> true;

    @TempDir
    Path dir;

    private final FaultyFs fs = new FaultyFs(new RealFs());
    private final List<TsmReader> inputs = new ArrayList<>();
    private final List<byte[]> inputBytes = new ArrayList<>();
    private List<List<Key>> contents;
    private List<Key> expected;
    private Path output;

    /**
     * Three inputs of 60,000 float points in all, overlapping in time, values that compress badly: the output is
     * several times the writer's 64 KiB buffer, so it reaches the file in many writes.
     */
    @BeforeEach
    void inputs() throws IOException {
        contents = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<Key> keys = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                TreeMap<Long, Object> points = new TreeMap<>();
                for (int p = 0; p < 5_000; p++) {
                    long t = (i * 2_500L + p) * 1_000_000_000L + (p % 7 == 0 ? i : 0);
                    points.put(t, Double.doubleToRawLongBits(Math.sin(p * 0.37 + s + i) * 1e6));
                }
                keys.add(new Key("cpu,host=" + (char) ('a' + s), "usage", FieldType.FLOAT, points));
            }
            contents.add(keys);
            Path p = dir.resolve("in-" + i + ".tsm");
            TsmTestFiles.write(fs, p, keys, 1000);
            inputs.add(TsmReader.open(fs, p));
            inputBytes.add(Files.readAllBytes(p));
        }
        expected = TsmMergerTest.expected(contents, new TsmMergerTest.Deletions());
        output = dir.resolve("out.tsm");
    }

    @AfterEach
    void inputsUntouchedAndNoLeaks() throws IOException {
        fs.clearFaults();
        for (int i = 0; i < inputs.size(); i++) {
            inputs.get(i).verify();
            assertThat(Files.readAllBytes(inputs.get(i).path())).as("input %d", i).isEqualTo(inputBytes.get(i));
            inputs.get(i).close();
        }
        assertThat(fs.openHandles()).as("open handles and mappings").isEmpty();
    }

    private Optional<TsmFileSummary> merge() throws IOException {
        return TsmMerger.merge(fs, inputs, DeletedRanges.NONE, output, 1000, WriteThrottle.unlimited(), () -> false);
    }

    private List<String> outputs() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("out")).sorted().toList();
        }
    }

    private void assertFailsAndLeavesNothing(String step) throws IOException {
        assertThatThrownBy(this::merge).as(step).isInstanceOf(IOException.class).hasMessageContaining("injected");
        assertThat(outputs()).as(step).isEmpty();
        fs.clearFaults();
    }

    /** The merge still works once the fault is gone, into the same name. */
    private void assertCleanMergeWorks() throws IOException {
        TsmFileSummary out = merge().orElseThrow();
        TsmMergerTest.assertMerged(fs, out, expected, 1000, "clean merge");
        Files.delete(output);
    }

    @Test
    void aFailedWriteAtEachStepLeavesNoFile() throws IOException {
        long before = fs.count(Op.WRITE, TEMPORARY);
        TsmMergerTest.assertMerged(fs, merge().orElseThrow(), expected, 1000, "probe");
        long writes = fs.count(Op.WRITE, TEMPORARY) - before;
        Files.delete(output);
        assertThat(writes).as("writes of one merge").isGreaterThan(5);
        for (int n = 1; n <= writes; n++) {
            fs.failNth(Op.WRITE, TEMPORARY, n);
            assertFailsAndLeavesNothing("write " + n + " of " + writes);
        }
        assertCleanMergeWorks();
    }

    @Test
    void aFailedCreateFsyncRenameOrDirectoryFsyncLeavesNoFile() throws IOException {
        fs.failNth(Op.OPEN, TEMPORARY, 1);
        assertFailsAndLeavesNothing("open");
        fs.failNth(Op.TRUNCATE, TEMPORARY, 1);
        assertFailsAndLeavesNothing("truncate");
        fs.failNth(Op.FORCE, TEMPORARY, 1);
        assertFailsAndLeavesNothing("fsync");
        fs.failNth(Op.RENAME, ANY, 1);
        assertFailsAndLeavesNothing("rename");
        fs.failNth(Op.FORCE_DIRECTORY, ANY, 1);
        assertFailsAndLeavesNothing("directory fsync");
        assertCleanMergeWorks();
    }

    @Test
    void aFailedDeleteOfTheTemporaryFileIsReportedWithTheCause() throws IOException {
        fs.failNth(Op.FORCE, TEMPORARY, 1);
        fs.failNth(Op.DELETE, TEMPORARY, 1);
        assertThatThrownBy(this::merge).isInstanceOf(IOException.class).hasMessageContaining("injected")
                .satisfies(e -> assertThat(e.getSuppressed()).isNotEmpty());
        fs.clearFaults();
        // What is left is only ever a temporary file, which no reader takes for a TSM file.
        assertThat(outputs()).allMatch(n -> n.endsWith(TsmFormat.TEMPORARY_SUFFIX));
        Files.deleteIfExists(dir.resolve("out.tsm.tmp"));
        assertCleanMergeWorks();
    }

    /**
     * Crashes the machine just before the {@code n}-th operation of a kind, then lets the merge fail as the dead
     * process would have.
     */
    private void crashBefore(Op op, Predicate<Path> paths, int n, long seed) {
        AtomicInteger seen = new AtomicInteger();
        fs.onBefore(op, paths, p -> {
            if (seen.incrementAndGet() == n) {
                fs.crash(CrashMode.CORRUPT_UNSYNCED, seed);
                throw new IOException("simulated crash before " + op + " " + n + " of " + p);
            }
        });
    }

    /** After a crash: no output, or a complete one with every point. */
    private void assertNoFileReadAsValidUnlessComplete(String step) throws IOException {
        fs.clearFaults();
        if (Files.exists(output)) {
            TsmMergerTest.assertMerged(fs, new TsmFileSummary(output, Files.size(output), expected.size(),
                    expected.stream().mapToLong(k -> k.points().firstKey()).min().orElseThrow(),
                    expected.stream().mapToLong(k -> k.points().lastKey()).max().orElseThrow()), expected, 1000, step);
            Files.delete(output);
        }
        // A restart deletes temporary files.
        Files.deleteIfExists(dir.resolve("out.tsm.tmp"));
    }

    @Test
    void aCrashAtAnyStepLeavesNoPartialOutput() throws IOException {
        long before = fs.count(Op.WRITE, TEMPORARY);
        merge().orElseThrow();
        long writes = fs.count(Op.WRITE, TEMPORARY) - before;
        Files.delete(output);
        for (int n = 1; n <= writes; n++) {
            crashBefore(Op.WRITE, TEMPORARY, n, n);
            assertThatThrownBy(this::merge).isInstanceOf(IOException.class);
            assertNoFileReadAsValidUnlessComplete("crash before write " + n);
        }
        for (Op op : Arrays.asList(Op.FORCE, Op.RENAME, Op.FORCE_DIRECTORY)) {
            crashBefore(op, ANY, 1, op.ordinal());
            assertThatThrownBy(this::merge).isInstanceOf(IOException.class);
            assertNoFileReadAsValidUnlessComplete("crash before " + op);
        }
        assertCleanMergeWorks();
    }

    @Test
    void aFinishedMergeSurvivesACrash() throws IOException {
        TsmFileSummary out = merge().orElseThrow();
        fs.crash(CrashMode.CORRUPT_UNSYNCED, 7);
        TsmMergerTest.assertMerged(fs, out, expected, 1000, "after a crash");
    }
}
