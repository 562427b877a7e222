package io.tidemark.diagnostics.watchdog;

import java.time.Instant;
import java.util.List;

/**
 * Something the watchdog found wrong. Immutable.
 *
 * @param key         identifies the condition across samples (the lock, the call, the threads of a
 *                    deadlock), so that a condition that persists is one finding, logged once
 * @param summary     one line, as of the latest sample: what, which threads, which lock, which owner
 * @param threadNames the threads involved: waiters first, then owners or callers
 * @param since       when the watchdog first saw the condition
 * @param details     the involved threads' stacks and locks, as captured when the condition was first seen
 */
public record WatchdogFinding(
        Kind kind, String key, String summary, List<String> threadNames, Instant since, String details) {

    public WatchdogFinding {
        threadNames = List.copyOf(threadNames);
    }

    /** Kinds of finding, most severe first. */
    public enum Kind {
        /** A cycle of threads each waiting for a monitor or ownable lock that the next one holds. */
        DEADLOCK,
        /** Threads waiting longer than the threshold, without progress, to acquire the same lock. */
        LOCK_WAIT,
        /** Registered remote calls in flight longer than the threshold. */
        SLOW_CALL,
        /** The live thread count grew by more than the threshold within the window. */
        THREAD_GROWTH
    }
}
