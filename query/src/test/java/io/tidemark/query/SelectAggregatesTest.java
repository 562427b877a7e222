package io.tidemark.query;

import static io.tidemark.query.QueryAssertions.assertBody;
import static io.tidemark.query.QueryAssertions.assertEmpty;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Aggregates, selectors, fill and bucket times, checked against InfluxDB 1.8's documented and coded behaviour. */
class SelectAggregatesTest {
    private static final String DB = "db";
    private static final String RANGE = " WHERE time >= '2021-03-04T00:00:00Z' AND time < '2021-03-04T01:00:00Z'";

    @TempDir
    static Path dir;
    private static TestNode node;

    @BeforeAll
    static void load() throws Exception {
        node = new TestNode(dir);
        node.createDatabase(DB);
        node.load(DB, """
                gaps,host=a v=10i 1614816000
                gaps,host=a v=20i 1614816600
                gaps,host=a v=50i 1614818400
                sel,host=a v=5,w=1i 1614816000
                sel,host=b v=9,w=2i 1614816060
                sel,host=a v=7,w=3i 1614816660
                sel,host=b v=1,w=4i 1614816720
                sel,host=c v=9,w=5i 1614817200
                words,host=a s="x" 1614816000
                words,host=a s="y" 1614816060
                words,host=b s="x" 1614816120
                words,host=b s="z" 1614816660
                words,host=b s="y" 1614816720
                ramp v=0 1614816000
                ramp v=20 1614816020
                ramp v=40 1614816040
                flags ok=true,s="p" 1614816000
                flags ok=true 1614818400
                twice v=1 1614816000
                twice v=3 1614816010
                twice v=2 1614816020
                ties,host=a v=1 1614816000
                ties,host=a v=10 1614816010
                ties,host=b v=2 1614816000
                ties,host=b v=20 1614816010
                ties,host=c v=3 1614816000
                ties,host=c v=30 1614816010
                ties,host=d v=4 1614816000
                ties,host=d v=40 1614816010
                ties,host=b u=7 1614816005
                pick,host=a v=2,b=true 1614816000
                pick,host=b v=9,b=false 1614816000
                pick,host=c v=5,b=true 1614816000
                pick,host=d v=7 1614816000
                pick,host=e v=8 1614816000
                ties,host=a u=9 1614816010
                """);
    }

    @AfterAll
    static void close() throws Exception {
        node.close();
    }

    @Test
    void fillOptions() throws Exception {
        String q = "SELECT mean(v) FROM gaps" + RANGE + " GROUP BY time(10m)";
        assertBody(node, DB, q + " fill(linear)", """
                {"results":[{"statement_id":0,"series":[{"name":"gaps","columns":["time","mean"],"values":[
                ["2021-03-04T00:00:00Z",10],["2021-03-04T00:10:00Z",20],["2021-03-04T00:20:00Z",30],
                ["2021-03-04T00:30:00Z",40],["2021-03-04T00:40:00Z",50],["2021-03-04T00:50:00Z",null]]}]}]}""");
        assertBody(node, DB, q + " fill(previous)", """
                {"results":[{"statement_id":0,"series":[{"name":"gaps","columns":["time","mean"],"values":[
                ["2021-03-04T00:00:00Z",10],["2021-03-04T00:10:00Z",20],["2021-03-04T00:20:00Z",20],
                ["2021-03-04T00:30:00Z",20],["2021-03-04T00:40:00Z",50],["2021-03-04T00:50:00Z",50]]}]}]}""");
        assertBody(node, DB, q + " fill(7)", """
                {"results":[{"statement_id":0,"series":[{"name":"gaps","columns":["time","mean"],"values":[
                ["2021-03-04T00:00:00Z",10],["2021-03-04T00:10:00Z",20],["2021-03-04T00:20:00Z",7],
                ["2021-03-04T00:30:00Z",7],["2021-03-04T00:40:00Z",50],["2021-03-04T00:50:00Z",7]]}]}]}""");
        assertBody(node, DB, q + " fill(none)", """
                {"results":[{"statement_id":0,"series":[{"name":"gaps","columns":["time","mean"],"values":[
                ["2021-03-04T00:00:00Z",10],["2021-03-04T00:10:00Z",20],["2021-03-04T00:40:00Z",50]]}]}]}""");
    }

