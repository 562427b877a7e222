package io.tidemark.diagnostics;

import io.tidemark.common.metrics.MetricRegistry;
import io.tidemark.common.metrics.Statistic;
import io.tidemark.common.result.Series;
import io.tidemark.diagnostics.heap.HeapDumper;
import io.tidemark.diagnostics.heap.HeapHistogram;
import io.tidemark.diagnostics.profile.CpuProfiler;
import io.tidemark.diagnostics.profile.ProfileKind;
import io.tidemark.diagnostics.requests.RequestCounts;
import io.tidemark.diagnostics.requests.RequestTracker;
import io.tidemark.diagnostics.stats.BuildInfo;
import io.tidemark.diagnostics.stats.ExpvarWriter;
import io.tidemark.diagnostics.stats.JvmStatistics;
import io.tidemark.diagnostics.stats.PrometheusWriter;
import io.tidemark.diagnostics.stats.ShowDiagnostics;
import io.tidemark.diagnostics.stats.ShowStats;
import io.tidemark.diagnostics.threads.ThreadDump;
import io.tidemark.diagnostics.threads.ThreadDumpFormatter;
import io.tidemark.diagnostics.threads.ThreadSnapshot;
import io.tidemark.diagnostics.watchdog.HealthStatus;
import io.tidemark.diagnostics.watchdog.Watchdog;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The node's {@code /debug/*} and {@code /metrics} answers, independent of the HTTP transport: the HTTP layer
 * passes a path and the query parameters to {@link #handle} and sends back the {@link DebugResponse}.
 *
 * <ul>
 *   <li>{@code /debug/pprof/} an index of what follows;
 *   <li>{@code /debug/pprof/goroutine?debug=1} threads grouped by identical stack, largest group first;
 *       {@code debug=2} every thread with its locks ({@code &synchronizers=0} leaves out held
 *       {@code ReentrantLock}s, which cost the JVM a heap walk); {@code &virtual=1} adds virtual threads;
 *   <li>{@code /debug/pprof/heap} a class histogram ({@code top=N}, default 30; a full GC runs first unless
 *       {@code gc=0}); {@code ?dump=1} writes a heap dump into the dump directory and answers its path;
 *   <li>{@code /debug/pprof/profile?seconds=N} a JFR CPU profile, {@code /debug/pprof/allocs?seconds=N} a JFR
 *       allocation profile (default 30 s, at most 300 s, one at a time);
 *   <li>{@code /debug/pprof/cmdline} the command line, NUL-separated;
 *   <li>{@code /debug/vars} statistics as InfluxDB's expvar JSON; {@code /metrics} the same in Prometheus
 *       text format;
 *   <li>{@code /debug/requests?seconds=N} writes and queries per client over N seconds.
 * </ul>
 *
 * <p>{@link #handle} does quick work and the thread dumps, histograms and heap dumps on the calling thread
 * (from a few milliseconds to the length of a full GC or heap dump), so it must not be called on an event
 * loop. Profiles and request collections do not occupy the calling thread: their futures are completed by
 * this object's single scheduler thread. Cancelling such a future stops the collection. Thread-safe.
 */
public final class DebugEndpoints implements AutoCloseable {
    /** Default and maximum of {@code /debug/requests?seconds=}, as InfluxDB's. */
    public static final Duration DEFAULT_REQUESTS_PERIOD = Duration.ofSeconds(10);
    public static final Duration MAX_REQUESTS_PERIOD = Duration.ofHours(6);

    private static final Duration DEFAULT_PROFILE = Duration.ofSeconds(30);
    private static final int DEFAULT_HISTOGRAM_CLASSES = 30;
    private static final int MAX_HISTOGRAM_CLASSES = 10_000;
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

    private final MetricRegistry registry;
    private final Watchdog watchdog;
    private final InstantSource clock;
    private final Instant started;
    private final BuildInfo build;
    private final List<String> cmdline;
    private final ScheduledExecutorService scheduler;
    private final ThreadDump threadDump;
    private final HeapHistogram histogram;
    private final HeapDumper heapDumper;
    private final CpuProfiler profiler;
    private final JvmStatistics jvm;
    private final ShowDiagnostics diagnostics;
    private final RequestTracker requests;

    /**
     * @param registry the node's statistics (the watchdog's included, if it was given the same registry)
     * @param watchdog the node's watchdog, for {@link #health} and the wait times in {@code debug=2}
     * @param dumpDir  where heap dumps are written (and kept), and scratch files of thread dumps and
     *                 profiles (deleted); created when first needed
     * @param mainArgs the program's arguments, shown after the JVM's own in {@code cmdline}
     * @param clock    the time of {@code /debug/vars}; this node's start is the time of construction
     */
    public DebugEndpoints(MetricRegistry registry, Watchdog watchdog, Path dumpDir, List<String> mainArgs,
            BuildInfo build, InstantSource clock) {
        this.registry = registry;
        this.watchdog = watchdog;
        this.clock = clock;
        this.started = clock.instant();
        this.build = build;
        List<String> line = new ArrayList<>();
        line.add(ProcessHandle.current().info().command().orElse("java"));
        line.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        line.addAll(mainArgs);
        this.cmdline = List.copyOf(line);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tidemark-diagnostics");
            t.setDaemon(true);
            return t;
        });
        this.threadDump = ThreadDump.ofThisJvm(dumpDir);
        this.histogram = HeapHistogram.ofThisJvm();
        this.heapDumper = HeapDumper.ofThisJvm(dumpDir, clock);
        this.profiler = new CpuProfiler(dumpDir, scheduler);
        this.jvm = JvmStatistics.ofThisJvm();
        this.diagnostics = new ShowDiagnostics(build, started, clock);
        this.requests = new RequestTracker(scheduler);
    }

    /**
     * Answers one request. Never completes exceptionally: failures are answered with an error status and
     * InfluxDB's {@code {"error":"..."}} body.
     *
     * @param path  the request path, e.g. {@code /debug/pprof/goroutine}
     * @param query the decoded query parameters; only the first value of each is used
     */
    public CompletableFuture<DebugResponse> handle(String path, Map<String, List<String>> query) {
        try {
            return switch (path) {
                case "/debug/pprof", "/debug/pprof/" -> done(index());
                case "/debug/pprof/goroutine" -> done(threads(query));
                case "/debug/pprof/heap" -> done(heap(query));
                case "/debug/pprof/profile" -> profile(ProfileKind.CPU, query);
                case "/debug/pprof/allocs" -> profile(ProfileKind.ALLOCATIONS, query);
                case "/debug/pprof/cmdline" -> done(DebugResponse.text(String.join("\0", cmdline)));
                case "/debug/vars" -> done(vars());
                case "/debug/requests" -> requests(query);
                case "/metrics" -> done(new DebugResponse(200, PrometheusWriter.CONTENT_TYPE,
                        PrometheusWriter.write("tidemark", statistics()).getBytes(StandardCharsets.UTF_8)));
                default -> done(DebugResponse.error(404, path.startsWith("/debug/pprof/")
                        ? "unknown profile " + path.substring("/debug/pprof/".length()) + ": see /debug/pprof/"
                        : "not found: " + path));
            };
        } catch (IOException | RuntimeException e) {
            return done(DebugResponse.error(500, "cannot answer " + path + ": " + e.getMessage()));
        }
    }

    /** The watchdog's verdict, for {@code /health}; when not ok, add {@link HealthStatus#HINT}. */
    public HealthStatus health() {
        return watchdog.health();
    }

    /** Where the HTTP layer reports each write and query for {@code /debug/requests}. */
    public RequestTracker requestTracker() {
        return requests;
    }

    /** The node's statistics followed by the JVM's ({@code runtime}, {@code jvm_*}). */
    public List<Statistic> statistics() {
        List<Statistic> out = new ArrayList<>(registry.snapshot());
        out.addAll(JvmStatistics.statistics(jvm.read()));
        return out;
    }

    /** {@code SHOW STATS [FOR '<module>']}; {@code module} may be {@code null}. */
    public List<Series> showStats(String module) {
        return ShowStats.of(statistics(), module);
    }

    /** {@code SHOW DIAGNOSTICS}, or one section of it; {@code module} may be {@code null}. */
    public List<Series> showDiagnostics(String module) {
        return diagnostics.read(module);
    }

    /** Adds a {@code SHOW DIAGNOSTICS} section, e.g. {@code config-data}; see {@link ShowDiagnostics#addSection}. */
    public void addDiagnostics(String section, Supplier<Map<String, Object>> values) {
        diagnostics.addSection(section, values);
    }

    /** Stops a profile and request collections under way (their futures are cancelled) and the scheduler. */
    @Override
    public void close() {
        profiler.close();
        requests.close();
        for (Runnable pending : scheduler.shutdownNow()) {
            if (pending instanceof Future<?> f) {
                f.cancel(false);
            }
        }
    }

    private DebugResponse index() {
        String page = """
                <html>
                <head><title>/debug/pprof/</title></head>
                <body>
                <p>Tidemark diagnostics. These are JVM equivalents of Go's pprof profiles, not pprof files.</p>
                <table>
                <tr><td><a href="goroutine?debug=1">goroutine?debug=1</a></td>
                <td>Threads grouped by identical stack, largest group first, with the objects most threads wait on.
                Add &amp;virtual=1 for virtual threads.</td></tr>
                <tr><td><a href="goroutine?debug=2">goroutine?debug=2</a></td>
                <td>Every thread: state, the lock it waits for and its owner, the locks it holds, how long it has
                waited. Finding held ReentrantLocks walks the heap (a pause growing with the heap);
                add &amp;synchronizers=0 to skip that.</td></tr>
                <tr><td><a href="heap">heap</a></td>
                <td>Class histogram, largest classes by bytes (top=N; a full GC runs first unless gc=0).</td></tr>
                <tr><td>heap?dump=1</td>
                <td>Writes a full heap dump (.hprof) on the server and answers its path
                (gc=0: include unreachable objects).</td></tr>
                <tr><td>profile?seconds=30</td>
                <td>CPU profile recorded with JDK Flight Recorder, as a .jfr file
                (at most 300 s, one at a time).</td></tr>
                <tr><td>allocs?seconds=30</td>
                <td>Allocation profile recorded with JDK Flight Recorder, as a .jfr file.</td></tr>
                <tr><td><a href="cmdline">cmdline</a></td><td>The command line, NUL-separated.</td></tr>
                <tr><td><a href="../vars">/debug/vars</a></td><td>Statistics, InfluxDB expvar JSON.</td></tr>
                <tr><td>/debug/requests?seconds=10</td>
                <td>Writes and queries per user and client address over N seconds.</td></tr>
                <tr><td><a href="/metrics">/metrics</a></td><td>Statistics in Prometheus text format.</td></tr>
                </table>
                </body>
                </html>
                """;
        return new DebugResponse(200, DebugResponse.HTML, page.getBytes(StandardCharsets.UTF_8));
    }

    private DebugResponse threads(Map<String, List<String>> query) throws IOException {
        int debug = QueryParams.integer(query, "debug", 1);
        boolean virtual = QueryParams.flag(query, "virtual", false);
        if (debug >= 2) {
            // Held ReentrantLocks cost the JVM a heap walk (a pause growing with the heap); synchronizers=0 skips it.
            boolean synchronizers = QueryParams.flag(query, "synchronizers", true);
            List<ThreadSnapshot> threads = threadDump.capture(synchronizers
                    ? ThreadDump.Detail.STACKS_AND_ALL_LOCKS : ThreadDump.Detail.STACKS_AND_MONITORS, virtual);
            return DebugResponse.text(ThreadDumpFormatter.detailed(threads, virtual, synchronizers,
                    watchdog.observedWaits()));
        }
        List<ThreadSnapshot> threads = threadDump.capture(ThreadDump.Detail.STACKS, virtual);
        return DebugResponse.text(ThreadDumpFormatter.grouped(threads, virtual, Integer.MAX_VALUE));
    }

    private DebugResponse heap(Map<String, List<String>> query) throws IOException {
        boolean gc = QueryParams.flag(query, "gc", true);
        if (QueryParams.flag(query, "dump", false)) {
            Optional<Path> file = heapDumper.tryDump(gc);
            if (file.isEmpty()) {
                return DebugResponse.error(409, "a heap dump is already being written; try again when it is done");
            }
            String json = "{\"path\":\"" + file.get().toString().replace("\\", "\\\\").replace("\"", "\\\"")
                    + "\",\"bytes\":" + Files.size(file.get()) + "}\n";
            return new DebugResponse(200, DebugResponse.JSON, json.getBytes(StandardCharsets.UTF_8));
        }
        int top = Math.clamp(QueryParams.integer(query, "top", DEFAULT_HISTOGRAM_CLASSES), 1, MAX_HISTOGRAM_CLASSES);
        HeapHistogram.Histogram h = histogram.capture(gc, top);
        return DebugResponse.text(HeapHistogram.format(h, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage()));
    }

    private CompletableFuture<DebugResponse> profile(ProfileKind kind, Map<String, List<String>> query)
            throws IOException {
        String seconds = QueryParams.get(query, "seconds");
        Duration duration = DEFAULT_PROFILE;
        if (!seconds.isEmpty()) {
            if (!INTEGER.matcher(seconds).matches()) {
                return done(DebugResponse.error(400, "invalid seconds: " + seconds));
            }
            long s = parseLongOrMax(seconds);
            if (s < 1 || s > CpuProfiler.MAX_DURATION.toSeconds()) {
                return done(DebugResponse.error(400, "seconds must be between 1 and "
                        + CpuProfiler.MAX_DURATION.toSeconds() + ", got " + seconds));
            }
            duration = Duration.ofSeconds(s);
        }
        Optional<CompletableFuture<byte[]>> recording = profiler.tryRecord(kind, duration);
        if (recording.isEmpty()) {
            return done(DebugResponse.error(409,
                    "a profile is already being recorded and only one runs at a time; try again when it is done"));
        }
        CompletableFuture<byte[]> source = recording.get();
        CompletableFuture<DebugResponse> answer = source
                .thenApply(bytes -> new DebugResponse(200, DebugResponse.BINARY, bytes))
                .exceptionally(e -> failed("cannot record the profile", e));
        return cancelsSource(answer, source);
    }

    private DebugResponse vars() {
        JvmStatistics.Figures figures = jvm.read();
        List<Statistic> stats = new ArrayList<>(registry.snapshot());
        stats.addAll(JvmStatistics.statistics(figures));
        byte[] body = ExpvarWriter.write(clock.instant(), started, build, cmdline, JvmStatistics.memstats(figures),
                stats);
        return new DebugResponse(200, DebugResponse.JSON, body);
    }

    private CompletableFuture<DebugResponse> requests(Map<String, List<String>> query) {
        String seconds = QueryParams.get(query, "seconds");
        Duration period = DEFAULT_REQUESTS_PERIOD;
        if (!seconds.isEmpty()) {
            // Go's strconv.ParseInt messages, as InfluxDB returns them.
            if (!INTEGER.matcher(seconds).matches()) {
                return done(DebugResponse.error(400, "strconv.ParseInt: parsing " + goQuote(seconds)
                        + ": invalid syntax"));
            }
            long s;
            try {
                s = Long.parseLong(seconds);
            } catch (NumberFormatException e) {
                return done(DebugResponse.error(400, "strconv.ParseInt: parsing " + goQuote(seconds)
                        + ": value out of range"));
            }
            if (s > MAX_REQUESTS_PERIOD.toSeconds()) {
                return done(DebugResponse.error(400, "exceeded maximum interval time: " + influxqlDuration(s) + " > "
                        + influxqlDuration(MAX_REQUESTS_PERIOD.toSeconds())));
            }
            period = Duration.ofSeconds(s);
        }
        CompletableFuture<Map<String, RequestCounts>> source = requests.collect(period);
        CompletableFuture<DebugResponse> answer = source
                .thenApply(DebugEndpoints::requestsJson)
                .exceptionally(e -> unwrap(e) instanceof RequestTracker.TooManyCollectionsException tooMany
                        ? DebugResponse.error(429, tooMany.getMessage())
                        : failed("cannot collect requests", e));
        return cancelsSource(answer, source);
    }

    /** InfluxDB's layout: one client per line, {@code "user:ip": {"writes":n,"queries":n}}. */
    private static DebugResponse requestsJson(Map<String, RequestCounts> counts) {
        StringBuilder out = new StringBuilder("{\n");
        boolean first = true;
        for (Map.Entry<String, RequestCounts> e : counts.entrySet()) {
            if (!first) {
                out.append(",\n");
            }
            first = false;
            out.append(goQuote(e.getKey())).append(": {\"writes\":").append(e.getValue().writes())
                    .append(",\"queries\":").append(e.getValue().queries()).append('}');
        }
        out.append("\n}\n");
        return new DebugResponse(200, DebugResponse.JSON, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Formats whole seconds as InfluxQL's {@code FormatDuration} does: the largest unit that divides them. */
    static String influxqlDuration(long seconds) {
        if (seconds == 0) {
            return "0s";
        } else if (seconds % (7 * 86_400) == 0) {
            return seconds / (7 * 86_400) + "w";
        } else if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        } else if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        } else if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    private static String goQuote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static long parseLongOrMax(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return digits.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** Makes cancelling {@code answer} (the client went away) cancel {@code source} and so free what it holds. */
    private static <T> CompletableFuture<DebugResponse> cancelsSource(CompletableFuture<DebugResponse> answer,
            CompletableFuture<T> source) {
        answer.whenComplete((r, e) -> {
            if (answer.isCancelled()) {
                source.cancel(false);
            }
        });
        return answer;
    }

    private static DebugResponse failed(String what, Throwable e) {
        Throwable cause = unwrap(e);
        return cause instanceof CancellationException
                ? DebugResponse.error(503, what + ": diagnostics are shutting down")
                : DebugResponse.error(500, what + ": " + cause.getMessage());
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private static CompletableFuture<DebugResponse> done(DebugResponse r) {
        return CompletableFuture.completedFuture(r);
    }
}
