package io.tidemark.http;

import io.tidemark.common.result.Series;
import io.tidemark.common.result.StatementResult;
import java.util.List;
import java.util.Map;

/**
 * Writes query results in InfluxDB's JSON shape:
 * {@code {"results":[{"statement_id":0,"series":[{"name":..,"tags":..,"columns":..,"values":..}]}]}}, with
 * the field order and omissions of InfluxDB's Go structs, strings escaped as Go escapes them ({@link JsonBytes}), and
 * {@code pretty} indented as Go indents ({@link GoJsonIndent}). Thread-safe.
 */
public final class ResultJsonWriter {
    private static final String PRETTY_INDENT = "    ";

    public byte[] write(List<StatementResult> results, EpochFormat epoch, boolean pretty) {
        JsonBytes out = new JsonBytes(256);
        out.put('{');
        // Go's "results,omitempty": a query of no statement (";") answers {}.
        if (!results.isEmpty()) {
            out.ascii("\"results\":[");
            for (int i = 0; i < results.size(); i++) {
                if (i > 0) {
                    out.put(',');
                }
                writeResult(out, results.get(i), epoch);
            }
            out.put(']');
        }
        out.put('}');
        return finish(out, pretty);
    }

    public byte[] error(String message) {
        JsonBytes out = new JsonBytes(message.length() + 16);
        out.ascii("{\"error\":").string(message).put('}');
        return finish(out, false);
    }

    /** Go's json.Encoder ends each document with a newline; InfluxDB's bodies do too. */
    private static byte[] finish(JsonBytes out, boolean pretty) {
        JsonBytes document = pretty ? GoJsonIndent.indent(out, PRETTY_INDENT) : out;
        return document.put('\n').toByteArray();
    }

    private static void writeResult(JsonBytes out, StatementResult r, EpochFormat epoch) {
        out.ascii("{\"statement_id\":").number(r.statementId());
        if (!r.series().isEmpty()) {
            out.ascii(",\"series\":[");
            List<Series> series = r.series();
            for (int i = 0; i < series.size(); i++) {
                if (i > 0) {
                    out.put(',');
                }
                writeSeries(out, series.get(i), epoch);
            }
            out.put(']');
        }
        if (!r.messages().isEmpty()) {
            out.ascii(",\"messages\":[");
            List<StatementResult.Message> messages = r.messages();
            for (int i = 0; i < messages.size(); i++) {
                if (i > 0) {
                    out.put(',');
                }
                out.ascii("{\"level\":").string(messages.get(i).level())
                        .ascii(",\"text\":").string(messages.get(i).text()).put('}');
            }
            out.put(']');
        }
        if (r.partial()) {
            out.ascii(",\"partial\":true");
        }
        if (r.error() != null) {
            out.ascii(",\"error\":").string(r.error());
        }
        out.put('}');
    }

    private static void writeSeries(JsonBytes out, Series s, EpochFormat epoch) {
        // Each part starts with its comma: "name" may be left out, and then the object starts with the next part.
        char separator = '{';
        if (s.name() != null && !s.name().isEmpty()) {
            out.put(separator).ascii("\"name\":").string(s.name());
            separator = ',';
        }
        if (!s.tags().isEmpty()) {
            out.put(separator).ascii("\"tags\":{");
            separator = ',';
            boolean first = true;
            for (Map.Entry<String, String> t : s.tags().entrySet()) {
                if (!first) {
                    out.put(',');
                }
                first = false;
                out.string(t.getKey()).put(':').string(t.getValue());
            }
            out.put('}');
        }
        if (!s.columns().isEmpty()) {
            out.put(separator).ascii("\"columns\":[");
            separator = ',';
            List<String> columns = s.columns();
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    out.put(',');
                }
                out.string(columns.get(i));
            }
            out.put(']');
        }
        if (!s.values().isEmpty()) {
            out.put(separator).ascii("\"values\":[");
            separator = ',';
            List<List<Object>> rows = s.values();
            for (int i = 0; i < rows.size(); i++) {
                if (i > 0) {
                    out.put(',');
                }
                writeRow(out, rows.get(i), s, epoch);
            }
            out.put(']');
        }
        if (s.partial()) {
            out.put(separator).ascii("\"partial\":true");
            separator = ',';
        }
        if (separator == '{') {
            out.put('{');
        }
        out.put('}');
    }

    private static void writeRow(JsonBytes out, List<Object> row, Series s, EpochFormat epoch) {
        int timeColumn = s.timeColumn();
        out.put('[');
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                out.put(',');
            }
            Object v = row.get(i);
            if (i == timeColumn && v instanceof Long nanos) {
                if (epoch.rfc3339()) {
                    out.rfc3339(nanos, s.zone());
                } else {
                    out.number(epoch.toEpoch(nanos));
                }
            } else {
                writeValue(out, v);
            }
        }
        out.put(']');
    }

    private static void writeValue(JsonBytes out, Object v) {
        // instanceof rather than a pattern switch: no bootstrap method and less code to compile on the way of every
        // value, which matters while a new server warms up.
        if (v instanceof Double d) {
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                out.ascii("null");
            } else {
                out.ascii(GoNumbers.formatFloat(d));
            }
        } else if (v instanceof Long l) {
            out.number(l);
        } else if (v instanceof String str) {
            out.string(str);
        } else if (v == null) {
            out.ascii("null");
        } else if (v instanceof Boolean b) {
            out.ascii(b ? "true" : "false");
        } else if (v instanceof Integer i) {
            out.number(i);
        } else {
            out.string(v.toString());
        }
    }
}
