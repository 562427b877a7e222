package io.tidemark.storage.tombstone;

import static io.tidemark.storage.tombstone.TombstoneFileTest.SAMPLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.common.fs.FaultyFs;
import io.tidemark.common.fs.FaultyFs.CrashMode;
import io.tidemark.common.fs.FaultyFs.Op;
import io.tidemark.common.fs.RealFs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Failed writes, fsyncs and renames and simulated crashes never lose an acknowledged tombstone nor leave a file
 * that cannot be opened.
 */
class TombstoneFileFaultTest {
    @TempDir
    Path dir;

    private final FaultyFs fs = new FaultyFs(new RealFs());

    @AfterEach
    void noLeaks() {
        assertThat(fs.openHandles()).as("open handles").isEmpty();
    }

    private static final Predicate<Path> FILE = FaultyFs.nameEndsWith("tombstones");
    private static final Predicate<Path> TEMPORARY = FaultyFs.nameEndsWith(TombstoneFormat.TEMPORARY_SUFFIX);
    private static final Predicate<Path> ANY = p -> true;

    private Path path() {
        return dir.resolve("tombstones");
    }

    private TombstoneFile withTwo() throws IOException {
        TombstoneFile f = TombstoneFile.open(fs, path());
        f.append(SAMPLE.get(0));
        f.append(SAMPLE.get(1));
        return f;
    }

