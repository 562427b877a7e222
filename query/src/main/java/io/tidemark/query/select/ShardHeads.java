package io.tidemark.query.select;

import io.tidemark.influxql.ast.VarRef;
import io.tidemark.query.QueryException;
import io.tidemark.query.memory.HeapEstimates;
import io.tidemark.storage.api.RangeStatistics;
import io.tidemark.storage.api.ShardException;
import io.tidemark.storage.api.ShardNotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code first()} and {@code last()} without GROUP BY time() answered from storage statistics, with what
 * {@link GroupScanner.Merge#FIRST_TWO_PER_SHARD} reads: per shard, each series' first (last) point in the range, from
 * its statistics, merged through a {@link GoHeap} in key order (reversed for last), and the first two points of that
 * merge given to the call's accumulator, the second taken from the statistics of the rest of the first one's series
 * when that series comes first again. One block index lookup per series and shard instead of a cursor that decodes
 * a block. Only for groups their tags alone select and statements without auxiliary fields, where points at one time
 * are ordered by the heap alone and the accumulator keeps a time and a value.
 *
 * <p>Not thread-safe: one per statement execution.
 */
final class ShardHeads {
    /** A head and its slot: the record, its statistics (type, count, two times, six values, a flag), a list slot. */
    private static final long HEAD_BYTES = HeapEstimates.object(2 * HeapEstimates.REFERENCE + 16)
            + HeapEstimates.object(HeapEstimates.REFERENCE + 9 * 8 + 1) + HeapEstimates.LIST_SLOT;
    private static final int UNANSWERED = -1;
    private final SelectContext ctx;

    ShardHeads(SelectContext ctx) {
        this.ctx = ctx;
    }

    /** A series' next point in one shard, and the statistics it came from. */
    private record Head(Member member, RangeStatistics statistics, long time, long bits) {
        static Head of(Member m, RangeStatistics s, boolean first) {
            return new Head(m, s, first ? s.firstTimeNanos() : s.lastTimeNanos(), first ? s.firstBits() : s.lastBits());
        }
    }

    /**
     * Adds the call's points to {@code acc}; false, having added nothing, when statistics do not answer exactly for
     * some series (then the group is read).
     */
    boolean reduce(SeriesGroup g, VarRef field, boolean first, BucketAccumulator acc) throws QueryException {
        List<Head> chosen = new ArrayList<>();
        long passedUnread = 0;
        List<List<Long>> sourceShards = ctx.sourceShards();
        for (int source = 0; source < sourceShards.size(); source++) {
            List<Member> members = new ArrayList<>();
            for (Member m : g.members()) {
                if (m.source() == source) {
                    members.add(m);
                }
            }
            if (!first) {
                members = members.reversed();
            }
            ShardWalk walk = new ShardWalk(members, true);
            for (long shard : sourceShards.get(source)) {
                // A shard's heads are held at once: charged for every series the shard may hold.
                long charged = HEAD_BYTES * members.size();
                ctx.memory().charge(charged);
                try {
                    int unread = chooseTwo(members, walk, shard, field, first, chosen);
                    if (unread == UNANSWERED) {
                        return false;
                    }
                    passedUnread += unread;
                } finally {
                    ctx.memory().release(charged);
                }
            }
        }
        ctx.budget().charge(chosen.size() + passedUnread);
        for (Head h : chosen) {
            acc.add(h.time(), StatisticsReduction.value(h.bits(), h.statistics().type(), field.type()), null,
                    h.member().series());
        }
        return true;
    }

    /**
     * Adds to {@code chosen} the first two points of the shard's merge of the members' points that can decide the
     * answer; returns how many more points pass unread (0 or 1), or {@link #UNANSWERED} if statistics do not answer
     * exactly for one of the series it needs.
     */
    private int chooseTwo(List<Member> members, ShardWalk walk, long shard, VarRef field, boolean first,
            List<Head> chosen) throws QueryException {
        long min = ctx.compiled().range().min();
        long max = ctx.compiled().range().max();
        List<Head> heads = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            if (!walk.enters(i, shard)) {
                continue;
            }
            Optional<RangeStatistics> s;
            try {
                s = statistics(shard, m, field, min, max);
            } catch (ShardNotFoundException e) {
                // As a read of a shard dropped meanwhile: nothing.
                continue;
            }
            if (!answers(s, field)) {
                return UNANSWERED;
            }
            if (s.get().count() > 0) {
                heads.add(Head.of(m, s.get(), first));
            }
        }
        if (heads.isEmpty()) {
            return 0;
        }
        Comparator<Head> byTime = Comparator.comparingLong(Head::time);
        GoHeap<Head> heap = new GoHeap<>(heads, first ? byTime : byTime.reversed());
        Head one = heap.pop();
        chosen.add(one);
        // The second point: InfluxDB's merge pushes the first one's series' next point, then pops. Only a point of
        // another series at the same instant can change the answer (the reducer keeps the earliest, or latest, time,
        // and of equal times the larger value); that next point is strictly later (earlier), and pushed below a root
        // at the same instant it cannot change which one pops. So a tie comes from the heads, and whatever else
        // passes is counted, not read.
        if (!heap.isEmpty() && heap.peek().time() == one.time()) {
            chosen.add(heap.pop());
            return 0;
        }
        return !heap.isEmpty() || one.statistics().count() > 1 ? 1 : 0;
    }

    /** Whether statistics give the point a read would: exact, and of a type read without counting only. */
    private static boolean answers(Optional<RangeStatistics> s, VarRef field) {
        return s.isPresent() && (s.get().count() == 0
                || (s.get().hasValues() && StatisticsReduction.isReadableAs(s.get().type(), field.type())));
    }

    /** The statistics of a series' field in a shard over [lo, hi]: exact, or empty. */
    private Optional<RangeStatistics> statistics(long shard, Member m, VarRef field, long lo, long hi)
            throws QueryException, ShardNotFoundException {
        try {
            return ctx.reader().statistics(shard, m.series().key(), field.name(), lo, hi);
        } catch (ShardNotFoundException e) {
            throw e;
        } catch (ShardException e) {
            throw new QueryException(e.getMessage(), e);
        }
    }
}
