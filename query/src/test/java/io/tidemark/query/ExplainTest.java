package io.tidemark.query;

import static io.tidemark.query.QueryAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.result.StatementResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EXPLAIN and EXPLAIN ANALYZE. The expected plans of the data in the cache are InfluxDB 1.6.7's answers to the same
 * statements on the same points (`influxd` fed the lines below); the figures of files and blocks are Tidemark's own.
 */
class ExplainTest {
    private static final String DB = "db";
    private static final String LINES = """
            cpu,host=a,region=east usage=1.5,procs=2i,state="ok" 1614816000
            cpu,host=a,region=east usage=7.5,procs=5i,state="ok" 1614816060
            cpu,host=a,region=east usage=3.5,procs=1i,state="crit" 1614816120
            cpu,host=b,region=west usage=9.5,procs=7i,state="ok" 1614816000
            cpu,host=b,region=west usage=0.5,procs=2i,state="warn" 1614816060
            cpu,host=c,region=west usage=4.5,procs=3i 1614816000
            temp,city=ams value=12.5 1614816000
            temp,city=ber value=10.5 1614816060
            """;

    @TempDir
    Path dir;

    private TestNode node() throws Exception {
        TestNode node = new TestNode(dir);
        node.createDatabase(DB);
        node.load(DB, LINES);
        return node;
    }

    private static List<String> lines(TestNode node, String q) throws Exception {
        List<StatementResult> results = node.query(q, DB);
        assertThat(results).hasSize(1);
        assertThat(results.getFirst().error()).as(q).isNull();
        return results.getFirst().series().getFirst().values().stream().map(r -> (String) r.getFirst()).toList();
    }

    /** A plan node of data that is all in the cache. */
    private static List<String> node(String expression, String aux, int shards, int series, int cached) {
        List<String> head = aux == null ? List.of("EXPRESSION: " + expression)
                : List.of("EXPRESSION: " + expression, "AUXILIARY FIELDS: " + aux);
        List<String> out = new ArrayList<>(head);
        out.addAll(List.of("NUMBER OF SHARDS: " + shards, "NUMBER OF SERIES: " + series, "CACHED VALUES: " + cached,
                "NUMBER OF FILES: 0", "NUMBER OF BLOCKS: 0", "SIZE OF BLOCKS: 0"));
        return out;
    }

    @Test
    void thePlanOfDataInTheCacheIsInfluxDbs() throws Exception {
        try (TestNode node = node()) {
            assertThat(lines(node, "EXPLAIN SELECT mean(usage) FROM cpu WHERE host = 'a'"))
                    .isEqualTo(node("mean(usage::float)", null, 1, 1, 3));
            assertThat(lines(node, "EXPLAIN SELECT usage FROM cpu"))
                    .isEqualTo(node("<nil>", "usage::float", 1, 3, 6));
            // A node per FROM source; the auxiliary fields and the compared field are read for each series.
            List<String> two = node("max(usage::float)", "host::tag, procs::integer", 1, 3, 9);
            two.add("");
            two.addAll(node("max(usage::float)", "host::tag, procs::integer", 1, 2, 0));
            assertThat(lines(node, "EXPLAIN SELECT max(usage), host, procs FROM cpu, temp WHERE usage > 5 "
                    + "AND time > '2021-03-04T00:00:30Z'")).isEqualTo(two);
            // top() with tags reads through max(); its tags are auxiliary fields.
            assertThat(lines(node, "EXPLAIN SELECT top(usage, host, 2) FROM cpu"))
                    .isEqualTo(node("max(usage::float)", "host::tag", 1, 3, 6));
            // The WHERE clause is reduced by each series' tags: a and b compare usage and procs, c only procs.
            assertThat(lines(node, "EXPLAIN SELECT count(usage) FROM cpu WHERE host =~ /[ab]/ AND usage > 1 "
                    + "OR procs < 3")).isEqualTo(node("count(usage::float)", null, 1, 3, 17));
            // Functions computed above storage read their field; a regex source counts each measurement's shard.
            assertThat(lines(node, "EXPLAIN SELECT median(usage) FROM /./"))
                    .isEqualTo(node("usage::float", null, 2, 5, 6));
            assertThat(lines(node, "EXPLAIN SELECT state, usage * 2 FROM cpu WHERE region = 'west'"))
                    .isEqualTo(node("<nil>", "state::string, usage::float", 1, 2, 5));
            assertThat(lines(node, "EXPLAIN SELECT nosuch FROM cpu")).containsExactly("");
        }
    }

