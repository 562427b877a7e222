package io.tidemark.diagnostics;

import io.tidemark.common.metrics.MetricRegistry;
import io.tidemark.diagnostics.stats.BuildInfo;
import io.tidemark.diagnostics.threads.ThreadDump;
import io.tidemark.diagnostics.watchdog.InFlightCalls;
import io.tidemark.diagnostics.watchdog.Watchdog;
import io.tidemark.diagnostics.watchdog.WatchdogConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Measures how long {@code /debug/pprof/goroutine} takes with many live threads (default 10,000, parked at
 * 20 different stack depths, a few hundred of them blocked on one monitor). Not a test: run by hand,
 * {@code java -cp <test classpath> io.tidemark.diagnostics.ThreadDumpMeasurement [threads] [rounds]}.
 */
public final class ThreadDumpMeasurement {
    private ThreadDumpMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        CountDownLatch release = new CountDownLatch(1);
        Object contended = new Object();
        CountDownLatch holderIn = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>(count);
        Thread holder = new Thread(() -> {
            synchronized (contended) {
                holderIn.countDown();
                awaitQuietly(release);
            }
        }, "holder");
        holder.setDaemon(true);
        holder.start();
        holderIn.await();
        for (int i = 0; i < count; i++) {
            int depth = i % 20;
            boolean blocks = i % 50 == 0;
            Thread t = new Thread(null, () -> descend(depth, blocks, contended, release), "worker-" + i, 256 * 1024);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        Path dir = Files.createTempDirectory("measure");
        MetricRegistry registry = new MetricRegistry();
        Watchdog watchdog = new Watchdog(WatchdogConfig.defaults(), ThreadDump.ofThisJvm(dir),
                new InFlightCalls(InstantSource.system()), registry, InstantSource.system());
        try (DebugEndpoints debug = new DebugEndpoints(registry, watchdog, dir, List.of(),
                new BuildInfo("", "", "", ""), InstantSource.system())) {
            System.out.printf("live threads: %d%n", java.lang.management.ManagementFactory.getThreadMXBean()
                    .getThreadCount());
            measure(debug, "debug=1", Map.of("debug", List.of("1")), rounds);
            measure(debug, "debug=2", Map.of("debug", List.of("2")), rounds);
            measure(debug, "debug=1&virtual=1", Map.of("debug", List.of("1"), "virtual", List.of("1")), rounds);
        }
        release.countDown();
        for (Thread t : threads) {
            t.join();
        }
    }

    private static void measure(DebugEndpoints debug, String label, Map<String, List<String>> query, int rounds)
            throws Exception {
        for (int r = 1; r <= rounds; r++) {
            long start = System.nanoTime();
            DebugResponse response = debug.handle("/debug/pprof/goroutine", query).get(5, TimeUnit.MINUTES);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.printf("%-18s round %d: %4d ms, %,d bytes, status %d%n", label, r, ms, response.body().length,
                    response.status());
        }
    }

    private static void descend(int depth, boolean blocks, Object contended, CountDownLatch release) {
        if (depth > 0) {
            descend(depth - 1, blocks, contended, release);
            return;
        }
        if (blocks) {
            synchronized (contended) {
                contended.notifyAll();
            }
        } else {
            awaitQuietly(release);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
