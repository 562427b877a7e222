package io.tidemark.diagnostics.watchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidemark.common.metrics.MetricRegistry;
import io.tidemark.common.metrics.Statistic;
import io.tidemark.diagnostics.RecordingLogger;
import io.tidemark.diagnostics.TestThreads;
import io.tidemark.diagnostics.threads.ThreadDump;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * Real threads in real lock trouble, watched by a watchdog sampling every 50 ms. Every test ends its threads
 * and then sees the health return to pass.
 */
class WatchdogTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path scratch;

    private final MetricRegistry registry = new MetricRegistry();
    private final InFlightCalls calls = new InFlightCalls(InstantSource.system());
    private final RecordingLogger log = new RecordingLogger(Watchdog.class.getName());
    private final TestThreads threads = new TestThreads();
    private Watchdog watchdog;

    private Watchdog start(Duration lockWaitThreshold, int threadGrowthThreshold) {
        WatchdogConfig config = new WatchdogConfig(Duration.ofMillis(50), lockWaitThreshold, Duration.ofMillis(300),
                threadGrowthThreshold, Duration.ofSeconds(20));
        watchdog = new Watchdog(config, ThreadDump.ofThisJvm(scratch), calls, registry, InstantSource.system(), log);
        watchdog.start();
        return watchdog;
    }

    @AfterEach
    void stop() {
        threads.close();
        if (watchdog != null) {
            watchdog.close();
        }
    }

    @Test
    void reportsADeadlockOfReentrantLocksOnceAndClearsWhenBroken() throws Exception {
        start(Duration.ofMillis(300), 10_000);
        ReentrantLock first = new ReentrantLock();
        ReentrantLock second = new ReentrantLock();
        CountDownLatch bothHold = new CountDownLatch(2);
        Thread a = threads.start("rl-a", () -> lockBoth(first, second, bothHold));
        Thread b = threads.start("rl-b", () -> lockBoth(second, first, bothHold));
        TestThreads.awaitState(a, Thread.State.WAITING);
        TestThreads.awaitState(b, Thread.State.WAITING);
        long checksBefore = watchdog.checks();

        WatchdogFinding f = awaitFinding(WatchdogFinding.Kind.DEADLOCK);
        System.out.println("deadlock reported " + (watchdog.checks() - checksBefore) + " samples after it formed");

        assertThat(f.threadNames()).containsExactlyInAnyOrder("rl-a", "rl-b");
        assertThat(f.summary()).contains("deadlock between 2 threads", "ReentrantLock$NonfairSync");
        assertThat(f.details()).contains("rl-a", "rl-b", "lockBoth");
        assertThat(watchdog.health().ok()).isFalse();
        assertThat(watchdog.health().reason()).contains("deadlock");
        // It persists for more samples, yet is logged and counted once.
        long seen = watchdog.checks();
        await().atMost(DEADLINE).until(() -> watchdog.checks() >= seen + 5);
        assertThat(log.count(Level.WARN, "deadlock between")).isEqualTo(1);
        assertThat(counter("deadlocks")).isEqualTo(1);
        // The lock waits of deadlocked threads are not reported a second time.
        assertThat(watchdog.findings()).extracting(WatchdogFinding::kind).containsOnly(WatchdogFinding.Kind.DEADLOCK);

        threads.close();
        awaitHealthy();
        assertThat(log.count(Level.INFO, "cleared")).isEqualTo(1);
    }

    private static void lockBoth(ReentrantLock mine, ReentrantLock theirs, CountDownLatch bothHold)
            throws InterruptedException {
        mine.lockInterruptibly();
        try {
            bothHold.countDown();
            bothHold.await();
            theirs.lockInterruptibly();
            theirs.unlock();
        } finally {
            mine.unlock();
        }
    }

    /**
     * The seed incident's connection pool: {@code conn} holds the read lock while it dials, and dialling asks
     * {@code size}, which takes the read lock again. Only the first caller dials.
     */
    static final class IncidentPool {
        final StampedLock mu = new StampedLock();
        final CountDownLatch dialing = new CountDownLatch(1);
        final CountDownLatch writerQueued = new CountDownLatch(1);

        void conn() throws InterruptedException {
            // Timed reads (as code with deadlines does) queue behind a waiting writer; in JDK 25 the untimed
            // readLock() would barge past it.
            long stamp = mu.tryReadLock(1, TimeUnit.HOURS);
            try {
                dial();
            } finally {
                mu.unlockRead(stamp);
            }
        }

        private void dial() throws InterruptedException {
            if (dialing.getCount() > 0) {
                dialing.countDown();
                writerQueued.await();
                size();
            }
        }

        private void size() throws InterruptedException {
            mu.unlockRead(mu.tryReadLock(1, TimeUnit.HOURS));
        }

        void setPool() throws InterruptedException {
            mu.unlockWrite(mu.writeLockInterruptibly());
        }
    }

    /**
     * The seed incident: A holds the pool's read lock, B waits for the write lock, A asks for the read lock
     * again and queues behind B; later callers queue too. The JVM's deadlock search does not see StampedLock;
     * the watchdog sees the threads stuck on one lock and, from the stacks, that A holds it already.
     */
    @Test
    void reportsAReadLockRequestedAgainBehindAWaitingWriter() throws Exception {
        start(Duration.ofMillis(300), 10_000);
        IncidentPool pool = new IncidentPool();
        Thread reader = threads.start("incident-reader", pool::conn);
        pool.dialing.await();
        Thread writer = threads.start("incident-writer", pool::setPool);
        TestThreads.awaitState(writer, Thread.State.WAITING, pool.mu);
        pool.writerQueued.countDown();
        TestThreads.awaitState(reader, Thread.State.TIMED_WAITING, pool.mu);
        List<Thread> later = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            later.add(threads.start("remote-write-" + i, pool::conn));
        }
        for (Thread t : later) {
            TestThreads.awaitState(t, Thread.State.TIMED_WAITING, pool.mu);
        }
        long checksBefore = watchdog.checks();

        WatchdogFinding f = await().atMost(DEADLINE).until(() -> find(WatchdogFinding.Kind.LOCK_WAIT),
                x -> x.isPresent() && x.get().threadNames().size() == 5).orElseThrow();
        System.out.println("read lock re-entry reported " + (watchdog.checks() - checksBefore)
                + " samples after it formed: " + f.summary());

        assertThat(f.threadNames()).containsExactlyInAnyOrder("incident-reader", "incident-writer",
                "remote-write-1", "remote-write-2", "remote-write-3");
        assertThat(f.summary()).contains("5 threads", "java.util.concurrent.locks.StampedLock@",
                "no owner known to the JVM", "\"incident-reader\" seems to hold it already and to be asking again:"
                        + " it waits inside io.tidemark.diagnostics.watchdog.WatchdogTest$IncidentPool.conn");
        assertThat(f.details()).contains("tryReadLock", "writeLockInterruptibly");
        assertThat(watchdog.health().reason()).contains("StampedLock");
        assertThat(watchdog.observedWaits()).containsKeys(reader.threadId(), writer.threadId());
        assertThat(watchdog.findings()).extracting(WatchdogFinding::kind).doesNotContain(WatchdogFinding.Kind.DEADLOCK);

        reader.interrupt();
        writer.join(DEADLINE);
        assertThat(writer.isAlive()).as("the writer gets the lock once the reader lets go").isFalse();
        for (Thread t : later) {
            t.join(DEADLINE);
            assertThat(t.isAlive()).isFalse();
        }
        awaitHealthy();
        assertThat(counter("lockWaits")).isEqualTo(1);
    }

    @Test
    void reportsAPileUpBehindAMonitorHeldDuringASlowRemoteCall() throws Exception {
        start(Duration.ofMillis(300), 10_000);
        Object connectionPool = new Object();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        Thread caller = threads.start("slow-caller", () -> {
            synchronized (connectionPool) {
                try (InFlightCalls.Call _ = calls.begin("write to node 2", Duration.ofMinutes(1))) {
                    holding.countDown();
                    answer.await();
                }
            }
        });
        holding.await();
        List<Thread> writers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            writers.add(threads.start("writer-" + i, () -> {
                synchronized (connectionPool) {
                    connectionPool.notifyAll();
                }
            }));
        }
        for (Thread w : writers) {
            TestThreads.awaitState(w, Thread.State.BLOCKED);
        }

        // Writers that blocked a sample later are reported a sample later, in the same finding.
        WatchdogFinding f = await().atMost(DEADLINE).until(() -> find(WatchdogFinding.Kind.LOCK_WAIT),
                x -> x.isPresent() && x.get().threadNames().size() == 6).orElseThrow();

        assertThat(f.threadNames()).containsExactlyInAnyOrder(
                "writer-0", "writer-1", "writer-2", "writer-3", "writer-4", "slow-caller");
        assertThat(f.summary()).contains("5 threads", "to lock java.lang.Object@",
                "held by \"slow-caller\"", "in call \"write to node 2\"");
        // The stacks are those of the first sighting, which may have had fewer writers stuck.
        assertThat(f.details()).contains("- locked java.lang.Object@").containsPattern("blocks \\d threads?: ");
        WatchdogFinding slow = awaitFinding(WatchdogFinding.Kind.SLOW_CALL);
        assertThat(slow.threadNames()).containsExactly("slow-caller");
        assertThat(slow.summary()).contains("1 call \"write to node 2\"");
        assertThat(watchdog.health().reason()).contains("(and 1 more finding)");

        answer.countDown();
        caller.join(DEADLINE);
        for (Thread w : writers) {
            w.join(DEADLINE);
        }
        awaitHealthy();
        assertThat(counter("lockWaits")).isEqualTo(1);
        assertThat(counter("slowCalls")).isEqualTo(1);
    }

    /**
     * Many threads take a contended lock and a contended monitor in short turns, idle pool workers wait for
     * work and a thread waits on a latch, all for longer than the threshold: none of it is a finding.
     */
    @Test
    void raisesNoAlarmUnderHeavyShortLockingAndLongIdleWaits() throws Exception {
        start(Duration.ofSeconds(1), 10_000);
        ReentrantLock lock = new ReentrantLock();
        Object monitor = new Object();
        AtomicBoolean running = new AtomicBoolean(true);
        long[] shared = new long[1];
        for (int i = 0; i < 8; i++) {
            threads.start("busy-" + i, () -> {
                while (running.get() && !Thread.currentThread().isInterrupted()) {
                    lock.lock();
                    try {
                        shared[0]++;
                    } finally {
                        lock.unlock();
                    }
                    synchronized (monitor) {
                        shared[0]--;
                    }
                }
            });
        }
        ExecutorService idlePool = new ThreadPoolExecutor(4, 4, 1, TimeUnit.HOURS, new LinkedBlockingQueue<>(16));
        CountDownLatch never = new CountDownLatch(1);
        try {
            for (int i = 0; i < 4; i++) {
                idlePool.execute(() -> { });
            }
            threads.start("latch-waiter", never::await);
            long start = watchdog.checks();
            // Run well past the threshold: 60 samples of 50 ms.
            await().atMost(Duration.ofMinutes(2)).until(() -> watchdog.checks() >= start + 60);
            assertThat(watchdog.findings()).isEmpty();
            assertThat(watchdog.health()).isEqualTo(HealthStatus.PASS);
            assertThat(counter("lockWaits") + counter("deadlocks") + counter("slowCalls")).isZero();
        } finally {
            running.set(false);
            idlePool.shutdownNow();
            assertThat(idlePool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void reportsThreadGrowthBeyondTheThreshold() throws Exception {
        start(Duration.ofSeconds(30), 20);
        // The first sample is the baseline; threads started before it would not count as growth.
        await().atMost(DEADLINE).until(() -> watchdog.checks() >= 1);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 30; i++) {
            threads.start("spawned-" + i, release::await);
        }

        WatchdogFinding f = awaitFinding(WatchdogFinding.Kind.THREAD_GROWTH);

        assertThat(f.summary()).contains("live threads grew by", "threshold 20");
        // The stacks are those of the moment the growth passed the threshold, with some threads still starting.
        assertThat(f.details()).containsPattern("\\d+ @ WAITING: \"spawned-0\"");
        release.countDown();
        threads.close();
        awaitHealthy();
        assertThat(counter("threadGrowth")).isEqualTo(1);
    }

    @Test
    void exposesItsCountersAsTheWatchdogStatistic() {
        start(Duration.ofMillis(300), 10_000);
        await().atMost(DEADLINE).until(() -> watchdog.checks() >= 2);
        Statistic s = registry.snapshot().stream().filter(x -> x.name().equals("watchdog")).findFirst().orElseThrow();
        assertThat(s.values()).containsKeys("checks", "checkFailures", "deadlocks", "lockWaits", "slowCalls",
                "threadGrowth", "activeFindings", "healthy", "inFlightCalls", "lastCheckNs");
        assertThat(s.values().get("healthy")).isEqualTo(1L);
    }

    private WatchdogFinding awaitFinding(WatchdogFinding.Kind kind) {
        return await().atMost(DEADLINE).until(() -> find(kind), Optional::isPresent).orElseThrow();
    }

    private Optional<WatchdogFinding> find(WatchdogFinding.Kind kind) {
        return watchdog.findings().stream().filter(f -> f.kind() == kind).findFirst();
    }

    private void awaitHealthy() {
        await().atMost(DEADLINE).until(() -> watchdog.health().ok());
    }

    private long counter(String name) {
        return registry.snapshot().stream().filter(s -> s.name().equals("watchdog")).findFirst()
                .map(s -> (Long) s.values().get(name)).orElseThrow();
    }
}
