package io.tidemark.diagnostics;

import java.nio.charset.StandardCharsets;

/**
 * An answer of {@link DebugEndpoints}, for the HTTP layer to send as is. Immutable by convention: the body is
 * not copied, and nobody writes to it.
 */
public record DebugResponse(int status, String contentType, byte[] body) {
    static final String TEXT = "text/plain; charset=utf-8";
    static final String JSON = "application/json; charset=utf-8";
    static final String HTML = "text/html; charset=utf-8";
    static final String BINARY = "application/octet-stream";

    static DebugResponse text(String body) {
        return new DebugResponse(200, TEXT, body.getBytes(StandardCharsets.UTF_8));
    }

    /** An error in InfluxDB's shape, {@code {"error":"..."}}. */
    static DebugResponse error(int status, String message) {
        StringBuilder json = new StringBuilder("{\"error\":\"");
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append("\"}\n");
        return new DebugResponse(status, JSON, json.toString().getBytes(StandardCharsets.UTF_8));
    }
}
