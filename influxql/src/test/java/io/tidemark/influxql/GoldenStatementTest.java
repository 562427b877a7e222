package io.tidemark.influxql;

import static io.tidemark.influxql.Ast.bin;
import static io.tidemark.influxql.Ast.call;
import static io.tidemark.influxql.Ast.dim;
import static io.tidemark.influxql.Ast.dur;
import static io.tidemark.influxql.Ast.field;
import static io.tidemark.influxql.Ast.m;
import static io.tidemark.influxql.Ast.num;
import static io.tidemark.influxql.Ast.re;
import static io.tidemark.influxql.Ast.ref;
import static io.tidemark.influxql.Ast.select;
import static io.tidemark.influxql.Ast.str;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.tidemark.influxql.ast.AlterRetentionPolicyStatement;
import io.tidemark.influxql.ast.CreateContinuousQueryStatement;
import io.tidemark.influxql.ast.CreateDatabaseStatement;
import io.tidemark.influxql.ast.CreateRetentionPolicyStatement;
import io.tidemark.influxql.ast.CreateSubscriptionStatement;
import io.tidemark.influxql.ast.CreateUserStatement;
import io.tidemark.influxql.ast.DeleteSeriesStatement;
import io.tidemark.influxql.ast.DropContinuousQueryStatement;
import io.tidemark.influxql.ast.DropDatabaseStatement;
import io.tidemark.influxql.ast.DropMeasurementStatement;
import io.tidemark.influxql.ast.DropRetentionPolicyStatement;
import io.tidemark.influxql.ast.DropSeriesStatement;
import io.tidemark.influxql.ast.DropShardStatement;
import io.tidemark.influxql.ast.DropSubscriptionStatement;
import io.tidemark.influxql.ast.DropUserStatement;
import io.tidemark.influxql.ast.ExplainStatement;
import io.tidemark.influxql.ast.GrantAdminStatement;
import io.tidemark.influxql.ast.GrantStatement;
import io.tidemark.influxql.ast.KillQueryStatement;
import io.tidemark.influxql.ast.ListLiteral;
import io.tidemark.influxql.ast.Measurement;
import io.tidemark.influxql.ast.Operator;
import io.tidemark.influxql.ast.Privilege;
import io.tidemark.influxql.ast.Query;
import io.tidemark.influxql.ast.RevokeAdminStatement;
import io.tidemark.influxql.ast.RevokeStatement;
import io.tidemark.influxql.ast.SetPasswordUserStatement;
import io.tidemark.influxql.ast.ShowContinuousQueriesStatement;
import io.tidemark.influxql.ast.ShowDatabasesStatement;
import io.tidemark.influxql.ast.ShowDiagnosticsStatement;
import io.tidemark.influxql.ast.ShowFieldKeyCardinalityStatement;
import io.tidemark.influxql.ast.ShowFieldKeysStatement;
import io.tidemark.influxql.ast.ShowGrantsForUserStatement;
import io.tidemark.influxql.ast.ShowMeasurementCardinalityStatement;
import io.tidemark.influxql.ast.ShowMeasurementsStatement;
import io.tidemark.influxql.ast.ShowQueriesStatement;
import io.tidemark.influxql.ast.ShowRetentionPoliciesStatement;
import io.tidemark.influxql.ast.ShowSeriesCardinalityStatement;
import io.tidemark.influxql.ast.ShowSeriesStatement;
import io.tidemark.influxql.ast.ShowShardGroupsStatement;
import io.tidemark.influxql.ast.ShowShardsStatement;
import io.tidemark.influxql.ast.ShowStatsStatement;
import io.tidemark.influxql.ast.ShowSubscriptionsStatement;
import io.tidemark.influxql.ast.ShowTagKeyCardinalityStatement;
import io.tidemark.influxql.ast.ShowTagKeysStatement;
import io.tidemark.influxql.ast.ShowTagValuesCardinalityStatement;
import io.tidemark.influxql.ast.ShowTagValuesStatement;
import io.tidemark.influxql.ast.ShowUsersStatement;
import io.tidemark.influxql.ast.Statement;
import io.tidemark.influxql.ast.TagKeyMatch;
import io.tidemark.influxql.ast.Target;
import io.tidemark.influxql.ast.Wildcard;

