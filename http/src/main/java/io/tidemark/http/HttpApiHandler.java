package io.tidemark.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tidemark.common.result.StatementResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes InfluxDB's HTTP API. Cheap answers ({@code /ping}, {@code /health}, errors) are written on the event
 * loop; writes, queries and diagnostics run on the bounded request executor so that an event loop never waits
 * for a WAL fsync or a query. A write holds its worker while its points are parsed and routed, not while they wait
 * for their fsync: its answer is sent when the write completes. Shared by all channels: it keeps no per-request
 * state in fields.
 */
@ChannelHandler.Sharable
final class HttpApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger ACCESS = LoggerFactory.getLogger("tidemark.http.access");
    private static final Logger LOG = LoggerFactory.getLogger(HttpApiHandler.class);
    /** How long a worker waits for a slow client to take a chunk before giving up on the response. */
    private static final long CHUNK_WRITE_TIMEOUT_SECONDS = 60;

    private static final Runnable NOTHING = () -> { };

    private final HttpConfig config;
    private final WriteService writes;
    /** {@code max-concurrent-write-limit}; null when writes are not limited. */
    private final ConcurrentWriteLimit throttle;
    private final QueryService queries;
    private final DebugService debug;
    private final HealthCheck health;
    private final Executor requestExecutor;
    private final Responses responses;
    private final ResultJsonWriter json = new ResultJsonWriter();
    private final HttpStatistics stats;

    HttpApiHandler(HttpConfig config, WriteService writes, QueryService queries, DebugService debug,
                   HealthCheck health, Executor requestExecutor, HttpStatistics stats) {
        super(false);
        this.config = config;
        this.writes = writes;
        this.throttle = config.writeLimit();
        this.queries = queries;
        this.debug = debug;
        this.health = health;
        this.requestExecutor = requestExecutor;
        this.responses = new Responses(config.version());
        this.stats = stats;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String requestId = responses.newRequestId();
        RequestTiming timing = new RequestTiming();
        stats.requestStarted();
        if (!request.decoderResult().isSuccess()) {
            Throwable cause = request.decoderResult().cause();
            request.release();
            send(ctx, null, responses.error(HttpResponseStatus.BAD_REQUEST,
                    cause == null ? "malformed request" : cause.getMessage(), requestId), timing, false);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        HttpMethod method = request.method();
        switch (path) {
            case "/ping", "/status" -> {
                if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
                    if (path.equals("/ping")) {
                        stats.ping();
                    } else {
                        stats.status();
                    }
                    ping(ctx, request, requestId, timing);
                } else {
                    methodNotAllowed(ctx, request, requestId, timing);
                }
            }
            case "/health" -> health(ctx, request, requestId, timing);
            case "/write" -> {
                if (method == HttpMethod.POST && throttle == null) {
                    offload(ctx, request, requestId, timing, () -> write(ctx, request, requestId, timing, NOTHING));
                } else if (method == HttpMethod.POST) {
                    throttledWrite(ctx, request, requestId, timing);
                } else if (method == HttpMethod.OPTIONS) {
                    cors(ctx, request, requestId, timing);
                } else {
                    methodNotAllowed(ctx, request, requestId, timing);
                }
            }
            case "/query" -> {
                if (method == HttpMethod.GET || method == HttpMethod.POST) {
                    offload(ctx, request, requestId, timing, () -> {
                        stats.queryStarted();
                        try {
                            query(ctx, request, requestId, timing);
                        } finally {
                            stats.queryFinished(timing.startNanos());
                        }
                    });
                } else if (method == HttpMethod.OPTIONS) {
                    cors(ctx, request, requestId, timing);
                } else {
                    methodNotAllowed(ctx, request, requestId, timing);
                }
            }
            default -> {
                boolean isDebug = path.startsWith("/debug/") || path.equals("/metrics");
                boolean allowed = debug != null && (!path.startsWith("/debug/pprof") || config.pprofEnabled());
                if (isDebug && allowed && (method == HttpMethod.GET || method == HttpMethod.POST)) {
                    offload(ctx, request, requestId, timing, () -> debug(ctx, request, path, requestId, timing));
                } else {
                    request.release();
                    send(ctx, request, responses.text(HttpResponseStatus.NOT_FOUND, "404 page not found\n", requestId),
                            timing, false);
                }
            }
        }
    }

    private void offload(ChannelHandlerContext ctx, FullHttpRequest request, String requestId, RequestTiming timing,
                         Runnable work) {
        offload(ctx, request, requestId, timing, work, NOTHING);
    }

    /** @param onRefused runs when the request is answered without {@code work} running (the queue is full) */
    private void offload(ChannelHandlerContext ctx, FullHttpRequest request, String requestId, RequestTiming timing,
                         Runnable work, Runnable onRefused) {
        try {
            requestExecutor.execute(() -> {
                try {
                    work.run();
                } catch (ClientGoneException e) {
                    // The client left or stopped reading a streamed answer: nothing failed here.
                    LOG.debug("request {} {}: {}", request.method(), request.uri(), e.getMessage());
                    finished(ctx, request, 200, timing, true);
                } catch (RuntimeException e) {
                    stats.recoveredPanic();
                    LOG.error("request {} {} failed", request.method(), request.uri(), e);
                    send(ctx, request, responses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                            String.valueOf(e.getMessage()), requestId), timing);
                } catch (StackOverflowError e) {
                    // A statement nested deeper than the request thread's stack holds (the parser and the
                    // evaluator recurse over its nesting): the client gets an answer, and the thread lives on.
                    stats.recoveredPanic();
                    LOG.warn("request {} {}: nested too deeply for the request thread's stack", request.method(),
                            request.uri().length() > 200 ? request.uri().substring(0, 200) + "..." : request.uri());
                    send(ctx, request, responses.error(HttpResponseStatus.BAD_REQUEST,
                            "request nested too deeply to process", requestId), timing);
                } finally {
                    request.release();
                }
            });
        } catch (RejectedExecutionException e) {
            request.release();
            send(ctx, request, responses.error(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "request throttled, queue full", requestId), timing);
            onRefused.run();
        }
    }

    /**
     * A write under {@code max-concurrent-write-limit}: started now, or when a running write is answered, or refused
     * with InfluxDB's plain-text 503. Its slot is held until its answer is handed on.
     */
    private void throttledWrite(ChannelHandlerContext ctx, FullHttpRequest request, String requestId,
                                RequestTiming timing) {
        Runnable done = onceOnly(throttle::finished);
        throttle.admit(() -> offload(ctx, request, requestId, timing,
                        () -> write(ctx, request, requestId, timing, done), done),
                reason -> {
                    request.release();
                    send(ctx, request, responses.text(HttpResponseStatus.SERVICE_UNAVAILABLE, reason + "\n",
                            requestId), timing);
                }, ctx.executor());
    }

    private static Runnable onceOnly(Runnable r) {
        AtomicBoolean ran = new AtomicBoolean();
        return () -> {
            if (ran.compareAndSet(false, true)) {
                r.run();
            }
        };
    }

    private void ping(ChannelHandlerContext ctx, FullHttpRequest request, String requestId, RequestTiming timing) {
        String verbose = CredentialsParser.first(RequestParams.url(request), "verbose");
        request.release();
        if (verbose != null && !verbose.isEmpty() && !verbose.equals("0") && !verbose.equalsIgnoreCase("false")) {
            byte[] body = ("{\"version\":\"" + config.version() + "\"}").getBytes(StandardCharsets.UTF_8);
            send(ctx, request, responses.body(HttpResponseStatus.OK, Responses.JSON, body, requestId), timing);
        } else {
            send(ctx, request, responses.empty(HttpResponseStatus.NO_CONTENT, requestId), timing);
        }
    }

    private void health(ChannelHandlerContext ctx, FullHttpRequest request, String requestId, RequestTiming timing) {
        request.release();
        String failure = health == null ? null : health.failureReason();
        String body;
        HttpResponseStatus status;
        if (failure == null) {
            status = HttpResponseStatus.OK;
            body = "{\"name\":\"influxdb\",\"message\":\"ready for queries and writes\",\"status\":\"pass\","
                    + "\"checks\":[],\"version\":\"" + config.version() + "\"}";
        } else {
            status = HttpResponseStatus.SERVICE_UNAVAILABLE;
            body = "{\"name\":\"influxdb\",\"message\":" + quote(failure + "; see /debug/pprof/goroutine?debug=2")
                    + ",\"status\":\"fail\",\"checks\":[],\"version\":\"" + config.version() + "\"}";
        }
        send(ctx, request, responses.body(status, "application/json; charset=utf-8",
                body.getBytes(StandardCharsets.UTF_8), requestId), timing);
    }

    private void cors(ChannelHandlerContext ctx, FullHttpRequest request, String requestId, RequestTiming timing) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        request.release();
        FullHttpResponse r = responses.empty(HttpResponseStatus.OK, requestId);
        if (origin != null) {
            r.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            r.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "DELETE, GET, OPTIONS, POST, PUT, PATCH");
            r.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Accept, Accept-Encoding, Authorization, "
                    + "Content-Length, Content-Type, X-CSRF-Token, X-HTTP-Method-Override");
            r.headers().set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS,
                    "Date, X-InfluxDB-Version, X-InfluxDB-Build");
        }
        send(ctx, request, r, timing);
    }

    private void methodNotAllowed(ChannelHandlerContext ctx, FullHttpRequest request, String requestId,
                                  RequestTiming timing) {
        request.release();
        send(ctx, request, responses.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "Method Not Allowed\n", requestId),
                timing, false);
    }

    /**
     * Runs on a request worker. {@code answered} runs once the answer is handed on, or if this throws before the
     * write is handed to the node.
     */
    private void write(ChannelHandlerContext ctx, FullHttpRequest request, String requestId, RequestTiming timing,
                       Runnable answered) {
        try {
            startWrite(ctx, request, requestId, timing, answered);
        } catch (RuntimeException | Error e) {
            answered.run();
            throw e;
        }
    }

    /** Returns once the write is handed to the node, whose completion answers it. */
    private void startWrite(ChannelHandlerContext ctx, FullHttpRequest request, String requestId,
                            RequestTiming timing, Runnable answered) {
        Map<String, List<String>> params = RequestParams.url(request);
        Credentials credentials = CredentialsParser.parse(request, params);
        byte[] body = ByteBufUtil.getBytes(request.content());
        WriteRequest wr = new WriteRequest(CredentialsParser.first(params, "db"),
                CredentialsParser.first(params, "rp"), CredentialsParser.first(params, "precision"),
                CredentialsParser.first(params, "consistency"), body, credentials);
        recordRequest(ctx, credentials, true);
        stats.writeStarted(body.length);
        CompletionStage<WriteOutcome> pending;
        try {
            pending = writes.write(wr);
        } catch (RuntimeException e) {
            stats.writeFinished(timing.startNanos(), null);
            throw e;
        }
        // The worker is free again while the points wait for their fsync. The answer (its response, its access-log
        // line) is made by a request worker again, not by the thread that completes the write (the WAL committer,
        // which every write waits for) nor by an event loop (a log line may block). Counted as finished only once
        // its answer is handed on: a closing server waits for the count to drop.
        pending.whenCompleteAsync((outcome, failure) -> {
            try {
                answerWrite(ctx, request, requestId, timing, outcome, failure);
            } finally {
                stats.writeFinished(timing.startNanos(), failure == null ? outcome : null);
                answered.run();
            }
        }, this::runOnWorker);
    }

    /** On a request worker; in place when their queue is full or they are stopping (the answer must go out). */
    private void runOnWorker(Runnable task) {
        try {
            requestExecutor.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    private void answerWrite(ChannelHandlerContext ctx, FullHttpRequest request, String requestId,
                             RequestTiming timing, WriteOutcome outcome, Throwable failure) {
        if (failure != null) {
            stats.recoveredPanic();
            LOG.error("request {} {} failed", request.method(), request.uri(), failure);
            send(ctx, request, responses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                    String.valueOf(failure.getMessage()), requestId), timing);
            return;
        }
        FullHttpResponse response = outcome.error() == null
                ? responses.empty(HttpResponseStatus.valueOf(outcome.status()), requestId)
                : responses.error(HttpResponseStatus.valueOf(outcome.status()), outcome.error(), requestId);
        if (outcome.error() == null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, Responses.JSON);
        }
        send(ctx, request, response, timing);
    }

    /** Runs on a request worker. */
    private void query(ChannelHandlerContext ctx, FullHttpRequest request, String requestId, RequestTiming timing) {
        Map<String, List<String>> params;
        try {
            params = RequestParams.form(request);
        } catch (IOException e) {
            send(ctx, request, responses.error(HttpResponseStatus.BAD_REQUEST, e.getMessage(), requestId), timing);
            return;
        }
        Credentials credentials = CredentialsParser.parse(request, RequestParams.url(request));
        recordRequest(ctx, credentials, false);
        String q = CredentialsParser.first(params, "q");
        if (q == null || q.isBlank()) {
            send(ctx, request, responses.error(HttpResponseStatus.BAD_REQUEST, "missing required parameter \"q\"",
                    requestId), timing);
            return;
        }
        Map<String, Object> bind;
        try {
            bind = BindParams.parse(CredentialsParser.first(params, "params"));
        } catch (IllegalArgumentException e) {
            send(ctx, request, responses.error(HttpResponseStatus.BAD_REQUEST, e.getMessage(), requestId), timing);
            return;
        }
        boolean chunked = "true".equals(CredentialsParser.first(params, "chunked"));
        int chunkSize = parseChunkSize(CredentialsParser.first(params, "chunk_size"));
        EpochFormat epoch = EpochFormat.of(CredentialsParser.first(params, "epoch"));
        boolean pretty = "true".equals(CredentialsParser.first(params, "pretty"));
        QueryFormat format = QueryFormat.of(request.headers().get(HttpHeaderNames.ACCEPT), epoch, pretty, json);
        QueryRequest qr = new QueryRequest(q.trim(), CredentialsParser.first(params, "db"),
                CredentialsParser.first(params, "rp"), bind, chunked, chunkSize, credentials,
                request.method() == HttpMethod.GET);
        if (chunked) {
            streamQuery(ctx, request, qr, format, requestId, timing);
            return;
        }
        List<StatementResult> results = new ArrayList<>();
        try {
            queries.execute(qr, results::add);
        } catch (QueryRejectedException e) {
            send(ctx, request, rejected(format, e, requestId), timing);
            return;
        }
        byte[] body = format.document(ResultMerger.merge(results));
        stats.queryBytesSent(body.length);
        send(ctx, request, okAnswer(request, format, body, requestId), timing);
    }

    /** A whole 200 answer to a query, gzipped when the client accepts it (InfluxDB gzips only a 200). */
    private FullHttpResponse okAnswer(FullHttpRequest request, QueryFormat format, byte[] body, String requestId) {
        if (!GzipResponse.accepted(request)) {
            return responses.body(HttpResponseStatus.OK, format.contentType(), body, requestId);
        }
        FullHttpResponse response = responses.body(HttpResponseStatus.OK, format.contentType(),
                GzipResponse.compress(body), requestId);
        response.headers().set(HttpHeaderNames.CONTENT_ENCODING, HttpHeaderValues.GZIP);
        return response;
    }

    /** A query refused before it ran (parse error, limits), in the answer's format as InfluxDB writes it. */
    private FullHttpResponse rejected(QueryFormat format, QueryRejectedException e, String requestId) {
        HttpResponseStatus status = HttpResponseStatus.valueOf(e.status());
        return format instanceof QueryFormat.Json ? responses.error(status, e.getMessage(), requestId)
                : responses.body(status, format.contentType(), format.error(e.getMessage()), requestId);
    }

    /**
     * Chunked responses: one JSON document per result, newline separated, as InfluxDB streams them. The worker
     * waits (with a deadline) for each chunk to be taken by the client, so a slow reader holds back the query
     * instead of buffering it in memory.
     */
    private void streamQuery(ChannelHandlerContext ctx, FullHttpRequest request, QueryRequest qr, QueryFormat format,
                             String requestId, RequestTiming timing) {
        boolean[] headerSent = {false};
        GzipResponse gzip = GzipResponse.accepted(request) ? new GzipResponse() : null;
        try {
            try {
                queries.execute(qr, result -> {
                    if (!headerSent[0]) {
                        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                        responses.addStandardHeaders(head, requestId);
                        head.headers().set(HttpHeaderNames.CONTENT_TYPE, format.contentType());
                        if (gzip != null) {
                            head.headers().set(HttpHeaderNames.CONTENT_ENCODING, HttpHeaderValues.GZIP);
                        }
                        HttpUtil.setTransferEncodingChunked(head, true);
                        ctx.write(head);
                        headerSent[0] = true;
                    }
                    byte[] line = format.chunk(result);
                    if (line.length == 0) {
                        return;
                    }
                    stats.queryBytesSent(line.length);
                    byte[] sent = gzip == null ? line : gzip.chunk(line);
                    awaitWrite(ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(sent))));
                });
            } catch (QueryRejectedException e) {
                if (!headerSent[0]) {
                    send(ctx, request, rejected(format, e, requestId), timing);
                    return;
                }
            }
            if (!headerSent[0]) {
                // No statement (";"): InfluxDB's chunked answer is empty (an empty gzip stream if asked for one).
                send(ctx, request, okAnswer(request, format, new byte[0], requestId), timing);
                return;
            }
            if (gzip != null) {
                ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(gzip.finish())));
            }
        } finally {
            if (gzip != null) {
                gzip.close();
            }
        }
        ChannelFuture done = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        if (!HttpUtil.isKeepAlive(request)) {
            done.addListener(ChannelFutureListener.CLOSE);
        }
        finished(ctx, request, 200, timing, true);
    }

    private static void awaitWrite(ChannelFuture future) {
        try {
            if (!future.await(CHUNK_WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                future.channel().close();
                throw new ClientGoneException("client did not read the response within "
                        + CHUNK_WRITE_TIMEOUT_SECONDS + "s", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.channel().close();
            throw new ClientGoneException("interrupted while streaming a response", e);
        }
    }

    /** A streamed answer that stopped because its client went away or stopped reading; not a server failure. */
    private static final class ClientGoneException extends RuntimeException {
        ClientGoneException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Runs on a request worker. */
    private void debug(ChannelHandlerContext ctx, FullHttpRequest request, String path, String requestId,
                       RequestTiming timing) {
        Map<String, List<String>> params = RequestParams.url(request);
        debug.handle(path, params).whenComplete((reply, error) -> {
            if (error != null) {
                send(ctx, request, responses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                        String.valueOf(error.getMessage()), requestId), timing);
            } else {
                send(ctx, request, responses.body(HttpResponseStatus.valueOf(reply.status()), reply.contentType(),
                        reply.body(), requestId), timing);
            }
        });
    }

    private void recordRequest(ChannelHandlerContext ctx, Credentials credentials, boolean write) {
        if (debug != null) {
            debug.recordRequest(credentials.username(), remoteHost(ctx), write);
        }
    }

    private static int parseChunkSize(String s) {
        if (s == null) {
            return 10_000;
        }
        try {
            int n = Integer.parseInt(s);
            return n <= 0 ? 10_000 : n;
        } catch (NumberFormatException e) {
            return 10_000;
        }
    }

    private void send(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response,
                      RequestTiming timing) {
        send(ctx, request, response, timing, true);
    }

    /** @param handled false for requests no handler took (unknown path or method, malformed HTTP) */
    private void send(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response,
                      RequestTiming timing, boolean handled) {
        boolean keepAlive = request != null && HttpUtil.isKeepAlive(request);
        if (keepAlive && request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        ChannelFuture f = ctx.writeAndFlush(response);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
        finished(ctx, request, response.status().code(), timing, handled);
    }

    private void finished(ChannelHandlerContext ctx, FullHttpRequest request, int status, RequestTiming timing,
                          boolean handled) {
        if (timing.finish()) {
            stats.requestFinished(timing.startNanos());
            if (handled) {
                stats.answered(status);
            }
        }
        if (request != null) {
            logAccess(ctx, request, status, timing);
        }
    }

    private void logAccess(ChannelHandlerContext ctx, FullHttpRequest request, int status, RequestTiming timing) {
        if (config.logEnabled() && ACCESS.isInfoEnabled()) {
            ACCESS.info("{} \"{} {} {}\" {} {}us", remoteHost(ctx), request.method(), sanitize(request.uri()),
                    request.protocolVersion(), status, timing.elapsedNanos() / 1000);
        }
    }

    /** Passwords never reach the log. */
    private static String sanitize(String uri) {
        return uri.replaceAll("([?&]p=)[^&]*", "$1[REDACTED]");
    }

    private static String remoteHost(ChannelHandlerContext ctx) {
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress a) {
            return a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        }
        return String.valueOf(ctx.channel().remoteAddress());
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException && ctx.channel().isActive()) {
            // A broken gzip body or a malformed request: InfluxDB answers 400 with the decoder's message.
            Throwable root = cause.getCause() != null ? cause.getCause() : cause;
            FullHttpResponse r = responses.error(HttpResponseStatus.BAD_REQUEST, String.valueOf(root.getMessage()),
                    responses.newRequestId());
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (!(cause instanceof IOException)) {
            LOG.warn("closing connection from {} after an error", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
