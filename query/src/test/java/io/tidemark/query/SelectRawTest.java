package io.tidemark.query;

import static io.tidemark.query.QueryAssertions.assertBody;
import static io.tidemark.query.QueryAssertions.assertEmpty;
import static io.tidemark.query.QueryAssertions.assertError;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw SELECTs: projections, conditions, ordering, several shards and measurements. */
class SelectRawTest {
    private static final String DB = "db";

    @TempDir
    static Path dir;
    private static TestNode node;

    @BeforeAll
    static void load() throws Exception {
        node = new TestNode(dir);
        node.createDatabase(DB);
        node.load(DB, """
                m,host=a,dc=x a=1,b=10i 1614816000
                m,host=b,dc=x a=2 1614816000
                m,host=a,dc=x a=3,b=30i 1614816060
                m,host=b,dc=y a=4,b=40i 1614816120
                n,host=a c="hello" 1614816000
                """);
        // A retention policy with one-hour shard groups, written across three of them, the field an integer in the
        // first and a float in the others.
        node.createDatabase("multi");
        node.createRetentionPolicy("multi", "hourly", Duration.ZERO, Duration.ofHours(1), true);
        node.load("multi", "hourly", """
                s,k=1 v=1i 1614816000
                s,k=1 v=2.5 1614819600
                s,k=2 v=3.5 1614819660
                s,k=1 v=4.5 1614823200
                """, "s");
        // Three points in each of two one-hour shard groups.
        node.createDatabase("offsets");
        node.createRetentionPolicy("offsets", "hourly", Duration.ZERO, Duration.ofHours(1), true);
        node.load("offsets", "hourly", """
                o v=1 1614816000
                o v=2 1614816060
                o v=3 1614816120
                o v=4 1614819600
                o v=5 1614819660
                o v=6 1614819720
                """, "s");
        // One series lacks the env tag.
        node.createDatabase("slimits");
        node.load("slimits", """
                t,env=prod,host=h2 v=1 1614816000
                t,host=h1 v=2 1614816000
                t,env=dev,host=h3 v=3 1614816000
                """);
        // Four series at one instant, whose key order (by dc) is not their host order.
        node.createDatabase("aligned");
        node.load("aligned", """
                p,dc=x,host=z v=9 1614816000
                p,dc=y,host=a v=5 1614816000
                p,dc=z,host=m v=2 1614816000
                p,dc=w,host=b v=1 1614816000
                """);
        // Some points lack the boolean field ok.
        node.createDatabase("bools");
        node.load("bools", """
                m,h=a ok=true,v=1 1614816000
                m,h=a ok=false,v=2 1614816060
                m,h=a v=3 1614816120
                m,h=b v=4 1614816180
                m,h=b ok=false,v=5 1614816240
                """);
        // x and y are not always written together.
        node.createDatabase("sparse");
        node.load("sparse", """
                g,h=a x=1,y=10 1614816000
                g,h=a y=11 1614816060
                g,h=a x=5 1614816120
                g,h=a x=7,y=13 1614816180
                g,h=b x=6,y=20 1614816030
                g,h=b y=21 1614816090
                g,h=b x=2,y=22 1614816150
                """);
        // Two fields over three one-hour shard groups; y alone in the first hour.
        node.createRetentionPolicy("sparse", "hourly", Duration.ZERO, Duration.ofHours(1), false);
        node.load("sparse", "hourly", """
                p y=1 1614816000
                p y=2 1614816060
                p x=1,y=3 1614819600
                p x=9,y=4 1614819660
                p y=5 1614823200
                p x=8 1614823260
                p x=7,y=6 1614823320
                """, "s");
    }

    @AfterAll
    static void close() throws Exception {
        node.close();
    }

