package io.tidemark.query.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.common.result.StatementResult;
import io.tidemark.influxql.InfluxQLParser;
import io.tidemark.influxql.ParseException;
import io.tidemark.influxql.ast.SelectStatement;
import io.tidemark.influxql.ast.Statement;
import io.tidemark.query.TestNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays the acceptance suite's scenarios ({@code shared/compat/public/*.json}, recorded from a real InfluxDB) of
 * the query engine's categories against a {@link TestNode}: setup writes go through the line-protocol parser into a
 * real store, queries through the parser and the engine, and the results are rendered as the HTTP layer renders
 * them and compared with the suite's rules. Cases that need statements outside the engine (SHOW DATABASES, SHOW
 * RETENTION POLICIES, DDL) or HTTP-level behaviour (a missing {@code q}) are counted as not applicable. A summary per
 * category is printed at the end.
 */
class CompatSuiteTest {
    private static final Set<String> CATEGORIES = Set.of("select_basic", "aggregates", "selectors", "math",
            "group_by_time", "group_by_tags", "ordering_limits", "timezone", "epoch", "multi_statement", "chunked",
            "query_errors", "show");

    @TempDir
    static Path tmp;

    private static TestNode node;
    private static final Map<String, int[]> SUMMARY = new TreeMap<>();
    private static int dbCounter;

    @BeforeAll
    static void start() throws Exception {
        node = new TestNode(tmp);
    }

    @AfterAll
    static void stop() throws Exception {
        StringBuilder sb = new StringBuilder("compat summary (passed / failed / not applicable):\n");
        SUMMARY.forEach((c, n) -> sb.append(String.format("  %-16s %3d / %3d / %3d%n", c, n[0], n[1], n[2])));
        System.out.print(sb);
        if (node != null) {
            node.close();
        }
    }

    static Path suiteDirectory() {
        List<Path> candidates = new ArrayList<>();
        String prop = System.getProperty("tidemark.compat.dir");
        if (prop != null) {
            candidates.add(Path.of(prop));
        }
        candidates.add(Path.of("").toAbsolutePath().resolve("../../shared/compat/public").normalize());
        candidates.add(Path.of("/work/shared/compat/public"));
        for (Path p : candidates) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        fail("the acceptance suite's scenarios are missing: looked in " + candidates
                + " (set -Dtidemark.compat.dir=<dir with the *.json scenarios>)");
        return null;
    }

    @TestFactory
    Stream<DynamicNode> scenarios() throws IOException {
        Path dir = suiteDirectory();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).as("scenario files in " + dir).isNotEmpty();
        List<DynamicNode> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (Path f : files) {
            @SuppressWarnings("unchecked")
            Map<String, Object> scenario = (Map<String, Object>) normaliseNumbers(json.readValue(f.toFile(), Object.class));
            String category = (String) scenario.get("category");
            if (CATEGORIES.contains(category)) {
                out.add(scenario(f.getFileName().toString(), category, scenario));
            }
        }
        assertThat(out).as("scenarios of the engine's categories").isNotEmpty();
        return out.stream();
    }

    @SuppressWarnings("unchecked")
    private DynamicContainer scenario(String file, String category, Map<String, Object> scenario) {
        String db = "acc" + (++dbCounter) + "_" + category;
        List<DynamicNode> tests = new ArrayList<>();
        List<Map<String, Object>> setup = (List<Map<String, Object>>) scenario.getOrDefault("setup", List.of());
        String[] setupFailure = {null};
        tests.add(DynamicTest.dynamicTest("setup", () -> {
            node.createDatabase(db);
            for (Map<String, Object> step : setup) {
                String problem = runSetupStep(step, db);
                if (problem != null) {
                    setupFailure[0] = problem;
                    fail(problem);
                }
            }
        }));
        for (Map<String, Object> c : (List<Map<String, Object>>) scenario.get("queries")) {
            String id = (String) c.get("id");
            tests.add(DynamicTest.dynamicTest(id, () -> {
                assertThat(setupFailure[0]).as("setup").isNull();
                runCase(category, c, db);
            }));
        }
        return DynamicContainer.dynamicContainer(file, tests);
    }

    @SuppressWarnings("unchecked")
    private static String runSetupStep(Map<String, Object> step, String db) throws Exception {
        if (step.containsKey("write")) {
            Object w = step.get("write");
            String body = w instanceof List<?> l ? String.join("\n", (List<String>) l) : (String) w;
            List<String> errors = node.write(db, body, (String) step.getOrDefault("precision", "n"));
            return errors.isEmpty() ? null : "setup write failed: " + errors;
        }
        String q = ((String) step.get("query")).replace("{db}", db);
        List<StatementResult> results = node.query(q, db, "", false, 0);
        for (StatementResult r : results) {
            if (r.error() != null) {
                return "setup query failed: " + r.error();
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static void runCase(String category, Map<String, Object> c, String db) throws Exception {
        int[] counts = SUMMARY.computeIfAbsent(category, k -> new int[3]);
        if (c.containsKey("write") || c.get("q") == null) {
            counts[2]++;
            return;
        }
        String q = ((String) c.get("q")).replace("{db}", db);
        Map<String, Object> params = (Map<String, Object>) c.getOrDefault("params", Map.of());
        String reqDb = params.containsKey("db") ? (params.get("db") == null ? "" : ((String) params.get("db"))
                .replace("{db}", db)) : db;
        String rp = params.get("rp") == null ? "" : (String) params.get("rp");
        String epoch = (String) params.get("epoch");
        boolean chunked = "true".equals(params.get("chunked"));
        int chunkSize = params.get("chunk_size") == null ? 0 : Integer.parseInt((String) params.get("chunk_size"));
        Map<String, Object> expect = (Map<String, Object>) c.get("expect");
        long status = (Long) expect.get("status");

        Object actual;
        try {
            List<ZoneId> zones = new ArrayList<>();
            for (Statement s : InfluxQLParser.parse(q).statements()) {
                zones.add(s instanceof SelectStatement sel ? sel.location() : null);
            }
            List<StatementResult> results = node.query(q, reqDb, rp, chunked, chunkSize);
            if (status != 200) {
                counts[1]++;
                fail("expected status " + status + " with " + expect.get("body") + ", got results " + results);
            }
            actual = chunked ? ResponseBodies.chunks(results, epoch, zones)
                    : ResponseBodies.whole(results, epoch, zones);
        } catch (ParseException e) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "error parsing query: " + e.getMessage());
            actual = body;
            if (status != 400) {
                counts[1]++;
                fail("unexpected parse error: " + e.getMessage());
            }
        } catch (TestNode.UnsupportedStatementException e) {
            counts[2]++;
            return;
        }
        Map<String, Object> options = new LinkedHashMap<>(c);
        Object exp = JsonCompare.normalise(expect.get("body"), db, options);
        Object act = JsonCompare.normalise(actual, db, options);
        String d = JsonCompare.diff(exp, act, "body");
        if (d != null) {
            counts[1]++;
            fail(d + "\n  query: " + q + "\n  expected: " + JsonCompare.dumps(exp) + "\n  actual:   "
                    + JsonCompare.dumps(act));
        }
        counts[0]++;
    }

    /** JSON integers become Long (as the comparison expects), other numbers Double. */
    private static Object normaliseNumbers(Object v) {
        if (v instanceof Integer i) {
            return i.longValue();
        } else if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
        } else if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object x : l) {
                out.add(normaliseNumbers(x));
            }
            return out;
        } else if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put((String) k, normaliseNumbers(x)));
            return out;
        }
        return v;
    }
}
