package io.tidemark.query;

import static io.tidemark.query.QueryAssertions.assertBody;
import static io.tidemark.query.QueryAssertions.assertChunks;
import static io.tidemark.query.QueryAssertions.assertEmpty;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SHOW statements about the data and the shards, in InfluxDB 1.8's result shapes. */
class ShowStatementsTest {
    private static final String DB = "db";

    @TempDir
    static Path dir;
    private static TestNode node;

    @BeforeAll
    static void load() throws Exception {
        node = new TestNode(dir);
        node.createDatabase(DB);
        node.load(DB, """
                cpu,host=a,region=east usage=1,idle=2i 1614816000
                cpu,host=b,region=east usage=1 1614816000
                cpu,host=c,region=west usage=1 1614816000
                disk,host=a,path=/ used=1i 1614816000
                disk,host=a,path=/data used=2i 1614816000
                mem,host=a free=1i 1614816000
                """);
        node.createDatabase("empty");
        node.createDatabase("sg");
        node.createRetentionPolicy("sg", "week", Duration.ofDays(7), Duration.ofDays(1), true);
        node.load("sg", "week", "x v=1 1614816000\nx v=2 1614902400\nx,h=a v=3 1614816000\nx,h=a v=4 1614902400\n"
                + "x,h=b v=5 1614902400\ny,h=a v=6 1614816000", "s");
    }

    @AfterAll
    static void close() throws Exception {
        node.close();
    }

    @Test
    void measurements() throws Exception {
        assertBody(node, DB, "SHOW MEASUREMENTS", """
                {"results":[{"statement_id":0,"series":[{"name":"measurements","columns":["name"],
                "values":[["cpu"],["disk"],["mem"]]}]}]}""");
        assertBody(node, DB, "SHOW MEASUREMENTS WHERE region = 'west'", """
                {"results":[{"statement_id":0,"series":[{"name":"measurements","columns":["name"],
                "values":[["cpu"]]}]}]}""");
        assertBody(node, DB, "SHOW MEASUREMENTS WITH MEASUREMENT =~ /u|m/ LIMIT 1 OFFSET 1", """
                {"results":[{"statement_id":0,"series":[{"name":"measurements","columns":["name"],
                "values":[["mem"]]}]}]}""");
        assertEmpty(node, "empty", "SHOW MEASUREMENTS");
        assertEmpty(node, "nope", "SHOW MEASUREMENTS");
    }

    @Test
    void series() throws Exception {
        assertBody(node, DB, "SHOW SERIES FROM cpu, disk WHERE host = 'a'", """
                {"results":[{"statement_id":0,"series":[{"columns":["key"],"values":[
                ["cpu,host=a,region=east"],["disk,host=a,path=/"],["disk,host=a,path=/data"]]}]}]}""");
        assertBody(node, DB, "SHOW SERIES LIMIT 2 OFFSET 3", """
                {"results":[{"statement_id":0,"series":[{"columns":["key"],"values":[
                ["disk,host=a,path=/"],["disk,host=a,path=/data"]]}]}]}""");
        assertEmpty(node, DB, "SHOW SERIES WHERE host = 'zzz'");
    }

    @Test
    void tagKeysAndValues() throws Exception {
        assertBody(node, DB, "SHOW TAG KEYS FROM /cpu|disk/", """
                {"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["tagKey"],"values":[["host"],["region"]]},
                {"name":"disk","columns":["tagKey"],"values":[["host"],["path"]]}]}]}""");
        assertBody(node, DB, "SHOW TAG VALUES WITH KEY =~ /^(path|region)$/ WHERE host = 'a'", """
                {"results":[{"statement_id":0,"series":[
                {"name":"cpu","columns":["key","value"],"values":[["region","east"]]},
                {"name":"disk","columns":["key","value"],"values":[["path","/"],["path","/data"]]}]}]}""");
        assertBody(node, DB, "SHOW TAG VALUES FROM cpu WITH KEY != host", """
                {"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["key","value"],
                "values":[["region","east"],["region","west"]]}]}]}""");
        assertBody(node, DB, "SHOW TAG VALUES FROM cpu WITH KEY IN (host, region) LIMIT 2", """
                {"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["key","value"],
                "values":[["host","a"],["host","b"]]}]}]}""");
        assertEmpty(node, DB, "SHOW TAG VALUES WITH KEY = nosuch");
    }

