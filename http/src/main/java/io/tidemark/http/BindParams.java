package io.tidemark.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code params} parameter of {@code /query}: a JSON object of bind parameters. As in InfluxDB, a number
 * with a fraction or exponent is a float, otherwise an integer.
 */
final class BindParams {
    private static final JsonFactory JSON = new JsonFactory();

    private BindParams() {
    }

    static Map<String, Object> parse(String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("json: cannot unmarshal into a map of parameters");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                Object value = switch (t) {
                    case VALUE_NUMBER_INT -> p.getLongValue();
                    case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                    case VALUE_STRING -> p.getText();
                    case VALUE_TRUE -> Boolean.TRUE;
                    case VALUE_FALSE -> Boolean.FALSE;
                    case VALUE_NULL -> null;
                    default -> {
                        p.skipChildren();
                        throw new IllegalArgumentException("unsupported bind parameter type for " + name);
                    }
                };
                out.put(name, value);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return out;
    }
}
