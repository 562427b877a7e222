package io.tidemark.query.select;

import io.tidemark.query.QueryException;

/**
 * Counts the values a statement reads from storage and stops it beyond {@code max-select-point}, with InfluxDB's
 * message (including its misspelling). It also stops the statement, with InfluxDB's {@code query interrupted},
 * once the executing thread is interrupted (checked every 1024 values, the flag left set), which is how a caller
 * cancels a query.
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
        if ((points & 1023) == 1 && Thread.currentThread().isInterrupted()) {
            throw new QueryException("query interrupted");
        }
    }

    public long points() {
        return points;
    }
}
