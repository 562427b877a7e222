package io.tidemark.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * Answers a connection's requests in the order they came, as HTTP/1.1 requires of a client that pipelines them (sends
 * the next before the answer to the last): a request is passed on only once the answer to the one before it is
 * written, as Go's server reads a connection's next request only after answering the last. Without it a {@code /ping}
 * answered on the event loop, or a query, could overtake a write still waiting for its fsync. A client that waits
 * for each answer, as nearly all do, never has a request held here.
 *
 * <p>At most {@link #MAX_WAITING} requests wait per connection; past that the connection stops being read until they
 * drain (back-pressure on the client, not memory). One per channel; confined to its event loop (Netty calls
 * {@code write} there even for answers written from other threads).
 */
final class InOrderResponses extends ChannelDuplexHandler {
    static final int MAX_WAITING = 16;

    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private boolean answering;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpRequest)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (!answering) {
            answering = true;
            ctx.fireChannelRead(msg);
            return;
        }
        waiting.add(msg);
        if (waiting.size() >= MAX_WAITING) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean last = msg instanceof LastHttpContent;
        ctx.write(msg, promise);
        if (last && answering) {
            answering = false;
            if (!waiting.isEmpty()) {
                // Not from inside this write: the next request's own answer would be written within it.
                ctx.executor().execute(() -> next(ctx));
            }
        }
    }

    private void next(ChannelHandlerContext ctx) {
        Object msg = answering ? null : waiting.poll();
        if (msg == null) {
            return;
        }
        if (!ctx.channel().config().isAutoRead() && waiting.size() < MAX_WAITING / 2) {
            ctx.channel().config().setAutoRead(true);
        }
        answering = true;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        releaseWaiting();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseWaiting();
    }

    private void releaseWaiting() {
        Object msg;
        while ((msg = waiting.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}