    @Test
    void numberFillGivesStringAndBooleanBucketsTheirZeroValue() throws Exception {
        assertBody(node, DB, "SELECT first(s), first(ok) FROM flags" + RANGE + " GROUP BY time(20m) fill(-1)", """
                {"results":[{"statement_id":0,"series":[{"name":"flags","columns":["time","first","first_1"],"values":[
                ["2021-03-04T00:00:00Z","p",true],["2021-03-04T00:20:00Z","",false],
                ["2021-03-04T00:40:00Z","",true]]}]}]}""");
    }

    @Test
    void countFillsEmptyBucketsWithZeroAndOtherCallsWithNull() throws Exception {
        assertBody(node, DB, "SELECT count(v), max(v) FROM gaps" + RANGE + " GROUP BY time(20m)", """
                {"results":[{"statement_id":0,"series":[{"name":"gaps","columns":["time","count","max"],"values":[
                ["2021-03-04T00:00:00Z",2,20],["2021-03-04T00:20:00Z",0,null],["2021-03-04T00:40:00Z",1,50]]}]}]}""");
    }

    @Test
    void aCallOfUnknownTypeStaysNullEvenWithANumberFill() throws Exception {
        // InfluxDB builds no iterator for max() of a missing field (its type is unknown); mean() is a float anyway.
        assertBody(node, DB, "SELECT mean(v), max(nosuch), mean(nosuch) FROM gaps" + RANGE
                + " GROUP BY time(20m) fill(7)", """
                {"results":[{"statement_id":0,"series":[{"name":"gaps","columns":["time","mean","max","mean_1"],
                "values":[["2021-03-04T00:00:00Z",15,null,7],["2021-03-04T00:20:00Z",7,null,7],
                ["2021-03-04T00:40:00Z",50,null,7]]}]}]}""");
    }

    @Test
    void limitAndOffsetCountBuckets() throws Exception {
        assertBody(node, DB, "SELECT count(v) FROM gaps" + RANGE + " GROUP BY time(10m) LIMIT 2 OFFSET 1", """
                {"results":[{"statement_id":0,"series":[{"name":"gaps","columns":["time","count"],"values":[
                ["2021-03-04T00:10:00Z",1],["2021-03-04T00:20:00Z",0]]}]}]}""");
    }

    @Test
    void descendingBucketsAreFilledFromTheEnd() throws Exception {
        assertBody(node, DB, "SELECT max(v) FROM gaps" + RANGE + " GROUP BY time(20m) ORDER BY time DESC", """
                {"results":[{"statement_id":0,"series":[{"name":"gaps","columns":["time","max"],"values":[
                ["2021-03-04T00:40:00Z",50],["2021-03-04T00:20:00Z",null],["2021-03-04T00:00:00Z",20]]}]}]}""");
    }

    @Test
    void aLoneSelectorReportsThePointsTimeAndCarriesAuxiliaryValues() throws Exception {
        assertBody(node, DB, "SELECT max(v), host, w FROM sel", """
                {"results":[{"statement_id":0,"series":[{"name":"sel","columns":["time","max","host","w"],"values":[
                ["2021-03-04T00:01:00Z",9,"b",2]]}]}]}""");
        assertBody(node, DB, "SELECT max(v) * 2 FROM sel", """
                {"results":[{"statement_id":0,"series":[{"name":"sel","columns":["time","max"],"values":[
                ["2021-03-04T00:01:00Z",18]]}]}]}""");
    }

    @Test
    void severalSelectorsReportTheStartOfTheRange() throws Exception {
        assertBody(node, DB, "SELECT max(v), min(v) FROM sel", """
                {"results":[{"statement_id":0,"series":[{"name":"sel","columns":["time","max","min"],"values":[
                ["1970-01-01T00:00:00Z",9,1]]}]}]}""");
        assertBody(node, DB, "SELECT first(w), last(w) FROM sel WHERE time >= '2021-03-04T00:01:00Z'", """
                {"results":[{"statement_id":0,"series":[{"name":"sel","columns":["time","first","last"],"values":[
                ["2021-03-04T00:01:00Z",2,5]]}]}]}""");
    }

