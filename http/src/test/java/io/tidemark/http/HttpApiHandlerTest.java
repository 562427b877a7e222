package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.tidemark.common.metrics.MetricRegistry;
import io.tidemark.common.result.Series;
import io.tidemark.common.result.StatementResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** The handler in an {@link EmbeddedChannel}, with the request executor running tasks in place. */
class HttpApiHandlerTest {
    private final AtomicReference<WriteRequest> lastWrite = new AtomicReference<>();
    private final AtomicReference<QueryRequest> lastQuery = new AtomicReference<>();
    private WriteOutcome writeOutcome = WriteOutcome.OK;
    private String healthFailure;
    private final MetricRegistry metrics = new MetricRegistry();

    private EmbeddedChannel channel(long maxBody) {
        HttpConfig config = new HttpConfig(":0", maxBody, false, true, 1, 1, 0, "1.8.10-test");
        WriteService writes = r -> {
            lastWrite.set(r);
            return CompletableFuture.completedFuture(writeOutcome);
        };
        QueryService queries = (r, sink) -> {
            lastQuery.set(r);
            if (r.query().startsWith("BAD")) {
                throw new QueryRejectedException(400, "error parsing query: found BAD");
            }
            if (r.query().equals(";")) {
                return; // no statement
            }
            if (r.query().startsWith("DEEP")) {
                throw new StackOverflowError();
            }
            if (r.query().startsWith("TWO")) {
                sink.accept(StatementResult.error(0, "first statement failed"));
                sink.accept(StatementResult.of(1, List.of(Series.of("databases", List.of("name"),
                        List.of(List.of("b"))))));
                return;
            }
            sink.accept(StatementResult.of(0, List.of(Series.of("databases", List.of("name"),
                    List.of(List.of("a"))))));
        };
        HttpApiHandler handler = new HttpApiHandler(config, writes, queries, null, () -> healthFailure, Runnable::run,
                new HttpStatistics(metrics.group("httpd")));
        return new EmbeddedChannel(new HttpContentDecompressor(),
                new OversizedBodyAggregator((int) maxBody, new Responses("1.8.10-test")), handler);
    }

