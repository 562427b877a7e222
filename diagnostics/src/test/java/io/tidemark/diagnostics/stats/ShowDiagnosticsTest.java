package io.tidemark.diagnostics.stats;

import io.tidemark.common.result.Series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShowDiagnosticsTest {
    private final ShowDiagnostics diagnostics = new ShowDiagnostics(new BuildInfo("0.1.0", "abc", "main", ""),
            Instant.parse("2024-03-04T04:00:00Z"), InstantSource.fixed(Instant.parse("2024-03-04T05:30:00.5Z")));

    @Test
    void hasInfluxDbsSectionsWithSortedColumns() {
        diagnostics.addSection("config-data",
                () -> Map.of("wal-dir", "/var/lib/tidemark/wal", "dir", "/var/lib/tidemark/data"));

        List<Series> all = diagnostics.read(null);

        assertThat(all).extracting(Series::name)
                .containsExactly("build", "config-data", "network", "runtime", "system");
        assertThat(all.getFirst()).isEqualTo(new Series("build", Map.of(),
                List.of("Branch", "Build Time", "Commit", "Version"), List.of(List.of("main", "", "abc", "0.1.0")),
                false));
        assertThat(all.get(1).columns()).containsExactly("dir", "wal-dir");
        Series runtime = all.get(3);
        assertThat(runtime.columns()).containsExactly("GOARCH", "GOMAXPROCS", "GOOS", "version", "vm");
        assertThat(runtime.values().getFirst().get(1)).isEqualTo((long) Runtime.getRuntime().availableProcessors());
        Series system = all.get(4);
        assertThat(system.columns()).containsExactly("PID", "currentTime", "started", "uptime");
        assertThat(system.values().getFirst()).containsExactly(ProcessHandle.current().pid(),
                "2024-03-04T05:30:00.5Z", "2024-03-04T04:00:00Z", "1h30m0.5s");
    }

    @Test
    void readsOneSection() {
        assertThat(diagnostics.read("network")).singleElement().satisfies(s ->
                assertThat(s.columns()).containsExactly("hostname"));
    }

    @Test
    void refusesToReplaceABuiltInSection() {
        assertThatThrownBy(() -> diagnostics.addSection("system", Map::of))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
