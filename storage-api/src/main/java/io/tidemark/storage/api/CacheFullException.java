package io.tidemark.storage.api;

/**
 * The shard's in-memory cache would exceed {@code cache-max-memory-size}; the write was refused before anything was
 * logged. The message is InfluxDB's ({@code cache-max-memory-size exceeded: (used/limit)}); InfluxDB's HTTP layer
 * prefixes it with {@code engine: }.
 */
public final class CacheFullException extends ShardWriteException {
    private final long requiredBytes;
    private final long limitBytes;

    public CacheFullException(long requiredBytes, long limitBytes) {
        super("cache-max-memory-size exceeded: (" + requiredBytes + "/" + limitBytes + ")");
        this.requiredBytes = requiredBytes;
        this.limitBytes = limitBytes;
    }

    /** What the cache would hold with this write: held, reserved by writes in flight, and this write. */
    public long requiredBytes() {
        return requiredBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
