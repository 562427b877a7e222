package io.tidemark.diagnostics;

import io.tidemark.common.metrics.MetricRegistry;
import io.tidemark.diagnostics.requests.RequestKind;
import io.tidemark.diagnostics.stats.BuildInfo;
import io.tidemark.diagnostics.threads.ThreadDump;
import io.tidemark.diagnostics.watchdog.HealthStatus;
import io.tidemark.diagnostics.watchdog.InFlightCalls;
import io.tidemark.diagnostics.watchdog.Watchdog;
import io.tidemark.diagnostics.watchdog.WatchdogConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.StampedLock;

/**
 * Produces the example outputs of {@code docs/operations/diagnosing.md}: re-enacts the seed incident (a
 * connection pool whose read lock is taken again while a writer waits, and 200 remote writes piling up behind
 * it), plus some memory held by buffered points and some client requests, and prints what the endpoints
 * answer. Not a test: run by hand,
 * {@code java -cp <test classpath> io.tidemark.diagnostics.RunbookExamples <output dir>}.
 */
public final class RunbookExamples {
    private RunbookExamples() {
    }

    /**
     * The incident's connection pool: {@code conn} holds the read lock while it dials, and dialling reads
     * {@code size}, which takes it again.
     */
    static final class ClientPool {
        private final StampedLock mu = new StampedLock();
        private final Map<Integer, Integer> idle = new HashMap<>();
        private final CountDownLatch firstDialHoldsLock;
        private final CountDownLatch writerWaiting;

        ClientPool(CountDownLatch firstDialHoldsLock, CountDownLatch writerWaiting) {
            this.firstDialHoldsLock = firstDialHoldsLock;
            this.writerWaiting = writerWaiting;
        }

        int conn(int node) throws InterruptedException {
            long stamp = mu.tryReadLock(30, TimeUnit.MINUTES);
            try {
                Integer c = idle.get(node);
                return c != null ? c : dial(node);
            } finally {
                mu.unlockRead(stamp);
            }
        }

        private int dial(int node) throws InterruptedException {
            firstDialHoldsLock.countDown();
            writerWaiting.await();
            if (size() > 1000) {
                throw new IllegalStateException("too many connections");
            }
            return node;
        }

        int size() throws InterruptedException {
            long stamp = mu.tryReadLock(30, TimeUnit.MINUTES);
            try {
                return idle.size();
            } finally {
                mu.unlockRead(stamp);
            }
        }

        void setPool(int node, int connection) throws InterruptedException {
            long stamp = mu.writeLockInterruptibly();
            try {
                idle.put(node, connection);
            } finally {
                mu.unlockWrite(stamp);
            }
        }

        boolean writerQueued(Thread t) {
            return LockSupport.getBlocker(t) == mu;
        }
    }

