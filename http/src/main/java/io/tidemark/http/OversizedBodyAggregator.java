package io.tidemark.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Aggregates a request body up to {@code max-body-size} (counted after gzip decompression, so a small gzip bomb
 * cannot expand without bound) and answers a larger one with InfluxDB's 413, then closes the connection.
 */
final class OversizedBodyAggregator extends HttpObjectAggregator {
    private static final byte[] BODY = "{\"error\":\"Request Entity Too Large\"}".getBytes(StandardCharsets.UTF_8);
    private final Responses responses;

    OversizedBodyAggregator(int maxContentLength, Responses responses) {
        super(maxContentLength, true);
        this.responses = responses;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(BODY));
        responses.addStandardHeaders(r, UUID.randomUUID().toString());
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, Responses.JSON);
        r.headers().set("X-Influxdb-Error", "Request Entity Too Large");
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, BODY.length);
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }
}
