package io.tidemark.http;

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
 */
public record HttpConfig(String bindAddress, long maxBodySizeBytes, boolean logEnabled, boolean pprofEnabled,
                         int requestWorkers, int requestQueueCapacity, int maxConnectionLimit, String version) {
    public HttpConfig {
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

    public int port() {
        int colon = bindAddress.lastIndexOf(':');
        return Integer.parseInt(colon < 0 ? bindAddress : bindAddress.substring(colon + 1));
    }
}