/**
 * Golden {input, expected AST, canonical text} table, plus the round trip parse → print → parse = same AST that
 * influxql's parser_test.go applies to every case.
 */
class GoldenStatementTest {
    private static final Duration H1 = Duration.ofHours(1);

    static Stream<Arguments> statements() {
        return Stream.of(
                g("SHOW DATABASES", new ShowDatabasesStatement(), "SHOW DATABASES"),
                g("show   databases", new ShowDatabasesStatement(), "SHOW DATABASES"),
                g("CREATE DATABASE testdb", CreateDatabaseStatement.named("testdb"), "CREATE DATABASE testdb"),
                g("CREATE DATABASE \"my db\"", CreateDatabaseStatement.named("my db"), "CREATE DATABASE \"my db\""),
                g("CREATE DATABASE \"select\"", CreateDatabaseStatement.named("select"), "CREATE DATABASE \"select\""),
                g("CREATE DATABASE testdb WITH DURATION 24h",
                        new CreateDatabaseStatement("testdb", true, Duration.ofHours(24), null, Duration.ZERO, ""),
                        "CREATE DATABASE testdb WITH DURATION 24h0m0s"),
                g("CREATE DATABASE testdb WITH SHARD DURATION 30m",
                        new CreateDatabaseStatement("testdb", true, null, null, Duration.ofMinutes(30), ""),
                        "CREATE DATABASE testdb WITH SHARD DURATION 30m0s"),
                g("CREATE DATABASE testdb WITH REPLICATION 2",
                        new CreateDatabaseStatement("testdb", true, null, 2, Duration.ZERO, ""),
                        "CREATE DATABASE testdb WITH REPLICATION 2"),
                g("CREATE DATABASE testdb WITH NAME test_name",
                        new CreateDatabaseStatement("testdb", true, null, null, Duration.ZERO, "test_name"),
                        "CREATE DATABASE testdb WITH NAME test_name"),
                g("CREATE DATABASE testdb WITH DURATION 24h REPLICATION 2 NAME test_name",
                        new CreateDatabaseStatement("testdb", true, Duration.ofHours(24), 2, Duration.ZERO, "test_name"),
                        "CREATE DATABASE testdb WITH DURATION 24h0m0s REPLICATION 2 NAME test_name"),
                g("CREATE DATABASE testdb WITH DURATION 24h REPLICATION 2 SHARD DURATION 10m NAME test_name ",
                        new CreateDatabaseStatement("testdb", true, Duration.ofHours(24), 2, Duration.ofMinutes(10),
                                "test_name"),
                        "CREATE DATABASE testdb WITH DURATION 24h0m0s REPLICATION 2 SHARD DURATION 10m0s NAME test_name"),
                g("CREATE DATABASE testdb WITH DURATION INF",
                        new CreateDatabaseStatement("testdb", true, Duration.ZERO, null, Duration.ZERO, ""),
                        "CREATE DATABASE testdb WITH DURATION 0s"),
                g("DROP DATABASE testdb", new DropDatabaseStatement("testdb"), "DROP DATABASE testdb"),
                g("SHOW RETENTION POLICIES", new ShowRetentionPoliciesStatement(""), "SHOW RETENTION POLICIES"),
                g("SHOW RETENTION POLICIES ON mydb", new ShowRetentionPoliciesStatement("mydb"),
                        "SHOW RETENTION POLICIES ON mydb"),
                g("CREATE RETENTION POLICY policy1 ON testdb DURATION 1h REPLICATION 2",
                        new CreateRetentionPolicyStatement("policy1", "testdb", H1, 2, Duration.ZERO, false),
                        "CREATE RETENTION POLICY policy1 ON testdb DURATION 1h REPLICATION 2"),
                g("CREATE RETENTION POLICY policy1 ON testdb DURATION INF REPLICATION 2",
                        new CreateRetentionPolicyStatement("policy1", "testdb", Duration.ZERO, 2, Duration.ZERO, false),
                        "CREATE RETENTION POLICY policy1 ON testdb DURATION 0s REPLICATION 2"),
                g("CREATE RETENTION POLICY policy1 ON testdb DURATION 2m REPLICATION 4 DEFAULT",
                        new CreateRetentionPolicyStatement("policy1", "testdb", Duration.ofMinutes(2), 4,
                                Duration.ZERO, true),
                        "CREATE RETENTION POLICY policy1 ON testdb DURATION 2m REPLICATION 4 DEFAULT"),
                g("CREATE RETENTION POLICY policy1 ON testdb DURATION 1h REPLICATION 2 SHARD DURATION 30m",
                        new CreateRetentionPolicyStatement("policy1", "testdb", H1, 2, Duration.ofMinutes(30), false),
                        "CREATE RETENTION POLICY policy1 ON testdb DURATION 1h REPLICATION 2 SHARD DURATION 30m"),
                g("CREATE RETENTION POLICY policy1 ON testdb DURATION 1h REPLICATION 2 SHARD DURATION 0s",
                        new CreateRetentionPolicyStatement("policy1", "testdb", H1, 2, Duration.ZERO, false),
                        "CREATE RETENTION POLICY policy1 ON testdb DURATION 1h REPLICATION 2"),
                g("CREATE RETENTION POLICY policy1 ON testdb DURATION 1h REPLICATION 1 SHARD DURATION 1s",
                        new CreateRetentionPolicyStatement("policy1", "testdb", H1, 1, Duration.ofSeconds(1), false),
                        "CREATE RETENTION POLICY policy1 ON testdb DURATION 1h REPLICATION 1 SHARD DURATION 1s"),
                g("CREATE RETENTION POLICY weekly ON \"db\" DURATION 7d REPLICATION 1 SHARD DURATION 1d",
                        new CreateRetentionPolicyStatement("weekly", "db", Duration.ofDays(7), 1, Duration.ofDays(1),
                                false),
                        "CREATE RETENTION POLICY weekly ON db DURATION 1w REPLICATION 1 SHARD DURATION 1d"),
                g("ALTER RETENTION POLICY policy1 ON testdb DURATION 1m REPLICATION 4 DEFAULT",
                        new AlterRetentionPolicyStatement("policy1", "testdb", Duration.ofMinutes(1), 4, null, true),
                        "ALTER RETENTION POLICY policy1 ON testdb DURATION 1m REPLICATION 4 DEFAULT"),
                g("ALTER RETENTION POLICY policy1 ON testdb REPLICATION 4 DURATION 1m DEFAULT",
                        new AlterRetentionPolicyStatement("policy1", "testdb", Duration.ofMinutes(1), 4, null, true),
                        "ALTER RETENTION POLICY policy1 ON testdb DURATION 1m REPLICATION 4 DEFAULT"),
                g("ALTER RETENTION POLICY policy1 ON testdb DURATION 1m",
                        new AlterRetentionPolicyStatement("policy1", "testdb", Duration.ofMinutes(1), null, null, false),
                        "ALTER RETENTION POLICY policy1 ON testdb DURATION 1m"),
                g("ALTER RETENTION POLICY policy1 ON testdb DEFAULT",
                        new AlterRetentionPolicyStatement("policy1", "testdb", null, null, null, true),
                        "ALTER RETENTION POLICY policy1 ON testdb DEFAULT"),
                g("ALTER RETENTION POLICY default ON testdb REPLICATION 4",
                        new AlterRetentionPolicyStatement("default", "testdb", null, 4, null, false),
                        "ALTER RETENTION POLICY \"default\" ON testdb REPLICATION 4"),
                g("ALTER RETENTION POLICY policy1 ON testdb SHARD DURATION 14d",
                        new AlterRetentionPolicyStatement("policy1", "testdb", null, null, Duration.ofDays(14), false),
                        "ALTER RETENTION POLICY policy1 ON testdb SHARD DURATION 2w"),
                g("ALTER RETENTION POLICY policy1 ON testdb DURATION INF",
                        new AlterRetentionPolicyStatement("policy1", "testdb", Duration.ZERO, null, null, false),
                        "ALTER RETENTION POLICY policy1 ON testdb DURATION 0s"),
                g("DROP RETENTION POLICY \"1h.cpu\" ON mydb",
                        new DropRetentionPolicyStatement("1h.cpu", "mydb"),
                        "DROP RETENTION POLICY \"1h.cpu\" ON mydb"),
                // SHOW statements
                g("SHOW MEASUREMENTS", new ShowMeasurementsStatement("", null, null, List.of(), 0, 0),
                        "SHOW MEASUREMENTS"),
                g("SHOW MEASUREMENTS ON db0 WITH MEASUREMENT =~ /^(c|d)/ WHERE region = 'uswest' LIMIT 10 OFFSET 20",
                        new ShowMeasurementsStatement("db0", Measurement.matching("^(c|d)"),
                                bin(Operator.EQ, ref("region"), str("uswest")), List.of(), 10, 20),
                        "SHOW MEASUREMENTS ON db0 WITH MEASUREMENT =~ /^(c|d)/ WHERE region = 'uswest' LIMIT 10 OFFSET 20"),
                g("SHOW MEASUREMENTS WITH MEASUREMENT = cpu",
                        new ShowMeasurementsStatement("", m("cpu"), null, List.of(), 0, 0),
                        "SHOW MEASUREMENTS WITH MEASUREMENT = cpu"),
                g("SHOW MEASUREMENTS ON \"my db\"",
                        new ShowMeasurementsStatement("my db", null, null, List.of(), 0, 0),
                        "SHOW MEASUREMENTS ON \"my db\""),
                g("SHOW SERIES ON db0 FROM cpu WHERE region = 'east' LIMIT 5 OFFSET 1",
                        new ShowSeriesStatement("db0", List.of(m("cpu")), bin(Operator.EQ, ref("region"), str("east")),
                                List.of(), 5, 1),
                        "SHOW SERIES ON db0 FROM cpu WHERE region = 'east' LIMIT 5 OFFSET 1"),
                g("SHOW SERIES", new ShowSeriesStatement("", List.of(), null, List.of(), 0, 0), "SHOW SERIES"),
                g("SHOW SERIES CARDINALITY", new ShowSeriesCardinalityStatement("", false, List.of(), null, List.of(),
                        0, 0), "SHOW SERIES CARDINALITY"),
                g("SHOW SERIES EXACT CARDINALITY ON db0 FROM cpu WHERE a = 'b' GROUP BY host LIMIT 1 OFFSET 2",
                        new ShowSeriesCardinalityStatement("db0", true, List.of(m("cpu")),
                                bin(Operator.EQ, ref("a"), str("b")), List.of(dim(ref("host"))), 1, 2),
                        "SHOW SERIES EXACT CARDINALITY ON db0 FROM cpu WHERE a = 'b' GROUP BY host LIMIT 1 OFFSET 2"),
                g("SHOW MEASUREMENT CARDINALITY", new ShowMeasurementCardinalityStatement("", false, List.of(), null,
                        List.of(), 0, 0), "SHOW MEASUREMENT CARDINALITY"),
                g("SHOW MEASUREMENT EXACT CARDINALITY ON db0", new ShowMeasurementCardinalityStatement("db0", true,
                        List.of(), null, List.of(), 0, 0), "SHOW MEASUREMENT EXACT CARDINALITY ON db0"),
                g("SHOW TAG KEY CARDINALITY FROM cpu", new ShowTagKeyCardinalityStatement("", false,
                        List.of(m("cpu")), null, List.of(), 0, 0), "SHOW TAG KEY CARDINALITY FROM cpu"),
                g("SHOW TAG KEY EXACT CARDINALITY", new ShowTagKeyCardinalityStatement("", true, List.of(), null,
                        List.of(), 0, 0), "SHOW TAG KEY EXACT CARDINALITY"),
                g("SHOW FIELD KEY EXACT CARDINALITY ON db0", new ShowFieldKeyCardinalityStatement("db0", true,
                        List.of(), null, List.of(), 0, 0), "SHOW FIELD KEY EXACT CARDINALITY ON db0"),
                g("SHOW FIELD KEY CARDINALITY", new ShowFieldKeyCardinalityStatement("", false, List.of(), null,
                        List.of(), 0, 0), "SHOW FIELD KEY CARDINALITY"),
                g("SHOW TAG KEYS ON db0 FROM cpu, /^m/ WHERE a = 'b' LIMIT 1 OFFSET 2 SLIMIT 3 SOFFSET 4",
                        new ShowTagKeysStatement("db0", List.of(m("cpu"), Measurement.matching("^m")),
                                bin(Operator.EQ, ref("a"), str("b")), List.of(), 1, 2, 3, 4),
                        "SHOW TAG KEYS ON db0 FROM cpu, /^m/ WHERE a = 'b' LIMIT 1 OFFSET 2 SLIMIT 3 SOFFSET 4"),
                g("SHOW TAG VALUES WITH KEY = host",
                        new ShowTagValuesStatement("", List.of(), TagKeyMatch.EQ, str("host"), null, List.of(), 0, 0),
                        "SHOW TAG VALUES WITH KEY = host"),
                g("SHOW TAG VALUES FROM disk WITH KEY IN (\"host\", \"path\")",
                        new ShowTagValuesStatement("", List.of(m("disk")), TagKeyMatch.IN,
                                new ListLiteral(List.of("host", "path")), null, List.of(), 0, 0),
                        "SHOW TAG VALUES FROM disk WITH KEY IN (host, path)"),
                g("SHOW TAG VALUES ON db0 WITH KEY !~ /^h/ WHERE a = 'b' LIMIT 3",
                        new ShowTagValuesStatement("db0", List.of(), TagKeyMatch.NEQREGEX, re("^h"),
                                bin(Operator.EQ, ref("a"), str("b")), List.of(), 3, 0),
                        "SHOW TAG VALUES ON db0 WITH KEY !~ /^h/ WHERE a = 'b' LIMIT 3"),
                g("SHOW TAG VALUES WITH KEY != \"my key\"",
                        new ShowTagValuesStatement("", List.of(), TagKeyMatch.NEQ, str("my key"), null, List.of(), 0,
                                0),
                        "SHOW TAG VALUES WITH KEY != \"my key\""),
                g("SHOW TAG VALUES EXACT CARDINALITY FROM cpu WITH KEY =~ /h/ GROUP BY x",
                        new ShowTagValuesCardinalityStatement("", true, List.of(m("cpu")), TagKeyMatch.EQREGEX,
                                re("h"), null, List.of(dim(ref("x"))), 0, 0),
                        "SHOW TAG VALUES EXACT CARDINALITY FROM cpu WITH KEY =~ /h/ GROUP BY x"),
                g("SHOW TAG VALUES CARDINALITY WITH KEY = host",
                        new ShowTagValuesCardinalityStatement("", false, List.of(), TagKeyMatch.EQ, str("host"),
                                null, List.of(), 0, 0),
                        "SHOW TAG VALUES CARDINALITY WITH KEY = host"),
                g("SHOW FIELD KEYS ON db0 FROM cpu LIMIT 2",
                        new ShowFieldKeysStatement("db0", List.of(m("cpu")), List.of(), 2, 0),
                        "SHOW FIELD KEYS ON db0 FROM cpu LIMIT 2"),
                g("SHOW SHARDS", new ShowShardsStatement(), "SHOW SHARDS"),
                g("SHOW SHARD GROUPS", new ShowShardGroupsStatement(), "SHOW SHARD GROUPS"),
                g("SHOW CONTINUOUS QUERIES", new ShowContinuousQueriesStatement(), "SHOW CONTINUOUS QUERIES"),
                g("SHOW USERS", new ShowUsersStatement(), "SHOW USERS"),
                g("SHOW QUERIES", new ShowQueriesStatement(), "SHOW QUERIES"),
                g("SHOW SUBSCRIPTIONS", new ShowSubscriptionsStatement(), "SHOW SUBSCRIPTIONS"),
                g("SHOW GRANTS FOR jdoe", new ShowGrantsForUserStatement("jdoe"), "SHOW GRANTS FOR jdoe"),
                g("SHOW STATS", new ShowStatsStatement(""), "SHOW STATS"),
                g("SHOW STATS FOR 'indexes'", new ShowStatsStatement("indexes"), "SHOW STATS FOR 'indexes'"),
                g("SHOW DIAGNOSTICS", new ShowDiagnosticsStatement(""), "SHOW DIAGNOSTICS"),
                g("SHOW DIAGNOSTICS FOR 'build'", new ShowDiagnosticsStatement("build"),
                        "SHOW DIAGNOSTICS FOR 'build'"),
                // Users and privileges
                g("DROP USER jdoe", new DropUserStatement("jdoe"), "DROP USER jdoe"),
                g("GRANT READ ON testdb TO jdoe", new GrantStatement(Privilege.READ, "testdb", "jdoe"),
                        "GRANT READ ON testdb TO jdoe"),
                g("GRANT WRITE ON testdb TO jdoe", new GrantStatement(Privilege.WRITE, "testdb", "jdoe"),
                        "GRANT WRITE ON testdb TO jdoe"),
                g("GRANT ALL ON testdb TO jdoe", new GrantStatement(Privilege.ALL_PRIVILEGES, "testdb", "jdoe"),
                        "GRANT ALL PRIVILEGES ON testdb TO jdoe"),
                g("GRANT ALL PRIVILEGES TO jdoe", new GrantAdminStatement("jdoe"), "GRANT ALL PRIVILEGES TO jdoe"),
                g("GRANT ALL TO jdoe", new GrantAdminStatement("jdoe"), "GRANT ALL PRIVILEGES TO jdoe"),
                g("REVOKE READ ON testdb FROM jdoe", new RevokeStatement(Privilege.READ, "testdb", "jdoe"),
                        "REVOKE READ ON testdb FROM jdoe"),
                g("REVOKE ALL PRIVILEGES ON testdb FROM jdoe",
                        new RevokeStatement(Privilege.ALL_PRIVILEGES, "testdb", "jdoe"),
                        "REVOKE ALL PRIVILEGES ON testdb FROM jdoe"),
                g("REVOKE ALL FROM jdoe", new RevokeAdminStatement("jdoe"), "REVOKE ALL PRIVILEGES FROM jdoe"),
                // Drops, deletes, kills
                g("DROP MEASUREMENT \"my m\"", new DropMeasurementStatement("my m"), "DROP MEASUREMENT \"my m\""),
                g("DROP SERIES FROM cpu WHERE host = 'h3'",
                        new DropSeriesStatement(List.of(m("cpu")), bin(Operator.EQ, ref("host"), str("h3"))),
                        "DROP SERIES FROM cpu WHERE host = 'h3'"),
                g("DROP SERIES WHERE host = 'h3'",
                        new DropSeriesStatement(List.of(), bin(Operator.EQ, ref("host"), str("h3"))),
                        "DROP SERIES WHERE host = 'h3'"),
                g("DROP SERIES FROM /c.*/", new DropSeriesStatement(List.of(Measurement.matching("c.*")), null),
                        "DROP SERIES FROM /c.*/"),
                g("DELETE FROM cpu WHERE time < '2021-03-04T01:00:00Z'",
                        new DeleteSeriesStatement(List.of(m("cpu")),
                                bin(Operator.LT, ref("time"), str("2021-03-04T01:00:00Z"))),
                        "DELETE FROM cpu WHERE time < '2021-03-04T01:00:00Z'"),
                g("DELETE WHERE time < now() - 1d",
                        new DeleteSeriesStatement(List.of(), bin(Operator.LT, ref("time"),
                                bin(Operator.SUB, call("now"), dur(Duration.ofDays(1))))),
                        "DELETE WHERE time < now() - 1d"),
                g("DROP SHARD 18446744073709551615", new DropShardStatement(-1L), "DROP SHARD 18446744073709551615"),
                g("KILL QUERY 4", new KillQueryStatement(4, ""), "KILL QUERY 4"),
                g("KILL QUERY 4 ON \"host:8088\"", new KillQueryStatement(4, "host:8088"),
                        "KILL QUERY 4 ON \"host:8088\""),
                // Continuous queries, subscriptions, EXPLAIN
                g("CREATE CONTINUOUS QUERY myquery ON testdb RESAMPLE EVERY 1m FOR 1h BEGIN SELECT count(field1) "
                        + "INTO measure1 FROM myseries GROUP BY time(5s) END",
                        new CreateContinuousQueryStatement("myquery", "testdb",
                                select(field(call("count", ref("field1")))).target(new Target(m("measure1")))
                                        .sources(m("myseries")).dimensions(dim(call("time",
                                                dur(Duration.ofSeconds(5))))).build(),
                                Duration.ofMinutes(1), Duration.ofHours(1)),
                        "CREATE CONTINUOUS QUERY myquery ON testdb RESAMPLE EVERY 1m FOR 1h BEGIN SELECT "
                                + "count(field1) INTO measure1 FROM myseries GROUP BY time(5s) END"),
                g("CREATE CONTINUOUS QUERY cq0 ON db0 BEGIN SELECT mean(*) INTO db1..:MEASUREMENT FROM cpu "
                        + "GROUP BY time(5m) END",
                        new CreateContinuousQueryStatement("cq0", "db0",
                                select(field(call("mean", Wildcard.ALL)))
                                        .target(new Target(new Measurement("db1", "", "", null))).sources(m("cpu"))
                                        .dimensions(dim(call("time", dur(Duration.ofMinutes(5))))).build(),
                                Duration.ZERO, Duration.ZERO),
                        "CREATE CONTINUOUS QUERY cq0 ON db0 BEGIN SELECT mean(*) INTO db1..:MEASUREMENT FROM cpu "
                                + "GROUP BY time(5m) END"),
                g("CREATE CONTINUOUS QUERY raw ON db0 BEGIN SELECT value INTO copy FROM cpu END",
                        new CreateContinuousQueryStatement("raw", "db0",
                                select(field(ref("value"))).target(new Target(m("copy"))).sources(m("cpu")).build(),
                                Duration.ZERO, Duration.ZERO),
                        "CREATE CONTINUOUS QUERY raw ON db0 BEGIN SELECT value INTO copy FROM cpu END"),
                g("DROP CONTINUOUS QUERY myquery ON foo", new DropContinuousQueryStatement("myquery", "foo"),
                        "DROP CONTINUOUS QUERY myquery ON foo"),
                g("CREATE SUBSCRIPTION \"name\" ON \"db\".\"rp\" DESTINATIONS ANY 'udp://host1:9093', 'udp://host2:9093'",
                        new CreateSubscriptionStatement("name", "db", "rp",
                                List.of("udp://host1:9093", "udp://host2:9093"), "ANY"),
                        "CREATE SUBSCRIPTION \"name\" ON db.rp DESTINATIONS ANY 'udp://host1:9093', 'udp://host2:9093'"),
                g("DROP SUBSCRIPTION \"name\" ON \"db\".\"rp\"", new DropSubscriptionStatement("name", "db", "rp"),
                        "DROP SUBSCRIPTION \"name\" ON db.rp"),
                g("EXPLAIN SELECT * FROM cpu",
                        new ExplainStatement(select(field(Wildcard.ALL)).sources(m("cpu")).build(), false),
                        "EXPLAIN SELECT * FROM cpu"),
                g("EXPLAIN ANALYZE SELECT mean(v) FROM cpu WHERE x = 1",
                        new ExplainStatement(select(field(call("mean", ref("v")))).sources(m("cpu"))
                                .condition(bin(Operator.EQ, ref("x"), num(1))).build(), true),
                        "EXPLAIN ANALYZE SELECT mean(v) FROM cpu WHERE x = 1"));
    }

