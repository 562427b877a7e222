package io.tidemark.storage.api;

import java.util.List;

/**
 * Answers questions about a shard's series from its series index, without reading data: what the query engine
 * needs to find the series of a statement and to answer the SHOW statements. Implemented by the local store and,
 * later, by a remote shard. Measurement names, tag keys and tag values are unescaped, as users see them; series
 * keys are canonical escaped keys, as {@link ShardReader#read} takes them. Lists of names are sorted by their
 * UTF-8 bytes (unsigned), as series keys are.
 *
 * <p>What the index holds follows what the shard holds: a series is listed once a write that has it was
 * applied, and the answers agree with {@link ShardReader#seriesKeys} for the same shard. Implementations are
 * thread-safe.
 */
public interface ShardIndexReader {

    /** The unescaped names of the measurements that have series in the shard, sorted. */
    List<String> measurements(long shardId) throws ShardException;

    /** The tag keys among the series of a measurement, sorted; empty for an unknown measurement. */
    List<String> tagKeys(long shardId, String measurement) throws ShardException;

    /** The values of a tag key among the series of a measurement, sorted; empty when none has the key. */
    List<String> tagValues(long shardId, String measurement, String tagKey) throws ShardException;

    /**
     * The keys of the series of a measurement that satisfy a filter, sorted by unsigned bytes.
     *
     * @param filter the condition on tags, or null for every series of the measurement
     */
    List<byte[]> selectSeries(long shardId, String measurement, TagFilter filter) throws ShardException;

    /** The number of series in the shard. */
    long seriesCardinality(long shardId) throws ShardException;

    /** The number of series of a measurement in the shard. */
    long seriesCardinality(long shardId, String measurement) throws ShardException;

    /**
     * A 64-bit hash of the key of every series of a measurement in the shard, in no order: equal keys have equal
     * hashes in every shard of one reader, so that the series of several shards can be counted without their keys.
     */
    long[] seriesKeyHashes(long shardId, String measurement) throws ShardException;
}
