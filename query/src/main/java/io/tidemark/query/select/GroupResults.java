package io.tidemark.query.select;

import io.tidemark.query.QueryException;
import io.tidemark.query.agg.AggPoint;
import io.tidemark.query.memory.MemoryAccount;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The output points of every call for each output group, computed group by group as the calls' streams ask for
 * them. Each stream walks the groups in order; a group's points are kept until every stream has moved past it.
 * The streams are read in step (by the statement's cursor), so usually one or two groups are held; a call that has
 * no points in many groups runs ahead over them, and those groups are then held for the other calls. The
 * computation charges a group's points to the statement's memory account; they are released when the group is
 * dropped.
 *
 * <p>Not thread-safe: one per statement execution.
 */
final class GroupResults {
    /** Computes the points of every call for one group. */
    interface Computation {
        Computed compute(int group) throws QueryException;
    }

    /**
     * The points of every call for one group.
     *
     * @param chargedBytes what the computation charged to the memory account for these points; released when the
     *     group is dropped
     */
    record Computed(List<List<AggPoint>> points, long chargedBytes) {
    }

    private record Held(Computed computed, boolean[] released) {
    }

    private final int groups;
    private final boolean[] reads;
    private final Computation computation;
    private final MemoryAccount memory;
    private final Map<Integer, Held> held = new HashMap<>();
    /** The first group not yet dropped: every reading call has released the groups before it. */
    private int first;
    /** The number of groups computed so far. */
    private int computed;

    /**
     * @param reads which calls have a stream that reads the groups (the others are never asked for)
     */
    GroupResults(int groups, boolean[] reads, Computation computation, MemoryAccount memory) {
        this.memory = memory;
        this.groups = groups;
        this.reads = reads.clone();
        this.computation = computation;
    }

    int groups() {
        return groups;
    }

    /** The points of a call in a group; groups are asked for in order by each call. */
    List<AggPoint> points(int group, int call) throws QueryException {
        while (computed <= group) {
            boolean[] released = new boolean[reads.length];
            for (int i = 0; i < released.length; i++) {
                released[i] = !reads[i];
            }
            held.put(computed, new Held(computation.compute(computed), released));
            computed++;
        }
        return heldAt(group).computed().points().get(call);
    }

    /** The call is done with the group (and so with every earlier one). */
    void release(int group, int call) {
        Held h = heldAt(group);
        h.released()[call] = true;
        while (first < computed && allReleased(held.get(first))) {
            memory.release(held.remove(first).computed().chargedBytes());
            first++;
        }
    }

    /**
     * Drops every group still held, when the statement's output ends before every stream has moved past them (a
     * {@code percentile()} window without a result can end it, see {@link PointStream}).
     */
    void close() {
        for (Held h : held.values()) {
            memory.release(h.computed().chargedBytes());
        }
        held.clear();
        first = computed;
    }

    private Held heldAt(int group) {
        Held h = held.get(group);
        if (h == null) {
            throw new IllegalStateException("group " + group + " is not held (first held: " + first + ")");
        }
        return h;
    }

    private boolean allReleased(Held h) {
        for (boolean r : h.released()) {
            if (!r) {
                return false;
            }
        }
        return true;
    }
}
