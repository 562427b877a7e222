package io.tidemark.server.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.fs.RealFs;
import io.tidemark.common.metrics.MetricRegistry;
import io.tidemark.http.Credentials;
import io.tidemark.http.WriteOutcome;
import io.tidemark.http.WriteRequest;
import io.tidemark.meta.LocalMetaStore;
import io.tidemark.meta.MetaCommand;
import io.tidemark.meta.RetentionPolicySpec;
import io.tidemark.meta.ShardGroupInfo;
import io.tidemark.storage.Store;
import io.tidemark.storage.StoreConfig;
import io.tidemark.storage.api.PointBatch;
import io.tidemark.storage.api.SeriesCursor;
import io.tidemark.storage.api.ShardNotFoundException;
import io.tidemark.storage.api.ShardWriteException;
import io.tidemark.storage.api.WriteResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PointsWriterTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Instant NOW = Instant.parse("2021-03-10T00:00:00Z");

    @TempDir
    Path dir;
    private LocalMetaStore meta;
    private Store store;
    private PointsWriter writer;
    private final MetricRegistry metrics = new MetricRegistry();

    @BeforeEach
    void open() throws Exception {
        meta = LocalMetaStore.open(new RealFs(), dir.resolve("meta"), "test");
        store = Store.open(StoreConfig.defaults(dir.resolve("data"), dir.resolve("wal")), new RealFs(),
                new MetricRegistry());
        ShardTarget target = new ShardTarget() {
            @Override
            public void ensureShard(long shardId, String database, String rp) throws ShardWriteException {
                try {
                    store.createShard(shardId, database, rp);
                } catch (IOException e) {
                    // As the node's binding (LocalShards) does.
                    if (store.wasDeleted(shardId)) {
                        throw new ShardNotFoundException(shardId);
                    }
                    throw new ShardWriteException(e.getMessage(), e);
                }
            }

            @Override
            public CompletableFuture<WriteResult> write(long shardId, PointBatch batch) throws ShardWriteException {
                return store.writeAsync(shardId, batch);
            }
        };
        writer = new PointsWriter(meta, target, new WriteLimits(TIMEOUT, false, 65_535), InstantSource.fixed(NOW),
                metrics);
        meta.execute(new MetaCommand.CreateDatabase("db", RetentionPolicySpec.autogen()), TIMEOUT);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
        meta.close();
    }

    private WriteOutcome write(String db, String rp, String precision, String body) {
        return writer.write(new WriteRequest(db, rp, precision, null, body.getBytes(StandardCharsets.UTF_8),
                Credentials.NONE)).join();
    }

    private long shardFor(long nanos) {
        ShardGroupInfo g = meta.data().retentionPolicy("db", null).shardGroupFor(nanos);
        assertThat(g).isNotNull();
        return g.shards().getFirst().id();
    }

    @Test
    void pointsLandInTheShardOfTheirTimeRange() throws Exception {
        assertThat(write("db", null, "s", "cpu,host=a v=1 1614816000\ncpu,host=a v=2 1615593600")).isEqualTo(
                WriteOutcome.ok(2));
        long t1 = 1_614_816_000_000_000_000L;
        long t2 = 1_615_593_600_000_000_000L;
        assertThat(shardFor(t1)).isNotEqualTo(shardFor(t2));
        SeriesCursor c = store.read(shardFor(t1), "cpu,host=a".getBytes(StandardCharsets.UTF_8), "v", t1, t1);
        assertThat(c.next()).isTrue();
        assertThat(c.floatValue()).isEqualTo(1.0);
    }

    @Test
    void requestLevelErrors() {
        assertThat(write(null, null, null, "m v=1")).isEqualTo(WriteOutcome.error(400, "database is required"));
        assertThat(write("nope", null, null, "m v=1"))
                .isEqualTo(WriteOutcome.error(404, "database not found: \"nope\""));
        assertThat(write("db", "nope", null, "m v=1"))
                .isEqualTo(WriteOutcome.error(500, "retention policy not found: nope"));
        assertThat(write("db", null, "x", "m v=1").error()).startsWith("invalid precision \"x\"");
    }

    @Test
    void parseErrorsAloneAre400WithoutPartial() {
        WriteOutcome o = write("db", null, "s", "bad\nworse");
        assertThat(o.status()).isEqualTo(400);
        assertThat(o.error()).isEqualTo("unable to parse 'bad': missing fields\nunable to parse 'worse': missing fields");
        assertThat(write("db", null, "s", "m v=1 1614816000\nbad")).isEqualTo(WriteOutcome.error(400,
                "partial write: unable to parse 'bad': missing fields dropped=0").withPoints(1, 0, 0));
    }

    @Test
    void reservedTimeKeysAreDropped() {
        WriteOutcome tag = write("db", null, "s", "m,time=1 v=1 1614816000\nm v=2 1614816000");
        assertThat(tag).isEqualTo(WriteOutcome.error(400,
                "partial write: invalid tag key: input tag \"time\" on measurement \"m\" is invalid dropped=1")
                .withPoints(1, 1, 0));
        WriteOutcome field = write("db", null, "s", "m time=1,v=1 1614816000");
        assertThat(field).isEqualTo(WriteOutcome.error(400,
                "partial write: invalid field name: input field \"time\" on measurement \"m\" is invalid dropped=1")
                .withPoints(0, 1, 0));
        assertThat(write("db", null, "s", "m,a\\,time=1 v=1 1614816000")).isEqualTo(WriteOutcome.ok(1));
        // Among other tags, sorted or not, on the parser's path for lines with escapes and on the one without.
        for (String line : new String[] {"m,a=1,time=2,z=3 v=1", "m,z=3,time=2 v=1", "m,a\\ b=1,time=2 v=1",
                "m,time=x\\ y v=1"}) {
            assertThat(write("db", null, "s", line + " 1614816000").error()).as(line)
                    .contains("invalid tag key: input tag \"time\"");
        }
        for (String line : new String[] {"m,timex=1 v=1", "m,tim=1 v=1", "m,xtime=1 v=1", "m,a=time v=1"}) {
            assertThat(write("db", null, "s", line + " 1614816000")).as(line).isEqualTo(WriteOutcome.ok(1));
        }
    }

    @Test
    void pointsBeyondRetentionAreDropped() throws Exception {
        meta.execute(new MetaCommand.CreateRetentionPolicy("db",
                new RetentionPolicySpec("day", Duration.ofDays(1), Duration.ZERO, 1), false), TIMEOUT);
        WriteOutcome o = write("db", "day", "s", "m v=1 1614816000\nm v=2 " + NOW.getEpochSecond());
        assertThat(o).isEqualTo(WriteOutcome.error(400, "partial write: points beyond retention policy dropped=1")
                .withPoints(1, 1, 0));
        assertThat(write("db", "day", "s", "m v=1 1614816000\nm v=1 1614816001")).isEqualTo(
                WriteOutcome.error(400, "partial write: points beyond retention policy dropped=2").withPoints(0, 2, 0));
    }

    @Test
    void typeConflictsArePartialWrites() {
        assertThat(write("db", null, "s", "ev,src=a val=1.0 1614816000")).isEqualTo(WriteOutcome.ok(1));
        assertThat(write("db", null, "s", "ev,src=c val=\"text\" 1614816300")).isEqualTo(WriteOutcome.error(400,
                "partial write: field type conflict: input field \"val\" on measurement \"ev\" is type string, "
                        + "already exists as type float dropped=1").withPoints(0, 1, 0));
    }

    @Test
    void countsAsInfluxDbsWriteStatistics() throws Exception {
        meta.execute(new MetaCommand.CreateRetentionPolicy("db",
                new RetentionPolicySpec("day", Duration.ofDays(1), Duration.ZERO, 1), false), TIMEOUT);
        write("nope", null, "s", "m v=1");                                  // refused before routing
        write("db", null, "s", "bad");                                      // no line parsed
        write("db", null, "s", "m v=1 1614816000\nm v=2 1615593600");     // two shards
        write("db", null, "s", "m v=\"x\" 1614816000\nm v=3 1614816001"); // one point refused by its shard
        write("db", "day", "s", "m v=1 1614816000\nm v=2 " + NOW.getEpochSecond()); // one beyond retention

        assertThat(metrics.snapshot().getFirst().values()).containsEntry("req", 3L).containsEntry("pointReq", 6L)
                .containsEntry("pointReqLocal", 5L).containsEntry("writeOk", 3L).containsEntry("writeError", 1L)
                .containsEntry("writeTimeout", 0L);
    }

    @Test
    void aWriteRoutedToAShardDroppedMeanwhileGetsInfluxDbsAnswer() throws Exception {
        assertThat(write("db", null, "s", "m v=1 1614816000")).isEqualTo(WriteOutcome.ok(1));
        long shard = shardFor(1_614_816_000_000_000_000L);
        // The local deletion of DROP SHARD before the metadata says so: the points are routed to the shard.
        store.deleteShard(shard);
        assertThat(write("db", null, "s", "m v=2 1614816000\nm v=3 1614816001")).isEqualTo(WriteOutcome.error(400,
                "partial write: shard " + shard + " is pending deletion dropped=2").withPoints(0, 2, 0));

        // DROP DATABASE between the routing and the write: the database's absence.
        ShardTarget dropping = new ShardTarget() {
            @Override
            public void ensureShard(long shardId, String database, String rp) throws ShardWriteException {
                try {
                    meta.execute(new MetaCommand.DropDatabase(database), TIMEOUT);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                throw new ShardNotFoundException(shardId);
            }

            @Override
            public CompletableFuture<WriteResult> write(long shardId, PointBatch batch) {
                throw new AssertionError("not reached");
            }
        };
        PointsWriter racing = new PointsWriter(meta, dropping, new WriteLimits(TIMEOUT, false, 65_535),
                InstantSource.fixed(NOW), new MetricRegistry());
        assertThat(racing.write(new WriteRequest("db", null, "s", null,
                "m v=4 1615593600".getBytes(StandardCharsets.UTF_8), Credentials.NONE)).join())
                .isEqualTo(WriteOutcome.error(404, "database not found: \"db\"").withPoints(0, 0, 1));
    }
}
