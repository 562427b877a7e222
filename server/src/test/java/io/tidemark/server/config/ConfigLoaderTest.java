package io.tidemark.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String toml) throws Exception {
        Path f = dir.resolve("influxdb.conf");
        Files.writeString(f, toml);
        return f;
    }

    @Test
    void defaultsWithoutAFile() throws Exception {
        TidemarkConfig c = new ConfigLoader(Map.of()).load(null);
        assertThat(c.string("http", "bind-address")).isEqualTo(":8086");
        assertThat(c.string("data", "dir")).isEqualTo("./data/data");
        assertThat(c.number("data", "cache-max-memory-size")).isEqualTo(1L << 30);
        assertThat(c.duration("data", "wal-fsync-delay")).isZero();
        assertThat(c.number("http", "max-body-size")).isEqualTo(25_000_000L);
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void readsAStockInfluxDbFile() throws Exception {
        Path f = write("""
                reporting-disabled = true
                bind-address = "127.0.0.1:8088"

                [meta]
                  dir = "/var/lib/influxdb/meta"
                  retention-autocreate = true
                  logging-enabled = true

                [data]
                  dir = "/var/lib/influxdb/data"
                  wal-dir = "/var/lib/influxdb/wal"
                  wal-fsync-delay = "100ms"
                  index-version = "tsi1"
                  cache-max-memory-size = "512m"
                  cache-snapshot-memory-size = 26214400

                [coordinator]
                  write-timeout = "10s"

                [retention]
                  enabled = true
                  check-interval = "10m0s"

                [monitor]
                  store-enabled = false

                [shard-precreation]
                  enabled = true

                [http]
                  enabled = true
                  bind-address = ":8087"
                  log-enabled = false
                  max-body-size = 1000

                [http.headers]
                  X-Custom = "1"

                [[graphite]]
                  enabled = false

                [logging]
                  level = "warn"
                """);
        TidemarkConfig c = new ConfigLoader(Map.of()).load(f);
        assertThat(c.string("meta", "dir")).isEqualTo("/var/lib/influxdb/meta");
        assertThat(c.duration("data", "wal-fsync-delay")).isEqualTo(Duration.ofMillis(100));
        assertThat(c.number("data", "cache-max-memory-size")).isEqualTo(512L << 20);
        assertThat(c.string("http", "bind-address")).isEqualTo(":8087");
        assertThat(c.bool("http", "log-enabled")).isFalse();
        assertThat(c.number("http", "max-body-size")).isEqualTo(1000);
        assertThat(c.string("logging", "level")).isEqualTo("warn");
        assertThat(c.duration("retention", "check-interval")).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.bool("monitor", "store-enabled")).isFalse();
        assertThat(c.string("monitor", "store-database")).isEqualTo("_internal");
        assertThat(c.warnings()).noneMatch(w -> w.contains("[monitor]"))
                .anyMatch(w -> w.contains("[shard-precreation]") && w.contains("no effect"))
                .anyMatch(w -> w.contains("[graphite]"))
                .anyMatch(w -> w.contains("[http.headers]"));
    }

    @Test
    void unknownKeysWarnAndNameTheKey() throws Exception {
        Path f = write("""
                [data]
                  frobnicate = 3
                """);
        TidemarkConfig c = new ConfigLoader(Map.of()).load(f);
        assertThat(c.warnings()).singleElement().asString().contains("[data] frobnicate");
    }

    @Test
    void badValuesRefuseWithTheKeyAndTheAllowedValues() throws Exception {
        Path f = write("""
                [data]
                  cache-max-memory-size = "lots"
                """);
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(f))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[data] cache-max-memory-size")
                .hasMessageContaining("\"lots\"")
                .hasMessageContaining("size in bytes");
        Path g = write("""
                [logging]
                  level = "loud"
                """);
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(g))
                .hasMessageContaining("[logging] level")
                .hasMessageContaining("debug, info, warn, error");
    }

    @Test
    void environmentOverridesTheFile() throws Exception {
        Path f = write("""
                [http]
                  bind-address = ":8087"
                """);
        TidemarkConfig c = new ConfigLoader(Map.of("INFLUXDB_HTTP_BIND_ADDRESS", "127.0.0.1:9999",
                "INFLUXDB_DATA_WAL_FSYNC_DELAY", "1s", "INFLUXDB_REPORTING_DISABLED", "true")).load(f);
        assertThat(c.string("http", "bind-address")).isEqualTo("127.0.0.1:9999");
        assertThat(c.duration("data", "wal-fsync-delay")).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.bool("", "reporting-disabled")).isTrue();
        assertThatThrownBy(() -> new ConfigLoader(Map.of("INFLUXDB_HTTP_AUTH_ENABLED", "maybe")).load(null))
                .hasMessageContaining("INFLUXDB_HTTP_AUTH_ENABLED").hasMessageContaining("true or false");
    }

    @Test
    void printedConfigurationReadsBackToTheSameValues() throws Exception {
        TidemarkConfig original = new ConfigLoader(Map.of("INFLUXDB_DATA_CACHE_MAX_MEMORY_SIZE", "300m",
                "INFLUXDB_COORDINATOR_WRITE_TIMEOUT", "1h30m")).load(null);
        String printed = ConfigPrinter.print(original);
        assertThat(printed).contains("[data]").contains("cache-max-memory-size = \"300m\"")
                .contains("write-timeout = \"1h30m0s\"");
        TidemarkConfig reread = new ConfigLoader(Map.of()).load(write(printed));
        for (Setting s : original.catalog().all()) {
            assertThat(reread.value(s)).as(s.qualifiedName()).isEqualTo(original.value(s));
        }
        assertThat(reread.warnings()).isEmpty();
    }
}
