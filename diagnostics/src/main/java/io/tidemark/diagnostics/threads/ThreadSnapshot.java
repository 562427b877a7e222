package io.tidemark.diagnostics.threads;

import java.util.List;

/**
 * One thread as {@link ThreadDump} captured it. Immutable.
 *
 * @param id                  the thread id ({@link Thread#threadId()})
 * @param virtual             whether this is a virtual thread (then it is always a daemon)
 * @param inNative            whether a platform thread was executing native code (unknown, so false, for virtual)
 * @param frames              the stack, innermost first, as {@code class.method(File.java:line)}
 * @param waitingOn           the object the thread is blocked or waiting on, or {@code null}
 * @param lockedMonitors      monitors held, each with the stack depth of the frame that entered it
 * @param lockedSynchronizers ownable synchronizers held ({@code ReentrantLock}s, write locks); empty when
 *                            the capture did not ask for them
 * @param counts              how often and how long the thread has blocked and waited since it started
 */
public record ThreadSnapshot(
        long id,
        String name,
        boolean virtual,
        boolean daemon,
        Thread.State state,
        boolean inNative,
        List<String> frames,
        LockWait waitingOn,
        List<HeldMonitor> lockedMonitors,
        List<String> lockedSynchronizers,
        ContentionCounts counts) {

    public ThreadSnapshot {
        frames = List.copyOf(frames);
        lockedMonitors = List.copyOf(lockedMonitors);
        lockedSynchronizers = List.copyOf(lockedSynchronizers);
    }

    /**
     * What a thread waits for.
     *
     * @param lock      the object's identity as the JVM prints it, {@code class@identityHashHex}
     * @param ownerId   the id of the thread that owns it, or -1 when it has no owner or the JVM cannot tell
     *                  (read locks, {@code StampedLock}, latches, conditions)
     * @param ownerName the owner's name, or {@code null}
     */
    public record LockWait(String lock, long ownerId, String ownerName) {
        public boolean hasOwner() {
            return ownerId >= 0;
        }

        /** The lock's class name, without the identity hash. */
        public String lockClass() {
            int at = lock.lastIndexOf('@');
            return at < 0 ? lock : lock.substring(0, at);
        }
    }

    /** A monitor held by a thread, entered by the frame at {@code depth} (0 = innermost). */
    public record HeldMonitor(String lock, int depth) {
    }

    /**
     * The JVM's contention counters for one thread. Times are -1 when unknown (contention monitoring off,
     * or a virtual thread); counts are -1 for virtual threads.
     */
    public record ContentionCounts(long blockedCount, long blockedTimeMs, long waitedCount, long waitedTimeMs) {
        public static final ContentionCounts UNKNOWN = new ContentionCounts(-1, -1, -1, -1);
    }
}
