package io.tidemark.common.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A node's statistics, grouped the way InfluxDB's {@code SHOW STATS} and {@code /debug/vars} group them:
 * a group has a name ({@code "write"}, {@code "httpd"}, {@code "shard"}), tags ({@code {"id": "3"}}) and
 * named values. One registry per node, passed to every component's constructor; never static, so that
 * several nodes can live in one JVM. Thread-safe.
 */
public final class MetricRegistry {
    private final ConcurrentHashMap<GroupKey, MetricGroup> groups = new ConcurrentHashMap<>();

    /** Returns the group with this name and tags, creating it on first use. */
    public MetricGroup group(String name, Map<String, String> tags) {
        return groups.computeIfAbsent(new GroupKey(name, Map.copyOf(tags)), k -> new MetricGroup(k.name(), k.tags()));
    }

    public MetricGroup group(String name) {
        return group(name, Map.of());
    }

    /** Forgets a group, for components that go away (a dropped shard). */
    public void remove(String name, Map<String, String> tags) {
        groups.remove(new GroupKey(name, Map.copyOf(tags)));
    }

    /** A consistent-enough copy of every value, groups sorted by name then tags. */
    public List<Statistic> snapshot() {
        List<Statistic> out = new ArrayList<>();
        for (MetricGroup g : groups.values()) {
            out.add(g.snapshot());
        }
        out.sort(Statistic.ORDER);
        return out;
    }

    private record GroupKey(String name, Map<String, String> tags) {
    }
}
