package io.tidemark.diagnostics.stats;

import io.tidemark.common.metrics.Statistic;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JVM's own figures (heap, GC, threads, buffer and memory pools) as statistics, so that
 * {@code SHOW STATS}, {@code /debug/vars} and {@code /metrics} show them beside the node's counters:
 *
 * <ul>
 *   <li>{@code runtime}: InfluxDB's Go runtime names where a JVM figure means the same ({@code HeapAlloc},
 *       {@code HeapInUse} = heap used, {@code HeapSys} = heap committed, {@code HeapIdle}, {@code Sys},
 *       {@code TotalAlloc}, {@code NumGC}, {@code PauseTotalNs} = time spent in collections,
 *       {@code NumGoroutine} = live platform threads), then JVM names (heap max, non-heap, threads by
 *       state, classes, processors, uptime);
 *   <li>{@code jvm_gc} per {@code collector}, {@code jvm_memory_pool} per {@code pool},
 *       {@code jvm_buffer_pool} per {@code pool} (direct, mapped).
 * </ul>
 *
 * Each read counts threads by state, which costs a thread-info read (10-50 ms per 10,000 threads, measured).
 * Thread-safe.
 */
public final class JvmStatistics {
    private final MemoryMXBean memory;
    private final List<GarbageCollectorMXBean> collectors;
    private final List<MemoryPoolMXBean> memoryPools;
    private final List<BufferPoolMXBean> bufferPools;
    private final ThreadMXBean threads;
    private final RuntimeMXBean runtime;
    private final ClassLoadingMXBean classes;

    public JvmStatistics(MemoryMXBean memory, List<GarbageCollectorMXBean> collectors,
            List<MemoryPoolMXBean> memoryPools, List<BufferPoolMXBean> bufferPools, ThreadMXBean threads,
            RuntimeMXBean runtime, ClassLoadingMXBean classes) {
        this.memory = memory;
        this.collectors = List.copyOf(collectors);
        this.memoryPools = List.copyOf(memoryPools);
        this.bufferPools = List.copyOf(bufferPools);
        this.threads = threads;
        this.runtime = runtime;
        this.classes = classes;
    }

