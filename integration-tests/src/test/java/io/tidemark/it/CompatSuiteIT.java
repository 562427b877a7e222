package io.tidemark.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays the shared InfluxDB acceptance suite (answers recorded from a real InfluxDB 1.6.7) against a real
 * Tidemark process over HTTP, for the categories Tidemark implements. The suite lives beside the repository
 * ({@code ../shared/compat}); without it this test fails, since CI always has it.
 */
class CompatSuiteIT {
    /** Everything but transformations, subqueries and SELECT INTO (InfluxQL II). */
    private static final String CATEGORIES = "line_protocol,select_basic,aggregates,selectors,math,group_by_time,"
            + "group_by_tags,ordering_limits,timezone,multi_statement,epoch,chunked,show,query_errors,ddl";

    @TempDir
    Path home;

    @Test
    void implementedCategoriesMatchInfluxDb() throws Exception {
        Path runner = locate();
        try (ServerProcess server = new ServerProcess(home.resolve("node")).start()) {
            ExternalTools.Result r = ExternalTools.run(List.of("python3", runner.toString(), "--url", server.url(),
                    "--only", CATEGORIES), 300);
            System.out.println(r.output());
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.output()).containsPattern("\\d+ passed, 0 failed");
        }
    }

    private static Path locate() {
        for (String candidate : List.of("../../shared/compat/run.py", "../shared/compat/run.py",
                "../../../shared/compat/run.py")) {
            Path p = Path.of(candidate).toAbsolutePath().normalize();
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new AssertionError("the shared compatibility suite (shared/compat/run.py beside the repository) "
                + "was not found from " + Path.of("").toAbsolutePath());
    }
}
