package io.tidemark.server.config;

import java.util.List;

/**
 * One configuration key: its section ({@code ""} for top-level keys), name, type, default and meaning.
 * {@code effective} is false for keys that are accepted from a stock {@code influxdb.conf} but do not act yet;
 * {@code ./tidemark config} marks them so that nobody relies on them unknowingly.
 */
record Setting(String section, String key, SettingKind kind, Object defaultValue, List<String> choices,
               boolean effective, String doc) {

    String qualifiedName() {
        return section.isEmpty() ? key : "[" + section + "] " + key;
    }

    /** The environment variable that overrides this key: {@code INFLUXDB_<SECTION>_<KEY>}, dashes as underscores. */
    String environmentVariable() {
        String s = section.isEmpty() ? "" : section.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_";
        return "INFLUXDB_" + s + key.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }
}
