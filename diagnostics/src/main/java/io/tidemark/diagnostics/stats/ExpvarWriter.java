package io.tidemark.diagnostics.stats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tidemark.common.metrics.Statistic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Writes {@code /debug/vars} the way InfluxDB 1.x does, which Telegraf's {@code inputs.influxdb} reads: one
 * top-level object, one key per line, {@code "system"} ({@code currentTime}, {@code started},
 * {@code uptime} in whole seconds), {@code "build"}, {@code "cmdline"}, {@code "memstats"}, then each
 * statistic as {@code {"name":..,"tags":{..},"values":{..}}} under a key made like InfluxDB's (see
 * {@link #keyOf}). Stateless.
 */
public final class ExpvarWriter {
    private static final JsonFactory JSON = new JsonFactory();

    private ExpvarWriter() {
    }

    /**
     * @param cmdline  the command line as a JSON array (the JVM's arguments, then the program's)
     * @param memstats {@link JvmStatistics#memstats}
     */
    public static byte[] write(Instant now, Instant started, BuildInfo build, List<String> cmdline,
            Map<String, Object> memstats, List<Statistic> statistics) {
        Map<String, Object> system = new LinkedHashMap<>();
        system.put("currentTime", GoTime.format(now));
        system.put("started", GoTime.format(started));
        system.put("uptime", Duration.between(started, now).toSeconds());
        Map<String, Object> buildSection = new LinkedHashMap<>();
        buildSection.put("Branch", build.branch());
        buildSection.put("Build Time", build.buildTime());
        buildSection.put("Commit", build.commit());
        buildSection.put("Version", build.version());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
        try {
            bytes.write("{\n".getBytes(StandardCharsets.UTF_8));
            entry(bytes, "system", system, true);
            entry(bytes, "build", buildSection, false);
            entry(bytes, "cmdline", List.copyOf(cmdline), false);
            entry(bytes, "memstats", memstats, false);
            // InfluxDB's rule gives some groups the same key (two peers told apart by a "node" tag): every
            // group of such a key gets all its tags appended, so keys stay unique and do not depend on order.
            Map<String, Integer> sameKey = new HashMap<>();
            for (Statistic s : statistics) {
                sameKey.merge(keyOf(s), 1, Integer::sum);
            }
            Set<String> keys = new HashSet<>();
            for (Statistic s : statistics) {
                String key = keyOf(s);
                if (sameKey.get(key) > 1) {
                    StringJoiner all = new StringJoiner(",", key + ":", "");
                    new TreeMap<>(s.tags()).forEach((k, v) -> all.add(k + "=" + v));
                    key = all.toString();
                }
                String unique = key;
                for (int n = 2; !keys.add(unique); n++) {
                    unique = key + "#" + n;
                }
                key = unique;
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("name", s.name());
                value.put("tags", s.tags());
                value.put("values", s.values());
                entry(bytes, key, value, false);
            }
            bytes.write("\n}\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("BUG: writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * InfluxDB's key for a statistic: the name, then {@code :path:id} if it has a {@code path} tag, else
     * {@code :proto:bind} (or {@code :bind}) if it has a {@code bind} tag, else {@code :database} (then
     * {@code :retention_policy}, {@code :name}, {@code :destination}) if it has a {@code database} tag. So
     * {@code httpd} with {@code bind=":8086"} is {@code "httpd::8086"}. Groups whose keys come out equal get
     * all their tags appended by {@link #write}: {@code "jvm_gc:collector=G1 Young Generation"}.
     */
    public static String keyOf(Statistic s) {
        Map<String, String> tags = s.tags();
        StringBuilder key = new StringBuilder(s.name());
        if (tags.containsKey("path")) {
            key.append(':').append(tags.get("path"));
            if (tags.containsKey("id")) {
                key.append(':').append(tags.get("id"));
            }
        } else if (tags.containsKey("bind")) {
            if (tags.containsKey("proto")) {
                key.append(':').append(tags.get("proto"));
            }
            key.append(':').append(tags.get("bind"));
        } else if (tags.containsKey("database")) {
            key.append(':').append(tags.get("database"));
            if (tags.containsKey("retention_policy")) {
                key.append(':').append(tags.get("retention_policy"));
                if (tags.containsKey("name")) {
                    key.append(':').append(tags.get("name"));
                }
                if (tags.containsKey("destination")) {
                    key.append(':').append(tags.get("destination"));
                }
            }
        }
        return key.toString();
    }

    private static void entry(ByteArrayOutputStream out, String key, Object value, boolean first) throws IOException {
        if (!first) {
            out.write(",\n".getBytes(StandardCharsets.UTF_8));
        }
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.setRootValueSeparator(null);
            g.writeString(key);
            g.writeRaw(": ");
            JsonValues.write(g, value);
        }
    }
}
