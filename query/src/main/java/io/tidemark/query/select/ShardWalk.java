package io.tidemark.query.select;

import java.util.List;

/**
 * Which of a list of members a shard holds, asked shard after shard in the statement's time order (or its reverse):
 * each member's own shard list is in that order too, so a member is in the shard asked for exactly when its next
 * shard is that one. One position per member instead of a map of every member under every shard. Not thread-safe.
 */
final class ShardWalk {
    private final List<Member> members;
    private final boolean forward;
    /** Per member, the position in its own shard list of the next shard it may be in. */
    private final int[] next;

    /** @param forward whether shards are asked for in time order (else from the latest) */
    ShardWalk(List<Member> members, boolean forward) {
        this.members = members;
        this.forward = forward;
        this.next = new int[members.size()];
        if (!forward) {
            for (int i = 0; i < next.length; i++) {
                next[i] = members.get(i).shards().size() - 1;
            }
        }
    }

    /** Whether member {@code i} is in {@code shard}, the next shard in the walk's order; moves it past it if so. */
    boolean enters(int i, long shard) {
        List<Long> own = members.get(i).shards();
        int at = next[i];
        if (at < 0 || at >= own.size() || own.get(at) != shard) {
            return false;
        }
        next[i] = forward ? at + 1 : at - 1;
        return true;
    }
}
