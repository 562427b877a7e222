package io.tidemark.http;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The socket transport of the event loops: Netty's native epoll on Linux, where its library loads, else the JDK's
 * NIO selector. Measured on the TSBS-like query set (docs/benchmarks.md): with epoll a small query's request
 * spends less in waking the event loop that writes its response (the hand-off from the request worker), p50 of
 * single-groupby-5-1-12 1.7 ms instead of 2.4-2.5 ms when warm; ingest the same within the noise.
 *
 * @param name "epoll" or "nio", for the start-up log
 */
record Transport(String name, IoHandlerFactory ioHandlers, Class<? extends ServerChannel> serverChannel) {
    static Transport best() {
        if (Epoll.isAvailable()) {
            return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
        }
        return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }
}
