package io.tidemark.http;

/** Whether the node is healthy, for {@code /health}. Must not block: it is called on an event loop. */
public interface HealthCheck {
    /** Null when healthy, otherwise a short reason. */
    String failureReason();
}
