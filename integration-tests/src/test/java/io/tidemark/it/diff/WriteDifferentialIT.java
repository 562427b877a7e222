package io.tidemark.it.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.it.diff.QueryClient.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes side by side with the real InfluxDB 1.6.7: each case of {@code diff/writes.txt} (valid and malformed lines,
 * the edges of the time range, escapes, type conflicts, precisions) goes to a throwaway {@code influxd} and to
 * Tidemark, and the status and body of the two answers must be equal (bodies as JSON); then every measurement is
 * read back from both and must be equal too. The cases where InfluxDB 1.8 differs from 1.6.7 and Tidemark follows
 * 1.8 are listed in {@link #EXPECTED_1_8} with the answer 1.8 gives, and are checked against that answer instead.
 */
class WriteDifferentialIT {
    private static final String DB = "writes";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where 1.8 answers otherwise than 1.6.7: the write, and 1.8's answer, which Tidemark gives. */
    private record Expected18(Case write, int status, String body) {
    }

    private static final List<Expected18> EXPECTED_1_8 = List.of(
            // 1.6.7 stores a field named time; 1.8 drops the point.
            new Expected18(new Case("n", "m v=1,time=2 6"), 400, "{\"error\":\"partial write: invalid field name: "
                    + "input field \\\"time\\\" on measurement \\\"m\\\" is invalid dropped=1\"}"),
            // 1.6.7 takes an unknown precision as nanoseconds; 1.8 answers 400 with this text.
            new Expected18(new Case("x", "m v=1 1"), 400,
                    "{\"error\":\"invalid precision \\\"x\\\" (use n, u, ms, s, m or h)\"}"),
            // Nor is "us" among 1.8's precisions (1.6.7 takes it as microseconds).
            new Expected18(new Case("us", "m v=1 1"), 400,
                    "{\"error\":\"invalid precision \\\"us\\\" (use n, u, ms, s, m or h)\"}"));

    @TempDir
    Path home;

    private record Case(String precision, String body) {
    }

    @Test
    void writesAndWhatTheyStoreMatchInfluxDb() throws Exception {
        List<Case> cases = cases();
        List<String> differences = new ArrayList<>();
        try (LocalServer influxd = LocalServer.influxd(home.resolve("influxd"));
                LocalServer tidemark = LocalServer.tidemark(home.resolve("tidemark"))) {
            QueryClient influx = new QueryClient(influxd.url());
            QueryClient tide = new QueryClient(tidemark.url());
            for (QueryClient c : List.of(influx, tide)) {
                assertThat(c.query(DB, "CREATE DATABASE " + DB).status()).isEqualTo(200);
            }
            for (Case c : cases) {
                Answer a = influx.write(DB, c.precision(), c.body());
                Answer b = tide.write(DB, c.precision(), c.body());
                difference("write " + c, a, b).ifPresent(differences::add);
            }
            for (Expected18 e : EXPECTED_1_8) {
                Answer b = tide.write(DB, e.write().precision(), e.write().body());
                if (b.status() != e.status() || !sameJson(b.body(), e.body())) {
                    differences.add("write " + e.write() + ": 1.8 answers " + e.status() + " " + e.body()
                            + ", Tidemark " + b);
                }
            }
            for (String q : List.of("SHOW MEASUREMENTS", "SHOW SERIES", "SHOW FIELD KEYS", "SELECT * FROM /.*/")) {
                difference(q, influx.query(DB, q), tide.query(DB, q)).ifPresent(differences::add);
            }
        }
        assertThat(differences).as("answers that differ from InfluxDB 1.6.7:\n" + String.join("\n\n", differences))
                .isEmpty();
    }

    private static Optional<String> difference(String what, Answer influx, Answer tidemark) {
        if (influx.status() == tidemark.status() && sameJson(influx.body(), tidemark.body())) {
            return Optional.empty();
        }
        return Optional.of(what + "\n  influxd:  " + influx + "\n  tidemark: " + tidemark);
    }

    private static boolean sameJson(String a, String b) {
        if (a.isBlank() || b.isBlank()) {
            return a.isBlank() && b.isBlank();
        }
        try {
            JsonNode x = JSON.readTree(a);
            JsonNode y = JSON.readTree(b);
            return x.equals(y);
        } catch (IOException e) {
            return a.strip().equals(b.strip());
        }
    }

    private static List<Case> cases() throws IOException {
        try (InputStream in = WriteDifferentialIT.class.getResourceAsStream("/diff/writes.txt")) {
            assertThat(in).as("diff/writes.txt on the test classpath").isNotNull();
            List<Case> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                out.add(new Case(line.substring(0, tab), line.substring(tab + 1).replace("\\n", "\n")
                        .replace("\\r", "\r")));
            }
            return out;
        }
    }
}
