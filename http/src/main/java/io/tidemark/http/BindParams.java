package io.tidemark.http;

import io.tidemark.common.GoJsonNumber;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code params} parameter of {@code /query}: a JSON object of bind parameters, read as InfluxDB reads it. The
 * first JSON value of the text counts (what follows it is ignored); it must be an object or {@code null} (no
 * parameters). Each parameter that is a number becomes a {@code Long}, or a {@code Double} when written with a
 * decimal point ({@link GoJsonNumber}); strings, booleans, null, and the objects and lists that bind explicitly typed
 * values are handed on as they are, numbers inside them still as {@link GoJsonNumber}s.
 */
final class BindParams {
    private BindParams() {
    }

    /**
     * The parameters of a {@code params} text; none for null or an empty text.
     *
     * @throws IllegalArgumentException with the whole error text of InfluxDB's 400 answer
     */
    static Map<String, Object> parse(String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        Object value;
        try {
            value = GoJsonReader.readFirst(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("error parsing query parameters: " + e.getMessage(), e);
        }
        if (value == null) {
            return out;
        }
        if (!(value instanceof Map<?, ?> params)) {
            throw new IllegalArgumentException("error parsing query parameters: json: cannot unmarshal "
                    + goKind(value) + " into Go value of type map[string]interface {}");
        }
        for (Map.Entry<?, ?> e : params.entrySet()) {
            Object v = e.getValue();
            if (v instanceof GoJsonNumber n) {
                try {
                    v = n.value();
                } catch (IllegalArgumentException bad) {
                    throw new IllegalArgumentException("error parsing json value: " + bad.getMessage(), bad);
                }
            }
            out.put((String) e.getKey(), v);
        }
        return out;
    }

    /** The kind Go's decoder names in a type error. */
    private static String goKind(Object value) {
        return switch (value) {
            case List<?> l -> "array";
            case GoJsonNumber n -> "number";
            case String s -> "string";
            case Boolean b -> "bool";
            default -> "object";
        };
    }
}