    @Test
    void rowsAtOneTimeComeInInfluxDbsMergeOrder() throws Exception {
        // As InfluxDB 1.6.7 answers: its merge orders points at one time by the string values selected beside them
        // (host), in the statement's direction, so LIMIT keeps a, b, m; with no string selected, Go's heap decides
        // (the first series in key order, then the others from the last: w, z, y, x; descending, from z).
        assertBody(node, "aligned", "SELECT v, host FROM p LIMIT 3", """
                {"results":[{"statement_id":0,"series":[{"name":"p","columns":["time","v","host"],"values":[
                ["2021-03-04T00:00:00Z",5,"a"],["2021-03-04T00:00:00Z",1,"b"],["2021-03-04T00:00:00Z",2,"m"]]}]}]}""");
        assertBody(node, "aligned", "SELECT v, host FROM p ORDER BY time DESC LIMIT 2", """
                {"results":[{"statement_id":0,"series":[{"name":"p","columns":["time","v","host"],"values":[
                ["2021-03-04T00:00:00Z",9,"z"],["2021-03-04T00:00:00Z",2,"m"]]}]}]}""");
        assertBody(node, "aligned", "SELECT v FROM p", """
                {"results":[{"statement_id":0,"series":[{"name":"p","columns":["time","v"],"values":[
                ["2021-03-04T00:00:00Z",1],["2021-03-04T00:00:00Z",2],["2021-03-04T00:00:00Z",5],
                ["2021-03-04T00:00:00Z",9]]}]}]}""");
        assertBody(node, "aligned", "SELECT v FROM p ORDER BY time DESC", """
                {"results":[{"statement_id":0,"series":[{"name":"p","columns":["time","v"],"values":[
                ["2021-03-04T00:00:00Z",2],["2021-03-04T00:00:00Z",1],["2021-03-04T00:00:00Z",9],
                ["2021-03-04T00:00:00Z",5]]}]}]}""");
    }

