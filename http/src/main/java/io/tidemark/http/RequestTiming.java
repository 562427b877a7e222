package io.tidemark.http;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * When a request arrived, and whether its end has been counted: an answer can be attempted twice (a handler fails
 * after starting a streamed answer, and the failure is answered too), and the statistics must count one end.
 */
final class RequestTiming {
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean finished = new AtomicBoolean();

    long startNanos() {
        return startNanos;
    }

    long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    /** True the first time only. */
    boolean finish() {
        return finished.compareAndSet(false, true);
    }
}
