package io.tidemark.query;

import io.tidemark.common.FieldType;
import io.tidemark.common.Precision;
import io.tidemark.common.fs.RealFs;
import io.tidemark.common.metrics.MetricRegistry;
import io.tidemark.common.result.StatementResult;
import io.tidemark.influxql.InfluxQLParser;
import io.tidemark.influxql.ParseException;
import io.tidemark.influxql.ast.CreateDatabaseStatement;
import io.tidemark.influxql.ast.Query;
import io.tidemark.influxql.ast.Statement;
import io.tidemark.lineprotocol.LineProtocolParser;
import io.tidemark.lineprotocol.LineSink;
import io.tidemark.lineprotocol.ParsedPoint;
import io.tidemark.meta.LocalMetaStore;
import io.tidemark.meta.MetaCommand;
import io.tidemark.meta.MetaData;
import io.tidemark.meta.RetentionPolicyInfo;
import io.tidemark.meta.RetentionPolicySpec;
import io.tidemark.meta.ShardGroupInfo;
import io.tidemark.storage.Store;
import io.tidemark.storage.StoreConfig;
import io.tidemark.storage.api.PointBatchBuilder;
import io.tidemark.storage.api.WriteResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A single node for tests: a real {@link Store} and {@link LocalMetaStore} in a directory, line-protocol writes
 * routed to shards the way the server's points writer routes them, and queries run the way the server's statement
 * executor runs them (parse, then each statement in order; after a failure the rest are "not executed").
 *
 * <p>Not thread-safe.
 */
public final class TestNode implements AutoCloseable {
    private static final Duration META_TIMEOUT = Duration.ofSeconds(10);

    private final LocalMetaStore meta;
    private final Store store;
    private final QueryEngine engine;
    private final InstantSource clock;

    public TestNode(Path dir, InstantSource clock, QueryLimits limits) throws Exception {
        RealFs fs = new RealFs();
        this.clock = clock;
        this.meta = LocalMetaStore.open(fs, dir.resolve("meta"), "test");
        this.store = Store.open(StoreConfig.defaults(dir.resolve("data"), dir.resolve("wal")), fs,
                new MetricRegistry());
        this.engine = new QueryEngine(meta, store, limits, clock);
    }

    public TestNode(Path dir) throws Exception {
        this(dir, InstantSource.fixed(Instant.parse("2021-06-01T00:00:00Z")), QueryLimits.UNLIMITED);
    }

    public QueryEngine engine() {
        return engine;
    }

    public MetaData metaData() {
        return meta.data();
    }

    /** The node's store, for tests that flush or delete directly, or read it through another engine. */
    public Store store() {
        return store;
    }

    /** The node's metadata, for tests that build another engine over the same store. */
    public LocalMetaStore meta() {
        return meta;
    }

    /** Writes every shard's cache to TSM files. */
    public void flush() throws Exception {
        for (long id : store.shardIds()) {
            store.flush(id);
        }
    }

    public void createDatabase(String name) throws Exception {
        meta.execute(new MetaCommand.CreateDatabase(name, RetentionPolicySpec.autogen()), META_TIMEOUT);
    }

    public void createRetentionPolicy(String db, String rp, Duration duration, Duration shardDuration,
            boolean makeDefault) throws Exception {
        meta.execute(new MetaCommand.CreateRetentionPolicy(db, new RetentionPolicySpec(rp, duration, shardDuration,
                1), makeDefault), META_TIMEOUT);
    }