    @Test
    void filesAndBlocksAreCountedOnceTheDataIsInFiles() throws Exception {
        try (TestNode node = node()) {
            node.flush();
            List<String> plan = lines(node, "EXPLAIN SELECT usage FROM cpu");
            assertThat(plan).startsWith("EXPRESSION: <nil>", "AUXILIARY FIELDS: usage::float", "NUMBER OF SHARDS: 1",
                    "NUMBER OF SERIES: 3", "CACHED VALUES: 0", "NUMBER OF FILES: 3", "NUMBER OF BLOCKS: 3");
            assertThat(Long.parseLong(plan.getLast().substring("SIZE OF BLOCKS: ".length()))).isPositive();
        }
    }

    @Test
    void explainAnalyzeRunsTheStatementAndReportsItsTimesAndPlan() throws Exception {
        try (TestNode node = node()) {
            List<StatementResult> results = node.query(
                    "EXPLAIN ANALYZE SELECT max(usage), host FROM cpu WHERE usage > 5 GROUP BY region", DB);
            assertThat(results.getFirst().series().getFirst().columns()).containsExactly("EXPLAIN ANALYZE");
            List<String> tree = results.getFirst().series().getFirst().values().stream()
                    .map(r -> (String) r.getFirst()).toList();
            assertThat(tree.getFirst()).isEqualTo(".");
            assertThat(tree.get(1)).isEqualTo("└── select");
            assertThat(tree.get(2)).startsWith("    ├── execution_time: ");
            assertThat(tree.get(3)).startsWith("    ├── planning_time: ");
            assertThat(tree.get(4)).startsWith("    ├── total_time: ");
            assertThat(tree.subList(5, tree.size())).containsExactly(
                    "    ├── rows: 2",
                    "    └── build_cursor",
                    "        ├── labels",
                    "        │   └── statement: SELECT max(usage), host FROM cpu WHERE usage > 5 GROUP BY region",
                    "        └── iterator_scanner",
                    "            ├── labels",
                    "            │   ├── auxiliary_fields: host::tag",
                    "            │   └── expr: max(usage::float)",
                    "            └── create_iterator",
                    "                ├── labels",
                    "                │   ├── cond: usage::float > 5",
                    "                │   ├── measurement: cpu",
                    "                │   └── shard_id: 1",
                    "                ├── series: 3",
                    "                ├── cursors_ref: 3",
                    "                ├── cursors_aux: 0",
                    "                ├── cursors_cond: 3",
                    "                ├── cached_values: 12",
                    "                ├── files: 0",
                    "                ├── blocks: 0",
                    "                └── blocks_size_bytes: 0");
        }
    }

    @Test
    void theStatementsErrorsAreTheSelectsOwn() throws Exception {
        try (TestNode node = node()) {
            // As in InfluxDB, a type that fails only when the iterators run fails EXPLAIN ANALYZE, not EXPLAIN.
            assertThat(lines(node, "EXPLAIN SELECT mean(state) FROM cpu"))
                    .isEqualTo(node("mean(state::string)", null, 1, 3, 5));
            assertError(node, DB, "EXPLAIN ANALYZE SELECT mean(state) FROM cpu",
                    "unsupported mean iterator type: *query.stringInterruptIterator");
            assertError(node, "nope", "EXPLAIN SELECT usage FROM cpu", "database not found: nope");
            assertError(node, DB, "EXPLAIN ANALYZE SELECT usage, mean(usage) FROM cpu",
                    "mixing aggregate and non-aggregate queries is not supported");
        }
    }
}
