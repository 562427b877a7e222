package io.tidemark.storage.tombstone;

import java.util.Objects;

/**
 * A durable record of a DELETE, DROP SERIES or DROP MEASUREMENT: the points of {@code target}'s series, of
 * {@code field} (null: every field), with a time in {@code [minTimeNanos, maxTimeNanos]}, are deleted from every
 * source (TSM file or cache generation) whose seq is at most {@code seq}. The tombstone is created after everything
 * written before it was flushed to sources with a seq of at most {@code seq}, so newer sources, which hold only
 * later writes, are not affected. Immutable and thread-safe.
 *
 * @param seq the highest source seq it applies to; at least 0
 * @param target the series it deletes from
 * @param field the unescaped field name, or null for every field; never empty
 * @param minTimeNanos the first deleted timestamp, inclusive
 * @param maxTimeNanos the last deleted timestamp, inclusive; at least {@code minTimeNanos}
 */
public record Tombstone(long seq, TombstoneTarget target, String field, long minTimeNanos, long maxTimeNanos) {

    public Tombstone {
        if (seq < 0) {
            throw new IllegalArgumentException("negative tombstone seq " + seq);
        }
        Objects.requireNonNull(target, "target");
        if (field != null && field.isEmpty()) {
            throw new IllegalArgumentException("empty field name (null means every field)");
        }
        if (minTimeNanos > maxTimeNanos) {
            throw new IllegalArgumentException("empty time range [" + minTimeNanos + ", " + maxTimeNanos + "]");
        }
    }

    /** Whether this tombstone applies to a source with {@code sourceSeq}. */
    public boolean appliesTo(long sourceSeq) {
        return sourceSeq <= seq;
    }
}