    @Test
    void topAndBottomWithGroupByTimeKeepThePointsTimes() throws Exception {
        assertBody(node, DB, "SELECT top(v, 2) FROM sel" + RANGE + " GROUP BY time(10m)", """
                {"results":[{"statement_id":0,"series":[{"name":"sel","columns":["time","top"],"values":[
                ["2021-03-04T00:00:00Z",5],["2021-03-04T00:01:00Z",9],
                ["2021-03-04T00:11:00Z",7],["2021-03-04T00:12:00Z",1],
                ["2021-03-04T00:20:00Z",9]]}]}]}""");
        assertBody(node, DB, "SELECT bottom(v, host, 2) FROM sel", """
                {"results":[{"statement_id":0,"series":[{"name":"sel","columns":["time","bottom","host"],"values":[
                ["2021-03-04T00:00:00Z",5,"a"],["2021-03-04T00:12:00Z",1,"b"]]}]}]}""");
    }

    @Test
    void topBreaksTiesByTheEarliestPoint() throws Exception {
        assertBody(node, DB, "SELECT top(v, 1), host FROM sel", """
                {"results":[{"statement_id":0,"series":[{"name":"sel","columns":["time","top","host"],"values":[
                ["2021-03-04T00:01:00Z",9,"b"]]}]}]}""");
    }

    @Test
    void percentileAndMedian() throws Exception {
        assertBody(node, DB, "SELECT percentile(v, 50) FROM sel", """
                {"results":[{"statement_id":0,"series":[{"name":"sel","columns":["time","percentile"],"values":[
                ["2021-03-04T00:11:00Z",7]]}]}]}""");
        assertBody(node, DB, "SELECT median(w), percentile(w, 0), percentile(w, 100) FROM sel", """
                {"results":[{"statement_id":0,"series":[{"name":"sel","columns":["time","median","percentile",
                "percentile_1"],"values":[["1970-01-01T00:00:00Z",3,null,5]]}]}]}""");
    }

    @Test
    void distinctAndCountDistinct() throws Exception {
        assertBody(node, DB, "SELECT distinct(s) FROM words" + RANGE + " GROUP BY time(10m)", """
                {"results":[{"statement_id":0,"series":[{"name":"words","columns":["time","distinct"],"values":[
                ["2021-03-04T00:00:00Z","x"],["2021-03-04T00:00:00Z","y"],
                ["2021-03-04T00:10:00Z","z"],["2021-03-04T00:10:00Z","y"]]}]}]}""");
        assertBody(node, DB, "SELECT count(distinct(s)) FROM words GROUP BY host", """
                {"results":[{"statement_id":0,"series":[
                {"name":"words","tags":{"host":"a"},"columns":["time","count"],"values":[["1970-01-01T00:00:00Z",2]]},
                {"name":"words","tags":{"host":"b"},"columns":["time","count"],"values":[["1970-01-01T00:00:00Z",3]]}
                ]}]}""");
    }

    @Test
    void distinctUnderOrderByTimeDescOrdersValuesByTheirLatestOccurrence() throws Exception {
        // As InfluxDB 1.8 does: its reducer keeps the time a value is first fed, the latest under DESC (x 00:02,
        // y 00:12, z 00:11), and the points are sorted by that time in the statement's order. (1.6.7 sorted them
        // ascending whatever the order; by earliest occurrence it would be z, y, x.)
        assertBody(node, DB, "SELECT distinct(s) FROM words ORDER BY time DESC", """
                {"results":[{"statement_id":0,"series":[{"name":"words","columns":["time","distinct"],"values":[
                ["1970-01-01T00:00:00Z","y"],["1970-01-01T00:00:00Z","z"],["1970-01-01T00:00:00Z","x"]]}]}]}""");
        assertBody(node, DB, "SELECT distinct(s) FROM words ORDER BY time DESC LIMIT 1 OFFSET 1", """
                {"results":[{"statement_id":0,"series":[{"name":"words","columns":["time","distinct"],"values":[
                ["1970-01-01T00:00:00Z","z"]]}]}]}""");
    }

    @Test
    void modeBreaksTiesAsInfluxDbDoes() throws Exception {
        // x and y occur twice each; InfluxDB compares the first time of y's run (00:01) with the last time of x's
        // run (00:02), so y wins.
        assertBody(node, DB, "SELECT mode(s) FROM words", """
                {"results":[{"statement_id":0,"series":[{"name":"words","columns":["time","mode"],"values":[
                ["1970-01-01T00:00:00Z","y"]]}]}]}""");
        assertBody(node, DB, "SELECT mode(s) FROM words WHERE host = 'b'", """
                {"results":[{"statement_id":0,"series":[{"name":"words","columns":["time","mode"],"values":[
                ["1970-01-01T00:00:00Z","x"]]}]}]}""");
    }

