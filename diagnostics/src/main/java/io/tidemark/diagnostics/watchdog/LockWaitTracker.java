package io.tidemark.diagnostics.watchdog;

import io.tidemark.diagnostics.threads.WaitKind;
import java.lang.management.ThreadInfo;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows, from sample to sample, the threads waiting to acquire a lock, to tell one long wait from many
 * short ones. A wait continues while the thread is seen in the same state on the same object (class and
 * identity hash) with the same blocked and waited counts: each new monitor contention or park increments a
 * count, so a thread that got the lock and came back shows as a new wait. Waits for work or events
 * (conditions, latches, futures, sleeps) are not followed; see {@link WaitKind}.
 *
 * <p>Not thread-safe; confined to the watchdog thread.
 */
final class LockWaitTracker {
    /** One continuous wait, first seen at {@code since}. */
    record Wait(long threadId, String lock, long ownerId, Thread.State state, long blockedCount, long waitedCount,
            Instant since) {
        boolean continues(Wait earlier) {
            return earlier.lock.equals(lock) && earlier.state == state && earlier.blockedCount == blockedCount
                    && earlier.waitedCount == waitedCount;
        }
    }

    private Map<Long, Wait> waits = Map.of();

    /** Takes one sample and returns every lock wait in it, by thread id, with when it was first seen. */
    Map<Long, Wait> update(List<ThreadInfo> sample, Instant now) {
        Map<Long, Wait> next = new HashMap<>();
        for (ThreadInfo t : sample) {
            if (!WaitKind.of(t.getThreadState(), t.getLockName()).isLockAcquisition()) {
                continue;
            }
            Wait seen = new Wait(t.getThreadId(), t.getLockName(), t.getLockOwnerId(), t.getThreadState(),
                    t.getBlockedCount(), t.getWaitedCount(), now);
            Wait earlier = waits.get(t.getThreadId());
            if (earlier != null && seen.continues(earlier)) {
                // Keep the first sighting; the owner is as of now.
                seen = new Wait(seen.threadId(), seen.lock(), seen.ownerId(), seen.state(), seen.blockedCount(),
                        seen.waitedCount(), earlier.since());
            }
            next.put(t.getThreadId(), seen);
        }
        waits = Map.copyOf(next);
        return waits;
    }
}
