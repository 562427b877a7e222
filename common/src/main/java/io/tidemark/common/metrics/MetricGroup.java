package io.tidemark.common.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/** One named, tagged set of values. Thread-safe; counters are {@link LongAdder}s, cheap on hot paths. */
public final class MetricGroup {
    private final String name;
    private final Map<String, String> tags;
    private final ConcurrentSkipListMap<String, Object> values = new ConcurrentSkipListMap<>();

    MetricGroup(String name, Map<String, String> tags) {
        this.name = name;
        this.tags = new TreeMap<>(tags);
    }

    public String name() {
        return name;
    }

    public Map<String, String> tags() {
        return tags;
    }

    /** A monotonically increasing count. Registering the same key twice returns the same counter. */
    public LongAdder counter(String key) {
        Object v = values.computeIfAbsent(key, k -> new LongAdder());
        if (!(v instanceof LongAdder adder)) {
            throw new IllegalStateException("BUG: metric " + name + "." + key + " is not a counter");
        }
        return adder;
    }

    /** A value read when the statistics are read (sizes, depths, ages). The last registration wins. */
    public void gauge(String key, LongSupplier supplier) {
        values.put(key, supplier);
    }

    public void gauge(String key, DoubleSupplier supplier) {
        values.put(key, supplier);
    }

    Statistic snapshot() {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, read(v)));
        return new Statistic(name, tags, copy);
    }

    private static Object read(Object v) {
        return switch (v) {
            case LongAdder a -> a.sum();
            case LongSupplier s -> s.getAsLong();
            case DoubleSupplier s -> s.getAsDouble();
            default -> throw new IllegalStateException("BUG: unknown metric kind " + v.getClass());
        };
    }
}