    @org.junit.jupiter.api.Test
    void passwordsAreParsedButNeverPrinted() throws ParseException {
        assertThat(InfluxQLParser.parse("CREATE USER testuser WITH PASSWORD 'pwd1337' WITH ALL PRIVILEGES")
                .statements()).containsExactly(new CreateUserStatement("testuser", "pwd1337", true));
        assertThat(InfluxQLParser.parse("CREATE USER \"t u\" WITH PASSWORD 'p\\'w'").statements().getFirst())
                .isEqualTo(new CreateUserStatement("t u", "p'w", false))
                .hasToString("CREATE USER \"t u\" WITH PASSWORD [REDACTED]");
        Statement set = InfluxQLParser.parse("SET PASSWORD FOR dejan = 'secret'").statements().getFirst();
        assertThat(set).isEqualTo(new SetPasswordUserStatement("dejan", "secret"))
                .hasToString("SET PASSWORD FOR dejan = [REDACTED]");
    }

    private static Arguments g(String input, Statement expected, String printed) {
        return Arguments.of(input, expected, printed);
    }

    @ParameterizedTest
    @MethodSource("statements")
    void parsesPrintsAndRoundTrips(String input, Statement expected, String printed) throws ParseException {
        Query q = InfluxQLParser.parse(input);
        assertThat(q.statements()).containsExactly(expected);
        assertThat(q.statements().getFirst().toString()).isEqualTo(printed);
        assertThat(InfluxQLParser.parse(printed).statements()).containsExactly(expected);
    }
}
