package io.tidemark.cli;

import io.tidemark.server.config.ConfigException;
import io.tidemark.server.config.ConfigLoader;
import io.tidemark.server.config.TidemarkConfig;
import java.nio.file.Path;
import picocli.CommandLine.Model.OptionSpec;

/** {@code -config FILE}, as influxd spells it; else {@code INFLUXDB_CONFIG_PATH}; else the embedded defaults. */
final class ConfigOption {
    private final OptionSpec option = OptionSpec.builder("-config", "--config")
            .paramLabel("FILE")
            .type(Path.class)
            .description("influxdb.conf-style TOML file (default: $INFLUXDB_CONFIG_PATH, else built-in defaults)")
            .build();

    OptionSpec option() {
        return option;
    }

    TidemarkConfig load() throws ConfigException {
        Path path = option.getValue();
        String env = System.getenv("INFLUXDB_CONFIG_PATH");
        if (path == null && env != null && !env.isEmpty()) {
            path = Path.of(env);
        }
        return new ConfigLoader(System.getenv()).load(path);
    }
}
