package io.tidemark.diagnostics.watchdog;

/**
 * The node's health as the watchdog sees it, for {@code /health}: {@code ok} maps to {@code "status":"pass"},
 * otherwise {@code "fail"} with {@code reason} and {@link #HINT}. Immutable.
 *
 * @param reason empty when ok; otherwise the most severe finding in one line, and how many more there are
 */
public record HealthStatus(boolean ok, String reason) {
    /** Healthy: the watchdog has no finding. */
    public static final HealthStatus PASS = new HealthStatus(true, "");

    /** Where to look next when the status is not ok. */
    public static final String HINT = "see /debug/pprof/goroutine?debug=2";
}