    @Test
    void sampleOfMoreThanTheCountReturnsEveryPointInTimeOrder() throws Exception {
        assertBody(node, DB, "SELECT sample(w, 10) FROM sel WHERE host = 'b'", """
                {"results":[{"statement_id":0,"series":[{"name":"sel","columns":["time","sample"],"values":[
                ["2021-03-04T00:01:00Z",2],["2021-03-04T00:12:00Z",4]]}]}]}""");
    }

    @Test
    void integralCutsAtBucketEndsByInterpolation() throws Exception {
        assertBody(node, DB, "SELECT integral(v) FROM ramp" + RANGE + " GROUP BY time(30s)", """
                {"results":[{"statement_id":0,"series":[{"name":"ramp","columns":["time","integral"],"values":[
                ["2021-03-04T00:00:00Z",450],["2021-03-04T00:00:30Z",350]]}]}]}""");
        assertBody(node, DB, "SELECT integral(v, 1m) FROM ramp", """
                {"results":[{"statement_id":0,"series":[{"name":"ramp","columns":["time","integral"],"values":[
                ["1970-01-01T00:00:00Z",13.333333333333334]]}]}]}""");
    }

    @Test
    void integralReadsTheSourcesOneAfterTheOther() throws Exception {
        // As InfluxDB 1.6.7 answers (checked by hand): FROM twice, twice feeds the points 1, 3, 2 and then the same
        // again, and the step back in time subtracts its trapezium: 20 + 25, then -30, then 20 + 25.
        assertBody(node, DB, "SELECT integral(v) FROM twice", """
                {"results":[{"statement_id":0,"series":[{"name":"twice","columns":["time","integral"],"values":[
                ["1970-01-01T00:00:00Z",45]]}]}]}""");
        assertBody(node, DB, "SELECT integral(v) FROM twice, twice", """
                {"results":[{"statement_id":0,"series":[{"name":"twice","columns":["time","integral"],"values":[
                ["1970-01-01T00:00:00Z",60]]}]}]}""");
    }

    @Test
    void integralKeepsThePointsOfOneTimeInGoHeapOrder() throws Exception {
        // InfluxDB merges the series through Go's container/heap and its reducer keeps the last point of a time:
        // the heap yields a, d, b, c at the first time (c's 3 is kept) and b first at the second, so the area is
        // (3 + 20) / 2 * 10 = 115; series order (d's 4, then a's 10) would give 70. Descending, the series start
        // reversed and the heap keeps b's 20, then meets c's 3 first: -115.
        assertBody(node, DB, "SELECT integral(v) FROM ties", """
                {"results":[{"statement_id":0,"series":[{"name":"ties","columns":["time","integral"],"values":[
                ["1970-01-01T00:00:00Z",115]]}]}]}""");
        assertBody(node, DB, "SELECT integral(v) FROM ties ORDER BY time DESC", """
                {"results":[{"statement_id":0,"series":[{"name":"ties","columns":["time","integral"],"values":[
                ["1970-01-01T00:00:00Z",-115]]}]}]}""");
        // Each call's field is merged on its own, as InfluxDB builds each call's input: b's u at 00:05, where it has
        // no v, is not in v's heap (with it there, the heap would meet c's 30 first at 00:10: (3 + 30) / 2 * 10).
        assertBody(node, DB, "SELECT integral(v), integral(u) FROM ties", """
                {"results":[{"statement_id":0,"series":[{"name":"ties","columns":["time","integral","integral_1"],
                "values":[["1970-01-01T00:00:00Z",115,40]]}]}]}""");
    }

