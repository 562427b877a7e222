package io.tidemark.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.common.metrics.MetricRegistry;
import io.tidemark.common.result.Series;
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
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebugEndpointsTest {
    @TempDir
    Path dumps;

    private final MetricRegistry registry = new MetricRegistry();
    private Watchdog watchdog;
    private DebugEndpoints debug;

    @BeforeEach
    void create() {
        registry.group("httpd", Map.of("bind", ":8086")).counter("writeReq").add(3);
        watchdog = new Watchdog(WatchdogConfig.defaults(), ThreadDump.ofThisJvm(dumps), new InFlightCalls(
                InstantSource.system()), registry, InstantSource.system());
        debug = new DebugEndpoints(registry, watchdog, dumps, List.of("-config", "/etc/tidemark.conf"),
                new BuildInfo("0.1.0", "abc", "main", ""), InstantSource.system());
    }

    @AfterEach
    void close() {
        debug.close();
        watchdog.close();
    }

    private DebugResponse get(String path, String... params) throws Exception {
        Map<String, List<String>> query = new java.util.HashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            query.put(params[i], List.of(params[i + 1]));
        }
        return debug.handle(path, query).get(2, TimeUnit.MINUTES);
    }

    private static String text(DebugResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void servesAnIndexAndRefusesUnknownProfiles() throws Exception {
        DebugResponse index = get("/debug/pprof/");
        DebugResponse block = get("/debug/pprof/block");

        assertThat(index.status()).isEqualTo(200);
        assertThat(index.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(text(index)).contains("goroutine?debug=1", "heap?dump=1", "profile?seconds=30");
        assertThat(block.status()).isEqualTo(404);
        assertThat(text(block)).isEqualTo("{\"error\":\"unknown profile block: see /debug/pprof/\"}\n");
        assertThat(get("/debug/nothing").status()).isEqualTo(404);
    }

    @Test
    void servesThreadDumpsGroupedByDefaultAndInDetailWithDebug2() throws Exception {
        DebugResponse grouped = get("/debug/pprof/goroutine");
        DebugResponse detailed = get("/debug/pprof/goroutine", "debug", "2");

        assertThat(grouped.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(text(grouped)).startsWith("thread profile: total ").contains("\n1 @ RUNNABLE: \"");
        assertThat(text(detailed)).contains("\"" + Thread.currentThread().getName() + "\" [RUNNABLE]",
                "blocked ", "waited ", "\tat ");
        assertThat(text(detailed)).doesNotContain("not shown (synchronizers=0)");
        assertThat(text(get("/debug/pprof/goroutine", "debug", "2", "synchronizers", "0")))
                .contains("held ReentrantLocks and write locks not shown (synchronizers=0)");
    }

    @Test
    void servesExpvarWithTheRegistryTheJvmAndTheWatchdog() throws Exception {
        DebugResponse vars = get("/debug/vars");

        assertThat(vars.contentType()).isEqualTo("application/json; charset=utf-8");
        JsonNode json = new ObjectMapper().readTree(vars.body());
        assertThat(json.get("system").get("uptime").isIntegralNumber()).isTrue();
        assertThat(json.get("build").get("Commit").asText()).isEqualTo("abc");
        List<String> cmdline = new ObjectMapper().convertValue(json.get("cmdline"),
                new com.fasterxml.jackson.core.type.TypeReference<List<String>>() { });
        assertThat(cmdline).endsWith("-config", "/etc/tidemark.conf");
        assertThat(json.get("memstats").get("HeapInuse").asLong()).isPositive();
        assertThat(json.get("httpd::8086").get("values").get("writeReq").asLong()).isEqualTo(3);
        assertThat(json.get("watchdog").get("values").get("healthy").asLong()).isEqualTo(1);
        assertThat(json.get("runtime").get("values").get("NumGoroutine").asLong()).isPositive();
    }

    @Test
    void servesPrometheusTextAndShowStats() throws Exception {
        DebugResponse metrics = get("/metrics");

        assertThat(metrics.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(text(metrics)).contains("tidemark_httpd_writeReq{bind=\":8086\"} 3\n",
                "tidemark_watchdog_healthy 1\n", "tidemark_runtime_HeapInUse ");
        assertThat(debug.showStats("httpd")).containsExactly(new Series("httpd", Map.of("bind", ":8086"),
                List.of("writeReq"), List.of(List.of(3L)), false));
        assertThat(debug.showStats(null)).extracting(Series::name).contains("httpd", "runtime", "watchdog");
        debug.addDiagnostics("config", () -> Map.of("bind-address", ":8088"));
        assertThat(debug.showDiagnostics(null)).extracting(Series::name)
                .containsExactly("build", "config", "network", "runtime", "system");
    }

    @Test
    void servesAHeapHistogramAndWritesAHeapDump() throws Exception {
        DebugResponse histogram = get("/debug/pprof/heap", "top", "5", "gc", "0");
        DebugResponse dump = get("/debug/pprof/heap", "dump", "1");

        assertThat(text(histogram)).startsWith("heap histogram: all objects, garbage included (no GC); top 5 of ");
        assertThat(text(histogram).lines().filter(l -> l.matches("\\s+\\d+\\s+\\d+\\s+\\d+  .*"))).hasSize(5);
        assertThat(dump.status()).isEqualTo(200);
        JsonNode json = new ObjectMapper().readTree(dump.body());
        Path file = Path.of(json.get("path").asText());
        assertThat(file.getParent()).isEqualTo(dumps.toAbsolutePath());
        assertThat(Files.size(file)).isEqualTo(json.get("bytes").asLong()).isPositive();
    }

    @Test
    void recordsOneProfileAtATime() throws Exception {
        CompletableFuture<DebugResponse> first = debug.handle("/debug/pprof/profile", Map.of("seconds", List.of("1")));
        DebugResponse second = get("/debug/pprof/allocs", "seconds", "1");

        assertThat(second.status()).isEqualTo(409);
        assertThat(text(second)).contains("a profile is already being recorded");
        DebugResponse profile = first.get(2, TimeUnit.MINUTES);
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.contentType()).isEqualTo("application/octet-stream");
        assertThat(Arrays.copyOf(profile.body(), 4)).isEqualTo(new byte[] {'F', 'L', 'R', 0});
        DebugResponse next = get("/debug/pprof/allocs", "seconds", "1");
        assertThat(next.status()).as("the profiler is free once a profile is delivered").isEqualTo(200);
        assertThat(get("/debug/pprof/profile", "seconds", "0").status()).isEqualTo(400);
        assertThat(text(get("/debug/pprof/profile", "seconds", "301")))
                .isEqualTo("{\"error\":\"seconds must be between 1 and 300, got 301\"}\n");
        assertThat(text(get("/debug/pprof/profile", "seconds", "x"))).contains("invalid seconds: x");
    }

    @Test
    void countsRequestsOverAPeriodWithInfluxDbsErrors() throws Exception {
        CompletableFuture<DebugResponse> pending = debug.handle("/debug/requests", Map.of("seconds", List.of("1")));
        debug.requestTracker().record("alice", "10.0.0.1", RequestKind.WRITE);
        debug.requestTracker().record(null, "10.0.0.2", RequestKind.QUERY);

        DebugResponse counted = pending.get(2, TimeUnit.MINUTES);

        assertThat(text(counted)).isEqualTo("""
                {
                "10.0.0.2": {"writes":0,"queries":1},
                "alice:10.0.0.1": {"writes":1,"queries":0}
                }
                """);
        assertThat(text(get("/debug/requests", "seconds", "0"))).isEqualTo("{\n\n}\n");
        DebugResponse tooLong = get("/debug/requests", "seconds", "25200");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(text(tooLong)).isEqualTo("{\"error\":\"exceeded maximum interval time: 7h > 6h\"}\n");
        assertThat(text(get("/debug/requests", "seconds", "21601")))
                .isEqualTo("{\"error\":\"exceeded maximum interval time: 21601s > 6h\"}\n");
        assertThat(text(get("/debug/requests", "seconds", "abc")))
                .isEqualTo("{\"error\":\"strconv.ParseInt: parsing \\\"abc\\\": invalid syntax\"}\n");
        assertThat(text(get("/debug/requests", "seconds", "99999999999999999999")))
                .contains("value out of range");
    }

    @Test
    void cancellingTheAnswerEndsTheCollection() throws Exception {
        CompletableFuture<DebugResponse> profile =
                debug.handle("/debug/pprof/profile", Map.of("seconds", List.of("300")));

        profile.cancel(false);

        CompletableFuture<DebugResponse> next = debug.handle("/debug/pprof/profile", Map.of("seconds", List.of("300")));
        assertThat(next).isNotDone();
        next.cancel(false);
    }

    @Test
    void reportsTheWatchdogsHealth() {
        assertThat(debug.health()).isEqualTo(HealthStatus.PASS);
    }
}
