package io.tidemark.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code influx} CLI and the Python {@code influxdb} client against a real Tidemark process. */
class InfluxClientsIT {
    @TempDir
    static Path home;
    static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        server = new ServerProcess(home.resolve("node")).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private ExternalTools.Result influx(String statement) throws Exception {
        return ExternalTools.run(List.of(ExternalTools.influxCli().toString(), "-host", "127.0.0.1", "-port",
                Integer.toString(server.port()), "-execute", statement), 60);
    }

    @Test
    void influxCliCreatesAndListsDatabases() throws Exception {
        ExternalTools.Result create = influx("CREATE DATABASE cli_db");
        assertThat(create.exitCode()).as(create.output()).isZero();
        ExternalTools.Result show = influx("SHOW DATABASES");
        assertThat(show.exitCode()).as(show.output()).isZero();
        assertThat(show.output()).contains("name: databases").contains("cli_db");
        ExternalTools.Result rps = influx("SHOW RETENTION POLICIES ON cli_db");
        assertThat(rps.output()).contains("autogen").contains("168h0m0s");
    }

    @Test
    void influxCliInsertWrites() throws Exception {
        influx("CREATE DATABASE cli_insert");
        ExternalTools.Result insert = ExternalTools.run(List.of(ExternalTools.influxCli().toString(), "-host",
                "127.0.0.1", "-port", Integer.toString(server.port()), "-database", "cli_insert", "-execute",
                "INSERT cpu,host=a usage=0.5"), 60);
        assertThat(insert.exitCode()).as(insert.output()).isZero();
        assertThat(insert.output()).doesNotContain("ERR");
    }

    @Test
    void influxCliReportsServerErrors() throws Exception {
        ExternalTools.Result bad = influx("SHOW RETENTION POLICIES ON no_such_db");
        assertThat(bad.output()).contains("database not found: no_such_db");
    }

    @Test
    void pythonClientCreatesWritesAndLists() throws Exception {
        Path python = ExternalTools.debianPythonWithInfluxClient();
        String script = """
                from influxdb import InfluxDBClient
                c = InfluxDBClient(host='127.0.0.1', port=%d)
                c.create_database('py_db')
                ok = c.write_points([
                    {"measurement": "cpu", "tags": {"host": "a"}, "time": 1614816000000000000,
                     "fields": {"usage": 0.5, "procs": 3, "state": "ok", "up": True}},
                    {"measurement": "cpu", "tags": {"host": "b"}, "time": 1614816060000000000,
                     "fields": {"usage": 1.5, "procs": 4, "state": "warn", "up": False}},
                ], database='py_db')
                assert ok, ok
                names = [d['name'] for d in c.get_list_database()]
                assert 'py_db' in names, names
                rps = c.get_list_retention_policies('py_db')
                assert rps[0]['name'] == 'autogen', rps
                try:
                    c.write_points([{"measurement": "cpu", "tags": {"host": "c"}, "time": 1614816120000000000,
                                    "fields": {"usage": "text"}}],
                                   database='py_db')
                    raise SystemExit('expected a type conflict')
                except Exception as e:
                    assert 'field type conflict' in str(e), e
                print('python client ok')
                """.formatted(server.port());
        ExternalTools.Result r = ExternalTools.run(List.of(python.toString(), "-c", script), 60);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("python client ok");
    }
}
