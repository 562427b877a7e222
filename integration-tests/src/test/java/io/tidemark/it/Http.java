package io.tidemark.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

/** A small HTTP client for the tests: writes and queries against one server. */
final class Http {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Http(String base) {
        this.base = base;
    }

    HttpResponse<String> write(String db, String precision, String body) throws IOException, InterruptedException {
        String q = "db=" + enc(db) + (precision == null ? "" : "&precision=" + precision);
        return send(HttpRequest.newBuilder(URI.create(base + "/write?" + q))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> writeGzip(String db, String body) throws IOException, InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body.getBytes(StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(URI.create(base + "/write?db=" + enc(db)))
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
    }

    HttpResponse<String> query(String q) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/query"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("q=" + enc(q))));
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET());
    }

    HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return client.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
