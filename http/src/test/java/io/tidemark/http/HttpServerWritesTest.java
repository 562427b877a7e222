package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.metrics.MetricRegistry;
import io.tidemark.common.result.Series;
import io.tidemark.common.result.StatementResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A real server on a socket, with one request worker: what a write waiting for its fsync holds. */
class HttpServerWritesTest {
    @Test
    void writesWaitingForDurabilityHoldNoWorkerAndAreAnsweredWhenTheyComplete() throws Exception {
        ConcurrentLinkedQueue<CompletableFuture<WriteOutcome>> pending = new ConcurrentLinkedQueue<>();
        WriteService writes = r -> {
            CompletableFuture<WriteOutcome> f = new CompletableFuture<>();
            pending.add(f);
            return f;
        };
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
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pending.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            // Three writes passed through the single worker, and it is free for a query while none is durable.
            assertThat(pending).hasSize(3);
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

    private static HttpRequest post(String uri, String body) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
