package io.tidemark.diagnostics.stats;

import io.tidemark.common.metrics.Statistic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes statistics in the Prometheus text exposition format (version 0.0.4) for {@code /metrics}: each value
 * {@code v} of statistic {@code s} becomes the sample {@code <prefix>_<s.name>_<v>} with the statistic's tags
 * as labels, e.g. {@code tidemark_httpd_writeReq{bind=":8086"} 12}. Names keep their case, so they match
 * {@code SHOW STATS}; characters Prometheus does not allow become {@code _}. The registry does not say which
 * values are counters, so every family is {@code untyped}. Stateless.
 */
public final class PrometheusWriter {
    /** The content type of this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusWriter() {
    }

    public static String write(String prefix, List<Statistic> statistics) {
        // Samples of one family must be contiguous, under one TYPE line.
        Map<String, List<String>> families = new TreeMap<>();
        for (Statistic s : statistics) {
            String labels = labels(s.tags());
            for (Map.Entry<String, Object> v : s.values().entrySet()) {
                String family = metricName(prefix + "_" + s.name() + "_" + v.getKey());
                families.computeIfAbsent(family, k -> new ArrayList<>())
                        .add(family + labels + " " + value(v.getValue()));
            }
        }
        StringBuilder out = new StringBuilder(64 * families.size());
        families.forEach((family, samples) -> {
            out.append("# TYPE ").append(family).append(" untyped\n");
            for (String sample : samples) {
                out.append(sample).append('\n');
            }
        });
        return out.toString();
    }

    static String metricName(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'
                    || (i > 0 && c >= '0' && c <= '9');
            out.append(ok ? c : '_');
        }
        return out.toString();
    }

    static String labelName(String raw) {
        String name = metricName(raw).replace(':', '_');
        // Names starting with "__" are reserved for Prometheus itself.
        return name.startsWith("__") ? "tag" + name : name;
    }

    private static String labels(Map<String, String> tags) {
        if (tags.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("{");
        new TreeMap<>(tags).forEach((k, v) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(labelName(k)).append("=\"");
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '"' -> out.append("\\\"");
                    case '\n' -> out.append("\\n");
                    default -> out.append(c);
                }
            }
            out.append('"');
        });
        return out.append('}').toString();
    }

    private static String value(Object v) {
        if (v instanceof Double d) {
            if (d.isNaN()) {
                return "NaN";
            }
            if (d.isInfinite()) {
                return d > 0 ? "+Inf" : "-Inf";
            }
        }
        return String.valueOf(v);
    }
}