    private static FullHttpRequest request(HttpMethod method, String uri, String body) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        return r;
    }

    private static String body(FullHttpResponse r) {
        return r.content().toString(StandardCharsets.UTF_8);
    }

    @Test
    void writePassesParametersAndCredentials() {
        EmbeddedChannel ch = channel(1000);
        ch.writeInbound(request(HttpMethod.POST, "/write?db=d&rp=r&precision=s&consistency=one&u=joe&p=pw", "m v=1"));
        FullHttpResponse r = ch.readOutbound();
        assertThat(r.status().code()).isEqualTo(204);
        assertThat(r.headers().get("X-Influxdb-Version")).isEqualTo("1.8.10-test");
        WriteRequest w = lastWrite.get();
        assertThat(w.database()).isEqualTo("d");
        assertThat(w.retentionPolicy()).isEqualTo("r");
        assertThat(w.precision()).isEqualTo("s");
        assertThat(w.consistency()).isEqualTo("one");
        assertThat(w.credentials()).isEqualTo(new Credentials("joe", "pw"));
        assertThat(new String(w.body(), StandardCharsets.UTF_8)).isEqualTo("m v=1");
    }

    @Test
    void writeErrorsCarryJsonAndTheErrorHeader() {
        writeOutcome = WriteOutcome.error(404, "database not found: \"x\"");
        EmbeddedChannel ch = channel(1000);
        ch.writeInbound(request(HttpMethod.POST, "/write?db=x", "m v=1"));
        FullHttpResponse r = ch.readOutbound();
        assertThat(r.status().code()).isEqualTo(404);
        assertThat(body(r)).isEqualTo("{\"error\":\"database not found: \\\"x\\\"\"}\n");
        assertThat(r.headers().get("X-Influxdb-Error")).isEqualTo("database not found: \"x\"");
    }

    @Test
    void basicAuthIsParsed() {
        EmbeddedChannel ch = channel(1000);
        FullHttpRequest req = request(HttpMethod.POST, "/write?db=d", "m v=1");
        req.headers().set(HttpHeaderNames.AUTHORIZATION, "Basic am9lOnB3");
        ch.writeInbound(req);
        ch.readOutbound();
        assertThat(lastWrite.get().credentials()).isEqualTo(new Credentials("joe", "pw"));
    }

    @Test
    void bodiesOverTheLimitGet413() {
        EmbeddedChannel ch = channel(10);
        // As the codec delivers it: the head first; its Content-Length is already over the limit.
        DefaultHttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/write?db=d");
        head.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 30);
        ch.writeInbound(head);
        FullHttpResponse r = ch.readOutbound();
        assertThat(r.status().code()).isEqualTo(413);
        assertThat(body(r)).isEqualTo("{\"error\":\"Request Entity Too Large\"}\n");
        assertThat(lastWrite.get()).isNull();
    }

    @Test
    void countsRequestsAsInfluxDbsHttpdStatistics() {
        EmbeddedChannel ch = channel(1000);
        writeOutcome = WriteOutcome.ok(3);
        ch.writeInbound(request(HttpMethod.POST, "/write?db=d", "m v=1\nm v=2\nm v=3"));
        writeOutcome = WriteOutcome.error(400, "partial write: field type conflict dropped=1").withPoints(1, 1, 0);
        ch.writeInbound(request(HttpMethod.POST, "/write?db=d", "m v=1\nm v=\"a\""));
        writeOutcome = WriteOutcome.error(500, "engine: cache-max-memory-size exceeded").withPoints(0, 0, 2);
        ch.writeInbound(request(HttpMethod.POST, "/write?db=d", "m v=4\nm v=5"));
        ch.writeInbound(request(HttpMethod.GET, "/query?q=SHOW+DATABASES", ""));
        ch.writeInbound(request(HttpMethod.GET, "/query?q=BAD", ""));
        ch.writeInbound(request(HttpMethod.GET, "/ping", ""));
        ch.writeInbound(request(HttpMethod.HEAD, "/status", ""));
        ch.writeInbound(request(HttpMethod.GET, "/nowhere", ""));
        ch.writeInbound(request(HttpMethod.GET, "/write", ""));
        int queryBytes = 0;
        for (int i = 0; i < 9; i++) {
            FullHttpResponse r = ch.readOutbound();
            if (i == 3) {
                queryBytes = r.content().readableBytes();
            }
        }

        Map<String, Object> v = metrics.snapshot().getFirst().values();
        assertThat(v).containsEntry("req", 9L).containsEntry("reqActive", 0L)
                .containsEntry("writeReq", 3L).containsEntry("writeReqActive", 0L)
                .containsEntry("writeReqBytes", (long) ("m v=1\nm v=2\nm v=3".length() + "m v=1\nm v=\"a\"".length()
                        + "m v=4\nm v=5".length()))
                .containsEntry("pointsWrittenOK", 4L).containsEntry("pointsWrittenDropped", 1L)
                .containsEntry("pointsWrittenFail", 2L)
                .containsEntry("queryReq", 2L).containsEntry("queryRespBytes", (long) queryBytes)
                .containsEntry("pingReq", 1L).containsEntry("statusReq", 1L)
                // The 400s of a partial write and of a bad query, the 500 of the failed write; neither the unknown
                // path's 404 nor the 405, which no handler answered, as in InfluxDB.
                .containsEntry("clientError", 2L).containsEntry("serverError", 1L)
                .containsEntry("recoveredPanics", 0L);
        assertThat((Long) v.get("reqDurationNs")).isPositive();
        assertThat((Long) v.get("writeReqDurationNs")).isPositive();
        assertThat((Long) v.get("queryReqDurationNs")).isPositive();
    }

    @Test
    void getOnWriteIs405() {
        EmbeddedChannel ch = channel(1000);
        ch.writeInbound(request(HttpMethod.GET, "/write?db=d", ""));
        FullHttpResponse r = ch.readOutbound();
        assertThat(r.status().code()).isEqualTo(405);
    }

    @Test
    void queryReadsFormBodiesAndParameters() {
        EmbeddedChannel ch = channel(1000);
        FullHttpRequest req = request(HttpMethod.POST, "/query?db=d&epoch=ms",
                "q=SHOW+DATABASES&params=%7B%22x%22%3A1%2C%22y%22%3A1.5%7D");
        req.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded");
        ch.writeInbound(req);
        FullHttpResponse r = ch.readOutbound();
        assertThat(r.status().code()).isEqualTo(200);
        assertThat(body(r)).isEqualTo(
                "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"databases\",\"columns\":[\"name\"],"
                        + "\"values\":[[\"a\"]]}]}]}\n");
        assertThat(lastQuery.get().query()).isEqualTo("SHOW DATABASES");
        assertThat(lastQuery.get().database()).isEqualTo("d");
        assertThat(lastQuery.get().params()).containsEntry("x", 1L).containsEntry("y", 1.5);
    }

    @Test
    void aParameterInBothTheBodyAndTheUrlIsTheBodysAsGoReadsIt() {
        EmbeddedChannel ch = channel(1000);
        FullHttpRequest req = request(HttpMethod.POST, "/query?q=SHOW+MEASUREMENTS&db=url&epoch=ms",
                "q=SHOW+DATABASES&db=body");
        req.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded");
        ch.writeInbound(req);
        FullHttpResponse r = ch.readOutbound();
        assertThat(r.status().code()).isEqualTo(200);
        assertThat(lastQuery.get().query()).isEqualTo("SHOW DATABASES");
        assertThat(lastQuery.get().database()).isEqualTo("body");

        // A multipart body's fields come after the URL's in Go (ParseMultipartForm appends them).
        String multipart = "--xyz\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\nSHOW DATABASES\r\n"
                + "--xyz\r\nContent-Disposition: form-data; name=\"db\"\r\n\r\nbody\r\n--xyz--\r\n";
        FullHttpRequest mp = request(HttpMethod.POST, "/query?db=url", multipart);
        mp.headers().set(HttpHeaderNames.CONTENT_TYPE, "multipart/form-data; boundary=xyz");
        ch.writeInbound(mp);
        assertThat(((FullHttpResponse) ch.readOutbound()).status().code()).isEqualTo(200);
        assertThat(lastQuery.get().query()).isEqualTo("SHOW DATABASES");
        assertThat(lastQuery.get().database()).isEqualTo("url");
    }

    @Test
    void aQueryOfNoStatementIsAnsweredAsInfluxDbAnswersIt() {
        EmbeddedChannel ch = channel(1000);
        ch.writeInbound(request(HttpMethod.GET, "/query?q=%3B", ""));
        FullHttpResponse whole = ch.readOutbound();
        assertThat(whole.status().code()).isEqualTo(200);
        assertThat(body(whole)).isEqualTo("{}\n");
        ch.writeInbound(request(HttpMethod.GET, "/query?q=%3B&chunked=true", ""));
        FullHttpResponse chunked = ch.readOutbound();
        assertThat(chunked.status().code()).isEqualTo(200);
        assertThat(body(chunked)).isEmpty();
    }

    @Test
    void aStatementTooDeepForTheStackIsAnsweredAndTheWorkerLivesOn() {
        EmbeddedChannel ch = channel(1000);
        ch.writeInbound(request(HttpMethod.GET, "/query?q=DEEP", ""));
        FullHttpResponse deep = ch.readOutbound();
        assertThat(deep.status().code()).isEqualTo(400);
        assertThat(body(deep)).isEqualTo("{\"error\":\"request nested too deeply to process\"}\n");
        ch.writeInbound(request(HttpMethod.GET, "/query?q=SHOW+DATABASES", ""));
        assertThat(((FullHttpResponse) ch.readOutbound()).status().code()).isEqualTo(200);
    }

    @Test
    void queryAnswersAreGzippedWhenTheClientAcceptsItAndTheStatusIs200() throws IOException {
        EmbeddedChannel ch = channel(1000);
        ch.writeInbound(request(HttpMethod.GET, "/query?q=SHOW+DATABASES", ""));
        FullHttpResponse plain = ch.readOutbound();
        assertThat(plain.headers().contains(HttpHeaderNames.CONTENT_ENCODING)).isFalse();

        FullHttpRequest req = request(HttpMethod.GET, "/query?q=SHOW+DATABASES", "");
        req.headers().set(HttpHeaderNames.ACCEPT_ENCODING, "gzip, deflate");
        ch.writeInbound(req);
        FullHttpResponse gzipped = ch.readOutbound();
        assertThat(gzipped.status().code()).isEqualTo(200);
        assertThat(gzipped.headers().get(HttpHeaderNames.CONTENT_ENCODING)).isEqualTo("gzip");
        assertThat(gzipped.headers().getInt(HttpHeaderNames.CONTENT_LENGTH))
                .isEqualTo(gzipped.content().readableBytes());
        assertThat(gunzip(bytes(gzipped))).isEqualTo(body(plain));

        // Not for other statuses, as InfluxDB's writer compresses only a 200.
        FullHttpRequest bad = request(HttpMethod.GET, "/query?q=BAD", "");
        bad.headers().set(HttpHeaderNames.ACCEPT_ENCODING, "gzip");
        ch.writeInbound(bad);
        FullHttpResponse refused = ch.readOutbound();
        assertThat(refused.status().code()).isEqualTo(400);
        assertThat(refused.headers().contains(HttpHeaderNames.CONTENT_ENCODING)).isFalse();
        assertThat(body(refused)).isEqualTo("{\"error\":\"error parsing query: found BAD\"}\n");
    }

    @Test
    void aChunkedAnswerIsOneGzipStreamThatEachChunkCanBeDecodedFrom() throws IOException {
        EmbeddedChannel ch = channel(1000);
        ch.writeInbound(request(HttpMethod.GET, "/query?q=TWO&chunked=true", ""));
        StringBuilder plain = new StringBuilder();
        for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
            if (o instanceof HttpContent c) {
                plain.append(c.content().toString(StandardCharsets.UTF_8));
            }
        }
        assertThat(plain.toString()).contains("first statement failed").contains("\"b\"");

        FullHttpRequest req = request(HttpMethod.GET, "/query?q=TWO&chunked=true", "");
        req.headers().set(HttpHeaderNames.ACCEPT_ENCODING, "gzip");
        ch.writeInbound(req);
        HttpResponse head = ch.readOutbound();
        assertThat(head.headers().get(HttpHeaderNames.CONTENT_ENCODING)).isEqualTo("gzip");
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        int chunks = 0;
        for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
            byte[] b = ByteBufUtil.getBytes(((HttpContent) o).content());
            stream.write(b);
            if (chunks++ == 0) {
                // The first chunk alone decodes to the first statement's answer: it was flushed, not held back.
                assertThat(inflatePrefix(stream.toByteArray())).isEqualTo(plain.substring(0,
                        plain.indexOf("\n") + 1));
            }
        }
        assertThat(gunzip(stream.toByteArray())).isEqualTo(plain.toString());

        FullHttpRequest none = request(HttpMethod.GET, "/query?q=%3B&chunked=true", "");
        none.headers().set(HttpHeaderNames.ACCEPT_ENCODING, "gzip");
        ch.writeInbound(none);
        FullHttpResponse empty = ch.readOutbound();
        assertThat(gunzip(bytes(empty))).isEmpty();
    }

    private static byte[] bytes(FullHttpResponse r) {
        return ByteBufUtil.getBytes(r.content());
    }

    private static String gunzip(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** What the deflate data after the 10-byte gzip header of an unfinished stream decodes to so far. */
    private static String inflatePrefix(byte[] gz) {
        Inflater inflater = new Inflater(true);
        inflater.setInput(gz, 10, gz.length - 10);
        byte[] out = new byte[4096];
        try {
            int n = inflater.inflate(out);
            return new String(out, 0, n, StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new AssertionError(e);
        } finally {
            inflater.end();
        }
    }

    @Test
    void queryErrors() {
        EmbeddedChannel ch = channel(1000);
        ch.writeInbound(request(HttpMethod.GET, "/query", ""));
        FullHttpResponse missing = ch.readOutbound();
        assertThat(missing.status().code()).isEqualTo(400);
        assertThat(body(missing)).isEqualTo("{\"error\":\"missing required parameter \\\"q\\\"\"}\n");
        ch.writeInbound(request(HttpMethod.GET, "/query?q=BAD", ""));
        FullHttpResponse bad = ch.readOutbound();
        assertThat(bad.status().code()).isEqualTo(400);
        assertThat(body(bad)).isEqualTo("{\"error\":\"error parsing query: found BAD\"}\n");
        ch.writeInbound(request(HttpMethod.GET, "/query?q=x&params=%7Bnope", ""));
        FullHttpResponse params = ch.readOutbound();
        assertThat(params.status().code()).as(body(params)).isEqualTo(400);
        assertThat(body(params)).startsWith("{\"error\":\"error parsing query parameters: ");
    }

    @Test
    void healthReflectsTheCheck() {
        EmbeddedChannel ch = channel(1000);
        ch.writeInbound(request(HttpMethod.GET, "/health", ""));
        FullHttpResponse ok = ch.readOutbound();
        assertThat(ok.status().code()).isEqualTo(200);
        assertThat(body(ok)).contains("\"status\":\"pass\"");
        healthFailure = "deadlock between a and b";
        ch.writeInbound(request(HttpMethod.GET, "/health", ""));
        FullHttpResponse fail = ch.readOutbound();
        assertThat(fail.status().code()).isEqualTo(503);
        assertThat(body(fail)).contains("\"status\":\"fail\"").contains("deadlock between a and b")
                .contains("/debug/pprof/goroutine?debug=2");
    }

    @Test
    void corsPreflightEchoesTheOrigin() {
        EmbeddedChannel ch = channel(1000);
        FullHttpRequest req = request(HttpMethod.OPTIONS, "/query", "");
        req.headers().set(HttpHeaderNames.ORIGIN, "http://grafana");
        ch.writeInbound(req);
        FullHttpResponse r = ch.readOutbound();
        assertThat(r.status().code()).isEqualTo(200);
        assertThat(r.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo("http://grafana");
    }

    @Test
    void unknownPathsAre404AsInGo() {
        EmbeddedChannel ch = channel(1000);
        ch.writeInbound(request(HttpMethod.GET, "/nope", ""));
        FullHttpResponse r = ch.readOutbound();
        assertThat(r.status().code()).isEqualTo(404);
        assertThat(body(r)).isEqualTo("404 page not found\n");
    }
}
