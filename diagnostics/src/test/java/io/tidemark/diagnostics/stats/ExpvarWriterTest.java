package io.tidemark.diagnostics.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.common.metrics.Statistic;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ExpvarWriterTest {
    private static Statistic stat(String name, Map<String, String> tags, Map<String, Object> values) {
        return new Statistic(name, new TreeMap<>(tags), new TreeMap<>(values));
    }

    @Test
    void makesKeysTheWayInfluxDbDoes() {
        assertThat(ExpvarWriter.keyOf(stat("httpd", Map.of("bind", ":8086"), Map.of()))).isEqualTo("httpd::8086");
        assertThat(ExpvarWriter.keyOf(stat("udp", Map.of("bind", ":8089", "proto", "udp"), Map.of())))
                .isEqualTo("udp:udp::8089");
        assertThat(ExpvarWriter.keyOf(stat("shard", Map.of("path", "/data/db/rp/1", "id", "1", "database", "db"),
                Map.of()))).isEqualTo("shard:/data/db/rp/1:1");
        assertThat(ExpvarWriter.keyOf(stat("database", Map.of("database", "telegraf"), Map.of())))
                .isEqualTo("database:telegraf");
        assertThat(ExpvarWriter.keyOf(stat("cq", Map.of("database", "db", "retention_policy", "rp", "name", "q"),
                Map.of()))).isEqualTo("cq:db:rp:q");
        assertThat(ExpvarWriter.keyOf(stat("write", Map.of(), Map.of()))).isEqualTo("write");
        assertThat(ExpvarWriter.keyOf(stat("peer", Map.of("node", "2"), Map.of()))).isEqualTo("peer");
    }

    @Test
    void writesOneKeyPerLineInTelegrafsShape() throws Exception {
        Map<String, Object> memstats = new LinkedHashMap<>();
        memstats.put("Alloc", 1000L);
        memstats.put("HeapInuse", 1000L);
        memstats.put("heap", Map.of("used", 1000L));
        List<Statistic> stats = List.of(
                stat("httpd", Map.of("bind", ":8086"), Map.of("writeReq", 3L, "queryReq", 1L)),
                stat("peer", Map.of("node", "2"), Map.of("lag", 0.5, "broken", Double.NaN)),
                stat("peer", Map.of("node", "3"), Map.of("lag", 1.5)));

        byte[] body = ExpvarWriter.write(Instant.parse("2024-03-04T05:06:07.120Z"),
                Instant.parse("2024-03-04T04:06:07Z"), new BuildInfo("0.1.0", "abc", "main", "2024-03-01"),
                List.of("java", "-Xmx1g", "-config", "/etc/tidemark.conf"), memstats, stats);
        String text = new String(body, StandardCharsets.UTF_8);

        assertThat(text).startsWith("{\n\"system\": {\"currentTime\":\"2024-03-04T05:06:07.12Z\","
                + "\"started\":\"2024-03-04T04:06:07Z\",\"uptime\":3600},\n");
        assertThat(text).contains("\n\"httpd::8086\": {\"name\":\"httpd\",\"tags\":{\"bind\":\":8086\"},"
                + "\"values\":{\"queryReq\":1,\"writeReq\":3}}");
        assertThat(text).endsWith("}\n}\n");
        JsonNode json = new ObjectMapper().readTree(body);
        assertThat(json.get("build").get("Version").asText()).isEqualTo("0.1.0");
        assertThat(json.get("build").get("Build Time").asText()).isEqualTo("2024-03-01");
        assertThat(json.get("cmdline")).hasSize(4);
        assertThat(json.get("memstats").get("HeapInuse").isIntegralNumber()).isTrue();
        // The two peers share InfluxDB's key, so both get their tags appended. NaN has no JSON form.
        assertThat(json.has("peer")).isFalse();
        assertThat(json.get("peer:node=2").get("values").get("lag").asDouble()).isEqualTo(0.5);
        assertThat(json.get("peer:node=2").get("values").has("broken")).isFalse();
        assertThat(json.get("peer:node=3").get("tags").get("node").asText()).isEqualTo("3");
    }
}
