package io.tidemark.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Builds responses with the headers every InfluxDB response carries, and makes their request ids. Thread-safe. */
final class Responses {
    static final String JSON = "application/json";
    private final String version;
    private final ResultJsonWriter json = new ResultJsonWriter();
    private final RequestIds requestIds = new RequestIds();

    Responses(String version) {
        this.version = version;
    }

    String newRequestId() {
        return requestIds.next();
    }

    void addStandardHeaders(HttpResponse response, String requestId) {
        HttpHeaders h = response.headers();
        h.set("Request-Id", requestId);
        h.set("X-Request-Id", requestId);
        h.set("X-Influxdb-Build", "OSS");
        h.set("X-Influxdb-Version", version);
    }

    FullHttpResponse empty(HttpResponseStatus status, String requestId) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
        addStandardHeaders(r, requestId);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        return r;
    }

    FullHttpResponse body(HttpResponseStatus status, String contentType, byte[] body, String requestId) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        addStandardHeaders(r, requestId);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return r;
    }

    /** A JSON error body, plus {@code X-Influxdb-Error} as InfluxDB sets it on errors other than 401. */
    FullHttpResponse error(HttpResponseStatus status, String message, String requestId) {
        FullHttpResponse r = body(status, JSON, json.error(message), requestId);
        if (status.code() != 401) {
            // As Go's server does, line breaks in a header value become spaces (they would end the header).
            String header = message.length() > 1024 ? message.substring(0, 1024) : message;
            r.headers().set("X-Influxdb-Error", header.replaceAll("[\\r\\n\\x00-\\x1f\\x7f]", " "));
        }
        return r;
    }

    FullHttpResponse text(HttpResponseStatus status, String text, String requestId) {
        return body(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), requestId);
    }
}
