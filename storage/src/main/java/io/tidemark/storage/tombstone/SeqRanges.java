package io.tidemark.storage.tombstone;

import java.util.ArrayList;
import java.util.List;

/**
 * The deleted time ranges of a group of tombstones, precomputed for every source seq: for each distinct tombstone
 * seq {@code s}, the normalised union of the ranges of the tombstones with a seq of at least {@code s}. A query is a
 * binary search and returns a shared array. Immutable and thread-safe.
 */
final class SeqRanges {
    /** Distinct tombstone seqs, descending. */
    private final long[] seqs;
    /** {@code ranges[i]}: the union over the tombstones with seq >= {@code seqs[i]}; never null. */
    private final long[][] ranges;

    private SeqRanges(long[] seqs, long[][] ranges) {
        this.seqs = seqs;
        this.ranges = ranges;
    }

    /** Over {@code tombstones} (at least one), in any order. */
    static SeqRanges of(List<Tombstone> tombstones) {
        List<Tombstone> bySeq = new ArrayList<>(tombstones);
        bySeq.sort((a, b) -> Long.compare(b.seq(), a.seq()));
        long[] seqs = new long[bySeq.size()];
        long[][] ranges = new long[bySeq.size()][];
        int n = 0;
        long[] union = null;
        for (int i = 0; i < bySeq.size(); ) {
            long seq = bySeq.get(i).seq();
            int j = i;
            long[] pairs = new long[2 * (bySeq.size() - i)];
            int count = 0;
            for (; j < bySeq.size() && bySeq.get(j).seq() == seq; j++) {
                pairs[2 * count] = bySeq.get(j).minTimeNanos();
                pairs[2 * count + 1] = bySeq.get(j).maxTimeNanos();
                count++;
            }
            union = TimeRanges.union(union, TimeRanges.normalize(pairs, count));
            seqs[n] = seq;
            ranges[n] = union;
            n++;
            i = j;
        }
        return new SeqRanges(java.util.Arrays.copyOf(seqs, n), java.util.Arrays.copyOf(ranges, n));
    }

    /** The ranges deleted from a source with {@code sourceSeq}, or null. Shared: callers must not modify it. */
    long[] deleted(long sourceSeq) {
        if (seqs[0] < sourceSeq) {
            return null;
        }
        // The last index whose seq is >= sourceSeq (seqs descend).
        int lo = 0;
        int hi = seqs.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (seqs[mid] >= sourceSeq) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return ranges[lo];
    }
}
