package io.tidemark.diagnostics.watchdog;

import static org.awaitility.Awaitility.await;

import io.tidemark.common.metrics.MetricRegistry;
import io.tidemark.diagnostics.threads.ThreadDump;
import java.nio.file.Files;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;

/**
 * Run in a JVM of its own by {@link MonitorDeadlockTest}: two threads deadlock on {@code synchronized}
 * monitors, which nothing can break but the end of the JVM, and a watchdog reports it. Prints
 * {@code KIND=}, {@code NAMES=}, {@code REASON=} and {@code COUNT=} lines, then exits, taking the deadlocked
 * threads with it.
 */
public final class MonitorDeadlockScenario {
    private MonitorDeadlockScenario() {
    }

    public static void main(String[] args) throws Exception {
        Object first = new Object();
        Object second = new Object();
        CountDownLatch bothHold = new CountDownLatch(2);
        start("monitor-a", first, second, bothHold);
        start("monitor-b", second, first, bothHold);

        MetricRegistry registry = new MetricRegistry();
        WatchdogConfig config = new WatchdogConfig(Duration.ofMillis(50), Duration.ofMillis(300),
                Duration.ofMillis(300), 10_000, Duration.ofSeconds(20));
        try (Watchdog watchdog = new Watchdog(config, ThreadDump.ofThisJvm(Files.createTempDirectory("scenario")),
                new InFlightCalls(InstantSource.system()), registry, InstantSource.system())) {
            watchdog.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> !watchdog.findings().isEmpty());
            long seen = watchdog.checks();
            await().atMost(Duration.ofSeconds(30)).until(() -> watchdog.checks() >= seen + 5);
            WatchdogFinding f = watchdog.findings().getFirst();
            System.out.println("KIND=" + f.kind());
            System.out.println("NAMES=" + String.join(",", f.threadNames()));
            System.out.println("REASON=" + watchdog.health().reason());
            System.out.println("COUNT=" + registry.snapshot().stream().filter(s -> s.name().equals("watchdog"))
                    .findFirst().orElseThrow().values().get("deadlocks"));
        }
        System.out.flush();
        System.exit(0);
    }

    private static void start(String name, Object mine, Object theirs, CountDownLatch bothHold) {
        Thread t = new Thread(() -> {
            synchronized (mine) {
                bothHold.countDown();
                try {
                    bothHold.await();
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (theirs) {
                    theirs.notifyAll();
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }
}
