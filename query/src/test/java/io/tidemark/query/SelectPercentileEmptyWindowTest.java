package io.tidemark.query;

import static io.tidemark.query.QueryAssertions.assertBody;
import static io.tidemark.query.QueryAssertions.assertChunks;
import static io.tidemark.query.QueryAssertions.assertEmpty;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * percentile() with a window whose rank falls outside it ({@code floor(n * p / 100 + 0.5) < 1}, here p = 5 with
 * fewer than 10 points). InfluxDB's reduce iterator returns nil for such a window, which its consumers take for the
 * end for a moment: the fill iterator fills the window (or, once the group's buckets are done, passes the nil on);
 * a lone call's cursor returns false, on which the emitter hands on its rows and asks again, and stops when the
 * next answer is false too; beside other calls the cursor goes on with their rows, so the call's next point can
 * come out after a later row. The expected answers are InfluxDB 1.6.7's (the same code in 1.8.10).
 */
class SelectPercentileEmptyWindowTest {
    private static final String DB = "db";
    private static final String RANGE = " WHERE time >= '2021-03-04T00:00:00Z' AND time < '2021-03-04T00:40:00Z'";
    private static final long BASE = 1_614_816_000L;

    @TempDir
    static Path dir;
    private static TestNode node;

    @BeforeAll
    static void load() throws Exception {
        node = new TestNode(dir);
        node.createDatabase(DB);
        StringBuilder lines = new StringBuilder();
        // Points per 10-minute window: a: 12, 3, 12; b: 12, 12, 2; c: 3, 12.
        points(lines, "a", 0, 12, 10);
        points(lines, "a", 1, 3, 20);
        points(lines, "a", 2, 12, 30);
        points(lines, "b", 0, 12, 40);
        points(lines, "b", 1, 12, 50);
        points(lines, "b", 2, 2, 60);
        points(lines, "c", 0, 3, 70);
        points(lines, "c", 1, 12, 80);
        // q: field v in a's windows 0 (3 points) and 1 (12), field w in window 2; b has v in 0 (12) and 1 (2),
        // w in 0 and 2.
        for (int i = 0; i < 3; i++) {
            lines.append("q,g=a v=").append(10 + i).append(".5 ").append(BASE + i * 10).append('\n');
        }
        for (int i = 0; i < 12; i++) {
            lines.append("q,g=a v=").append(20 + i).append(".5 ").append(BASE + 600 + i * 10).append('\n');
            lines.append("q,g=b v=").append(40 + i).append(".5 ").append(BASE + i * 10).append('\n');
        }
        for (int i = 0; i < 2; i++) {
            lines.append("q,g=a w=").append(i).append(".5 ").append(BASE + 1200 + i * 10 + 5).append('\n');
            lines.append("q,g=b v=").append(50 + i).append(".5 ").append(BASE + 600 + i * 10).append('\n');
        }
        lines.append("q,g=b w=0.5 ").append(BASE + 5).append('\n');
        lines.append("q,g=b w=0.5 ").append(BASE + 1205).append('\n');
        node.load(DB, lines.toString());
    }

    /** {@code n} points of group {@code g} in 10-minute window {@code w}, values start.5, start+1.5, ... */
    private static void points(StringBuilder lines, String g, int w, int n, int start) {
        for (int i = 0; i < n; i++) {
            lines.append("p,g=").append(g).append(" v=").append(start + i).append(".5,u=").append(100 + start + i)
                    .append("i ").append(BASE + w * 600L + i * 10).append('\n');
        }
    }

    @AfterAll
    static void close() throws Exception {
        node.close();
    }

    @Test
    void withoutFillTwoEmptyWindowsInARowEndTheOutput() throws Exception {
        // a's empty window only splits a's rows; b's last window and c's first one follow each other, so c is
        // never read.
        assertBody(node, DB, "SELECT percentile(v, 5) FROM p" + RANGE + " GROUP BY time(10m), g fill(none)", """
                {"results":[{"statement_id":0,"series":[
                {"name":"p","tags":{"g":"a"},"columns":["time","percentile"],"values":[
                ["2021-03-04T00:00:00Z",10.5],["2021-03-04T00:20:00Z",30.5]]},
                {"name":"p","tags":{"g":"b"},"columns":["time","percentile"],"values":[
                ["2021-03-04T00:00:00Z",40.5],["2021-03-04T00:10:00Z",50.5]]}]}]}""");
        assertBody(node, DB, "SELECT percentile(v, 5), u FROM p" + RANGE + " GROUP BY time(10m), g fill(none)", """
                {"results":[{"statement_id":0,"series":[
                {"name":"p","tags":{"g":"a"},"columns":["time","percentile","u"],"values":[
                ["2021-03-04T00:00:00Z",10.5,110],["2021-03-04T00:20:00Z",30.5,130]]},
                {"name":"p","tags":{"g":"b"},"columns":["time","percentile","u"],"values":[
                ["2021-03-04T00:00:00Z",40.5,140],["2021-03-04T00:10:00Z",50.5,150]]}]}]}""");
    }

    @Test
    void descendingOrderMeetsTheEmptyWindowsTheOtherWayRound() throws Exception {
        assertBody(node, DB, "SELECT percentile(v, 5) FROM p" + RANGE
                + " GROUP BY time(10m), g fill(none) ORDER BY time DESC", """
                {"results":[{"statement_id":0,"series":[
                {"name":"p","tags":{"g":"c"},"columns":["time","percentile"],"values":[
                ["2021-03-04T00:10:00Z",80.5]]}]}]}""");
    }

    @Test
    void anEmptyFirstWindowGivesNoSeriesAtAll() throws Exception {
        assertEmpty(node, DB, "SELECT percentile(v, 5) FROM p" + RANGE + " AND g = 'c' GROUP BY time(10m)");
        assertEmpty(node, DB, "SELECT percentile(v, 5) FROM p WHERE time >= '2021-03-04T00:10:00Z'"
                + " AND time < '2021-03-04T00:20:00Z' GROUP BY g");
    }

    @Test
    void withoutGroupByTimeAnEmptyGroupEndsTheOutputWhenNothingFollowsIt() throws Exception {
        // b's window has 2 points and c has none there.
        assertBody(node, DB, "SELECT percentile(v, 5) FROM p WHERE time >= '2021-03-04T00:20:00Z'"
                + " AND time < '2021-03-04T00:30:00Z' GROUP BY g", """
                {"results":[{"statement_id":0,"series":[
                {"name":"p","tags":{"g":"a"},"columns":["time","percentile"],"values":[
                ["2021-03-04T00:20:00Z",30.5]]}]}]}""");
    }

    @Test
    void fillFillsAnEmptyWindowLikeAMissingOne() throws Exception {
        assertBody(node, DB, "SELECT percentile(v, 5) FROM p" + RANGE + " GROUP BY time(10m), g", """
                {"results":[{"statement_id":0,"series":[
                {"name":"p","tags":{"g":"a"},"columns":["time","percentile"],"values":[
                ["2021-03-04T00:00:00Z",10.5],["2021-03-04T00:10:00Z",null],["2021-03-04T00:20:00Z",30.5],
                ["2021-03-04T00:30:00Z",null]]},
                {"name":"p","tags":{"g":"b"},"columns":["time","percentile"],"values":[
                ["2021-03-04T00:00:00Z",40.5],["2021-03-04T00:10:00Z",50.5],["2021-03-04T00:20:00Z",null],
                ["2021-03-04T00:30:00Z",null]]},
                {"name":"p","tags":{"g":"c"},"columns":["time","percentile"],"values":[
                ["2021-03-04T00:00:00Z",null],["2021-03-04T00:10:00Z",80.5],["2021-03-04T00:20:00Z",null],
                ["2021-03-04T00:30:00Z",null]]}]}]}""");
        assertBody(node, DB, "SELECT percentile(v, 5) FROM p" + RANGE + " GROUP BY time(10m), g fill(linear)", """
                {"results":[{"statement_id":0,"series":[
                {"name":"p","tags":{"g":"a"},"columns":["time","percentile"],"values":[
                ["2021-03-04T00:00:00Z",10.5],["2021-03-04T00:10:00Z",20.5],["2021-03-04T00:20:00Z",30.5],
                ["2021-03-04T00:30:00Z",null]]},
                {"name":"p","tags":{"g":"b"},"columns":["time","percentile"],"values":[
                ["2021-03-04T00:00:00Z",40.5],["2021-03-04T00:10:00Z",50.5],["2021-03-04T00:20:00Z",null],
                ["2021-03-04T00:30:00Z",null]]},
                {"name":"p","tags":{"g":"c"},"columns":["time","percentile"],"values":[
                ["2021-03-04T00:00:00Z",null],["2021-03-04T00:10:00Z",80.5],["2021-03-04T00:20:00Z",null],
                ["2021-03-04T00:30:00Z",null]]}]}]}""");
    }

    @Test
    void chunkedTheHandedOnRowsAreAResultOfTheirOwn() throws Exception {
        assertChunks(node, DB, "SELECT percentile(v, 5) FROM p" + RANGE + " GROUP BY time(10m), g fill(none)", 100,
                """
                [{"results":[{"statement_id":0,"series":[{"name":"p","tags":{"g":"a"},"columns":["time","percentile"],
                "values":[["2021-03-04T00:00:00Z",10.5]]}]}]},
                {"results":[{"statement_id":0,"series":[{"name":"p","tags":{"g":"a"},"columns":["time","percentile"],
                "values":[["2021-03-04T00:20:00Z",30.5]]}],"partial":true}]},
                {"results":[{"statement_id":0,"series":[{"name":"p","tags":{"g":"b"},"columns":["time","percentile"],
                "values":[["2021-03-04T00:00:00Z",40.5],["2021-03-04T00:10:00Z",50.5]]}]}]}]""");
    }

    @Test
    void besideAnotherCallTheEmptyWindowIsNullAndTheNextPointCanComeLate() throws Exception {
        assertBody(node, DB, "SELECT percentile(v, 5), count(v) FROM p" + RANGE + " GROUP BY time(10m), g fill(none)",
                """
                {"results":[{"statement_id":0,"series":[
                {"name":"p","tags":{"g":"a"},"columns":["time","percentile","count"],"values":[
                ["2021-03-04T00:00:00Z",10.5,12],["2021-03-04T00:10:00Z",null,3],["2021-03-04T00:20:00Z",30.5,12]]},
                {"name":"p","tags":{"g":"b"},"columns":["time","percentile","count"],"values":[
                ["2021-03-04T00:00:00Z",40.5,12],["2021-03-04T00:10:00Z",50.5,12],["2021-03-04T00:20:00Z",null,2]]},
                {"name":"p","tags":{"g":"c"},"columns":["time","percentile","count"],"values":[
                ["2021-03-04T00:00:00Z",null,3],["2021-03-04T00:10:00Z",80.5,12]]}]}]}""");
        // a: percentile's window 0 is empty, so the cursor takes count(w)'s 00:20 row first and percentile's
        // 00:10 point comes after it.
        assertBody(node, DB, "SELECT percentile(v, 5), count(w) FROM q" + RANGE + " GROUP BY time(10m), g fill(none)",
                """
                {"results":[{"statement_id":0,"series":[
                {"name":"q","tags":{"g":"a"},"columns":["time","percentile","count"],"values":[
                ["2021-03-04T00:20:00Z",null,2],["2021-03-04T00:10:00Z",20.5,null]]},
                {"name":"q","tags":{"g":"b"},"columns":["time","percentile","count"],"values":[
                ["2021-03-04T00:00:00Z",40.5,1],["2021-03-04T00:20:00Z",null,1]]}]}]}""");
        assertBody(node, DB, "SELECT percentile(v, 5), count(w) FROM q" + RANGE + " GROUP BY time(10m), g", """
                {"results":[{"statement_id":0,"series":[
                {"name":"q","tags":{"g":"a"},"columns":["time","percentile","count"],"values":[
                ["2021-03-04T00:00:00Z",null,0],["2021-03-04T00:10:00Z",20.5,0],["2021-03-04T00:20:00Z",null,2],
                ["2021-03-04T00:30:00Z",null,0]]},
                {"name":"q","tags":{"g":"b"},"columns":["time","percentile","count"],"values":[
                ["2021-03-04T00:00:00Z",40.5,1],["2021-03-04T00:10:00Z",null,0],["2021-03-04T00:20:00Z",null,1],
                ["2021-03-04T00:30:00Z",null,0]]}]}]}""");
    }
}
