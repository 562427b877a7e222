package io.tidemark.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryLockTest {
    @TempDir
    Path tmp;

    @Test
    void aSecondLockOfTheSameDirectoryIsRefusedUntilTheFirstIsReleased() throws Exception {
        Path dir = tmp.resolve("data");
        DirectoryLock first = DirectoryLock.acquire(dir, "data");
        assertThat(dir.resolve(DirectoryLock.FILE_NAME)).exists();
        assertThatThrownBy(() -> DirectoryLock.acquire(dir, "data"))
                .isInstanceOf(DirectoryInUseException.class)
                .hasMessageContaining("the data directory " + dir + " is in use by another Tidemark node");
        first.close();
        try (DirectoryLock again = DirectoryLock.acquire(dir, "data")) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void anotherDirectoryIsLockedBesideIt() throws Exception {
        try (DirectoryLock data = DirectoryLock.acquire(tmp.resolve("data"), "data");
                DirectoryLock wal = DirectoryLock.acquire(tmp.resolve("wal"), "WAL")) {
            assertThat(Files.isDirectory(tmp.resolve("wal"))).isTrue();
        }
    }
}