    @Test
    void fieldKeys() throws Exception {
        assertBody(node, DB, "SHOW FIELD KEYS FROM cpu, mem", """
                {"results":[{"statement_id":0,"series":[
                {"name":"cpu","columns":["fieldKey","fieldType"],"values":[["idle","integer"],["usage","float"]]},
                {"name":"mem","columns":["fieldKey","fieldType"],"values":[["free","integer"]]}]}]}""");
    }

    @Test
    void cardinalities() throws Exception {
        assertBody(node, DB, "SHOW SERIES CARDINALITY", """
                {"results":[{"statement_id":0,"series":[{"columns":["cardinality estimation"],"values":[[6]]}]}]}""");
        assertBody(node, DB, "SHOW MEASUREMENT CARDINALITY", """
                {"results":[{"statement_id":0,"series":[{"columns":["cardinality estimation"],"values":[[3]]}]}]}""");
        assertBody(node, DB, "SHOW SERIES EXACT CARDINALITY", """
                {"results":[{"statement_id":0,"series":[
                {"name":"cpu","columns":["count"],"values":[[3]]},{"name":"disk","columns":["count"],"values":[[2]]},
                {"name":"mem","columns":["count"],"values":[[1]]}]}]}""");
        assertBody(node, DB, "SHOW MEASUREMENT EXACT CARDINALITY WHERE host = 'b'", """
                {"results":[{"statement_id":0,"series":[{"columns":["count"],"values":[[1]]}]}]}""");
        assertBody(node, DB, "SHOW TAG KEY EXACT CARDINALITY FROM cpu", """
                {"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["count"],"values":[[2]]}]}]}""");
        assertBody(node, DB, "SHOW TAG VALUES EXACT CARDINALITY FROM cpu WITH KEY = host", """
                {"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["count"],"values":[[3]]}]}]}""");
        // Values of several keys count once each (host a, b, c and region east, west: 5), with or without a WHERE.
        assertBody(node, DB, "SHOW TAG VALUES EXACT CARDINALITY FROM cpu WITH KEY IN (host, region)", """
                {"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["count"],"values":[[5]]}]}]}""");
        assertBody(node, DB, "SHOW TAG VALUES EXACT CARDINALITY FROM cpu WITH KEY IN (host, region) WHERE host != 'z'",
                """
                {"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["count"],"values":[[5]]}]}]}""");
        assertBody(node, DB, "SHOW FIELD KEY CARDINALITY FROM cpu", """
                {"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["count"],"values":[[2]]}]}]}""");
        assertBody(node, DB, "SHOW SERIES EXACT CARDINALITY FROM cpu GROUP BY region", """
                {"results":[{"statement_id":0,"series":[
                {"name":"cpu","tags":{"region":"east"},"columns":["count"],"values":[[2]]},
                {"name":"cpu","tags":{"region":"west"},"columns":["count"],"values":[[1]]}]}]}""");
    }

    @Test
    void seriesCardinalityOverSeveralShardsCountsEachSeriesOnce() throws Exception {
        // Day one holds x, x,h=a and y,h=a; day two x, x,h=a and x,h=b: four distinct series.
        assertBody(node, "sg", "SHOW SERIES CARDINALITY", """
                {"results":[{"statement_id":0,"series":[{"columns":["cardinality estimation"],"values":[[4]]}]}]}""");
        assertBody(node, "sg", "SHOW SERIES EXACT CARDINALITY", """
                {"results":[{"statement_id":0,"series":[
                {"name":"x","columns":["count"],"values":[[3]]},{"name":"y","columns":["count"],"values":[[1]]}]}]}""");
    }

