package io.tidemark.query;

import static io.tidemark.query.QueryAssertions.assertBody;
import static io.tidemark.query.QueryAssertions.assertError;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Literal parts of fields, WHERE clauses and GROUP BY time() are folded before the statement is checked, as
 * InfluxDB's compiler reduces them; and the WHERE clause of SHOW SERIES, TAG KEYS and TAG VALUES allows only what
 * InfluxDB's index evaluates. Expected answers are InfluxDB 1.6.7's on the same points.
 */
class FoldedLiteralsTest {
    private static final String DB = "db";

    @TempDir
    static Path dir;
    private static TestNode node;

    @BeforeAll
    static void load() throws Exception {
        node = new TestNode(dir);
        node.createDatabase(DB);
        node.load(DB, """
                cpu,host=a,region=east usage=1.5,procs=2i 1614816000
                cpu,host=a,region=east usage=7.5,procs=5i 1614816060
                cpu,host=a,region=east usage=3.5,procs=1i 1614816120
                cpu,host=b,region=west usage=9.5,procs=7i 1614816000
                cpu,host=b,region=west usage=0.5,procs=2i 1614816060
                """);
    }

    @AfterAll
    static void close() throws Exception {
        node.close();
    }

    @Test
    void literalPartsOfAFieldAreFoldedAndTheFoldedFieldNamesTheColumn() throws Exception {
        assertBody(node, DB, "SELECT usage * (2 + 1) FROM cpu WHERE host = 'a'", """
                {"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["time","usage"],"values":[
                ["2021-03-04T00:00:00Z",4.5],["2021-03-04T00:01:00Z",22.5],["2021-03-04T00:02:00Z",10.5]]}]}]}""");
        assertBody(node, DB, "SELECT pow(2, 3) * usage FROM cpu WHERE host = 'b'", """
                {"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["time","usage"],"values":[
                ["2021-03-04T00:00:00Z",76],["2021-03-04T00:01:00Z",4]]}]}]}""");
        assertBody(node, DB, "SELECT max(usage) / (10 / 4) FROM cpu", """
                {"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["time","max"],"values":[
                ["2021-03-04T00:00:00Z",3.8]]}]}]}""");
        assertError(node, DB, "SELECT 1 + 2 FROM cpu", "field must contain at least one variable");
    }

    @Test
    void literalPartsOfWhereAndGroupByTimeAreFolded() throws Exception {
        assertBody(node, DB, "SELECT count(usage) FROM cpu WHERE host = 'a' + ''", """
                {"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["time","count"],"values":[
                ["1970-01-01T00:00:00Z",3]]}]}]}""");
        assertBody(node, DB, "SELECT count(usage) FROM cpu WHERE time >= '2021-03-04T00:00:00Z' "
                + "AND time < '2021-03-04T00:03:00Z' GROUP BY time(30s + 30s)", """
                {"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["time","count"],"values":[
                ["2021-03-04T00:00:00Z",2],["2021-03-04T00:01:00Z",2],["2021-03-04T00:02:00Z",1]]}]}]}""");
    }

    @Test
    void showStatementsOfTheIndexAllowOnlyEqualityAndRegexComparisons() throws Exception {
        assertError(node, DB, "SHOW SERIES WHERE host > 'a'", "invalid tag comparison operator");
        assertError(node, DB, "SHOW TAG VALUES WITH KEY = host WHERE usage > 1", "invalid tag comparison operator");
        assertError(node, DB, "SHOW TAG KEYS FROM cpu WHERE region = 'east' AND host < 'b'",
                "invalid tag comparison operator");
        assertBody(node, DB, "SHOW SERIES WHERE host =~ /a/ OR region != 'west'", """
                {"results":[{"statement_id":0,"series":[{"columns":["key"],"values":[
                ["cpu,host=a,region=east"]]}]}]}""");
    }
}
