package io.tidemark.http;

/**
 * The answer to a write: 204 with no error, or a status with InfluxDB's error text; with how many of the request's
 * points were stored, dropped (refused one by one: retention, type conflicts, reserved keys) and failed (the whole
 * write failed), counted as InfluxDB's {@code httpd} statistics count them.
 */
public record WriteOutcome(int status, String error, long pointsWritten, long pointsDropped, long pointsFailed) {
    /** A write that held no points. */
    public static final WriteOutcome OK = ok(0);

    public static WriteOutcome ok(long pointsWritten) {
        return new WriteOutcome(204, null, pointsWritten, 0, 0);
    }

    /** Refused before any point was looked at. */
    public static WriteOutcome error(int status, String error) {
        return new WriteOutcome(status, error, 0, 0, 0);
    }

    public WriteOutcome withPoints(long written, long dropped, long failed) {
        return new WriteOutcome(status, error, written, dropped, failed);
    }
}
