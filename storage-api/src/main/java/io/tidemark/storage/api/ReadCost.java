package io.tidemark.storage.api;

/**
 * What a {@link ShardReader#read} of one field of one series over a time range would touch, known without reading
 * the values: the figures InfluxDB's {@code EXPLAIN} reports for each series it would read. Counted as a read
 * counts them: files and blocks that hold values of the range and are not wholly deleted.
 *
 * <p>Immutable; thread-safe.
 *
 * @param cachedValues values of the range still in the cache (not yet in a file); a timestamp written twice counts
 *     once
 * @param files files with at least one such block
 * @param blocks blocks whose time range meets the range
 * @param blockBytes the stored size of those blocks
 */
public record ReadCost(long cachedValues, long files, long blocks, long blockBytes) {
    public static final ReadCost NONE = new ReadCost(0, 0, 0, 0);

    public ReadCost {
        if (cachedValues < 0 || files < 0 || blocks < 0 || blockBytes < 0) {
            throw new IllegalArgumentException("bad read cost: " + cachedValues + " cached values, " + files
                    + " files, " + blocks + " blocks of " + blockBytes + " bytes");
        }
    }

    /** The sum of two costs, as InfluxDB adds the costs of the cursors of one plan node. */
    public ReadCost plus(ReadCost other) {
        return new ReadCost(cachedValues + other.cachedValues, files + other.files, blocks + other.blocks,
                blockBytes + other.blockBytes);
    }
}
