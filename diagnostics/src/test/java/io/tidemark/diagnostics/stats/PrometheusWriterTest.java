package io.tidemark.diagnostics.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.metrics.Statistic;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PrometheusWriterTest {
    @Test
    void writesOneFamilyPerValueWithTagsAsLabels() {
        List<Statistic> stats = List.of(
                new Statistic("httpd", Map.of("bind", ":8086"), new TreeMap<>(Map.of("writeReq", 3L))),
                new Statistic("shard", new TreeMap<>(Map.of("path", "C:\\data \"x\"\nnext", "id", "7")),
                        new TreeMap<>(Map.of("diskBytes", 12L))),
                new Statistic("jvm_gc", Map.of("collector", "G1 Young Generation"),
                        new TreeMap<>(Map.of("count", 4L))),
                new Statistic("jvm_gc", Map.of("collector", "G1 Old Generation"),
                        new TreeMap<>(Map.of("count", 0L))),
                new Statistic("peer-link", Map.of("__node", "2"),
                        new TreeMap<>(Map.of("lag.seconds", Double.POSITIVE_INFINITY, "ratio", 0.25,
                                "unknown", Double.NaN))));

        String text = PrometheusWriter.write("tidemark", stats);

        assertThat(text).isEqualTo("""
                # TYPE tidemark_httpd_writeReq untyped
                tidemark_httpd_writeReq{bind=":8086"} 3
                # TYPE tidemark_jvm_gc_count untyped
                tidemark_jvm_gc_count{collector="G1 Young Generation"} 4
                tidemark_jvm_gc_count{collector="G1 Old Generation"} 0
                # TYPE tidemark_peer_link_lag_seconds untyped
                tidemark_peer_link_lag_seconds{tag__node="2"} +Inf
                # TYPE tidemark_peer_link_ratio untyped
                tidemark_peer_link_ratio{tag__node="2"} 0.25
                # TYPE tidemark_peer_link_unknown untyped
                tidemark_peer_link_unknown{tag__node="2"} NaN
                # TYPE tidemark_shard_diskBytes untyped
                tidemark_shard_diskBytes{id="7",path="C:\\\\data \\"x\\"\\nnext"} 12
                """);
    }

    @Test
    void sanitisesNames() {
        assertThat(PrometheusWriter.metricName("9lives.x-y:z")).isEqualTo("_lives_x_y:z");
        assertThat(PrometheusWriter.labelName("a:b")).isEqualTo("a_b");
    }
}
