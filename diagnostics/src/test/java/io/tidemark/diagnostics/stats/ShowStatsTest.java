package io.tidemark.diagnostics.stats;

import io.tidemark.common.result.Series;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.metrics.MetricRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShowStatsTest {
    @Test
    void makesOneSeriesPerStatisticWithSortedColumnsAndOneRow() {
        MetricRegistry registry = new MetricRegistry();
        registry.group("httpd", Map.of("bind", ":8086")).counter("writeReq").add(3);
        registry.group("httpd", Map.of("bind", ":8086")).counter("queryReq").add(1);
        registry.group("write").gauge("ratio", () -> 0.5);

        List<Series> all = ShowStats.of(registry.snapshot(), null);
        List<Series> httpd = ShowStats.of(registry.snapshot(), "httpd");

        assertThat(all).containsExactly(
                new Series("httpd", Map.of("bind", ":8086"), List.of("queryReq", "writeReq"),
                        List.of(List.of(1L, 3L)), false),
                new Series("write", Map.of(), List.of("ratio"), List.of(List.of(0.5)), false));
        assertThat(httpd).hasSize(1).first().extracting(Series::name).isEqualTo("httpd");
    }
}
