package io.tidemark.diagnostics.stats;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes plain Java values (maps, lists, strings, numbers, booleans, null) as JSON. Non-finite doubles have no
 * JSON form; map entries holding one are left out, as Go's encoder would fail on them. Stateless.
 */
final class JsonValues {
    private JsonValues() {
    }

    static void write(JsonGenerator out, Object value) throws IOException {
        switch (value) {
            case null -> out.writeNull();
            case String s -> out.writeString(s);
            case Long l -> out.writeNumber(l);
            case Integer i -> out.writeNumber(i);
            case Double d -> out.writeNumber(isFinite(d) ? d : 0);
            case Float f -> out.writeNumber(f);
            case Boolean b -> out.writeBoolean(b);
            case Map<?, ?> m -> {
                out.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (e.getValue() instanceof Double d && !isFinite(d)) {
                        continue;
                    }
                    out.writeFieldName(String.valueOf(e.getKey()));
                    write(out, e.getValue());
                }
                out.writeEndObject();
            }
            case List<?> l -> {
                out.writeStartArray();
                for (Object o : l) {
                    write(out, o);
                }
                out.writeEndArray();
            }
            default -> out.writeString(value.toString());
        }
    }

    private static boolean isFinite(double d) {
        return !Double.isNaN(d) && !Double.isInfinite(d);
    }
}
