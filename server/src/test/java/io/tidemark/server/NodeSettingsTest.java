package io.tidemark.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.query.QueryLimits;
import io.tidemark.server.config.ConfigException;
import io.tidemark.server.config.ConfigLoader;
import io.tidemark.server.config.TidemarkConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code [coordinator]} query limits as the node passes them to the query engine. */
class NodeSettingsTest {
    @TempDir
    Path dir;

    private TidemarkConfig load(String toml, Map<String, String> environment) throws Exception {
        Path f = dir.resolve("influxdb.conf");
        Files.writeString(f, toml);
        return new ConfigLoader(environment).load(f);
    }

    @Test
    void maxQueryMemoryDefaultsTo256MiB() throws Exception {
        QueryLimits limits = NodeSettings.queryLimits(new ConfigLoader(Map.of()).load(null));
        assertThat(limits.maxQueryMemoryBytes()).isEqualTo(256L << 20);
        assertThat(limits.maxSelectPoint()).isZero();
        assertThat(limits.maxSelectSeries()).isZero();
        assertThat(limits.maxSelectBuckets()).isZero();
    }

    @Test
    void maxQueryMemoryIsASizeLikeTheOtherSizeKeys() throws Exception {
        TidemarkConfig c = load("""
                [coordinator]
                  max-select-point = 1000
                  max-select-series = 10
                  max-select-buckets = 5
                  max-query-memory = "64m"
                """, Map.of());
        assertThat(c.warnings()).isEmpty();
        assertThat(NodeSettings.queryLimits(c)).isEqualTo(new QueryLimits(1000, 10, 5, 64L << 20));
        assertThat(NodeSettings.queryLimits(load("[coordinator]\n  max-query-memory = 1048576\n", Map.of()))
                .maxQueryMemoryBytes()).isEqualTo(1L << 20);
        assertThat(NodeSettings.queryLimits(load("[coordinator]\n  max-query-memory = 0\n", Map.of()))
                .maxQueryMemoryBytes()).isZero();
        assertThat(NodeSettings.queryLimits(load("", Map.of("INFLUXDB_COORDINATOR_MAX_QUERY_MEMORY", "1g")))
                .maxQueryMemoryBytes()).isEqualTo(1L << 30);
    }

    @Test
    void aBadMaxQueryMemoryIsRefusedNamingTheKey() throws Exception {
        assertThatThrownBy(() -> load("[coordinator]\n  max-query-memory = \"plenty\"\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[coordinator] max-query-memory")
                .hasMessageContaining("size in bytes");
    }
}
