package io.tidemark.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The effective configuration: every catalogued key with its value (file, then environment, then default) and
 * where the value came from, plus the warnings produced while reading it. Immutable.
 */
public final class TidemarkConfig {
    private final ConfigCatalog catalog;
    private final Map<Setting, Object> values;
    private final Map<Setting, String> sources;
    private final List<String> warnings;

    TidemarkConfig(ConfigCatalog catalog, Map<Setting, Object> values, Map<Setting, String> sources,
                   List<String> warnings) {
        this.catalog = catalog;
        this.values = Map.copyOf(values);
        this.sources = Map.copyOf(sources);
        this.warnings = List.copyOf(warnings);
    }

    public String string(String section, String key) {
        return (String) get(section, key);
    }

    public boolean bool(String section, String key) {
        return (Boolean) get(section, key);
    }

    public long number(String section, String key) {
        return (Long) get(section, key);
    }

    public Duration duration(String section, String key) {
        return (Duration) get(section, key);
    }

    /** Messages about unknown keys and sections without effect, for the startup log. */
    public List<String> warnings() {
        return warnings;
    }

    ConfigCatalog catalog() {
        return catalog;
    }

    Object value(Setting s) {
        return values.get(s);
    }

    String source(Setting s) {
        return sources.get(s);
    }

    private Object get(String section, String key) {
        Setting s = catalog.find(section, key);
        if (s == null) {
            throw new IllegalArgumentException("BUG: no configuration key " + section + "." + key);
        }
        return values.get(s);
    }
}
