package io.tidemark.http;

import java.time.Duration;

/**
 * The {@code [http]} settings the HTTP layer acts on.
 *
 * @param bindAddress          {@code host:port} or {@code :port} (all interfaces)
 * @param maxBodySizeBytes     largest accepted request body after decompression; 0 = unlimited
 * @param logEnabled           log one line per request
 * @param pprofEnabled         serve {@code /debug/pprof/*}
 * @param requestWorkers       threads that run writes and queries (the event loops never block on them)
 * @param requestQueueCapacity requests waiting for a worker; when full, a request gets 503 at once
 * @param maxConnectionLimit   open connections allowed; 0 = unlimited
 * @param version              reported in {@code X-Influxdb-Version}
 * @param maxConcurrentWrites  writes running at once, fsync included; 0 = unlimited ({@link ConcurrentWriteLimit})
 * @param maxEnqueuedWrites    writes waiting for one of those; 0 = as many as {@code requestQueueCapacity}
 * @param enqueuedWriteTimeout how long a write may wait; zero = no limit
 */
public record HttpConfig(String bindAddress, long maxBodySizeBytes, boolean logEnabled, boolean pprofEnabled,
                         int requestWorkers, int requestQueueCapacity, int maxConnectionLimit, String version,
                         int maxConcurrentWrites, int maxEnqueuedWrites, Duration enqueuedWriteTimeout) {
    /** Without a write throttle. */
    public HttpConfig(String bindAddress, long maxBodySizeBytes, boolean logEnabled, boolean pprofEnabled,
                      int requestWorkers, int requestQueueCapacity, int maxConnectionLimit, String version) {
        this(bindAddress, maxBodySizeBytes, logEnabled, pprofEnabled, requestWorkers, requestQueueCapacity,
                maxConnectionLimit, version, 0, 0, Duration.ZERO);
    }

    public HttpConfig {
        if (maxConcurrentWrites < 0 || maxEnqueuedWrites < 0 || enqueuedWriteTimeout.isNegative()) {
            throw new IllegalArgumentException("write limits must not be negative");
        }
        if (requestWorkers < 1) {
            throw new IllegalArgumentException("requestWorkers must be at least 1");
        }
        if (requestQueueCapacity < 1) {
            throw new IllegalArgumentException("requestQueueCapacity must be at least 1");
        }
        if (maxBodySizeBytes < 0) {
            throw new IllegalArgumentException("maxBodySizeBytes must not be negative");
        }
    }

    /** The host part of {@link #bindAddress}, or null for all interfaces. */
    public String host() {
        int colon = bindAddress.lastIndexOf(':');
        String h = colon < 0 ? "" : bindAddress.substring(0, colon);
        return h.isEmpty() ? null : h;
    }

    /** The write throttle these settings ask for; null when writes are not limited. */
    ConcurrentWriteLimit writeLimit() {
        if (maxConcurrentWrites == 0) {
            return null;
        }
        int waiting = maxEnqueuedWrites > 0 ? maxEnqueuedWrites : requestQueueCapacity;
        return new ConcurrentWriteLimit(maxConcurrentWrites, waiting, enqueuedWriteTimeout);
    }

    public int port() {
        int colon = bindAddress.lastIndexOf(':');
        return Integer.parseInt(colon < 0 ? bindAddress : bindAddress.substring(colon + 1));
    }
}
