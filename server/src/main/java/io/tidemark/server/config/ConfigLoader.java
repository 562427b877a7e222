package io.tidemark.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads an InfluxDB 1.x style {@code influxdb.conf} (TOML), applies {@code INFLUXDB_<SECTION>_<KEY>} environment
 * overrides (the environment wins, as in InfluxDB) and fills in defaults. Unknown keys produce a warning, not a
 * failure; a value of the wrong type fails with a message naming the key and what it accepts.
 */
public final class ConfigLoader {
    private final Map<String, String> environment;

    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Loads {@code file} (may be null: defaults and environment only). */
    public TidemarkConfig load(Path file) throws ConfigException {
        ConfigCatalog catalog = new ConfigCatalog();
        Map<Setting, Object> values = new HashMap<>();
        Map<Setting, String> sources = new HashMap<>();
        List<String> warnings = new ArrayList<>();
        for (Setting s : catalog.all()) {
            values.put(s, s.defaultValue());
            sources.put(s, "default");
        }
        if (file != null) {
            JsonNode root = readToml(file);
            TreeSet<String> inactive = new TreeSet<>();
            Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                if (e.getValue().isObject()) {
                    readSection(catalog, e.getKey(), e.getValue(), file, values, sources, warnings, inactive);
                } else if (e.getValue().isArray() && ConfigCatalog.ACCEPTED_INACTIVE_SECTIONS.contains(e.getKey())) {
                    inactive.add(e.getKey());
                } else {
                    apply(catalog, "", e.getKey(), e.getValue(), file.toString(), values, sources, warnings);
                }
            }
            for (String section : inactive) {
                warnings.add("configuration section [" + section + "] is accepted but has no effect in Tidemark");
            }
        }
        for (Setting s : catalog.all()) {
            String env = environment.get(s.environmentVariable());
            if (env != null) {
                values.put(s, convert(s, env, "environment variable " + s.environmentVariable()));
                sources.put(s, "environment");
            }
        }
        return new TidemarkConfig(catalog, values, sources, warnings);
    }

    private static JsonNode readToml(Path file) throws ConfigException {
        try {
            return new TomlMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
    }

    private void readSection(ConfigCatalog catalog, String section, JsonNode node, Path file,
                             Map<Setting, Object> values, Map<Setting, String> sources, List<String> warnings,
                             TreeSet<String> inactive) throws ConfigException {
        if (ConfigCatalog.ACCEPTED_INACTIVE_SECTIONS.contains(section)) {
            inactive.add(section);
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String nested = section + "." + e.getKey();
            if (e.getValue().isObject() && ConfigCatalog.ACCEPTED_INACTIVE_SECTIONS.contains(nested)) {
                inactive.add(nested);
                continue;
            }
            apply(catalog, section, e.getKey(), e.getValue(), file.toString(), values, sources, warnings);
        }
    }

    private void apply(ConfigCatalog catalog, String section, String key, JsonNode node, String origin,
                       Map<Setting, Object> values, Map<Setting, String> sources, List<String> warnings)
            throws ConfigException {
        Setting s = catalog.find(section, key);
        if (s == null) {
            warnings.add("unknown configuration key " + (section.isEmpty() ? key : "[" + section + "] " + key)
                    + " in " + origin + " is ignored");
            return;
        }
        Object raw;
        if (node.isBoolean()) {
            raw = node.booleanValue();
        } else if (node.isIntegralNumber()) {
            raw = node.longValue();
        } else if (node.isTextual()) {
            raw = node.textValue();
        } else {
            throw invalid(s, node.toString(), origin);
        }
        values.put(s, convert(s, raw, origin));
        sources.put(s, origin);
    }

    private static Object convert(Setting s, Object raw, String origin) throws ConfigException {
        try {
            return s.kind().convert(raw, s.choices());
        } catch (IllegalArgumentException e) {
            throw invalid(s, String.valueOf(raw), origin);
        }
    }

    private static ConfigException invalid(Setting s, String value, String origin) {
        return new ConfigException("invalid value \"" + value + "\" for " + s.qualifiedName() + " (from " + origin
                + "): expected " + s.kind().expectation(s.choices()));
    }
}