    /** Writes line protocol and fails on any rejected line or point. */
    public void load(String db, String rp, String lines, String precision) throws Exception {
        List<String> errors = write(db, rp, lines, precision);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("write failed: " + errors);
        }
    }

    public void load(String db, String lines) throws Exception {
        load(db, "", lines, "s");
    }

    /** Writes line protocol to the database's default retention policy; returns the parse errors. */
    public List<String> write(String db, String lines, String precision) throws Exception {
        return write(db, "", lines, precision);
    }

    public List<String> write(String db, String rp, String lines, String precision) throws Exception {
        MetaData data = meta.data();
        RetentionPolicyInfo rpi = data.retentionPolicy(db, rp);
        if (rpi == null) {
            throw new IllegalArgumentException("no retention policy " + rp + " in " + db);
        }
        Map<Long, PointBatchBuilder> batches = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        Instant now = clock.instant();
        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        byte[] body = lines.getBytes(StandardCharsets.UTF_8);
        new LineProtocolParser().parse(body, 0, body.length, Precision.parse(precision), nowNanos, new LineSink() {
            @Override
            public void point(ParsedPoint p) {
                try {
                    long shard = shardFor(db, rpi.name(), p.timestampNanos());
                    copy(p, batches.computeIfAbsent(shard, k -> new PointBatchBuilder()));
                } catch (Exception e) {
                    failures.add(e);
                }
            }

            @Override
            public void parseError(String message) {
                errors.add(message);
            }
        });
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
        for (Map.Entry<Long, PointBatchBuilder> e : batches.entrySet()) {
            store.createShard(e.getKey(), db, rpi.name());
            WriteResult r = store.write(e.getKey(), e.getValue().build());
            if (r.dropped() > 0) {
                errors.add("dropped " + r.dropped() + ": " + r.firstDropReason());
            }
        }
        return errors;
    }

    private long shardFor(String db, String rp, long ts) throws Exception {
        ShardGroupInfo g = meta.data().retentionPolicy(db, rp).shardGroupFor(ts);
        if (g == null) {
            MetaData after = meta.execute(new MetaCommand.CreateShardGroup(db, rp, ts), META_TIMEOUT);
            g = after.retentionPolicy(db, rp).shardGroupFor(ts);
        }
        return g.shards().getFirst().id();
    }

    private static void copy(ParsedPoint p, PointBatchBuilder b) {
        b.beginPoint(p.seriesKey(), 0, p.seriesKeyLength(), p.measurementLength(), p.timestampNanos());
        for (int i = 0; i < p.fieldCount(); i++) {
            byte[] name = p.fieldNameBytes(i);
            int off = p.fieldNameOffset(i);
            int len = p.fieldNameLength(i);
            FieldType type = p.fieldType(i);
            switch (type) {
                case FLOAT -> b.addFloat(name, off, len, p.floatValue(i));
                case INTEGER -> b.addInteger(name, off, len, p.longValue(i));
                case UNSIGNED -> b.addUnsigned(name, off, len, p.longValue(i));
                case BOOLEAN -> b.addBoolean(name, off, len, p.booleanValue(i));
                case STRING -> b.addString(name, off, len, p.stringBytes(i), p.stringOffset(i), p.stringLength(i));
            }
        }
        b.endPoint();
    }

    /** A statement the query engine does not execute and this node does not emulate. */
    public static final class UnsupportedStatementException extends Exception {
        public UnsupportedStatementException(String message) {
            super(message);
        }
    }

    /**
     * Runs a query as the server would; CREATE DATABASE is applied to the metadata, other statements the engine
     * does not handle are refused.
     *
     * @throws ParseException when the text does not parse (the server answers 400)
     */
    public List<StatementResult> query(String q, String db, String rp, boolean chunked, int chunkSize)
            throws ParseException, UnsupportedStatementException {
        Query query = InfluxQLParser.parse(q);
        for (Statement s : query.statements()) {
            if (!engine.handles(s) && !(s instanceof CreateDatabaseStatement)) {
                throw new UnsupportedStatementException(s.toString());
            }
        }
        List<StatementResult> out = new ArrayList<>();
        boolean failed = false;
        for (int id = 0; id < query.statements().size(); id++) {
            if (failed) {
                out.add(StatementResult.error(id, "not executed"));
                continue;
            }
            Statement s = query.statements().get(id);
            try {
                if (s instanceof CreateDatabaseStatement c) {
                    createDatabase(c.name());
                    out.add(StatementResult.ok(id));
                } else {
                    engine.execute(s, new QueryContext(id, db, rp, chunked, chunkSize), out::add);
                }
            } catch (QueryException e) {
                out.add(StatementResult.error(id, e.getMessage()));
                failed = true;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** Runs a non-chunked query against a database. */
    public List<StatementResult> query(String q, String db) throws Exception {
        return query(q, db, "", false, 0);
    }

    @Override
    public void close() throws Exception {
        store.close();
        meta.close();
    }
}