    @Test
    void shardsAndShardGroups() throws Exception {
        assertBody(node, "sg", "SHOW SHARDS", """
                {"results":[{"statement_id":0,"series":[
                {"name":"db","columns":["id","database","retention_policy","shard_group","start_time","end_time",
                "expiry_time","owners"],"values":[[1,"db","autogen",1,"2021-03-01T00:00:00Z","2021-03-08T00:00:00Z",
                "2021-03-08T00:00:00Z",""]]},
                {"name":"empty","columns":["id","database","retention_policy","shard_group","start_time","end_time",
                "expiry_time","owners"]},
                {"name":"sg","columns":["id","database","retention_policy","shard_group","start_time","end_time",
                "expiry_time","owners"],"values":[
                [2,"sg","week",2,"2021-03-04T00:00:00Z","2021-03-05T00:00:00Z","2021-03-12T00:00:00Z",""],
                [3,"sg","week",3,"2021-03-05T00:00:00Z","2021-03-06T00:00:00Z","2021-03-13T00:00:00Z",""]]}]}]}""");
        assertBody(node, "sg", "SHOW SHARD GROUPS", """
                {"results":[{"statement_id":0,"series":[{"name":"shard groups","columns":["id","database",
                "retention_policy","start_time","end_time","expiry_time"],"values":[
                [1,"db","autogen","2021-03-01T00:00:00Z","2021-03-08T00:00:00Z","2021-03-08T00:00:00Z"],
                [2,"sg","week","2021-03-04T00:00:00Z","2021-03-05T00:00:00Z","2021-03-12T00:00:00Z"],
                [3,"sg","week","2021-03-05T00:00:00Z","2021-03-06T00:00:00Z","2021-03-13T00:00:00Z"]]}]}]}""");
    }

    @Test
    void chunkedShowsComeInInfluxDbsPieces() throws Exception {
        // Run as SELECTs by InfluxDB: cut every chunk_size rows and at each measurement, marked partial.
        assertChunks(node, DB, "SHOW SERIES FROM cpu, disk", 2, """
                [{"results":[{"statement_id":0,"series":[{"columns":["key"],"values":[["cpu,host=a,region=east"],
                 ["cpu,host=b,region=east"]],"partial":true}],"partial":true}]},
                 {"results":[{"statement_id":0,"series":[{"columns":["key"],"values":[["cpu,host=c,region=west"],
                 ["disk,host=a,path=/"]],"partial":true}],"partial":true}]},
                 {"results":[{"statement_id":0,"series":[{"columns":["key"],"values":[["disk,host=a,path=/data"]]}]}]}]""");
        assertChunks(node, DB, "SHOW FIELD KEYS FROM cpu, mem", 1, """
                [{"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["fieldKey","fieldType"],
                 "values":[["idle","integer"]],"partial":true}],"partial":true}]},
                 {"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["fieldKey","fieldType"],
                 "values":[["usage","float"]]}],"partial":true}]},
                 {"results":[{"statement_id":0,"series":[{"name":"mem","columns":["fieldKey","fieldType"],
                 "values":[["free","integer"]]}]}]}]""");
        // Answered one measurement at a time by InfluxDB, unmarked, whatever the chunk size.
        assertChunks(node, DB, "SHOW TAG VALUES WITH KEY = host", 100, """
                [{"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["key","value"],
                 "values":[["host","a"],["host","b"],["host","c"]]}]}]},
                 {"results":[{"statement_id":0,"series":[{"name":"disk","columns":["key","value"],
                 "values":[["host","a"]]}]}]},
                 {"results":[{"statement_id":0,"series":[{"name":"mem","columns":["key","value"],
                 "values":[["host","a"]]}]}]}]""");
    }

    @Test
    void showWhereIsDecidedAsInfluxDbsIndexDecidesIt() throws Exception {
        // A field of the measurement, or a number, is not compared by the index: every series of the measurement.
        assertBody(node, DB, "SHOW SERIES WHERE usage = 1", """
                {"results":[{"statement_id":0,"series":[{"columns":["key"],"values":[["cpu,host=a,region=east"],
                ["cpu,host=b,region=east"],["cpu,host=c,region=west"],["disk,host=a,path=/"],
                ["disk,host=a,path=/data"],["mem,host=a"]]}]}]}""");
        // A string compared with what is a tag elsewhere: cpu's series only (its field), none of the others.
        assertBody(node, DB, "SHOW SERIES WHERE usage = 'x'", """
                {"results":[{"statement_id":0,"series":[{"columns":["key"],"values":[["cpu,host=a,region=east"],
                ["cpu,host=b,region=east"],["cpu,host=c,region=west"]]}]}]}""");
        // Two tags: the series that have both, whatever their values.
        assertBody(node, DB, "SHOW SERIES WHERE host = path", """
                {"results":[{"statement_id":0,"series":[{"columns":["key"],"values":[["disk,host=a,path=/"],
                ["disk,host=a,path=/data"]]}]}]}""");
        // The exact cardinality goes through InfluxDB's query engine, which finds no such value.
        assertEmpty(node, DB, "SHOW SERIES EXACT CARDINALITY WHERE usage = 1");
    }
}
