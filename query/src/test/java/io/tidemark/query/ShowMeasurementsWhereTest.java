package io.tidemark.query;

import static io.tidemark.query.QueryAssertions.assertBody;
import static io.tidemark.query.QueryAssertions.assertEmpty;
import static io.tidemark.query.QueryAssertions.assertError;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SHOW MEASUREMENTS WHERE, which InfluxDB evaluates per measurement from the values its tag keys have (inmem and
 * tsi1 alike), across all retention policies of the database. The expected answers are InfluxDB 1.6.7's.
 */
class ShowMeasurementsWhereTest {
    private static final String DB = "db";

    @TempDir
    static Path dir;
    private static TestNode node;

    @BeforeAll
    static void load() throws Exception {
        node = new TestNode(dir);
        node.createDatabase(DB);
        node.load(DB, """
                cpu,host=a,env=prod v=1 1
                cpu,host=b v=1 1
                disk,host=a,path=/ v=1 1
                disk,host=c,path=/var v=1 1
                mem v=1 1
                """);
        node.createRetentionPolicy(DB, "other", Duration.ZERO, Duration.ofDays(7), false);
        node.load(DB, "other", "cpu,host=z v=1 1", "s");
    }

    @AfterAll
    static void close() throws Exception {
        node.close();
    }

    private static void assertNames(String where, String names) throws Exception {
        assertBody(node, DB, "SHOW MEASUREMENTS WHERE " + where, """
                {"results":[{"statement_id":0,"series":[{"name":"measurements","columns":["name"],"values":[%s]}]}]}"""
                .formatted(names));
    }

    @Test
    void aMeasurementWithoutTheKeyNeverMatches() throws Exception {
        assertEmpty(node, DB, "SHOW MEASUREMENTS WHERE env = ''");
        assertEmpty(node, DB, "SHOW MEASUREMENTS WHERE env =~ /^$/");
        assertEmpty(node, DB, "SHOW MEASUREMENTS WHERE nokey != 'x'");
        assertNames("env != ''", "[\"cpu\"]");
        assertNames("env !~ /^$/", "[\"cpu\"]");
    }

    @Test
    void negationsMatchOnlyWhenNoSeriesHasTheValue() throws Exception {
        assertEmpty(node, DB, "SHOW MEASUREMENTS WHERE env != 'prod'");
        assertEmpty(node, DB, "SHOW MEASUREMENTS WHERE host !~ /a/");
        assertNames("host != 'z'", "[\"disk\"]");
    }

    @Test
    void andAndOrCombineMeasurementsNotSeries() throws Exception {
        assertNames("(host = 'b' AND env = 'prod')", "[\"cpu\"]");
        assertNames("host = 'z' AND env = 'prod'", "[\"cpu\"]");
        assertNames("path = '/' AND host = 'c'", "[\"disk\"]");
        assertEmpty(node, DB, "SHOW MEASUREMENTS WHERE host = 'a' AND env = 'x'");
        assertNames("host = 'b' OR nokey = 'x'", "[\"cpu\"]");
    }

    @Test
    void nameComparesTheMeasurementAndOtherUnderscoreNamesAreTagKeys() throws Exception {
        assertNames("_name = 'cpu'", "[\"cpu\"]");
        assertNames("_name != 'cpu' AND host = 'c'", "[\"disk\"]");
        assertEmpty(node, DB, "SHOW MEASUREMENTS WHERE _field = 'v'");
        assertNames("host = 'a' OR _tagKey = 'x'", "[\"cpu\"],[\"disk\"]");
        assertBody(node, DB, "SHOW MEASUREMENTS WITH MEASUREMENT =~ /d/ WHERE host = 'a'", """
                {"results":[{"statement_id":0,"series":[{"name":"measurements","columns":["name"],
                "values":[["disk"]]}]}]}""");
    }

    @Test
    void clausesTheIndexCannotEvaluateFailWithInfluxDbsText() throws Exception {
        assertError(node, DB, "SHOW MEASUREMENTS WHERE host = 1", "right side of '=' must be a tag value string");
        assertError(node, DB, "SHOW MEASUREMENTS WHERE 'a' = host", "left side of '=' must be a tag key");
        assertError(node, DB, "SHOW MEASUREMENTS WHERE host > 'a'", "invalid tag comparison operator");
        assertError(node, DB, "SHOW MEASUREMENTS WHERE true", "&influxql.BooleanLiteral{Val:true}");
        assertError(node, DB, "SHOW MEASUREMENTS WHERE host", "&influxql.VarRef{Val:\"host\", Type:0}");
        assertError(node, DB, "SHOW MEASUREMENTS WHERE host = 'a' AND true", "&influxql.BooleanLiteral{Val:true}");
    }
}
