package io.tidemark.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second server process given the directories of a running one refuses to start, before it opens them, and the
 * first goes on serving what it was given.
 */
class DirectoryLockIT {
    @TempDir
    Path home;

    @Test
    void aSecondProcessOnTheSameDirectoriesExitsAndTheFirstKeepsServing() throws Exception {
        Path node = home.resolve("node");
        try (ServerProcess first = new ServerProcess(node).start()) {
            Http http = new Http(first.url());
            assertThat(http.query("CREATE DATABASE lockdb").statusCode()).isEqualTo(200);
            assertThat(http.write("lockdb", "s", "m,host=a v=1 1614816000\nm,host=b v=2 1614816000")
                    .statusCode()).isEqualTo(204);

            // Same home, so the same meta, data and WAL directories; another port.
            ServerProcess second = new ServerProcess(node);
            try (second) {
                assertThatThrownBy(second::start)
                        .hasMessageContaining("server exited with 1")
                        .hasMessageContaining("is in use by another Tidemark node");
            }

            assertThat(http.write("lockdb", "s", "m,host=a v=3 1614816060").statusCode()).isEqualTo(204);
            assertThat(http.query("SELECT count(v) FROM lockdb..m").body()).contains("[\"1970-01-01T00:00:00Z\",3]");
            first.stop();
            // The lock went with the first process: a start on the same directories works and finds the points.
            ServerProcess third = new ServerProcess(node);
            try (third) {
                third.start();
                assertThat(new Http(third.url()).query("SELECT count(v) FROM lockdb..m").body())
                        .contains("[\"1970-01-01T00:00:00Z\",3]");
            }
        }
    }
}
