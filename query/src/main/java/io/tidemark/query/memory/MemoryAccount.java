package io.tidemark.query.memory;

import io.tidemark.query.QueryException;

/**
 * The bytes one statement holds in its buffers, as estimated by {@link HeapEstimates}, and the
 * {@code max-query-memory} limit on them. Every structure that keeps data for longer than one point (reducers that
 * keep values, buckets, the reduced points of held groups, the series selected, the rows of an unchunked result)
 * charges what it adds and releases it when it drops it, so the account returns to zero when a statement completes.
 * A charge that takes the account over the limit fails the statement with
 * {@code max-query-memory limit exceeded: (<held>/<limit> bytes)}, in the style of InfluxDB's
 * {@code max-select-*} errors; the buffers of the failed statement are then garbage.
 *
 * <p>Not thread-safe: one per statement execution.
 */
public final class MemoryAccount {
    private final long limitBytes;
    private long heldBytes;
    private long peakBytes;

    /** @param limitBytes {@code max-query-memory}; 0 for unlimited */
    public MemoryAccount(long limitBytes) {
        if (limitBytes < 0) {
            throw new IllegalArgumentException("max-query-memory must not be negative: " + limitBytes);
        }
        this.limitBytes = limitBytes;
    }

    /** An account that only counts. */
    public static MemoryAccount unlimited() {
        return new MemoryAccount(0);
    }

    /**
     * Adds {@code bytes} the statement now holds.
     *
     * @throws QueryException when the statement then holds more than the limit; the charge stays counted
     */
    public void charge(long bytes) throws QueryException {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot charge a negative number of bytes: " + bytes);
        }
        heldBytes += bytes;
        if (heldBytes > peakBytes) {
            peakBytes = heldBytes;
        }
        if (limitBytes > 0 && heldBytes > limitBytes) {
            throw new QueryException("max-query-memory limit exceeded: (" + heldBytes + "/" + limitBytes
                    + " bytes)");
        }
    }

    /** Charges a change in what a structure holds: a growth is charged, a shrink released. */
    public void change(long deltaBytes) throws QueryException {
        if (deltaBytes > 0) {
            charge(deltaBytes);
        } else if (deltaBytes < 0) {
            release(-deltaBytes);
        }
    }

    /** Gives back {@code bytes} charged earlier, when the structure that held them drops them. */
    public void release(long bytes) {
        if (bytes < 0 || bytes > heldBytes) {
            throw new IllegalStateException("BUG: cannot release " + bytes + " bytes of a query memory account "
                    + "holding " + heldBytes);
        }
        heldBytes -= bytes;
    }

    /** What the statement holds now. */
    public long heldBytes() {
        return heldBytes;
    }

    /** The most the statement has held at once. */
    public long peakBytes() {
        return peakBytes;
    }

    /** The limit; 0 when unlimited. */
    public long limitBytes() {
        return limitBytes;
    }
}
