package io.tidemark.query;

import static io.tidemark.query.QueryAssertions.assertBody;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A point at InfluxDB's earliest time (1677-09-21T00:12:43.145224194Z) is kept, read and shown as InfluxDB does. */
class EarliestTimeTest {
    @TempDir
    Path dir;

    @Test
    void theEarliestTimeIsStoredInAGroupThatEndsWhereInfluxDbsDoes() throws Exception {
        try (TestNode node = new TestNode(dir)) {
            node.createDatabase("db");
            node.load("db", "", "m v=1 -9223372036854775806\nm v=2 0", "n");
            assertBody(node, "db", "SELECT v FROM m WHERE time < 0", """
                    {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","v"],"values":[
                    ["1677-09-21T00:12:43.145224194Z",1]]}]}]}""");
            // InfluxDB's group starts on 1677-09-20, before the earliest time; its expiry is its end (autogen keeps
            // data forever).
            assertBody(node, "db", "SHOW SHARD GROUPS", """
                    {"results":[{"statement_id":0,"series":[{"name":"shard groups","columns":["id","database",
                    "retention_policy","start_time","end_time","expiry_time"],"values":[
                    [1,"db","autogen","1677-09-21T00:12:43Z","1677-09-27T00:00:00Z","1677-09-27T00:00:00Z"],
                    [2,"db","autogen","1969-12-29T00:00:00Z","1970-01-05T00:00:00Z","1970-01-05T00:00:00Z"]]}]}]}""");
        }
    }
}
