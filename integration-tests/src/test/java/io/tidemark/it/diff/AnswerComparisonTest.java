package io.tidemark.it.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The comparison DifferentialIT relies on: what counts as equal, and which orders are normalised. */
class AnswerComparisonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void numbersAreEqualWithinTheTolerance() throws Exception {
        assertThat(JsonDifference.between(json("[2, 1.5, 0]"), json("[2.0, 1.5000000001, 1e-13]"))).isEmpty();
        assertThat(JsonDifference.between(json("[1.5]"), json("[1.5001]"))).contains("$[0]: 1.5 vs 1.5001");
        assertThat(JsonDifference.between(json("[1614643200000000000]"), json("[1614643200000000001]")))
                .isPresent();
        assertThat(JsonDifference.between(json("[0]"), json("[1e-11]"))).isPresent();
    }

    @Test
    void structureStringsAndNullsMustMatch() throws Exception {
        assertThat(JsonDifference.between(json("{\"a\":[1,2]}"), json("{\"a\":[1]}")))
                .contains("$.a: 2 elements vs 1");
        assertThat(JsonDifference.between(json("{\"a\":1}"), json("{\"b\":1}"))).contains("$: keys [a] vs [b]");
        assertThat(JsonDifference.between(json("[\"x\"]"), json("[\"X\"]"))).isPresent();
        assertThat(JsonDifference.between(json("[null]"), json("[0]"))).isPresent();
        assertThat(JsonDifference.between(json("[\"1\"]"), json("[1]"))).isPresent();
    }

    @Test
    void rowsAtOneTimeAreSortedButTimeOrderIsKept() throws Exception {
        String a = "{\"results\":[{\"series\":[{\"name\":\"m\",\"columns\":[\"time\",\"v\"],"
                + "\"values\":[[2,\"b\"],[2,\"a\"],[1,\"c\"]]}]}]}";
        String b = "{\"results\":[{\"series\":[{\"name\":\"m\",\"columns\":[\"time\",\"v\"],"
                + "\"values\":[[2,\"a\"],[2,\"b\"],[1,\"c\"]]}]}]}";
        String ascending = "{\"results\":[{\"series\":[{\"name\":\"m\",\"columns\":[\"time\",\"v\"],"
                + "\"values\":[[1,\"c\"],[2,\"a\"],[2,\"b\"]]}]}]}";
        String q = "SELECT v FROM m ORDER BY time DESC";
        assertThat(JsonDifference.between(normalize(q, a), normalize(q, b))).isEmpty();
        assertThat(JsonDifference.between(normalize(q, a), normalize(q, ascending))).isPresent();
    }

    @Test
    void seriesOrderCountsForSelectButNotForShow() throws Exception {
        String a = "{\"results\":[{\"series\":[{\"name\":\"a\",\"columns\":[\"k\"],\"values\":[[\"x\"]]},"
                + "{\"name\":\"b\",\"columns\":[\"k\"],\"values\":[[\"y\"]]}]}]}";
        String b = "{\"results\":[{\"series\":[{\"name\":\"b\",\"columns\":[\"k\"],\"values\":[[\"y\"]]},"
                + "{\"name\":\"a\",\"columns\":[\"k\"],\"values\":[[\"x\"]]}]}]}";
        assertThat(JsonDifference.between(normalize("SHOW TAG KEYS", a), normalize("SHOW TAG KEYS", b))).isEmpty();
        assertThat(JsonDifference.between(normalize("SELECT k FROM a, b", a), normalize("SELECT k FROM a, b", b)))
                .isPresent();
    }

    @Test
    void explainPlansCompareTheirNodesInAnyOrderWithoutTheStorageFigures() throws Exception {
        String a = "{\"results\":[{\"series\":[{\"columns\":[\"QUERY PLAN\"],\"values\":[[\"EXPRESSION: max(v::float)\"],"
                + "[\"NUMBER OF SERIES: 2\"],[\"CACHED VALUES: 7\"],[\"\"],[\"EXPRESSION: count(v::float)\"],"
                + "[\"NUMBER OF SERIES: 2\"],[\"SIZE OF BLOCKS: 0\"]]}]}]}";
        String b = "{\"results\":[{\"series\":[{\"columns\":[\"QUERY PLAN\"],\"values\":[[\"EXPRESSION: count(v::float)\"],"
                + "[\"NUMBER OF SERIES: 2\"],[\"SIZE OF BLOCKS: 812\"],[\"\"],[\"EXPRESSION: max(v::float)\"],"
                + "[\"NUMBER OF SERIES: 2\"],[\"CACHED VALUES: 0\"]]}]}]}";
        String q = "EXPLAIN SELECT max(v), count(v) FROM m";
        assertThat(JsonDifference.between(normalize(q, a), normalize(q, b))).isEmpty();
        String c = b.replace("NUMBER OF SERIES: 2\"],[\"CACHED", "NUMBER OF SERIES: 3\"],[\"CACHED");
        assertThat(JsonDifference.between(normalize(q, a), normalize(q, c))).isPresent();
        assertThat(JsonDifference.between(normalize("SELECT v FROM m", a), normalize("SELECT v FROM m", b)))
                .isPresent();
    }

    @Test
    void integralPiecesOfOneGroupAreJoined() throws Exception {
        String pieces = "{\"results\":[{\"series\":["
                + "{\"name\":\"m\",\"tags\":{\"h\":\"1\"},\"columns\":[\"time\",\"integral\"],\"values\":[[0,1]]},"
                + "{\"name\":\"m\",\"tags\":{\"h\":\"2\"},\"columns\":[\"time\",\"integral\"],\"values\":[[0,2]]},"
                + "{\"name\":\"m\",\"tags\":{\"h\":\"2\"},\"columns\":[\"time\",\"integral\"],\"values\":[[60,4]]},"
                + "{\"name\":\"m\",\"tags\":{\"h\":\"1\"},\"columns\":[\"time\",\"integral\"],\"values\":[[60,3]]}]}]}";
        String joined = "{\"results\":[{\"series\":["
                + "{\"name\":\"m\",\"tags\":{\"h\":\"1\"},\"columns\":[\"time\",\"integral\"],"
                + "\"values\":[[0,1],[60,3]]},"
                + "{\"name\":\"m\",\"tags\":{\"h\":\"2\"},\"columns\":[\"time\",\"integral\"],"
                + "\"values\":[[0,2],[60,4]]}]}]}";
        String q = "SELECT integral(v) FROM m WHERE time >= 0 AND time < 120 GROUP BY time(1m), h";
        assertThat(JsonDifference.between(normalize(q, pieces), normalize(q, joined))).isEmpty();
        assertThat(JsonDifference.between(normalize(q.replace("integral", "sum"), pieces),
                normalize(q.replace("integral", "sum"), joined))).isPresent();
    }

    @Test
    void knownDifferencesMatchNarrowly() {
        assertThat(KnownDifferences.match("SELECT usage FROM cpu GROUP BY host SLIMIT 2")).isEmpty();
        assertThat(KnownDifferences.match("SELECT usage FROM cpu GROUP BY * SLIMIT 2")).isEmpty();
        assertThat(KnownDifferences.match("SELECT percentile(temp, 50) FROM weather GROUP BY city")).isEmpty();
        assertThat(KnownDifferences.match("SELECT percentile(temp, 5) FROM weather GROUP BY city")).isEmpty();
        assertThat(KnownDifferences.match("SELECT temp FROM weather OFFSET 0")).isEmpty();
        assertThat(KnownDifferences.match("SELECT temp FROM weather LIMIT 2 OFFSET 3")).isEmpty();
        assertThat(KnownDifferences.match("SELECT temp FROM weather OFFSET 3")).isEmpty();
        assertThat(KnownDifferences.match("SELECT top(temp, 3) FROM weather OFFSET 3")).isEmpty();
        assertThat(KnownDifferences.match("SELECT top(temp, city, 3) FROM weather OFFSET 3")).isEmpty();
        assertThat(KnownDifferences.match("SELECT integral(temp) FROM weather WHERE time > 0")).isEmpty();
        assertThat(KnownDifferences.match("SELECT integral(hum) FROM weather WHERE time > 0")).isEmpty();
        assertThat(KnownDifferences.match("SELECT integral(free, 1m) FROM disk, disk GROUP BY time(1h)")).isEmpty();
        assertThat(KnownDifferences.match("SELECT integral(free, 1m) FROM disk GROUP BY time(1h)")).isEmpty();
    }

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    private static JsonNode normalize(String query, String body) throws Exception {
        return AnswerNormalizer.normalize(query, json(body));
    }
}
