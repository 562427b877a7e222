package io.tidemark.it.diff;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The two requests the differential test sends to a server: a line-protocol write and a query with
 * {@code epoch=ns}, so that times are integers on both sides. Thread-safe ({@link HttpClient} is).
 */
final class QueryClient {
    /** The status and body of one answer. */
    record Answer(int status, String body) {
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    QueryClient(String base) {
        this.base = base;
    }

    Answer write(String db, String precision, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/write?db=" + enc(db) + "&precision=" + precision))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * {@code /query?db=...&epoch=ns} with the statement in a form body: a POST, so that DDL gets no GET
     * deprecation warning and long statements fit.
     */
    Answer query(String db, String q) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/query?db=" + enc(db) + "&epoch=ns"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("q=" + enc(q))));
    }

    private Answer send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(b.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
