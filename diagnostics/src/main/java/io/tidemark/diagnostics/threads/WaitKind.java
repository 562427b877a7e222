package io.tidemark.diagnostics.threads;

import java.util.List;

/**
 * Tells a wait for a lock apart from a wait for work or for an event. Idle pool workers park on a
 * queue's condition for hours, and that is healthy; a thread parked on a {@code ReentrantLock} or a
 * {@code StampedLock} for as long means the lock is not being released. The JVM only says which object a
 * thread waits on, so the class of that object decides. Stateless.
 */
public enum WaitKind {
    /** Blocked entering or re-entering a {@code synchronized} monitor. */
    MONITOR,
    /** Parked acquiring a {@code java.util.concurrent} lock or semaphore permit. */
    LOCK,
    /** Anything else: condition waits, {@code Object.wait}, latches, futures, sleeps, running. */
    OTHER;

    // Prefixes of the classes a thread parks on while acquiring a lock. A Condition of these locks parks on
    // AbstractQueuedSynchronizer$ConditionObject, which matches none of them, as it should.
    private static final List<String> LOCK_CLASS_PREFIXES = List.of(
            "java.util.concurrent.locks.ReentrantLock$",
            "java.util.concurrent.locks.ReentrantReadWriteLock$",
            "java.util.concurrent.locks.StampedLock",
            "java.util.concurrent.Semaphore$");

    public static WaitKind of(Thread.State state, ThreadSnapshot.LockWait waitingOn) {
        return of(state, waitingOn == null ? null : waitingOn.lock());
    }

    /** Classifies a thread from its state and the name of the object it waits on ({@code null} if none). */
    public static WaitKind of(Thread.State state, String lockName) {
        if (state == Thread.State.BLOCKED) {
            return MONITOR;
        }
        if (lockName == null || (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING)) {
            return OTHER;
        }
        for (String prefix : LOCK_CLASS_PREFIXES) {
            if (lockName.startsWith(prefix)) {
                return LOCK;
            }
        }
        return OTHER;
    }

    public boolean isLockAcquisition() {
        return this != OTHER;
    }
}
