package io.tidemark.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a request, read like Go's {@code FormValue}: an {@code application/x-www-form-urlencoded}
 * body's fields before the URL query's (Go's {@code ParseForm}: "request body parameters take precedence over URL
 * query string values"), but a multipart body's after them ({@code ParseMultipartForm} appends its values to those
 * {@code ParseForm} read from the URL); in a multipart body a file field {@code q} carries the query.
 */
final class RequestParams {
    private RequestParams() {
    }

    static Map<String, List<String>> url(FullHttpRequest request) {
        return new QueryStringDecoder(request.uri()).parameters();
    }

    /** The URL parameters and the body's form fields, in the order Go's {@code FormValue} reads them. */
    static Map<String, List<String>> form(FullHttpRequest request) throws IOException {
        Map<String, List<String>> url = url(request);
        if (!HttpMethod.POST.equals(request.method()) || !request.content().isReadable()) {
            return url;
        }
        String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        if (!contentType.startsWith("application/x-www-form-urlencoded")
                && !contentType.startsWith("multipart/form-data")) {
            return url;
        }
        boolean multipart = contentType.startsWith("multipart/form-data");
        Map<String, List<String>> all = new LinkedHashMap<>();
        if (multipart) {
            url.forEach((name, values) -> all.put(name, new ArrayList<>(values)));
        }
        // In-memory only: the body is already bounded by max-body-size.
        HttpPostRequestDecoder decoder = new HttpPostRequestDecoder(new DefaultHttpDataFactory(false), request);
        try {
            for (InterfaceHttpData data : decoder.getBodyHttpDatas()) {
                String value = switch (data) {
                    case Attribute a -> a.getValue();
                    case FileUpload f -> f.getString(StandardCharsets.UTF_8);
                    default -> null;
                };
                if (value != null) {
                    all.computeIfAbsent(data.getName(), k -> new ArrayList<>()).add(value);
                }
            }
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            decoder.destroy();
        }
        if (!multipart) {
            url.forEach((name, values) -> all.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
        }
        return all;
    }
}
