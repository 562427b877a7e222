package io.tidemark.query;

import static io.tidemark.query.QueryAssertions.assertBody;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * top(f, N) and bottom(f, N) under LIMIT/OFFSET: InfluxDB builds the selector's input with the statement's LIMIT and
 * OFFSET still set, so the engine hands it only the first LIMIT + OFFSET + 1 points (in the statement's time order)
 * of each output group in each shard. The data lies on both sides of the shard group boundary of Monday
 * 2021-03-08; the expected answers are InfluxDB 1.6.7's (1.8.10 builds the same iterators), except where noted.
 */
class SelectTopBottomLimitTest {
    private static final String DB = "db";

    @TempDir
    static Path dir;
    private static TestNode node;

    @BeforeAll
    static void load() throws Exception {
        node = new TestNode(dir);
        node.createDatabase(DB);
        StringBuilder lines = new StringBuilder();
        long boundary = 1_615_161_600L;
        int[] a = {5, 1, 9, 3, 7, 2, 8, 20};
        int[] b = {4, 6, 0, 10, 11, 12, 13, 14};
        for (int i = 0; i < a.length; i++) {
            lines.append("t,h=a v=").append(a[i]).append(' ').append(boundary - 3 * 3600 + i * 1800L).append('\n');
        }
        for (int i = 0; i < b.length; i++) {
            lines.append("t,h=b v=").append(b[i]).append(' ').append(boundary - 3 * 3600 + i * 1800L + 60)
                    .append('\n');
        }
        node.load(DB, lines.toString());
    }

    @AfterAll
    static void close() throws Exception {
        node.close();
    }

    @Test
    void offsetLetsTheSelectorSeeOffsetPlusOnePointsPerShard() throws Exception {
        // Per shard the first 2 points: 5, 4 before the boundary, 8, 13 after it.
        assertBody(node, DB, "SELECT bottom(v, 3) FROM t OFFSET 1", """
                {"results":[{"statement_id":0,"series":[{"name":"t","columns":["time","bottom"],"values":[
                ["2021-03-07T21:01:00Z",4],["2021-03-08T00:00:00Z",8]]}]}]}""");
    }

    @Test
    void aFieldConditionIsAppliedBeforeThePointsAreCounted() throws Exception {
        // v > 2, first 3 per shard: 5, 4, 6 and 8, 13, 20.
        assertBody(node, DB, "SELECT top(v, 2), h FROM t WHERE v > 2 LIMIT 2", """
                {"results":[{"statement_id":0,"series":[{"name":"t","columns":["time","top","h"],"values":[
                ["2021-03-08T00:01:00Z",13,"b"],["2021-03-08T00:30:00Z",20,"a"]]}]}]}""");
    }

    @Test
    void withGroupByTimeOnlyTheEarliestBucketsGetPoints() throws Exception {
        assertBody(node, DB, "SELECT top(v, 2) FROM t GROUP BY time(1h) LIMIT 2", """
                {"results":[{"statement_id":0,"series":[{"name":"t","columns":["time","top"],"values":[
                ["2021-03-07T21:00:00Z",5],["2021-03-07T21:01:00Z",4]]}]}]}""");
        assertBody(node, DB, "SELECT top(v, 2) FROM t WHERE time >= '2021-03-07T22:00:00Z' GROUP BY time(1h) LIMIT 2",
                """
                {"results":[{"statement_id":0,"series":[{"name":"t","columns":["time","top"],"values":[
                ["2021-03-07T22:00:00Z",9],["2021-03-07T22:30:00Z",3]]}]}]}""");
    }

    @Test
    void eachGroupIsCutOnItsOwn() throws Exception {
        // h=a: 5, 1, 9 | 8, 20; h=b: 4, 6, 0 | 13, 14.
        assertBody(node, DB, "SELECT top(v, 2) FROM t GROUP BY h LIMIT 2", """
                {"results":[{"statement_id":0,"series":[
                {"name":"t","tags":{"h":"a"},"columns":["time","top"],"values":[
                ["2021-03-07T22:00:00Z",9],["2021-03-08T00:30:00Z",20]]},
                {"name":"t","tags":{"h":"b"},"columns":["time","top"],"values":[
                ["2021-03-08T00:01:00Z",13],["2021-03-08T00:31:00Z",14]]}]}]}""");
    }

    @Test
    void descendingOrderCutsTheLatestPoints() throws Exception {
        // The last 3 points per shard: 12, 2, 11 and 14, 20, 13. InfluxDB 1.6.7 lists the two selected points in
        // ascending time; 1.8 (which Tidemark follows) in the statement's order.
        assertBody(node, DB, "SELECT bottom(v, 2) FROM t ORDER BY time DESC LIMIT 2", """
                {"results":[{"statement_id":0,"series":[{"name":"t","columns":["time","bottom"],"values":[
                ["2021-03-07T23:30:00Z",2],["2021-03-07T23:01:00Z",11]]}]}]}""");
    }

    @Test
    void tagArgumentsOrNoLimitSeeEveryPoint() throws Exception {
        assertBody(node, DB, "SELECT bottom(v, 3) FROM t", """
                {"results":[{"statement_id":0,"series":[{"name":"t","columns":["time","bottom"],"values":[
                ["2021-03-07T21:30:00Z",1],["2021-03-07T22:01:00Z",0],["2021-03-07T23:30:00Z",2]]}]}]}""");
        assertBody(node, DB, "SELECT bottom(v, h, 2) FROM t LIMIT 2", """
                {"results":[{"statement_id":0,"series":[{"name":"t","columns":["time","bottom","h"],"values":[
                ["2021-03-07T21:30:00Z",1,"a"],["2021-03-07T22:01:00Z",0,"b"]]}]}]}""");
    }
}