    /** What buffered writes look like in memory, for the heap histogram. */
    record ParsedPoint(String measurement, Map<String, String> tags, double value, long timestampNanos) {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "runbook-examples");
        Files.createDirectories(out);
        Path dumps = Files.createTempDirectory("tidemark-dumps");
        MetricRegistry registry = new MetricRegistry();
        registry.group("httpd", Map.of("bind", ":8086")).counter("writeReq").add(1843);
        registry.group("httpd", Map.of("bind", ":8086")).counter("queryReq").add(77);
        registry.group("write").counter("pointReq").add(912_400);
        InFlightCalls calls = new InFlightCalls(InstantSource.system());
        WatchdogConfig config = new WatchdogConfig(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5),
                1000, Duration.ofMinutes(5));
        Watchdog watchdog = new Watchdog(config, ThreadDump.ofThisJvm(dumps), calls, registry, InstantSource.system());
        watchdog.start();
        DebugEndpoints debug = new DebugEndpoints(registry, watchdog, dumps,
                List.of("run", "-config", "/etc/tidemark/tidemark.conf"),
                new BuildInfo("0.1.0-SNAPSHOT", "", "main", ""), InstantSource.system());

        List<ParsedPoint> buffered = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            buffered.add(new ParsedPoint("cpu", Map.of("host", "server" + (i % 100)), i, i));
        }

        CountDownLatch firstDialHoldsLock = new CountDownLatch(1);
        CountDownLatch writerWaiting = new CountDownLatch(1);
        ClientPool pool = new ClientPool(firstDialHoldsLock, writerWaiting);
        List<Thread> threads = new ArrayList<>();
        threads.add(remoteWrite(calls, pool, "remote-write-0"));
        firstDialHoldsLock.await();
        Thread metaUpdater = start("meta-updater", () -> pool.setPool(2, 17));
        threads.add(metaUpdater);
        while (!pool.writerQueued(metaUpdater)) {
            Thread.onSpinWait();
        }
        writerWaiting.countDown();
        for (int i = 1; i <= 200; i++) {
            threads.add(remoteWrite(calls, pool, "remote-write-" + i));
        }
        for (int i = 0; i < 5; i++) {
            debug.requestTracker().record("telegraf", "10.1.0.7", RequestKind.WRITE);
        }
        debug.requestTracker().record("grafana", "10.1.0.9", RequestKind.QUERY);

        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (watchdog.findings().size() < 2 && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        HealthStatus health = debug.health();
        write(out, "health.txt", "ok=" + health.ok() + "\nreason=" + health.reason() + "\nhint=" + HealthStatus.HINT
                + "\n");
        write(out, "findings.txt", watchdog.findings().stream()
                .map(f -> f.kind() + ": " + f.summary() + "\n" + f.details()).reduce("", String::concat));
        save(debug, out, "goroutine-debug1.txt", "/debug/pprof/goroutine", Map.of("debug", List.of("1")));
        save(debug, out, "goroutine-debug2.txt", "/debug/pprof/goroutine", Map.of("debug", List.of("2")));
        save(debug, out, "vars.json", "/debug/vars", Map.of());
        save(debug, out, "metrics.txt", "/metrics", Map.of());
        save(debug, out, "heap.txt", "/debug/pprof/heap", Map.of("top", List.of("12")));
        save(debug, out, "requests.json", "/debug/requests", Map.of("seconds", List.of("0")));
        CompletableRequests.run(debug, out);
        write(out, "show-stats.txt", debug.showStats("httpd").toString() + "\n");
        write(out, "show-diagnostics.txt", String.join("\n", debug.showDiagnostics(null).stream()
                .map(Object::toString).toList()) + "\n");
        System.out.println("buffered points: " + buffered.size());

        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            t.join();
        }
        until = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!watchdog.health().ok() && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        write(out, "health-after.txt", "ok=" + watchdog.health().ok() + "\n");
        profiles(debug, out);
        debug.close();
        watchdog.close();
    }

    /** A query that scans and boxes values: something for the CPU and allocation profiles to find. */
    static final class SlowQuery {
        private final double[] column = new double[1 << 20];
        volatile double result;

        void run(java.util.concurrent.atomic.AtomicBoolean running) {
            while (running.get()) {
                result = scanSeries() + boxedMean();
            }
        }

        private double scanSeries() {
            double sum = 0;
            for (int i = 0; i < column.length; i++) {
                sum += Math.sqrt(column[i] + i);
            }
            return sum;
        }

        private double boxedMean() {
            List<Double> values = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                values.add((double) i);
            }
            return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }
    }

    private static void profiles(DebugEndpoints debug, Path out) throws Exception {
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread query = start("http-request-1", () -> new SlowQuery().run(running));
        save(debug, out, "cpu.jfr", "/debug/pprof/profile", Map.of("seconds", List.of("5")));
        save(debug, out, "allocs.jfr", "/debug/pprof/allocs", Map.of("seconds", List.of("5")));
        running.set(false);
        query.join();
    }

    /** A /debug/requests collection running while requests arrive. */
    private static final class CompletableRequests {
        static void run(DebugEndpoints debug, Path out) throws Exception {
            var pending = debug.handle("/debug/requests", Map.of("seconds", List.of("2")));
            for (int i = 0; i < 12; i++) {
                debug.requestTracker().record("telegraf", "10.1.0.7", RequestKind.WRITE);
            }
            debug.requestTracker().record("telegraf", "10.1.0.8", RequestKind.WRITE);
            for (int i = 0; i < 3; i++) {
                debug.requestTracker().record("grafana", "10.1.0.9", RequestKind.QUERY);
            }
            debug.requestTracker().record(null, "127.0.0.1", RequestKind.QUERY);
            write(out, "requests.json", new String(pending.get(1, TimeUnit.MINUTES).body(), StandardCharsets.UTF_8));
        }
    }

    private static Thread remoteWrite(InFlightCalls calls, ClientPool pool, String name) {
        return start(name, () -> {
            try (InFlightCalls.Call _ = calls.begin("write to node 2", Duration.ofSeconds(10))) {
                pool.conn(2);
            }
        });
    }

    private interface Body {
        void run() throws Exception;
    }

    private static Thread start(String name, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void save(DebugEndpoints debug, Path out, String file, String path, Map<String, List<String>> query)
            throws Exception {
        Files.write(out.resolve(file), debug.handle(path, query).get(5, TimeUnit.MINUTES).body());
    }

    private static void write(Path out, String file, String text) throws Exception {
        Files.writeString(out.resolve(file), text);
    }
}
