package io.tidemark.query;

import static io.tidemark.query.QueryAssertions.assertBody;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SHOW SERIES lists the series measurement by measurement, in the order of the names, as InfluxDB's index. */
class ShowSeriesOrderTest {
    @TempDir
    Path dir;

    @Test
    void measurementsComeInNameOrderEvenWhereTheirEscapedKeysSortOtherwise() throws Exception {
        try (TestNode node = new TestNode(dir)) {
            node.createDatabase("db");
            node.load("db", """
                    m.dot,t=a v=1 1614816000
                    m\\,comma v=1 1614816000
                    m=eq,a=b v=1 1614816000
                    m\\,comma,x=1 v=1 1614816000
                    """);
            // "m,comma" < "m.dot" < "m=eq" by name; escaped, "m\\,comma" would come last. Checked against influxd.
            assertBody(node, "db", "SHOW SERIES", """
                    {"results":[{"statement_id":0,"series":[{"columns":["key"],"values":[["m\\\\,comma"],
                    ["m\\\\,comma,x=1"],["m.dot,t=a"],["m=eq,a=b"]]}]}]}""");
        }
    }
}
