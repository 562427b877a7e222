package io.tidemark.server.config;

import io.tidemark.common.DataSize;
import io.tidemark.common.GoDuration;
import java.time.Duration;

/** Prints the effective configuration as a TOML file that Tidemark (and mostly InfluxDB) can read back. */
public final class ConfigPrinter {
    private ConfigPrinter() {
    }

    public static String print(TidemarkConfig config) {
        StringBuilder out = new StringBuilder();
        out.append("# Effective Tidemark configuration. Keys marked \"no effect yet\" are accepted for\n")
                .append("# compatibility with influxdb.conf and do not change behaviour in this version.\n");
        String section = null;
        for (Setting s : config.catalog().all()) {
            if (!s.section().equals(section)) {
                section = s.section();
                out.append('\n');
                if (!section.isEmpty()) {
                    out.append('[').append(section).append("]\n");
                }
            }
            String indent = section.isEmpty() ? "" : "  ";
            StringBuilder comment = new StringBuilder();
            if (!s.effective()) {
                comment.append("no effect yet");
            }
            String source = config.source(s);
            if (!"default".equals(source)) {
                comment.append(comment.isEmpty() ? "" : "; ").append("from ").append(source);
            }
            out.append(indent).append(s.key()).append(" = ").append(format(s, config.value(s)));
            if (!comment.isEmpty()) {
                out.append("  # ").append(comment);
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String format(Setting s, Object value) {
        return switch (s.kind()) {
            case STRING, CHOICE -> quote((String) value);
            case BOOLEAN, INTEGER -> String.valueOf(value);
            case SIZE -> {
                long bytes = (Long) value;
                String text = DataSize.format(bytes);
                yield text.equals(Long.toString(bytes)) ? text : quote(text);
            }
            case DURATION -> quote(GoDuration.format((Duration) value));
        };
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
