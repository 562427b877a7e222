package io.tidemark.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.common.result.StatementResult;
import io.tidemark.influxql.InfluxQLParser;
import io.tidemark.influxql.ast.SelectStatement;
import io.tidemark.influxql.ast.Statement;
import io.tidemark.query.compat.JsonCompare;
import io.tidemark.query.compat.ResponseBodies;
import java.math.BigInteger;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs queries on a {@link TestNode} and compares the response body the HTTP layer would send with an expected
 * InfluxDB JSON body (times in RFC 3339, floats within 1e-9).
 */
public final class QueryAssertions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private QueryAssertions() {
    }

    /** The unchunked body of a query, as plain JSON values. */
    public static Object body(TestNode node, String db, String q) throws Exception {
        return ResponseBodies.whole(node.query(q, db, "", false, 0), null, zones(q));
    }

    /** The chunked body of a query: one document per result. */
    public static Object chunkedBody(TestNode node, String db, String q, int chunkSize) throws Exception {
        return ResponseBodies.chunks(node.query(q, db, "", true, chunkSize), null, zones(q));
    }

    public static void assertBody(TestNode node, String db, String q, String expectedJson) throws Exception {
        assertSame(expectedJson, body(node, db, q), q);
    }

    public static void assertChunks(TestNode node, String db, String q, int chunkSize, String expectedJson)
            throws Exception {
        assertSame(expectedJson, chunkedBody(node, db, q, chunkSize), q);
    }

    /** Asserts the (single-statement) query fails with exactly this error. */
    public static void assertError(TestNode node, String db, String q, String error) throws Exception {
        List<StatementResult> results = node.query(q, db, "", false, 0);
        assertThat(results).as(q).isNotEmpty();
        assertThat(results.getLast().error()).as(q).isEqualTo(error);
    }

    /** Asserts the query succeeds without any series. */
    public static void assertEmpty(TestNode node, String db, String q) throws Exception {
        assertBody(node, db, q, "{\"results\":[{\"statement_id\":0}]}");
    }

    private static void assertSame(String expectedJson, Object actual, String q) throws Exception {
        Object expected = numbers(JSON.readValue(expectedJson, Object.class));
        String d = JsonCompare.diff(expected, actual, "body");
        if (d != null) {
            fail(d + "\n  query:    " + q + "\n  expected: " + JsonCompare.dumps(expected) + "\n  actual:   "
                    + JsonCompare.dumps(actual));
        }
    }

    private static List<ZoneId> zones(String q) throws Exception {
        List<ZoneId> zones = new ArrayList<>();
        for (Statement s : InfluxQLParser.parse(q).statements()) {
            zones.add(s instanceof SelectStatement sel ? sel.location() : null);
        }
        return zones;
    }

    private static Object numbers(Object v) {
        if (v instanceof Integer i) {
            return i.longValue();
        } else if (v instanceof BigInteger b) {
            return b.longValue();
        } else if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(numbers(x)));
            return out;
        } else if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put((String) k, numbers(x)));
            return out;
        }
        return v;
    }
}
