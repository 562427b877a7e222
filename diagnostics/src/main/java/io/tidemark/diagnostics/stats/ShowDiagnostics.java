package io.tidemark.diagnostics.stats;

import io.tidemark.common.GoDuration;
import io.tidemark.common.result.Series;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/**
 * The result of {@code SHOW DIAGNOSTICS}: one series per section, columns sorted, one row, as InfluxDB's
 * {@code build} ({@code Branch}, {@code Build Time}, {@code Commit}, {@code Version}), {@code network}
 * ({@code hostname}), {@code runtime} (InfluxDB's Go column names with the JVM's figures: {@code GOARCH} =
 * {@code os.arch}, {@code GOMAXPROCS} = available processors, {@code GOOS} = {@code os.name}, {@code version}
 * = the Java runtime version; plus {@code vm}) and {@code system} ({@code PID}, {@code currentTime},
 * {@code started}, {@code uptime} as a Go duration). Components add their own sections (the configuration:
 * {@code config}, {@code config-data}, ...) with {@link #addSection}. Thread-safe.
 */
public final class ShowDiagnostics {
    private static final Set<String> BUILT_IN = Set.of("build", "network", "runtime", "system");

    private final BuildInfo build;
    private final Instant started;
    private final InstantSource clock;
    private final String hostname = HostName.local();
    private final ConcurrentSkipListMap<String, Supplier<Map<String, Object>>> sections =
            new ConcurrentSkipListMap<>();

    public ShowDiagnostics(BuildInfo build, Instant started, InstantSource clock) {
        this.build = build;
        this.started = started;
        this.clock = clock;
    }

    /**
     * Adds a section; its supplier is called on each {@code SHOW DIAGNOSTICS} and must be quick and lock-free
     * or nearly so. Values must be {@code String}, {@code Long}, {@code Double} or {@code Boolean}.
     *
     * @throws IllegalArgumentException for the names of built-in sections
     */
    public void addSection(String name, Supplier<Map<String, Object>> values) {
        if (BUILT_IN.contains(name)) {
            throw new IllegalArgumentException("diagnostics section \"" + name + "\" is built in");
        }
        sections.put(name, values);
    }

    /** @param module keep only this section, or {@code null} for all */
    public List<Series> read(String module) {
        Map<String, Map<String, Object>> all = new TreeMap<>();
        all.put("build", Map.of("Branch", build.branch(), "Build Time", build.buildTime(), "Commit", build.commit(),
                "Version", build.version()));
        all.put("network", Map.of("hostname", hostname));
        all.put("runtime", Map.of(
                "GOARCH", System.getProperty("os.arch", ""),
                "GOMAXPROCS", (long) Runtime.getRuntime().availableProcessors(),
                "GOOS", System.getProperty("os.name", "").toLowerCase(Locale.ROOT),
                "version", Runtime.version().toString(),
                "vm", System.getProperty("java.vm.name", "")));
        Instant now = clock.instant();
        all.put("system", Map.of(
                "PID", ProcessHandle.current().pid(),
                "currentTime", GoTime.format(now),
                "started", GoTime.format(started),
                "uptime", GoDuration.format(Duration.between(started, now))));
        sections.forEach((name, supplier) -> all.put(name, supplier.get()));
        List<Series> out = new ArrayList<>();
        all.forEach((name, values) -> {
            if (module != null && !module.equals(name)) {
                return;
            }
            Map<String, Object> sorted = new TreeMap<>(values);
            out.add(new Series(name, Map.of(), new ArrayList<>(sorted.keySet()),
                    List.of(new ArrayList<>(sorted.values())), false));
        });
        return out;
    }
}
