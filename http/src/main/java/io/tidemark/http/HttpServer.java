package io.tidemark.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tidemark.common.metrics.MetricGroup;
import io.tidemark.common.metrics.MetricRegistry;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP API server: Netty event loops (as many as cores, fixed) for I/O over the best {@link Transport}, and a
 * fixed pool of request workers with a bounded queue for the work that may block. Neither grows with load: when the
 * queue is full a request is answered 503 at once.
 */
public final class HttpServer implements AutoCloseable {
    private final HttpConfig config;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final ThreadPoolExecutor requestExecutor;
    private final Channel channel;
    private final String transport;
    private final HttpStatistics statistics;

    private HttpServer(HttpConfig config, EventLoopGroup boss, EventLoopGroup workers, ThreadPoolExecutor executor,
                       Channel channel, String transport, HttpStatistics statistics) {
        this.config = config;
        this.bossGroup = boss;
        this.workerGroup = workers;
        this.requestExecutor = executor;
        this.channel = channel;
        this.transport = transport;
        this.statistics = statistics;
    }

    /**
     * Starts loading the native transport and Netty's buffer allocator on a thread of its own, which ends when they
     * are loaded, so that a node can open its storage meanwhile: loading the transport (Netty's native library, and
     * its links to {@code malloc} and {@code free} through the foreign function API) took 230 ms of a server's start,
     * measured on the restart data of {@code restart-time.sh}; the allocator's first buffer makes the JVM instrument
     * Netty's flight-recorder event classes and read their annotations through generated proxies, which the first
     * request's read paid for before (see {@link #warmAllocator}). A {@link #start} that comes first, or during the
     * load, waits for it: the JVM runs a class's initialisation once, and other threads that need the class wait
     * until it is done.
     */
    public static void loadTransportInBackground() {
        Thread.ofPlatform().name("tidemark-http-transport-load").daemon().start(() -> {
            Transport.best();
            warmAllocator();
        });
    }

    /**
     * Takes and gives back one small buffer of each kind from the allocator the channels use. The first one of a
     * JVM took 155–256 ms on this machine (a fresh JVM without the ahead-of-time cache, by hand), most of it the
     * event classes' set-up above, which no cache holds; the buffers go back to the allocator's shared pool.
     */
    private static void warmAllocator() {
        ByteBufAllocator.DEFAULT.directBuffer(1).release();
        ByteBufAllocator.DEFAULT.heapBuffer(1).release();
    }

    /**
     * Binds and starts serving. {@code debug} and {@code health} may be null (no diagnostics).
     *
     * @param nodeName names the threads, so that several nodes in one JVM can be told apart
     */
    public static HttpServer start(HttpConfig config, WriteService writes, QueryService queries, DebugService debug,
                                   HealthCheck health, MetricRegistry metrics, String nodeName)
            throws InterruptedException {
        Transport transport = Transport.best();
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("http-accept-" + nodeName, true), transport.ioHandlers());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory("http-io-" + nodeName, true), transport.ioHandlers());
        ThreadPoolExecutor executor = new ThreadPoolExecutor(config.requestWorkers(), config.requestWorkers(),
                0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(config.requestQueueCapacity()),
                new RequestThreadFactory("http-request-" + nodeName));
        Responses responses = new Responses(config.version());
        ConnectionLimiter limiter = new ConnectionLimiter(config.maxConnectionLimit());
        MetricGroup stats = metrics.group("httpd", Map.of("bind", config.bindAddress()));
        HttpStatistics statistics = new HttpStatistics(stats);
        HttpApiHandler api = new HttpApiHandler(config, writes, queries, debug, health, executor, statistics);
        int maxBody = config.maxBodySizeBytes() == 0 || config.maxBodySizeBytes() > Integer.MAX_VALUE - 8
                ? Integer.MAX_VALUE - 8 : (int) config.maxBodySizeBytes();
        stats.gauge("openConnections", limiter::openConnections);
        stats.gauge("requestQueueDepth", () -> executor.getQueue().size());
        stats.gauge("requestWorkersBusy", executor::getActiveCount);
        try {
            ServerBootstrap b = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ChannelPipeline p = ch.pipeline();
                            p.addLast("limit", limiter);
                            p.addLast("codec", new HttpServerCodec());
                            p.addLast("gunzip", new HttpContentDecompressor());
                            p.addLast("aggregate", new OversizedBodyAggregator(maxBody, responses));
                            p.addLast("in-order", new InOrderResponses());
                            p.addLast("api", api);
                        }
                    });
            String host = config.host();
            InetSocketAddress address = host == null ? new InetSocketAddress(config.port())
                    : new InetSocketAddress(host, config.port());
            Channel channel = b.bind(address).sync().channel();
            return new HttpServer(config, boss, workers, executor, channel, transport.name(), statistics);
        } catch (InterruptedException | RuntimeException e) {
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            executor.shutdownNow();
            throw e;
        }
    }

    /** The socket transport: "epoll" or "nio". */
    public String transport() {
        return transport;
    }

    /** The port actually bound (useful with port 0 in tests). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public HttpConfig config() {
        return config;
    }

    /**
     * Stops accepting, lets running requests finish and writes waiting for their fsync be answered (bounded waits),
     * then stops the event loops. Called before the store closes, whose committer answers those writes.
     */
    @Override
    public void close() throws InterruptedException {
        channel.close().await(5, TimeUnit.SECONDS);
        requestExecutor.shutdown();
        requestExecutor.awaitTermination(10, TimeUnit.SECONDS);
        requestExecutor.shutdownNow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (statistics.activeWrites() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }
}
