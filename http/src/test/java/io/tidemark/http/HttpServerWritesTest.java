package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidemark.common.metrics.MetricRegistry;
import io.tidemark.common.result.Series;
import io.tidemark.common.result.StatementResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A real server on a socket: what a write waiting for its fsync holds, and the order of a connection's answers. */
class HttpServerWritesTest {
    @Test
    void writesWaitingForDurabilityHoldNoWorkerAndAreAnsweredWhenTheyComplete() throws Exception {
        ConcurrentLinkedQueue<CompletableFuture<WriteOutcome>> pending = new ConcurrentLinkedQueue<>();
        WriteService writes = pendingWrites(pending);
        QueryService queries = (r, sink) -> sink.accept(StatementResult.of(0,
                List.of(Series.of("databases", List.of("name"), List.of(List.of("db"))))));
        HttpConfig config = new HttpConfig("127.0.0.1:0", 0, false, false, 1, 8, 0, "1.8.10-test");
        HttpServer server = HttpServer.start(config, writes, queries, null, () -> null, new MetricRegistry(),
                "test");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            String base = "http://127.0.0.1:" + server.port();
            List<CompletableFuture<HttpResponse<String>>> answers = List.of(
                    client.sendAsync(post(base + "/write?db=db", "m v=1"), HttpResponse.BodyHandlers.ofString()),
                    client.sendAsync(post(base + "/write?db=db", "m v=2"), HttpResponse.BodyHandlers.ofString()),
                    client.sendAsync(post(base + "/write?db=db", "m v=3"), HttpResponse.BodyHandlers.ofString()));
            // Three writes passed through the single worker, and it is free for a query while none is durable.
            await().atMost(Duration.ofSeconds(10)).until(() -> pending.size() == 3);
            HttpResponse<String> query = client.send(HttpRequest.newBuilder(URI.create(
                    base + "/query?q=SHOW+DATABASES")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(query.statusCode()).isEqualTo(200);
            assertThat(query.body()).contains("\"databases\"");
            assertThat(answers).noneMatch(CompletableFuture::isDone);

            List<CompletableFuture<WriteOutcome>> writesInOrder = List.copyOf(pending);
            writesInOrder.get(0).complete(WriteOutcome.ok(1));
            writesInOrder.get(1).complete(WriteOutcome.error(400, "partial write: field type conflict dropped=1"));
            writesInOrder.get(2).completeExceptionally(new IllegalStateException("boom"));
            List<Integer> statuses = answers.stream().map(a -> a.orTimeout(10, TimeUnit.SECONDS).join())
                    .map(HttpResponse::statusCode).sorted().toList();
            assertThat(statuses).containsExactly(204, 400, 500);
        } finally {
            client.close();
            server.close();
        }
    }

    @Test
    void theConcurrentWriteLimitLetsAFewRunQueuesSomeAndRefusesTheRestAsInfluxDbDoes() throws Exception {
        ConcurrentLinkedQueue<CompletableFuture<WriteOutcome>> started = new ConcurrentLinkedQueue<>();
        WriteService writes = pendingWrites(started);
        // One write at a time, one waiting, for at most 2 s (time enough for the next to find the queue full).
        HttpConfig config = new HttpConfig("127.0.0.1:0", 0, false, false, 2, 8, 0, "1.8.10-test", 1, 1,
                Duration.ofSeconds(2));
        HttpServer server = HttpServer.start(config, writes, (r, sink) -> { }, null, () -> null,
                new MetricRegistry(), "test");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            String uri = "http://127.0.0.1:" + server.port() + "/write?db=db";
            CompletableFuture<HttpResponse<String>> running = client.sendAsync(post(uri, "m v=1"),
                    HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(10)).until(() -> started.size() == 1);
            // Two more: whichever comes first waits and times out, the other finds the queue full.
            List<CompletableFuture<HttpResponse<String>>> more = List.of(
                    client.sendAsync(post(uri, "m v=2"), HttpResponse.BodyHandlers.ofString()),
                    client.sendAsync(post(uri, "m v=3"), HttpResponse.BodyHandlers.ofString()));
            List<String> refusals = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> f : more) {
                HttpResponse<String> r = f.get(10, TimeUnit.SECONDS);
                assertThat(r.statusCode()).isEqualTo(503);
                refusals.add(r.body());
            }
            assertThat(refusals).containsExactlyInAnyOrder("request throttled, queue full\n",
                    "request throttled, exceeds timeout\n");
            assertThat(started).hasSize(1);

            // A write that waits starts when the running one is answered, on no thread of its own meanwhile.
            CompletableFuture<HttpResponse<String>> next = client.sendAsync(post(uri, "m v=4"),
                    HttpResponse.BodyHandlers.ofString());
            await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(10)).until(() -> started.size() == 1);
            started.peek().complete(WriteOutcome.OK);
            assertThat(running.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(10)).until(() -> started.size() == 2);
            List.copyOf(started).get(1).complete(WriteOutcome.OK);
            assertThat(next.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
        } finally {
            client.close();
            server.close();
        }
    }

    @Test
    void aClosingServerAnswersTheWritesWaitingForTheirFsyncFirst() throws Exception {
        CompletableFuture<WriteOutcome> write = new CompletableFuture<>();
        CountDownLatch received = new CountDownLatch(1);
        WriteService writes = r -> {
            received.countDown();
            return write;
        };
        HttpConfig config = new HttpConfig("127.0.0.1:0", 0, false, false, 1, 8, 0, "1.8.10-test");
        HttpServer server = HttpServer.start(config, writes, (r, sink) -> { }, null, () -> null,
                new MetricRegistry(), "test");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            CompletableFuture<HttpResponse<String>> answer = client.sendAsync(
                    post("http://127.0.0.1:" + server.port() + "/write?db=db", "m v=1"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(received.await(10, TimeUnit.SECONDS)).isTrue();
            Thread closing = Thread.ofPlatform().start(() -> {
                try {
                    server.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            // The store would complete the write after the server stopped accepting: the answer still goes out.
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10)).until(closing::isAlive);
            write.complete(WriteOutcome.OK);
            assertThat(answer.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
            closing.join(10_000);
            assertThat(closing.isAlive()).isFalse();
        } finally {
            client.close();
            server.close();
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInTheOrderTheyCame() throws Exception {
        CompletableFuture<WriteOutcome> write = new CompletableFuture<>();
        WriteService writes = r -> write;
        QueryService queries = (r, sink) -> sink.accept(StatementResult.ok(0));
        HttpConfig config = new HttpConfig("127.0.0.1:0", 0, false, false, 2, 8, 0, "1.8.10-test");
        HttpServer server = HttpServer.start(config, writes, queries, null, () -> null, new MetricRegistry(),
                "test");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            // A write that waits for its fsync, then a ping and a query, in one go without waiting for answers.
            String pipelined = "POST /write?db=db HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nm v=1"
                    + "GET /ping?verbose=true HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /query?q=SHOW+DATABASES HTTP/1.1\r\nHost: x\r\n\r\n";
            socket.getOutputStream().write(pipelined.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            // Nothing may overtake the write's answer: the ping would be answered at once otherwise.
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10)).until(() -> in.available() == 0);
            write.complete(WriteOutcome.OK);
            List<String> statusLines = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                statusLines.add(readResponse(in));
            }
            assertThat(statusLines).containsExactly("HTTP/1.1 204 No Content", "HTTP/1.1 200 OK",
                    "HTTP/1.1 200 OK");
        } finally {
            server.close();
        }
    }

    /** Reads one answer with a Content-Length body; returns its status line. */
    private static String readResponse(InputStream in) throws IOException {
        String status = readLine(in);
        int length = 0;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        in.readNBytes(length);
        return status;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed after: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** Writes that stay pending, as they would while waiting for their fsync, until the test completes them. */
    private static WriteService pendingWrites(ConcurrentLinkedQueue<CompletableFuture<WriteOutcome>> into) {
        return r -> {
            CompletableFuture<WriteOutcome> f = new CompletableFuture<>();
            into.add(f);
            return f;
        };
    }

    private static HttpRequest post(String uri, String body) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