    @Test
    void firstAndLastWithoutGroupByTimeChooseBetweenTheFirstTwoPointsOfTheMerge() throws Exception {
        // As InfluxDB 1.6.7 answers: its shard merge (Go's heap) yields a's 2, then e's 8 at the one instant, and its
        // LIMIT 1 lets those two through to the reducer, which keeps the larger: 8, not the largest of all (9). For
        // last() the series start reversed: e, then a. With a tag beside, the heap orders by the tag: a, b (9) for
        // first(), e, d (8) for last(). first() of booleans prefers false.
        assertBody(node, DB, "SELECT first(v) FROM pick", """
                {"results":[{"statement_id":0,"series":[{"name":"pick","columns":["time","first"],"values":[
                ["2021-03-04T00:00:00Z",8]]}]}]}""");
        assertBody(node, DB, "SELECT last(v) FROM pick", """
                {"results":[{"statement_id":0,"series":[{"name":"pick","columns":["time","last"],"values":[
                ["2021-03-04T00:00:00Z",8]]}]}]}""");
        // The same points read rather than taken from statistics (a field condition).
        assertBody(node, DB, "SELECT first(v) FROM pick WHERE v >= 0", """
                {"results":[{"statement_id":0,"series":[{"name":"pick","columns":["time","first"],"values":[
                ["2021-03-04T00:00:00Z",8]]}]}]}""");
        assertBody(node, DB, "SELECT first(v), host FROM pick", """
                {"results":[{"statement_id":0,"series":[{"name":"pick","columns":["time","first","host"],"values":[
                ["2021-03-04T00:00:00Z",9,"b"]]}]}]}""");
        assertBody(node, DB, "SELECT last(v), host FROM pick", """
                {"results":[{"statement_id":0,"series":[{"name":"pick","columns":["time","last","host"],"values":[
                ["2021-03-04T00:00:00Z",8,"e"]]}]}]}""");
        assertBody(node, DB, "SELECT first(b), host FROM pick", """
                {"results":[{"statement_id":0,"series":[{"name":"pick","columns":["time","first","host"],"values":[
                ["2021-03-04T00:00:00Z",false,"b"]]}]}]}""");
    }

    @Test
    void spreadStddevSumOfIntegers() throws Exception {
        assertBody(node, DB, "SELECT spread(w), stddev(w), sum(w), mean(w) FROM sel", """
                {"results":[{"statement_id":0,"series":[{"name":"sel","columns":["time","spread","stddev","sum",
                "mean"],"values":[["1970-01-01T00:00:00Z",4,1.5811388300841898,15,3]]}]}]}""");
    }

    @Test
    void stddevOfOnePointIsNull() throws Exception {
        assertBody(node, DB, "SELECT stddev(v) FROM sel WHERE host = 'c'", """
                {"results":[{"statement_id":0,"series":[{"name":"sel","columns":["time","stddev"],"values":[
                ["1970-01-01T00:00:00Z",null]]}]}]}""");
    }

    @Test
    void wildcardArgumentsExpandToTheFieldsOfSupportedTypes() throws Exception {
        assertBody(node, DB, "SELECT max(*) FROM sel", """
                {"results":[{"statement_id":0,"series":[{"name":"sel","columns":["time","max_v","max_w"],"values":[
                ["1970-01-01T00:00:00Z",9,5]]}]}]}""");
        assertBody(node, DB, "SELECT count(/^[vw]$/) FROM sel WHERE host = 'a'", """
                {"results":[{"statement_id":0,"series":[{"name":"sel","columns":["time","count_v","count_w"],
                "values":[["1970-01-01T00:00:00Z",2,2]]}]}]}""");
    }

    @Test
    void noPointsInTheRangeIsAnEmptyResult() throws Exception {
        assertEmpty(node, DB, "SELECT mean(v) FROM gaps WHERE time > '2030-01-01T00:00:00Z'");
        assertEmpty(node, DB, "SELECT count(nosuch) FROM gaps");
        assertEmpty(node, DB, "SELECT count(host) FROM gaps");
    }

    @Test
    void groupByTimeWithoutUpperBoundEndsAtNow() throws Exception {
        // The node's clock says 2021-06-01; buckets run from the first point's day to that day.
        Object body = QueryAssertions.body(node, DB, "SELECT count(v) FROM gaps GROUP BY time(1d)");
        @SuppressWarnings("unchecked")
        var values = (java.util.List<Object>) ((java.util.Map<String, Object>) ((java.util.List<Object>)
                ((java.util.Map<String, Object>) ((java.util.List<Object>) ((java.util.Map<String, Object>) body)
                        .get("results")).getFirst()).get("series")).getFirst()).get("values");
        org.assertj.core.api.Assertions.assertThat(values).hasSize(90);
        org.assertj.core.api.Assertions.assertThat(values.getFirst())
                .isEqualTo(java.util.List.of("2021-03-04T00:00:00Z", 3L));
        org.assertj.core.api.Assertions.assertThat(values.getLast())
                .isEqualTo(java.util.List.of("2021-06-01T00:00:00Z", 0L));
    }
}
