package io.tidemark.common.metrics;

import java.util.Comparator;
import java.util.Map;

/**
 * A read-out of one {@link MetricGroup}: the shape of one series of {@code SHOW STATS} and of one entry of
 * {@code /debug/vars}. Values are {@code Long} or {@code Double}, keys sorted.
 */
public record Statistic(String name, Map<String, String> tags, Map<String, Object> values) {
    static final Comparator<Statistic> ORDER =
            Comparator.comparing(Statistic::name).thenComparing(s -> s.tags().toString());
}
