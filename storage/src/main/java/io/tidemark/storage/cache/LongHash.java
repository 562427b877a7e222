package io.tidemark.storage.cache;

/** The hash of the open-addressing tables keyed by longs (series and column ids). Stateless. */
final class LongHash {
    private LongHash() {
    }

    /** Fibonacci hashing: spreads consecutive ids over the table; callers mask the low bits. */
    static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
