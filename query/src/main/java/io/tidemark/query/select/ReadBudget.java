package io.tidemark.query.select;

import io.tidemark.query.QueryException;

/**
 * Counts the values a statement reads from storage and stops it beyond {@code max-select-point}, with InfluxDB's
 * message (including its misspelling).
 *
 * <p>Not thread-safe: one per statement execution.
 */
public final class ReadBudget {
    private final long maxPoints;
    private long points;

    /** @param maxPoints 0 for unlimited */
    public ReadBudget(long maxPoints) {
        this.maxPoints = maxPoints;
    }

    public void charge() throws QueryException {
        points++;
        if (maxPoints > 0 && points > maxPoints) {
            throw new QueryException("max-select-point limit exceeed: (" + points + "/" + maxPoints + ")");
        }
    }

    public long points() {
        return points;
    }
}
