package io.tidemark.diagnostics.threads;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Captures the JVM's threads. Platform threads come from {@link ThreadMXBean}, which knows their locks and
 * contention counters. Virtual threads are invisible to it; on request they are read from the JDK's JSON
 * thread dump ({@link HotSpotDiagnosticMXBean#dumpThreads}), which costs a file in the scratch directory and
 * several hundred milliseconds per 10,000 threads, so it is not done by default.
 *
 * <p>Thread-safe.
 */
public final class ThreadDump {
    /** How much to capture. */
    public enum Detail {
        /** Stacks, states and the object each thread waits on (with its owner): what a grouped dump needs. */
        STACKS,
        /** Also the monitors each thread holds, with the frame that entered each. Cheap. */
        STACKS_AND_MONITORS,
        /**
         * Also the ownable synchronizers each thread holds ({@code ReentrantLock}s, write locks). The JVM finds
         * those by walking the whole heap at a safepoint: a pause that grows with the heap (80-180 ms for a heap
         * of 260 MB and 6 million objects, measured), so only on an operator's explicit request.
         */
        STACKS_AND_ALL_LOCKS
    }

    // Deep enough for any real stack of this server; bounds the work per thread if one recurses wildly.
    private static final int MAX_FRAMES = 512;

    private final ThreadMXBean threads;
    private final HotSpotDiagnosticMXBean hotSpot;
    private final Path scratchDir;
    private final AtomicLong scratchFiles = new AtomicLong();

    /**
     * @param scratchDir where the JSON dump of virtual threads is written and deleted again; created if
     *                   missing
     */
    public ThreadDump(ThreadMXBean threads, HotSpotDiagnosticMXBean hotSpot, Path scratchDir) {
        this.threads = threads;
        this.hotSpot = hotSpot;
        this.scratchDir = scratchDir.toAbsolutePath();
        enableContentionMonitoring(threads);
    }

    /** A capture of this JVM's threads. */
    public static ThreadDump ofThisJvm(Path scratchDir) {
        return new ThreadDump(ManagementFactory.getThreadMXBean(),
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class), scratchDir);
    }

    /**
     * Turns on the JVM's per-thread blocked/waited time accounting where supported, so that dumps can say
     * how long a thread has spent blocked. The cost is a timestamp per contended monitor entry and park.
     */
    public static void enableContentionMonitoring(ThreadMXBean threads) {
        if (threads.isThreadContentionMonitoringSupported() && !threads.isThreadContentionMonitoringEnabled()) {
            threads.setThreadContentionMonitoringEnabled(true);
        }
    }

    /**
     * Captures every live platform thread, and every virtual thread the JDK tracks if
     * {@code includeVirtual}, sorted by thread id.
     *
     * @throws IOException only when virtual threads were asked for and the JSON dump could not be written or
     *                     read
     */
    public List<ThreadSnapshot> capture(Detail detail, boolean includeVirtual) throws IOException {
        ThreadInfo[] infos = threads.dumpAllThreads(
                detail != Detail.STACKS && threads.isObjectMonitorUsageSupported(),
                detail == Detail.STACKS_AND_ALL_LOCKS && threads.isSynchronizerUsageSupported(),
                MAX_FRAMES);
        List<ThreadSnapshot> out = new ArrayList<>(infos.length);
        for (ThreadInfo info : infos) {
            if (info != null) {
                out.add(toSnapshot(info));
            }
        }
        if (includeVirtual) {
            out.addAll(captureVirtual());
        }
        out.sort(Comparator.comparingLong(ThreadSnapshot::id));
        return out;
    }

    /**
     * Captures the given platform threads with the monitors they hold (not their ownable synchronizers: see
     * {@link Detail#STACKS_AND_ALL_LOCKS}); threads that have ended are left out. Used to show the stacks of
     * the few threads behind a watchdog finding.
     */
    public List<ThreadSnapshot> capture(long[] threadIds) {
        ThreadInfo[] infos = threads.getThreadInfo(threadIds, threads.isObjectMonitorUsageSupported(), false,
                MAX_FRAMES);
        List<ThreadSnapshot> out = new ArrayList<>(infos.length);
        for (ThreadInfo info : infos) {
            if (info != null) {
                out.add(toSnapshot(info));
            }
        }
        return out;
    }

    /**
     * The threads in deadlock cycles over monitors or ownable synchronizers ({@code ReentrantLock}, write
     * locks), or an empty array. Costs a safepoint. Read locks and {@code StampedLock} are invisible to it.
     */
    public long[] findDeadlockedThreads() {
        long[] ids = threads.isSynchronizerUsageSupported()
                ? threads.findDeadlockedThreads()
                : threads.findMonitorDeadlockedThreads();
        return ids == null ? new long[0] : ids;
    }

    /**
     * States, contention counters and the object waited on of every live platform thread, without stacks:
     * cheap enough to take every few seconds. Entries of threads that ended meanwhile are left out.
     */
    public List<ThreadInfo> sampleStates() {
        ThreadInfo[] infos = threads.getThreadInfo(threads.getAllThreadIds(), 0);
        List<ThreadInfo> out = new ArrayList<>(infos.length);
        for (ThreadInfo info : infos) {
            if (info != null) {
                out.add(info);
            }
        }
        return out;
    }

    static ThreadSnapshot toSnapshot(ThreadInfo info) {
        StackTraceElement[] stack = info.getStackTrace();
        List<String> frames = new ArrayList<>(stack.length);
        for (StackTraceElement e : stack) {
            frames.add(Frames.of(e));
        }
        ThreadSnapshot.LockWait waitingOn = info.getLockName() == null
                ? null
                : new ThreadSnapshot.LockWait(info.getLockName(), info.getLockOwnerId(), info.getLockOwnerName());
        List<ThreadSnapshot.HeldMonitor> monitors = new ArrayList<>();
        for (MonitorInfo m : info.getLockedMonitors()) {
            monitors.add(new ThreadSnapshot.HeldMonitor(m.toString(), m.getLockedStackDepth()));
        }
        List<String> synchronizers = new ArrayList<>();
        for (LockInfo l : info.getLockedSynchronizers()) {
            synchronizers.add(l.toString());
        }
        return new ThreadSnapshot(info.getThreadId(), info.getThreadName(), false, info.isDaemon(),
                info.getThreadState(), info.isInNative(), frames, waitingOn, monitors, synchronizers,
                new ThreadSnapshot.ContentionCounts(info.getBlockedCount(), info.getBlockedTime(),
                        info.getWaitedCount(), info.getWaitedTime()));
    }

    private List<ThreadSnapshot> captureVirtual() throws IOException {
        Files.createDirectories(scratchDir);
        Path file = scratchDir.resolve("threads-" + ProcessHandle.current().pid() + "-"
                + scratchFiles.incrementAndGet() + ".json");
        Files.deleteIfExists(file);
        try {
            hotSpot.dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            return VirtualThreadDumpReader.read(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
