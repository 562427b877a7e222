package io.tidemark.http;

/** The answer to a write: 204 with no error, or a status with InfluxDB's error text. */
public record WriteOutcome(int status, String error) {
    public static final WriteOutcome OK = new WriteOutcome(204, null);

    public static WriteOutcome error(int status, String error) {
        return new WriteOutcome(status, error);
    }
}
