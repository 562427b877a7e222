package io.tidemark.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API of a real server process, with InfluxDB 1.8's statuses, headers and error texts. */
class HttpApiIT {
    @TempDir
    static Path home;
    static ServerProcess server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        server = new ServerProcess(home.resolve("node"), "  max-body-size = 100000").start();
        http = new Http(server.url());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            // SIGTERM: the JVM runs the shutdown hook (flush, fsync) and exits with 143 = 128 + SIGTERM.
            assertThat(server.stop()).isIn(0, 143);
            assertThat(server.log()).contains("Tidemark node node stopped");
        }
    }

    @Test
    void pingAnswers204WithInfluxHeaders() throws Exception {
        HttpResponse<String> r = http.get("/ping");
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().firstValue("X-Influxdb-Version")).hasValueSatisfying(v -> assertThat(v).startsWith("1.8"));
        assertThat(r.headers().firstValue("X-Influxdb-Build")).hasValue("OSS");
        assertThat(r.headers().firstValue("Request-Id")).isPresent();
        HttpResponse<String> verbose = http.get("/ping?verbose=true");
        assertThat(verbose.statusCode()).isEqualTo(200);
        assertThat(verbose.body()).contains("\"version\"");
    }

    @Test
    void healthPasses() throws Exception {
        HttpResponse<String> r = http.get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"pass\"");
    }

    @Test
    void metadataChangesThroughGetCarryInfluxDbsDeprecationWarning() throws Exception {
        assertThat(http.get("/query?q=" + Http.enc("CREATE DATABASE viaget; SHOW DATABASES")).body()).startsWith(
                "{\"results\":[{\"statement_id\":0,\"messages\":[{\"level\":\"warning\",\"text\":\"deprecated use "
                        + "of 'CREATE DATABASE viaget' in a read only context, please use a POST request instead\"}]},"
                        + "{\"statement_id\":1,\"series\":");
        assertThat(http.query("DROP DATABASE viaget").body()).isEqualTo("{\"results\":[{\"statement_id\":0}]}\n");
    }

    @Test
    void killQueryOnAHostIsAnsweredAsASingleInfluxDbAnswersIt() throws Exception {
        // InfluxDB 1.x OSS ignores ON host: the query id alone decides.
        assertThat(http.query("KILL QUERY 99999 ON \"elsewhere:8088\"").body()).isEqualTo(
                "{\"results\":[{\"statement_id\":0,\"error\":\"no such query id: 99999\"}]}\n");
    }

    @Test
    void createWriteAndShow() throws Exception {
        assertThat(http.query("CREATE DATABASE metrics").body()).isEqualTo("{\"results\":[{\"statement_id\":0}]}\n");
        HttpResponse<String> w = http.write("metrics", "s", "cpu,host=a usage=0.5 1700000000");
        assertThat(w.statusCode()).isEqualTo(204);
        assertThat(http.query("SHOW DATABASES").body()).contains("[\"metrics\"]");
        assertThat(http.query("SHOW RETENTION POLICIES ON metrics").body()).isEqualTo(
                "{\"results\":[{\"statement_id\":0,\"series\":[{\"columns\":[\"name\",\"duration\","
                        + "\"shardGroupDuration\",\"replicaN\",\"default\"],\"values\":[[\"autogen\",\"0s\","
                        + "\"168h0m0s\",1,true]]}]}]}\n");
    }

    @Test
    void statementsNestedTensOfThousandsDeepAreAnsweredAsInfluxDbAnswersThem() throws Exception {
        // A default 1 MB thread stack overflowed at about 5,000 parentheses, and the request was never answered
        // (this server takes bodies of up to 100,000 bytes, and a parenthesis is three when form-encoded).
        http.query("CREATE DATABASE deep");
        assertThat(http.write("deep", "s", "m v=1 1").statusCode()).isEqualTo(204);
        String nested = "SELECT v FROM deep..m WHERE " + "(".repeat(12_000) + "v = 1" + ")".repeat(12_000);
        assertThat(http.query(nested).body()).isEqualTo("{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":"
                + "\"m\",\"columns\":[\"time\",\"v\"],\"values\":[[\"1970-01-01T00:00:01Z\",1]]}]}]}\n");
        StringBuilder chain = new StringBuilder("SELECT v FROM deep..m WHERE v = 0");
        for (int i = 1; i <= 4_000; i++) {
            chain.append(" OR v = ").append(i);
        }
        assertThat(http.query(chain.toString()).body()).contains("[\"1970-01-01T00:00:01Z\",1]");
    }

    @Test
    void writeErrorsUseInfluxTexts() throws Exception {
        http.query("CREATE DATABASE errs");
        HttpResponse<String> noDb = http.write("nope", "s", "m v=1 1");
        assertThat(noDb.statusCode()).isEqualTo(404);
        assertThat(noDb.body()).isEqualTo("{\"error\":\"database not found: \\\"nope\\\"\"}\n");

        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/write"))
                .POST(HttpRequest.BodyPublishers.ofString("m v=1")));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("database is required");

        HttpResponse<String> partial = http.write("errs", "s",
                "ev,src=e val=1.5 1614816000\nthis is not valid\nev,src=e val=2.5 1614816060");
        assertThat(partial.statusCode()).isEqualTo(400);
        assertThat(partial.body()).isEqualTo(
                "{\"error\":\"partial write: unable to parse 'this is not valid': invalid field format dropped=0\"}\n");

        HttpResponse<String> conflict = http.write("errs", "s",
                "ev,src=b val=5.0 1614816120\nev,src=b val=6i 1614816180\nev,src=b val=7.0 1614816240");
        assertThat(conflict.statusCode()).isEqualTo(400);
        assertThat(conflict.body()).contains("partial write: field type conflict: input field \\\"val\\\" on "
                + "measurement \\\"ev\\\" is type integer, already exists as type float dropped=1");

        HttpResponse<String> badPrecision = http.write("errs", "x", "m v=1 1");
        assertThat(badPrecision.statusCode()).isEqualTo(400);
        assertThat(badPrecision.body()).contains("invalid precision");

        HttpResponse<String> empty = http.write("errs", null, "");
        assertThat(empty.statusCode()).isEqualTo(204);
    }

    @Test
    void oversizedBodiesGet413() throws Exception {
        http.query("CREATE DATABASE big");
        String line = "m,host=aaaaaaaaaaaaaaaaaaaa v=1 1\n";
        HttpResponse<String> r = http.write("big", null, line.repeat(200_000 / line.length()));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("Request Entity Too Large");
        assertThat(r.headers().firstValue("Connection")).hasValue("close");
        // The client does not send its next request on the connection the server is closing.
        assertThat(http.query("SHOW DATABASES").statusCode()).isEqualTo(200);
    }

    @Test
    void gzipBodiesAreAccepted() throws Exception {
        http.query("CREATE DATABASE gz");
        assertThat(http.writeGzip("gz", "m v=1 1614816000000000000").statusCode()).isEqualTo(204);
    }

    @Test
    void queryErrors() throws Exception {
        HttpResponse<String> missingQ = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/query"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(missingQ.statusCode()).isEqualTo(400);
        assertThat(missingQ.body()).isEqualTo("{\"error\":\"missing required parameter \\\"q\\\"\"}\n");
        HttpResponse<String> parse = http.query("CREATE DATABSE x");
        assertThat(parse.statusCode()).isEqualTo(400);
        assertThat(parse.body()).startsWith("{\"error\":\"error parsing query: found DATABSE");
        HttpResponse<String> unknown = http.get("/nothing-here");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("404 page not found\n");
    }

    @Test
    void chunkedQueriesStreamOneDocumentPerResult() throws Exception {
        HttpResponse<String> r = http.get("/query?chunked=true&q=" + Http.enc("SHOW DATABASES; SHOW DATABASES"));
        assertThat(r.statusCode()).isEqualTo(200);
        String[] docs = r.body().trim().split("\n");
        assertThat(docs).hasSize(2);
        assertThat(docs[0]).startsWith("{\"results\":[{\"statement_id\":0,");
        assertThat(docs[1]).startsWith("{\"results\":[{\"statement_id\":1,");
    }

    @Test
    void diagnosticsAnswerInOneRequest() throws Exception {
        http.query("CREATE DATABASE diag");
        http.write("diag", "s", "m v=1 1614816000");
        HttpResponse<String> goroutines = http.get("/debug/pprof/goroutine?debug=1");
        assertThat(goroutines.statusCode()).isEqualTo(200);
        assertThat(goroutines.body()).contains("http-request-").contains("tidemark-wal-committer");
        HttpResponse<String> detail = http.get("/debug/pprof/goroutine?debug=2");
        assertThat(detail.body()).contains("tidemark-watchdog");
        HttpResponse<String> vars = http.get("/debug/vars");
        assertThat(vars.statusCode()).isEqualTo(200);
        assertThat(vars.body()).contains("\"memstats\"").contains("\"cmdline\"").contains("\"watchdog\"")
                .contains("\"write\"");
        HttpResponse<String> metrics = http.get("/metrics");
        assertThat(metrics.body()).contains("tidemark_write_req");
        HttpResponse<String> heap = http.get("/debug/pprof/heap");
        assertThat(heap.statusCode()).isEqualTo(200);
        assertThat(heap.body()).contains("heap histogram").contains("java.lang.String");
        HttpResponse<String> stats = http.query("SHOW STATS FOR 'write'");
        assertThat(stats.body()).contains("\"name\":\"write\"").contains("pointReqLocal");
        HttpResponse<String> requests = http.get("/debug/requests?seconds=1");
        assertThat(requests.statusCode()).isEqualTo(200);
        assertThat(requests.body()).startsWith("{");
    }

    @Test
    void dropShardRemovesItsData() throws Exception {
        http.query("CREATE DATABASE dropme");
        assertThat(http.write("dropme", "s", "m v=1 1614816000").statusCode()).isEqualTo(204);
        assertThat(http.get("/query?db=dropme&q=" + Http.enc("SELECT count(v) FROM m")).body()).contains(",1]]");
        String shards = http.get("/query?q=" + Http.enc("SHOW SHARDS")).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[(\\d+),\"dropme\"").matcher(shards);
        assertThat(m.find()).as(shards).isTrue();
        assertThat(http.query("DROP SHARD " + m.group(1)).body()).isEqualTo("{\"results\":[{\"statement_id\":0}]}\n");
        assertThat(http.get("/query?db=dropme&q=" + Http.enc("SELECT count(v) FROM m")).body())
                .isEqualTo("{\"results\":[{\"statement_id\":0}]}\n");
    }
}
