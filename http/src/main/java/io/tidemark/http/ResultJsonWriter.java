package io.tidemark.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.tidemark.common.result.Series;
import io.tidemark.common.result.StatementResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes query results in InfluxDB's JSON shape:
 * {@code {"results":[{"statement_id":0,"series":[{"name":..,"tags":..,"columns":..,"values":..}]}]}}, with
 * the field order and omissions of InfluxDB's Go structs, and strings escaped as Go escapes them
 * ({@link GoJsonEscapes}). Thread-safe.
 */
public final class ResultJsonWriter {
    private final JsonFactory json = new JsonFactoryBuilder().characterEscapes(GoJsonEscapes.INSTANCE).build();

    public byte[] write(List<StatementResult> results, EpochFormat epoch, boolean pretty) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = generator(out, pretty)) {
            g.writeStartObject();
            // Go's "results,omitempty": a query of no statement (";") answers {}.
            if (!results.isEmpty()) {
                g.writeArrayFieldStart("results");
                for (StatementResult r : results) {
                    writeResult(g, r, epoch);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');   // Go's json.Encoder ends each document with a newline; InfluxDB's bodies do too
        return out.toByteArray();
    }

    public byte[] error(String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private JsonGenerator generator(ByteArrayOutputStream out, boolean pretty) throws IOException {
        JsonGenerator g = json.createGenerator(out);
        if (pretty) {
            // Go's json.MarshalIndent: four spaces, and "key": value without a space before the colon.
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("    ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("    ", "\n"))
                    .withSeparators(Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
            g.setPrettyPrinter(printer);
        }
        return g;
    }

    private static void writeResult(JsonGenerator g, StatementResult r, EpochFormat epoch) throws IOException {
        g.writeStartObject();
        g.writeNumberField("statement_id", r.statementId());
        if (!r.series().isEmpty()) {
            g.writeArrayFieldStart("series");
            for (Series s : r.series()) {
                writeSeries(g, s, epoch);
            }
            g.writeEndArray();
        }
        if (!r.messages().isEmpty()) {
            g.writeArrayFieldStart("messages");
            for (StatementResult.Message m : r.messages()) {
                g.writeStartObject();
                g.writeStringField("level", m.level());
                g.writeStringField("text", m.text());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (r.partial()) {
            g.writeBooleanField("partial", true);
        }
        if (r.error() != null) {
            g.writeStringField("error", r.error());
        }
        g.writeEndObject();
    }

    private static void writeSeries(JsonGenerator g, Series s, EpochFormat epoch) throws IOException {
        g.writeStartObject();
        if (s.name() != null && !s.name().isEmpty()) {
            g.writeStringField("name", s.name());
        }
        if (!s.tags().isEmpty()) {
            g.writeObjectFieldStart("tags");
            for (Map.Entry<String, String> t : s.tags().entrySet()) {
                g.writeStringField(t.getKey(), t.getValue());
            }
            g.writeEndObject();
        }
        if (!s.columns().isEmpty()) {
            g.writeArrayFieldStart("columns");
            for (String c : s.columns()) {
                g.writeString(c);
            }
            g.writeEndArray();
        }
        int timeColumn = s.timeColumn();
        if (!s.values().isEmpty()) {
            g.writeArrayFieldStart("values");
            for (List<Object> row : s.values()) {
                g.writeStartArray();
                for (int i = 0; i < row.size(); i++) {
                    Object v = row.get(i);
                    if (i == timeColumn && v instanceof Long nanos) {
                        if (epoch.rfc3339()) {
                            g.writeString(EpochFormat.rfc3339(nanos, s.zone()));
                        } else {
                            g.writeNumber(epoch.toEpoch(nanos));
                        }
                    } else {
                        writeValue(g, v);
                    }
                }
                g.writeEndArray();
            }
            g.writeEndArray();
        }
        if (s.partial()) {
            g.writeBooleanField("partial", true);
        }
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        // instanceof rather than a pattern switch: no bootstrap method and less code to compile on the way of every
        // value, which matters while a new server warms up.
        if (v instanceof Double d) {
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                g.writeNull();
            } else {
                g.writeNumber(GoNumbers.formatFloat(d));
            }
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v == null) {
            g.writeNull();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else {
            g.writeString(v.toString());
        }
    }
}
