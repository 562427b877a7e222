package io.tidemark.server.memory;

/**
 * When the old generation is worth a full collection: once what it holds after a young collection passes twice what
 * was live in it after the last full one (Go's default, GOGC=100, which is what InfluxDB runs with), and never below
 * a floor, so that a small heap is not collected over and over for a few megabytes. One request per passing: no new
 * request until the full collection it asked for has been seen. Thread-safe (collection events may come from any
 * thread); holds no lock.
 */
final class CollectionTarget {
    private final long floorBytes;
    private volatile long targetBytes;
    private volatile boolean requested;

    CollectionTarget(long floorBytes) {
        if (floorBytes <= 0) {
            throw new IllegalArgumentException("floor must be positive: " + floorBytes);
        }
        this.floorBytes = floorBytes;
        this.targetBytes = floorBytes;
    }

    /** After a full collection that left {@code liveBytes} in the old generation. */
    void afterFullCollection(long liveBytes) {
        targetBytes = Math.max(floorBytes, 2 * liveBytes);
        requested = false;
    }

    /**
     * After a young collection that left {@code usedBytes} in the old generation: true when the caller should ask
     * for a full collection now (then false until the next {@link #afterFullCollection}).
     */
    boolean afterYoungCollection(long usedBytes) {
        if (requested || usedBytes <= targetBytes) {
            return false;
        }
        requested = true;
        return true;
    }

    long targetBytes() {
        return targetBytes;
    }
}
