package io.tidemark.query;

import static io.tidemark.query.QueryAssertions.assertBody;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * integral() of an integer field, which InfluxDB computes with {@code IntegerIntegralReducer}: its window is the
 * statement's time range when there is no GROUP BY time (so that is the time it reports, and a point on the lower
 * bound closes the window when reading backwards), and at a bucket end it keeps the previous point's value while
 * using the interpolated one for the next bucket's first trapezium. Field {@code f} holds the same values as floats
 * for comparison. The expected answers are InfluxDB 1.6.7's (the same code in 1.8.10).
 */
class SelectIntegerIntegralTest {
    private static final String DB = "db";
    private static final String RANGE = " WHERE time >= '2021-03-04T00:00:00Z' AND time < '2021-03-04T00:10:00Z'";

    @TempDir
    static Path dir;
    private static TestNode node;

    @BeforeAll
    static void load() throws Exception {
        node = new TestNode(dir);
        node.createDatabase(DB);
        node.load(DB, """
                m,s=a i=10i,f=10 1614816000
                m,s=a i=20i,f=20 1614816030
                m,s=a i=40i,f=40 1614816090
                m,s=a i=0i,f=0 1614816150
                m,s=b i=5i,f=5 1614816100
                """);
    }

    @AfterAll
    static void close() throws Exception {
        node.close();
    }

    @Test
    void withoutGroupByTimeTheTimeIsTheRangeStart() throws Exception {
        assertBody(node, DB, "SELECT integral(i) FROM m", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","integral"],"values":[
                ["1970-01-01T00:00:00Z",2600]]}]}]}""");
        assertBody(node, DB, "SELECT integral(i) FROM m WHERE time >= '2021-03-04T00:00:00Z'", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","integral"],"values":[
                ["2021-03-04T00:00:00Z",2600]]}]}]}""");
        assertBody(node, DB, "SELECT integral(i) FROM m WHERE time > '2021-03-04T00:00:00Z'", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","integral"],"values":[
                ["2021-03-04T00:00:00.000000001Z",2150]]}]}]}""");
        assertBody(node, DB, "SELECT integral(f) FROM m WHERE time >= '2021-03-04T00:00:00Z'", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","integral"],"values":[
                ["1970-01-01T00:00:00Z",2600]]}]}]}""");
    }

    @Test
    void backwardsTheTimeIsJustAfterTheRangeEnd() throws Exception {
        assertBody(node, DB, "SELECT integral(i) FROM m ORDER BY time DESC", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","integral"],"values":[
                ["2262-04-11T23:47:16.854775807Z",-2600]]}]}]}""");
        assertBody(node, DB, "SELECT integral(i) FROM m WHERE time <= '2021-03-04T00:10:00Z' ORDER BY time DESC", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","integral"],"values":[
                ["2021-03-04T00:10:00.000000001Z",-2600]]}]}]}""");
        assertBody(node, DB, "SELECT integral(i) FROM m WHERE time < '2021-03-04T00:10:00Z' ORDER BY time DESC", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","integral"],"values":[
                ["2021-03-04T00:10:00Z",-2600]]}]}]}""");
    }

    @Test
    void backwardsAPointOnTheLowerBoundClosesTheWindow() throws Exception {
        assertBody(node, DB, "SELECT integral(i) FROM m" + RANGE + " ORDER BY time DESC", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","integral"],"values":[
                ["2021-03-04T00:10:00Z",-2600],["2021-03-04T00:10:00Z",0]]}]}]}""");
    }

    @Test
    void atABucketEndTheNextBucketStartsFromTheInterpolatedAndThePreviousValue() throws Exception {
        assertBody(node, DB, "SELECT integral(i) FROM m" + RANGE + " GROUP BY time(1m)", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","integral"],"values":[
                ["2021-03-04T00:00:00Z",1200],["2021-03-04T00:01:00Z",1055],["2021-03-04T00:02:00Z",120]]}]}]}""");
        assertBody(node, DB, "SELECT integral(f) FROM m" + RANGE + " GROUP BY time(1m)", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","integral"],"values":[
                ["2021-03-04T00:00:00Z",1200],["2021-03-04T00:01:00Z",1355],["2021-03-04T00:02:00Z",45]]}]}]}""");
        assertBody(node, DB, "SELECT integral(i) FROM m" + RANGE + " GROUP BY time(1m) ORDER BY time DESC", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","integral"],"values":[
                ["2021-03-04T00:03:00Z",-45],["2021-03-04T00:02:00Z",-1305],["2021-03-04T00:01:00Z",-1500],
                ["2021-03-04T00:01:00Z",0]]}]}]}""");
    }
}
