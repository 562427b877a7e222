package io.tidemark.storage.cache;

/**
 * A link of a column's chunk list: either a {@link Chunk} of primitive arrays, which the applier fills, or a full
 * chunk the applier packed into a {@link PackedChunk} to hold it in a fraction of the memory. The applier writes the
 * links; readers follow them after reading the column's published count (see {@link Column}).
 */
abstract sealed class ChunkNode permits Chunk, PackedChunk {
    /** The next chunk, newer values; written by the applier only. */
    ChunkNode next;

    /** The values the chunk can hold: a packed chunk is always full. */
    abstract int capacity();
}
