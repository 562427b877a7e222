package io.tidemark.storage.tsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.fs.FaultyFs;
import io.tidemark.common.fs.RealFs;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tests of TSM files share: a temporary folder, a file system that tracks open handles and mappings (and
 * can be made to fail), the check after each test that none was left open, and the seed of randomized tests
 * ({@code -Dtests.seed=<seed>} repeats a run).
 */
abstract class TsmFileTestBase {
    static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    @TempDir
    Path dir;

    final FaultyFs fs = new FaultyFs(new RealFs());

    @AfterEach
    void noLeaks() {
        assertThat(fs.openHandles()).as("open handles and mappings").isEmpty();
    }
}