    @Test
    void rowsOfSeveralSeriesAreMergedByTime() throws Exception {
        assertBody(node, DB, "SELECT a, b, host FROM m", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","a","b","host"],"values":[
                ["2021-03-04T00:00:00Z",1,10,"a"],["2021-03-04T00:00:00Z",2,null,"b"],
                ["2021-03-04T00:01:00Z",3,30,"a"],["2021-03-04T00:02:00Z",4,40,"b"]]}]}]}""");
    }

    @Test
    void descendingOrderReversesRowsAndGroups() throws Exception {
        assertBody(node, DB, "SELECT a FROM m GROUP BY host ORDER BY time DESC", """
                {"results":[{"statement_id":0,"series":[
                {"name":"m","tags":{"host":"b"},"columns":["time","a"],"values":[
                ["2021-03-04T00:02:00Z",4],["2021-03-04T00:00:00Z",2]]},
                {"name":"m","tags":{"host":"a"},"columns":["time","a"],"values":[
                ["2021-03-04T00:01:00Z",3],["2021-03-04T00:00:00Z",1]]}]}]}""");
    }

    @Test
    void seriesLimitAndOffsetApplyToGroups() throws Exception {
        assertBody(node, DB, "SELECT a FROM m GROUP BY dc, host SLIMIT 2 SOFFSET 1", """
                {"results":[{"statement_id":0,"series":[
                {"name":"m","tags":{"dc":"x","host":"b"},"columns":["time","a"],"values":[["2021-03-04T00:00:00Z",2]]},
                {"name":"m","tags":{"dc":"y","host":"b"},"columns":["time","a"],"values":[["2021-03-04T00:02:00Z",4]]}
                ]}]}""");
    }

    @Test
    void fieldConditionsFilterRowsAndUseFieldsNotSelected() throws Exception {
        assertBody(node, DB, "SELECT a FROM m WHERE b >= 30 OR host = 'b' AND a < 3", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","a"],"values":[
                ["2021-03-04T00:00:00Z",2],["2021-03-04T00:01:00Z",3],["2021-03-04T00:02:00Z",4]]}]}]}""");
    }

    @Test
    void castsReadFieldsAsAnotherTypeOrAsTags() throws Exception {
        assertBody(node, DB, "SELECT a::integer, host::tag, host::field, dc FROM m WHERE time = '2021-03-04T00:02:00Z'",
                """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","a","host","host_1","dc"],
                "values":[["2021-03-04T00:02:00Z",4,"b",null,"y"]]}]}]}""");
    }

    @Test
    void fillNumberReplacesMissingValuesOfRawRows() throws Exception {
        assertBody(node, DB, "SELECT a, b FROM m WHERE host = 'b' fill(0)", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","a","b"],"values":[
                ["2021-03-04T00:00:00Z",2,0],["2021-03-04T00:02:00Z",4,40]]}]}]}""");
    }

    @Test
    void severalMeasurementsShareTheColumnsOfAWildcard() throws Exception {
        assertBody(node, DB, "SELECT * FROM m, n WHERE host = 'a' AND time < '2021-03-04T00:01:00Z'", """
                {"results":[{"statement_id":0,"series":[
                {"name":"m","columns":["time","a","b","c","dc","host"],"values":[
                ["2021-03-04T00:00:00Z",1,10,null,"x","a"]]},
                {"name":"n","columns":["time","a","b","c","dc","host"],"values":[
                ["2021-03-04T00:00:00Z",null,null,"hello",null,"a"]]}]}]}""");
    }

    @Test
    void wildcardWithGroupByStarSelectsFieldsOnly() throws Exception {
        assertBody(node, DB, "SELECT * FROM m WHERE time = '2021-03-04T00:02:00Z' GROUP BY *", """
                {"results":[{"statement_id":0,"series":[{"name":"m","tags":{"dc":"y","host":"b"},
                "columns":["time","a","b"],"values":[["2021-03-04T00:02:00Z",4,40]]}]}]}""");
    }

    @Test
    void timeCanBeSelectedWithAnAlias() throws Exception {
        assertBody(node, DB, "SELECT time AS t, a FROM m WHERE host = 'a' LIMIT 1", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["t","a"],"values":[
                [1614816000000000000,1]]}]}]}""");
    }

    @Test
    void nothingToSelectIsEmpty() throws Exception {
        assertEmpty(node, DB, "SELECT host FROM m");
        assertEmpty(node, DB, "SELECT nosuch FROM m");
        assertEmpty(node, DB, "SELECT a FROM nosuch");
        assertEmpty(node, DB, "SELECT a FROM m WHERE time > now() - 1h");
    }

    @Test
    void arithmeticOnStringsAndBooleansIsATypeError() throws Exception {
        assertError(node, DB, "SELECT c + 1 FROM n",
                "type error: c::string + 1: incompatible types: string and integer");
        assertError(node, DB, "SELECT a, (c * a) / 2 FROM m, n",
                "type error: c::string * a::float: incompatible types: string and float");
        assertError(node, DB, "SELECT -c FROM n",
                "type error: -1 * c::string: incompatible types: integer and string");
        assertError(node, DB, "SELECT c + 'x' FROM n",
                "type error: c::string + 'x': incompatible types: string and string");
        assertError(node, "bools", "SELECT ok + v FROM m",
                "type error: ok::boolean + v::float: incompatible types: boolean and float");
        assertError(node, DB, "SELECT mean(a) + first(c) FROM m, n",
                "type error: mean(a::float) + first(c::string): incompatible types: float and string");
        assertError(node, "bools", "SELECT max(ok) * 2 FROM m GROUP BY h",
                "type error: max(ok::boolean) * 2: incompatible types: boolean and integer");
        assertError(node, DB, "SELECT host + 1 FROM m",
                "type error: host::tag + 1: incompatible types: tag and integer");
        // Float literals with three decimals, as influxql's NumberLiteral.String prints them.
        assertError(node, DB, "SELECT c * 2.5 FROM n",
                "type error: c::string * 2.500: incompatible types: string and float");
        assertError(node, DB, "SELECT percentile(a, 95.5) / first(c) FROM m, n",
                "type error: percentile(a::float, 95.500) / first(c::string): incompatible types: float and string");
    }

    @Test
    void operatorsTheTypesAllowPassTheTypeCheck() throws Exception {
        assertBody(node, "bools", "SELECT ok & ok, v FROM m WHERE h = 'b'", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","ok_ok","v"],"values":[
                ["2021-03-04T00:03:00Z",null,4],["2021-03-04T00:04:00Z",false,5]]}]}]}""");
        assertBody(node, DB, "SELECT count(c) + 1 FROM n", """
                {"results":[{"statement_id":0,"series":[{"name":"n","columns":["time","count"],"values":[
                ["1970-01-01T00:00:00Z",2]]}]}]}""");
        assertEmpty(node, DB, "SELECT c + 1 FROM nosuch");
    }

    @Test
    void readsAcrossShardGroupsInBothDirections() throws Exception {
        assertBody(node, "multi", "SELECT v FROM s WHERE k = '1'", """
                {"results":[{"statement_id":0,"series":[{"name":"s","columns":["time","v"],"values":[
                ["2021-03-04T00:00:00Z",1],["2021-03-04T01:00:00Z",2.5],["2021-03-04T02:00:00Z",4.5]]}]}]}""");
        assertBody(node, "multi", "SELECT v FROM s ORDER BY time DESC LIMIT 3", """
                {"results":[{"statement_id":0,"series":[{"name":"s","columns":["time","v"],"values":[
                ["2021-03-04T02:00:00Z",4.5],["2021-03-04T01:01:00Z",3.5],["2021-03-04T01:00:00Z",2.5]]}]}]}""");
        assertBody(node, "multi", "SELECT sum(v), count(v), first(v), last(v) FROM s", """
                {"results":[{"statement_id":0,"series":[{"name":"s","columns":["time","sum","count","first","last"],
                "values":[["1970-01-01T00:00:00Z",11.5,4,1,4.5]]}]}]}""");
    }

    @Test
    void offsetWithoutLimitKeepsOneRowPerShardAfterTheOffset() throws Exception {
        // Each shard yields its first offset + limit + 1 rows (InfluxDB's tsm1 limit iterator), then OFFSET applies.
        assertBody(node, "offsets", "SELECT v FROM o OFFSET 1", """
                {"results":[{"statement_id":0,"series":[{"name":"o","columns":["time","v"],"values":[
                ["2021-03-04T00:01:00Z",2],["2021-03-04T01:00:00Z",4],["2021-03-04T01:01:00Z",5]]}]}]}""");
        assertBody(node, "offsets", "SELECT v FROM o ORDER BY time DESC OFFSET 1", """
                {"results":[{"statement_id":0,"series":[{"name":"o","columns":["time","v"],"values":[
                ["2021-03-04T01:01:00Z",5],["2021-03-04T00:02:00Z",3],["2021-03-04T00:01:00Z",2]]}]}]}""");
        assertBody(node, "offsets", "SELECT v FROM o LIMIT 3 OFFSET 1", """
                {"results":[{"statement_id":0,"series":[{"name":"o","columns":["time","v"],"values":[
                ["2021-03-04T00:01:00Z",2],["2021-03-04T00:02:00Z",3],["2021-03-04T01:00:00Z",4]]}]}]}""");
    }

    @Test
    void theLargestLimitKeepsEveryRow() throws Exception {
        // offset + limit + 1 overflowed, and every row was left out (influxd 1.6.7 answers them all).
        String all = """
                {"results":[{"statement_id":0,"series":[{"name":"o","columns":["time","v"],"values":[
                ["2021-03-04T00:00:00Z",1],["2021-03-04T00:01:00Z",2],["2021-03-04T00:02:00Z",3],
                ["2021-03-04T01:00:00Z",4],["2021-03-04T01:01:00Z",5],["2021-03-04T01:02:00Z",6]]}]}]}""";
        assertBody(node, "offsets", "SELECT v FROM o LIMIT 9223372036854775807", all);
        assertBody(node, "offsets", "SELECT v FROM o LIMIT 9223372036854775806 OFFSET 1", """
                {"results":[{"statement_id":0,"series":[{"name":"o","columns":["time","v"],"values":[
                ["2021-03-04T00:01:00Z",2],["2021-03-04T00:02:00Z",3],
                ["2021-03-04T01:00:00Z",4],["2021-03-04T01:01:00Z",5],["2021-03-04T01:02:00Z",6]]}]}]}""");
    }

    @Test
    void seriesLimitSortsGroupsLackingATagLast() throws Exception {
        // InfluxDB slices the groups sorted by "env|host|dev|h3" < "env|host|prod|h2" < "host|h1", then outputs
        // the kept ones in its usual order (a missing tag as "").
        assertBody(node, "slimits", "SELECT v FROM t GROUP BY env, host SLIMIT 1", """
                {"results":[{"statement_id":0,"series":[
                {"name":"t","tags":{"env":"dev","host":"h3"},"columns":["time","v"],"values":[
                ["2021-03-04T00:00:00Z",3]]}]}]}""");
        assertBody(node, "slimits", "SELECT v FROM t GROUP BY env, host SLIMIT 2 SOFFSET 1", """
                {"results":[{"statement_id":0,"series":[
                {"name":"t","tags":{"env":"","host":"h1"},"columns":["time","v"],"values":[
                ["2021-03-04T00:00:00Z",2]]},
                {"name":"t","tags":{"env":"prod","host":"h2"},"columns":["time","v"],"values":[
                ["2021-03-04T00:00:00Z",1]]}]}]}""");
    }

    @Test
    void seriesOffsetWithoutSeriesLimitSelectsNothing() throws Exception {
        assertEmpty(node, "slimits", "SELECT v FROM t GROUP BY host SOFFSET 1");
        assertEmpty(node, "slimits", "SELECT count(v) FROM t GROUP BY host SOFFSET 1");
        assertBody(node, "slimits", "SELECT count(v) FROM t GROUP BY host SLIMIT 1 SOFFSET 2", """
                {"results":[{"statement_id":0,"series":[{"name":"t","tags":{"host":"h3"},"columns":["time","count"],
                "values":[["1970-01-01T00:00:00Z",1]]}]}]}""");
    }

    @Test
    void aFieldConditionKeepsTheRowsOfEverySelectedFieldWhereItHolds() throws Exception {
        // Rows are at the times a selected field has a value; x > 4 is false where x has none.
        assertBody(node, "sparse", "SELECT x, y FROM g WHERE x > 4", """
                {"results":[{"statement_id":0,"series":[{"name":"g","columns":["time","x","y"],"values":[
                ["2021-03-04T00:00:30Z",6,20],["2021-03-04T00:02:00Z",5,null],["2021-03-04T00:03:00Z",7,13]]}]}]}""");
        // The condition's field not selected: a row needs y's value and x's passing at the same time.
        assertBody(node, "sparse", "SELECT y FROM g WHERE x > 4", """
                {"results":[{"statement_id":0,"series":[{"name":"g","columns":["time","y"],"values":[
                ["2021-03-04T00:00:30Z",20],["2021-03-04T00:03:00Z",13]]}]}]}""");
        assertBody(node, "sparse", "SELECT y FROM g WHERE 4 < x AND y > 15", """
                {"results":[{"statement_id":0,"series":[{"name":"g","columns":["time","y"],"values":[
                ["2021-03-04T00:00:30Z",20]]}]}]}""");
        assertBody(node, "sparse", "SELECT x, y FROM g WHERE x > 4 ORDER BY time DESC LIMIT 2", """
                {"results":[{"statement_id":0,"series":[{"name":"g","columns":["time","x","y"],"values":[
                ["2021-03-04T00:03:00Z",7,13],["2021-03-04T00:02:00Z",5,null]]}]}]}""");
        assertBody(node, "sparse", "SELECT * FROM g WHERE x > 4 AND h = 'a' OR x > 4 AND h = 'b' GROUP BY h", """
                {"results":[{"statement_id":0,"series":[{"name":"g","tags":{"h":"a"},"columns":["time","x","y"],
                "values":[["2021-03-04T00:02:00Z",5,null],["2021-03-04T00:03:00Z",7,13]]},{"name":"g","tags":{"h":"b"},
                "columns":["time","x","y"],"values":[["2021-03-04T00:00:30Z",6,20]]}]}]}""");
        // Comparisons with the number on either side, of float and integer fields, as the evaluator makes them.
        assertBody(node, "sparse", "SELECT x FROM g WHERE 6 <= x", """
                {"results":[{"statement_id":0,"series":[{"name":"g","columns":["time","x"],"values":[
                ["2021-03-04T00:00:30Z",6],["2021-03-04T00:03:00Z",7]]}]}]}""");
        assertBody(node, "sparse", "SELECT x FROM g WHERE 5.5 >= x", """
                {"results":[{"statement_id":0,"series":[{"name":"g","columns":["time","x"],"values":[
                ["2021-03-04T00:00:00Z",1],["2021-03-04T00:02:00Z",5],["2021-03-04T00:02:30Z",2]]}]}]}""");
        assertBody(node, "sparse", "SELECT x FROM g WHERE 2.0 < x AND x != 5", """
                {"results":[{"statement_id":0,"series":[{"name":"g","columns":["time","x"],"values":[
                ["2021-03-04T00:00:30Z",6],["2021-03-04T00:03:00Z",7]]}]}]}""");
        for (String condition : List.of("b > 15.5", "15.5 < b", "b >= 30", "30 <= b", "b > 15.5 AND b != 35.0")) {
            assertBody(node, DB, "SELECT a FROM m WHERE " + condition, """
                    {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","a"],"values":[
                    ["2021-03-04T00:01:00Z",3],["2021-03-04T00:02:00Z",4]]}]}]}""");
        }
        // Not false where x has no value: every row of y stays.
        assertBody(node, "sparse", "SELECT y FROM g WHERE x > 4 OR y < 12", """
                {"results":[{"statement_id":0,"series":[{"name":"g","columns":["time","y"],"values":[
                ["2021-03-04T00:00:00Z",10],["2021-03-04T00:00:30Z",20],["2021-03-04T00:01:00Z",11],
                ["2021-03-04T00:03:00Z",13]]}]}]}""");
    }

    @Test
    void aFieldConditionFindsTheOtherFieldsAcrossShards() throws Exception {
        assertBody(node, "sparse", "SELECT y FROM hourly.p WHERE x > 5", """
                {"results":[{"statement_id":0,"series":[{"name":"p","columns":["time","y"],"values":[
                ["2021-03-04T01:01:00Z",4],["2021-03-04T02:02:00Z",6]]}]}]}""");
        assertBody(node, "sparse", "SELECT x, y FROM hourly.p WHERE x > 5 ORDER BY time DESC", """
                {"results":[{"statement_id":0,"series":[{"name":"p","columns":["time","x","y"],"values":[
                ["2021-03-04T02:02:00Z",7,6],["2021-03-04T02:01:00Z",8,null],["2021-03-04T01:01:00Z",9,4]]}]}]}""");
        assertBody(node, "sparse", "SELECT y, x FROM hourly.p WHERE y < 3 OR y > 4", """
                {"results":[{"statement_id":0,"series":[{"name":"p","columns":["time","y","x"],"values":[
                ["2021-03-04T00:00:00Z",1,null],["2021-03-04T00:01:00Z",2,null],["2021-03-04T02:00:00Z",5,null],
                ["2021-03-04T02:02:00Z",6,7]]}]}]}""");
    }

    @Test
    void booleanConditionsAreFalseOnPointsWithoutTheField() throws Exception {
        // Recorded from InfluxDB 1.6.7: a missing field reaches the condition as a typed nil, never cast to false.
        String withoutMissing = """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","v"],"values":[
                ["2021-03-04T00:01:00Z",2],["2021-03-04T00:04:00Z",5]]}]}]}""";
        assertBody(node, "bools", "SELECT v FROM m WHERE ok = false", withoutMissing);
        assertBody(node, "bools", "SELECT v FROM m WHERE ok != true", withoutMissing);
        assertBody(node, "bools", "SELECT v FROM m WHERE false = ok", withoutMissing);
        assertBody(node, "bools", "SELECT v FROM m WHERE ok != false", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","v"],"values":[
                ["2021-03-04T00:00:00Z",1]]}]}]}""");
        assertBody(node, "bools", "SELECT v FROM m WHERE v >= 3 AND ok != true", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","v"],"values":[
                ["2021-03-04T00:04:00Z",5]]}]}]}""");
        assertBody(node, "bools", "SELECT v FROM m WHERE ok = false OR v = 3", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","v"],"values":[
                ["2021-03-04T00:01:00Z",2],["2021-03-04T00:02:00Z",3],["2021-03-04T00:04:00Z",5]]}]}]}""");
        assertBody(node, "bools", "SELECT count(v) FROM m WHERE ok != true", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","count"],"values":[
                ["1970-01-01T00:00:00Z",2]]}]}]}""");
    }

    @Test
    void aMeasurementNamedTwiceInFromIsReadTwice() throws Exception {
        // Recorded from InfluxDB 1.6.7 on the same data: each source is read on its own and the two are merged.
        assertBody(node, DB, "SELECT a, b FROM m, m WHERE host = 'a'", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","a","b"],"values":[
                ["2021-03-04T00:00:00Z",1,10],["2021-03-04T00:00:00Z",1,10],
                ["2021-03-04T00:01:00Z",3,30],["2021-03-04T00:01:00Z",3,30]]}]}]}""");
        assertBody(node, DB, "SELECT count(a), sum(b), mean(a), max(a) FROM m, m", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","count","sum","mean","max"],
                "values":[["1970-01-01T00:00:00Z",8,160,2.5,4]]}]}]}""");
        assertBody(node, DB, "SELECT a FROM m, m WHERE host = 'a' OFFSET 1", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","a"],"values":[
                ["2021-03-04T00:00:00Z",1],["2021-03-04T00:01:00Z",3],["2021-03-04T00:01:00Z",3]]}]}]}""");
        assertBody(node, DB, "SELECT a FROM m, m WHERE host = 'a' LIMIT 3", """
                {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","a"],"values":[
                ["2021-03-04T00:00:00Z",1],["2021-03-04T00:00:00Z",1],["2021-03-04T00:01:00Z",3]]}]}]}""");
    }

    @Test
    void qualifiedMeasurementsPickTheirRetentionPolicy() throws Exception {
        assertBody(node, DB, "SELECT count(v) FROM \"multi\".\"hourly\".\"s\" GROUP BY k", """
                {"results":[{"statement_id":0,"series":[
                {"name":"s","tags":{"k":"1"},"columns":["time","count"],"values":[["1970-01-01T00:00:00Z",3]]},
                {"name":"s","tags":{"k":"2"},"columns":["time","count"],"values":[["1970-01-01T00:00:00Z",1]]}]}]}""");
    }
}
