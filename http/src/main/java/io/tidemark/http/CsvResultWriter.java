package io.tidemark.http;

import io.tidemark.common.result.Series;
import io.tidemark.common.result.StatementResult;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Query results as CSV ({@code Accept: application/csv}), as InfluxDB's csv formatter writes them: a header
 * {@code name,tags,<columns>} per statement (from its first series), one line per row with the series' tags as
 * {@code k=v,k2=v2}, a blank line between statements, times as integers (nanoseconds unless {@code epoch} says
 * otherwise), floats in plain decimal notation, and statements without series (errors included) left out.
 *
 * <p>Not thread-safe: one per response, since a chunked response writes a statement's header only once.
 */
final class CsvResultWriter {
    static final String CONTENT_TYPE = "text/csv";

    private final EpochFormat epoch;
    private int statementId = -1;

    CsvResultWriter(EpochFormat epoch) {
        this.epoch = epoch;
    }

    byte[] write(List<StatementResult> results) {
        StringBuilder out = new StringBuilder();
        for (StatementResult r : results) {
            if (r.statementId() != statementId) {
                if (r.series().isEmpty()) {
                    continue;
                }
                if (statementId >= 0) {
                    out.append('\n');
                }
                statementId = r.statementId();
                out.append("name,tags");
                for (String c : r.series().getFirst().columns()) {
                    out.append(',');
                    field(out, c);
                }
                out.append('\n');
            }
            for (Series s : r.series()) {
                String tags = tags(s.tags());
                for (List<Object> row : s.values()) {
                    field(out, s.name() == null ? "" : s.name());
                    out.append(',');
                    field(out, tags);
                    for (int i = 0; i < row.size(); i++) {
                        out.append(',');
                        field(out, value(row.get(i), i == s.timeColumn()));
                    }
                    out.append('\n');
                }
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A whole-request error, as InfluxDB writes it in CSV. */
    static byte[] error(String message) {
        StringBuilder out = new StringBuilder("error\n");
        field(out, message);
        return out.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    private String value(Object v, boolean isTime) {
        return switch (v) {
            case null -> "";
            case Long l when isTime -> Long.toString(epoch.rfc3339() ? l : epoch.toEpoch(l));
            case Double d -> plain(d);
            default -> v.toString();
        };
    }

    /** Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}: shortest round-trip digits, never an exponent. */
    static String plain(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    /**
     * The tags as InfluxDB's series key writes them (sorted; {@code ,}, {@code =} and space escaped; a tag with an
     * empty value left out, as {@code models.Tags.HashKey} leaves it out).
     */
    private static String tags(Map<String, String> tags) {
        if (tags.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        tags.entrySet().stream().sorted(Map.Entry.comparingByKey()).filter(e -> !e.getValue().isEmpty()).forEach(e -> {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(escape(e.getKey())).append('=').append(escape(e.getValue()));
        });
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace(",", "\\,").replace("=", "\\=").replace(" ", "\\ ");
    }

    /** Go's encoding/csv quoting: quote when the field has a comma, quote or line break, or starts with a space. */
    private static void field(StringBuilder out, String s) {
        boolean quote = !s.isEmpty() && (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
                || s.indexOf('\r') >= 0 || Character.isWhitespace(s.charAt(0)) || s.equals("\\."));
        if (!quote) {
            out.append(s);
            return;
        }
        out.append('"').append(s.replace("\"", "\"\"")).append('"');
    }
}
