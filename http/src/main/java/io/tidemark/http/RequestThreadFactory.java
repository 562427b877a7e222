package io.tidemark.http;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.FastThreadLocalThread;

/**
 * Makes the request threads, with a stack of {@value #STACK_BYTES} bytes: they run the InfluxQL parser and the
 * query's evaluation, which recurse over a statement's nesting, and InfluxDB (whose goroutine stacks grow to 1 GB)
 * answers statements nested tens of thousands deep, where a default 1 MB stack overflows at a few thousand. The
 * stack is reserved address space; only the pages a deep statement touches become resident. Daemon threads.
 */
final class RequestThreadFactory extends DefaultThreadFactory {
    static final long STACK_BYTES = 64L << 20;

    RequestThreadFactory(String poolName) {
        super(poolName, true);
    }

    @Override
    protected Thread newThread(Runnable r, String name) {
        return new FastThreadLocalThread(threadGroup, r, name, STACK_BYTES);
    }
}