    private List<Tombstone> reopen() throws IOException {
        try (TombstoneFile f = TombstoneFile.open(fs, path())) {
            return f.entries();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Op.class, names = {"OPEN", "WRITE", "FORCE"})
    void aFailedAppendKeepsEarlierEntriesAndRefusesMore(Op op) throws IOException {
        withTwo().close();
        try (TombstoneFile f = TombstoneFile.open(fs, path())) {
            fs.failNth(op, FILE, 1);
            assertThatThrownBy(() -> f.append(SAMPLE.get(2))).isInstanceOf(IOException.class)
                    .hasMessageContaining("injected");
            assertThat(f.entries()).isEqualTo(SAMPLE.subList(0, 2));
            fs.clearFaults();
            assertThatThrownBy(() -> f.append(SAMPLE.get(3))).isInstanceOf(IOException.class)
                    .hasMessageContaining("reopened");
        }
        List<Tombstone> after = reopen();
        // A write whose fsync failed may have reached the file: its outcome was never acknowledged either way.
        assertThat(after).startsWith(SAMPLE.get(0), SAMPLE.get(1));
        assertThat(after).isSubsetOf(SAMPLE.subList(0, 3));
        try (TombstoneFile f = TombstoneFile.open(fs, path())) {
            f.append(SAMPLE.get(3));
        }
        assertThat(reopen()).endsWith(SAMPLE.get(3)).hasSize(after.size() + 1);
    }

    @Test
    void aFailedDirectoryFsyncOfTheFirstAppendIsAFailedAppend() throws IOException {
        fs.failNth(Op.FORCE_DIRECTORY, ANY, 1);
        try (TombstoneFile f = TombstoneFile.open(fs, path())) {
            assertThatThrownBy(() -> f.append(SAMPLE.get(0))).isInstanceOf(IOException.class);
            assertThat(f.entries()).isEmpty();
        }
        assertThat(reopen()).isSubsetOf(SAMPLE.subList(0, 1));
    }

    @ParameterizedTest
    @EnumSource(value = Op.class, names = {"OPEN", "WRITE", "FORCE"})
    void aRewriteFailingBeforeTheRenameLeavesTheOldFileAndCarriesOn(Op op) throws IOException {
        try (TombstoneFile f = withTwo()) {
            byte[] before = Files.readAllBytes(path());
            fs.failNth(op, TEMPORARY, 1);
            assertThatThrownBy(() -> f.rewrite(List.of(SAMPLE.get(1)))).isInstanceOf(IOException.class)
                    .hasMessageContaining("injected");
            assertThat(f.entries()).isEqualTo(SAMPLE.subList(0, 2));
            assertThat(Files.readAllBytes(path())).isEqualTo(before);
            assertThat(dir.resolve("tombstones" + TombstoneFormat.TEMPORARY_SUFFIX)).doesNotExist();
            assertThat(reopen()).isEqualTo(SAMPLE.subList(0, 2));
            f.append(SAMPLE.get(2));
        }
        assertThat(reopen()).isEqualTo(SAMPLE.subList(0, 3));
    }

    @Test
    void aFailedRenameLeavesTheOldFileAndRefusesAppendsUntilReopened() throws IOException {
        try (TombstoneFile f = withTwo()) {
            fs.failNth(Op.RENAME, FILE, 1);
            assertThatThrownBy(() -> f.rewrite(List.of(SAMPLE.get(1)))).isInstanceOf(IOException.class);
            assertThat(reopen()).isEqualTo(SAMPLE.subList(0, 2));
            assertThatThrownBy(() -> f.append(SAMPLE.get(2))).isInstanceOf(IOException.class)
                    .hasMessageContaining("reopened");
            f.rewrite(List.of(SAMPLE.get(1)));
            f.append(SAMPLE.get(2));
        }
        assertThat(reopen()).containsExactly(SAMPLE.get(1), SAMPLE.get(2));
    }

    @Test
    void aFailedDeleteOfAnEmptyingRewriteLeavesTheOldFile() throws IOException {
        try (TombstoneFile f = withTwo()) {
            fs.failNth(Op.DELETE, FILE, 1);
            assertThatThrownBy(() -> f.rewrite(List.of())).isInstanceOf(IOException.class);
        }
        assertThat(reopen()).isEqualTo(SAMPLE.subList(0, 2));
    }

    @Test
    void aCrashKeepsAcknowledgedEntriesAndDropsTheUnsyncedOne() throws IOException {
        try (TombstoneFile f = withTwo()) {
            // The third append writes its entry, then the machine dies before the fsync.
            long acknowledged = Files.size(path());
            fs.failNth(Op.FORCE, FILE, 1);
            assertThatThrownBy(() -> f.append(SAMPLE.get(2))).isInstanceOf(IOException.class);
            assertThat(Files.size(path())).as("the entry reached the page cache").isGreaterThan(acknowledged);
            fs.crash(CrashMode.DROP_UNSYNCED, 1);
        }
        fs.clearFaults();
        assertThat(reopen()).isEqualTo(SAMPLE.subList(0, 2));
    }

    @Test
    void aCrashCorruptingTheUnsyncedEntryIsATornTail() throws IOException {
        for (long seed = 0; seed < 40; seed++) {
            try (TombstoneFile f = withTwo()) {
                fs.failNth(Op.FORCE, FILE, 1);
                assertThatThrownBy(() -> f.append(SAMPLE.get(3))).isInstanceOf(IOException.class);
                fs.crash(CrashMode.CORRUPT_UNSYNCED, seed);
            }
            fs.clearFaults();
            assertThat(reopen()).as("seed %d", seed).isEqualTo(SAMPLE.subList(0, 2));
            Files.delete(path());
        }
    }

    @Test
    void aCrashWhileCreatingTheFileLeavesNoEntry() throws IOException {
        try (TombstoneFile f = TombstoneFile.open(fs, path())) {
            fs.failNth(Op.FORCE_DIRECTORY, ANY, 1);
            assertThatThrownBy(() -> f.append(SAMPLE.get(0))).isInstanceOf(IOException.class);
            fs.crash(CrashMode.DROP_UNSYNCED, 2);
        }
        fs.clearFaults();
        assertThat(path()).doesNotExist();
        assertThat(reopen()).isEmpty();
    }

    @Test
    void aCrashBeforeTheRewriteIsDurableLeavesTheOldEntries() throws IOException {
        try (TombstoneFile f = withTwo()) {
            fs.failNth(Op.FORCE_DIRECTORY, ANY, 1);
            assertThatThrownBy(() -> f.rewrite(List.of(SAMPLE.get(1)))).isInstanceOf(IOException.class);
            fs.crash(CrashMode.DROP_UNSYNCED, 3);
        }
        fs.clearFaults();
        assertThat(reopen()).isEqualTo(SAMPLE.subList(0, 2));
    }

    @Test
    void everyAcknowledgedAppendAndRewriteSurvivesACrash() throws IOException {
        try (TombstoneFile f = TombstoneFile.open(fs, path())) {
            f.append(SAMPLE.get(0));
            f.append(SAMPLE.get(1));
            f.rewrite(List.of(SAMPLE.get(1)));
            f.append(SAMPLE.get(2));
            fs.crash(CrashMode.CORRUPT_UNSYNCED, 4);
        }
        assertThat(reopen()).containsExactly(SAMPLE.get(1), SAMPLE.get(2));
        try (TombstoneFile f = TombstoneFile.open(fs, path())) {
            f.rewrite(List.of());
            fs.crash(CrashMode.DROP_UNSYNCED, 5);
        }
        assertThat(reopen()).isEmpty();
    }
}
