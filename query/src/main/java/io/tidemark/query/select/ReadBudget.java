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

    /**
     * Charges {@code n} values at once: values a statement counts as read although storage answered for them from
     * its statistics, so that the limit stops the same statements as when they are read one by one (and reports the
     * same count: the first value over the limit).
     */
    public void charge(long n) throws QueryException {
        if (maxPoints > 0 && n > maxPoints - points) {
            points = maxPoints + 1;
            throw new QueryException("max-select-point limit exceeed: (" + points + "/" + maxPoints + ")");
        }
        points += n;
        if (Thread.currentThread().isInterrupted()) {
            throw new QueryException("query interrupted");
        }
    }

    /** Sets the count back to an earlier {@link #points()}: the values charged since will be read again. */
    public void rewind(long points) {
        if (points < 0 || points > this.points) {
            throw new IllegalArgumentException("cannot rewind the read count from " + this.points + " to " + points);
        }
        this.points = points;
    }

    public long points() {
        return points;
    }
}