    public static JvmStatistics ofThisJvm() {
        return new JvmStatistics(ManagementFactory.getMemoryMXBean(), ManagementFactory.getGarbageCollectorMXBeans(),
                ManagementFactory.getMemoryPoolMXBeans(), ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class),
                ManagementFactory.getThreadMXBean(), ManagementFactory.getRuntimeMXBean(),
                ManagementFactory.getClassLoadingMXBean());
    }

    /** One reading of every figure. */
    public record Figures(
            MemoryUsage heap,
            MemoryUsage nonHeap,
            Map<String, Gc> collectors,
            Map<String, MemoryUsage> memoryPools,
            Map<String, MemoryUsage> memoryPoolsAfterGc,
            Map<String, BufferPool> bufferPools,
            Map<Thread.State, Integer> threadsByState,
            int liveThreads,
            int daemonThreads,
            int peakThreads,
            long startedThreads,
            long totalAllocatedBytes,
            int loadedClasses,
            int availableProcessors,
            long uptimeMs) {

        long gcCount() {
            long n = 0;
            for (Gc gc : collectors.values()) {
                n += Math.max(0, gc.count());
            }
            return n;
        }

        long gcTimeMs() {
            long ms = 0;
            for (Gc gc : collectors.values()) {
                ms += Math.max(0, gc.timeMs());
            }
            return ms;
        }

        long directBytes() {
            BufferPool direct = bufferPools.get("direct");
            return direct == null ? 0 : direct.memoryUsed();
        }
    }

    /** A collector's collections and accumulated time since the JVM started (-1 where unknown). */
    public record Gc(long count, long timeMs) {
    }

    /** A buffer pool: buffers, bytes the JVM uses for them, their total capacity. */
    public record BufferPool(long count, long memoryUsed, long totalCapacity) {
    }

    public Figures read() {
        Map<String, Gc> gcs = new LinkedHashMap<>();
        for (GarbageCollectorMXBean gc : collectors) {
            gcs.put(gc.getName(), new Gc(gc.getCollectionCount(), gc.getCollectionTime()));
        }
        Map<String, MemoryUsage> pools = new LinkedHashMap<>();
        Map<String, MemoryUsage> poolsAfterGc = new LinkedHashMap<>();
        for (MemoryPoolMXBean pool : memoryPools) {
            if (!pool.isValid()) {
                continue;
            }
            pools.put(pool.getName(), pool.getUsage());
            MemoryUsage afterGc = pool.getCollectionUsage();
            if (afterGc != null) {
                poolsAfterGc.put(pool.getName(), afterGc);
            }
        }
        Map<String, BufferPool> buffers = new LinkedHashMap<>();
        for (BufferPoolMXBean pool : bufferPools) {
            buffers.put(pool.getName(), new BufferPool(pool.getCount(), pool.getMemoryUsed(), pool.getTotalCapacity()));
        }
        Map<Thread.State, Integer> byState = new EnumMap<>(Thread.State.class);
        for (Thread.State s : Thread.State.values()) {
            byState.put(s, 0);
        }
        int live = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
            if (t != null) {
                byState.merge(t.getThreadState(), 1, Integer::sum);
                live++;
            }
        }
        long allocated = threads instanceof com.sun.management.ThreadMXBean sun
                && sun.isThreadAllocatedMemorySupported() && sun.isThreadAllocatedMemoryEnabled()
                ? sun.getTotalThreadAllocatedBytes()
                : -1;
        return new Figures(memory.getHeapMemoryUsage(), memory.getNonHeapMemoryUsage(), gcs, pools, poolsAfterGc,
                buffers, byState, live, threads.getDaemonThreadCount(), threads.getPeakThreadCount(),
                threads.getTotalStartedThreadCount(), allocated, classes.getLoadedClassCount(),
                Runtime.getRuntime().availableProcessors(), runtime.getUptime());
    }

    /** The figures as statistics: {@code runtime}, then one per collector, memory pool and buffer pool. */
    public static List<Statistic> statistics(Figures f) {
        List<Statistic> out = new ArrayList<>();
        Map<String, Object> rt = new TreeMap<>();
        rt.put("Alloc", f.heap().getUsed());
        rt.put("HeapAlloc", f.heap().getUsed());
        rt.put("HeapInUse", f.heap().getUsed());
        rt.put("HeapSys", f.heap().getCommitted());
        rt.put("HeapIdle", f.heap().getCommitted() - f.heap().getUsed());
        rt.put("Sys", f.heap().getCommitted() + f.nonHeap().getCommitted() + f.directBytes());
        if (f.totalAllocatedBytes() >= 0) {
            rt.put("TotalAlloc", f.totalAllocatedBytes());
        }
        rt.put("NumGC", f.gcCount());
        rt.put("PauseTotalNs", f.gcTimeMs() * 1_000_000L);
        rt.put("NumGoroutine", (long) f.liveThreads());
        rt.put("heapMax", f.heap().getMax());
        rt.put("nonHeapUsed", f.nonHeap().getUsed());
        rt.put("nonHeapCommitted", f.nonHeap().getCommitted());
        rt.put("threadsLive", (long) f.liveThreads());
        rt.put("threadsDaemon", (long) f.daemonThreads());
        rt.put("threadsPeak", (long) f.peakThreads());
        rt.put("threadsStarted", f.startedThreads());
        rt.put("threadsNew", (long) f.threadsByState().get(Thread.State.NEW));
        rt.put("threadsRunnable", (long) f.threadsByState().get(Thread.State.RUNNABLE));
        rt.put("threadsBlocked", (long) f.threadsByState().get(Thread.State.BLOCKED));
        rt.put("threadsWaiting", (long) f.threadsByState().get(Thread.State.WAITING));
        rt.put("threadsTimedWaiting", (long) f.threadsByState().get(Thread.State.TIMED_WAITING));
        rt.put("classesLoaded", (long) f.loadedClasses());
        rt.put("availableProcessors", (long) f.availableProcessors());
        rt.put("uptimeMs", f.uptimeMs());
        out.add(new Statistic("runtime", Map.of(), rt));
        f.collectors().forEach((name, gc) -> out.add(new Statistic("jvm_gc", Map.of("collector", name),
                sorted(Map.of("count", gc.count(), "timeMs", gc.timeMs())))));
        f.memoryPools().forEach((name, usage) -> {
            Map<String, Object> v = new TreeMap<>();
            v.put("used", usage.getUsed());
            v.put("committed", usage.getCommitted());
            v.put("max", usage.getMax());
            MemoryUsage afterGc = f.memoryPoolsAfterGc().get(name);
            if (afterGc != null) {
                v.put("usedAfterGc", afterGc.getUsed());
            }
            out.add(new Statistic("jvm_memory_pool", Map.of("pool", name), v));
        });
        f.bufferPools().forEach((name, pool) -> out.add(new Statistic("jvm_buffer_pool", Map.of("pool", name),
                sorted(Map.of("count", pool.count(), "memoryUsed", pool.memoryUsed(),
                        "totalCapacity", pool.totalCapacity())))));
        return out;
    }

    /**
     * The figures as the {@code memstats} object of {@code /debug/vars}: the Go {@code runtime.MemStats}
     * fields that have a JVM meaning (as integers, which is what Telegraf's {@code inputs.influxdb} decodes
     * them into), then the JVM's own figures as nested objects, which Go decoders skip.
     */
    public static Map<String, Object> memstats(Figures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Alloc", f.heap().getUsed());
        if (f.totalAllocatedBytes() >= 0) {
            m.put("TotalAlloc", f.totalAllocatedBytes());
        }
        m.put("Sys", f.heap().getCommitted() + f.nonHeap().getCommitted() + f.directBytes());
        m.put("HeapAlloc", f.heap().getUsed());
        m.put("HeapSys", f.heap().getCommitted());
        m.put("HeapIdle", f.heap().getCommitted() - f.heap().getUsed());
        m.put("HeapInuse", f.heap().getUsed());
        m.put("PauseTotalNs", f.gcTimeMs() * 1_000_000L);
        m.put("NumGC", f.gcCount());
        m.put("heap", usage(f.heap()));
        m.put("nonHeap", usage(f.nonHeap()));
        Map<String, Object> gcs = new LinkedHashMap<>();
        f.collectors().forEach((name, gc) -> gcs.put(name, sorted(Map.of("count", gc.count(), "timeMs", gc.timeMs()))));
        m.put("gc", gcs);
        Map<String, Object> pools = new LinkedHashMap<>();
        f.memoryPools().forEach((name, usage) -> {
            Map<String, Object> v = usage(usage);
            MemoryUsage afterGc = f.memoryPoolsAfterGc().get(name);
            if (afterGc != null) {
                v.put("usedAfterGc", afterGc.getUsed());
            }
            pools.put(name, v);
        });
        m.put("memoryPools", pools);
        Map<String, Object> buffers = new LinkedHashMap<>();
        f.bufferPools().forEach((name, pool) -> buffers.put(name, sorted(Map.of("count", pool.count(),
                "memoryUsed", pool.memoryUsed(), "totalCapacity", pool.totalCapacity()))));
        m.put("bufferPools", buffers);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("live", f.liveThreads());
        t.put("daemon", f.daemonThreads());
        t.put("peak", f.peakThreads());
        t.put("started", f.startedThreads());
        Map<String, Object> byState = new LinkedHashMap<>();
        f.threadsByState().forEach((state, n) -> byState.put(state.name(), n));
        t.put("byState", byState);
        m.put("threads", t);
        return m;
    }

    private static Map<String, Object> usage(MemoryUsage u) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("used", u.getUsed());
        v.put("committed", u.getCommitted());
        v.put("max", u.getMax());
        return v;
    }

    private static Map<String, Object> sorted(Map<String, Object> values) {
        return new TreeMap<>(values);
    }
}
