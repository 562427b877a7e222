package io.tidemark.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [monitor] store-enabled}: a server writes its statistics into {@code _internal} as InfluxDB does. */
class MonitorStoreIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Test
    void statisticsLandInTheInternalDatabaseAndCanBeQueried() throws Exception {
        try (ServerProcess server = new ServerProcess(home.resolve("node"), "", "", true).start()) {
            Http http = new Http(server.url());
            assertThat(http.write("nope", null, "m v=1").statusCode()).isEqualTo(404);
            await().atMost(Duration.ofSeconds(30)).until(() -> column(http, "SHOW DATABASES").contains("_internal"));

            JsonNode rp = series(http, "SHOW RETENTION POLICIES ON _internal");
            assertThat(rp.toString()).isEqualTo(
                    "{\"columns\":[\"name\",\"duration\",\"shardGroupDuration\",\"replicaN\",\"default\"],"
                            + "\"values\":[[\"monitor\",\"168h0m0s\",\"24h0m0s\",1,true]]}");
            await().atMost(Duration.ofSeconds(30)).until(() -> column(http,
                    "SHOW MEASUREMENTS ON _internal").containsAll(List.of("httpd", "queryExecutor", "runtime", "write")));
            assertThat(column(http, "SHOW TAG KEYS ON _internal FROM httpd")).containsExactly("bind", "hostname");

            // The 404 above counts as a client error in the httpd statistics from the first store after it (one may
            // have come between the server's start and the write), and points land at whole seconds.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode row = series(http, "SELECT clientError, writeReq, req FROM _internal.monitor.httpd "
                        + "ORDER BY time DESC LIMIT 1").get("values").get(0);
                assertThat(row.get(0).asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
                assertThat(row.get(1).asLong()).isGreaterThanOrEqualTo(1);
                assertThat(row.get(2).asLong()).isGreaterThanOrEqualTo(1);
                assertThat(row.get(3).asLong()).isGreaterThanOrEqualTo(2);
            });

            // Dropped, it comes back at the next store.
            assertThat(http.query("DROP DATABASE _internal").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> column(http, "SHOW DATABASES").contains("_internal"));
        }
    }

    private static JsonNode series(Http http, String q) throws Exception {
        JsonNode result = JSON.readTree(http.query(q).body()).get("results").get(0);
        assertThat(result.has("error")).as(result.toString()).isFalse();
        JsonNode s = result.get("series").get(0);
        ((ObjectNode) s).remove("name");
        return s;
    }

    /** The first column of every series of the answer. */
    private static List<String> column(Http http, String q) throws Exception {
        JsonNode result = JSON.readTree(http.query(q).body()).get("results").get(0);
        List<String> out = new ArrayList<>();
        for (JsonNode s : result.path("series")) {
            for (JsonNode v : s.path("values")) {
                out.add(v.get(0).asText());
            }
        }
        return out;
    }
}
