package io.tidemark.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Aggregates a request body up to {@code max-body-size} (counted after gzip decompression, so a small gzip bomb
 * cannot expand without bound) and answers a larger one with InfluxDB's 413, then closes the connection: its sending
 * side at once, the rest after the client has stopped sending (what remains of the body is read and dropped) or
 * after {@value #LINGER_SECONDS} s. Closing at once while the client is still sending makes the kernel reset the
 * connection, and a reset can destroy the 413 before the client reads it (Go's server lingers the same way).
 */
final class OversizedBodyAggregator extends HttpObjectAggregator {
    private static final byte[] BODY = "{\"error\":\"Request Entity Too Large\"}\n".getBytes(StandardCharsets.UTF_8);
    private final Responses responses;
    /** How long the connection stays open for the rest of a refused body. */
    static final int LINGER_SECONDS = 5;

    OversizedBodyAggregator(int maxContentLength, Responses responses) {
        super(maxContentLength, true);
        this.responses = responses;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(BODY));
        responses.addStandardHeaders(r, responses.newRequestId());
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, Responses.JSON);
        r.headers().set("X-Influxdb-Error", "Request Entity Too Large");
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, BODY.length);
        // The connection is closing: a client must not send another request on it.
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(r).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess() && ctx.channel() instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
                ctx.executor().schedule(() -> {
                    ctx.close();
                }, LINGER_SECONDS, TimeUnit.SECONDS);
            } else {
                ctx.close();
            }
        });
    }
}
