package io.tidemark.server.write;

import io.tidemark.common.FieldType;
import io.tidemark.common.Precision;
import io.tidemark.common.metrics.MetricGroup;
import io.tidemark.common.metrics.MetricRegistry;
import io.tidemark.http.WriteOutcome;
import io.tidemark.http.WriteRequest;
import io.tidemark.http.WriteService;
import io.tidemark.lineprotocol.LineProtocolParser;
import io.tidemark.lineprotocol.LineSink;
import io.tidemark.lineprotocol.ParsedPoint;
import io.tidemark.meta.MetaClient;
import io.tidemark.meta.MetaCommand;
import io.tidemark.meta.MetaData;
import io.tidemark.meta.MetaException;
import io.tidemark.meta.MetaUnavailableException;
import io.tidemark.meta.RetentionPolicyInfo;
import io.tidemark.meta.ShardGroupInfo;
import io.tidemark.storage.api.CacheFullException;
import io.tidemark.storage.api.PointBatchBuilder;
import io.tidemark.storage.api.ShardNotFoundException;
import io.tidemark.storage.api.ShardWriteException;
import io.tidemark.storage.api.WriteResult;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * The write path of a node: parses a {@code /write} body, checks each point as InfluxDB does (reserved keys,
 * retention), routes it to the shard of its time range (creating shard groups as needed), and hands one encoded
 * batch per shard to the {@link ShardTarget}. Answers with InfluxDB's statuses and texts.
 *
 * <p>Thread-safe: called concurrently by the HTTP request workers; per-request state lives on the stack, and each
 * worker thread reuses its own parser.
 */
public final class PointsWriter implements WriteService {
    private final MetaClient meta;
    private final ShardTarget shards;
    private final WriteLimits limits;
    private final InstantSource clock;
    private final ThreadLocal<LineProtocolParser> parsers;
    // InfluxDB's "write" statistics (its coordinator's), under its names and with its meaning, so that existing
    // dashboards read them: requests and points that reached routing, points handed to shards, shard writes that
    // succeeded or failed (one with a point refused counts as failed, as a partial write does in InfluxDB), writes
    // that timed out. (InfluxDB's writeDrop stays 0 for points beyond the retention policy; it is left out.)
    private final LongAdder writeRequests;
    private final LongAdder pointsRequested;
    private final LongAdder pointsToShards;
    private final LongAdder shardWritesOk;
    private final LongAdder shardWritesFailed;
    private final LongAdder timeouts;
    private final LongAdder parseErrors;

    public PointsWriter(MetaClient meta, ShardTarget shards, WriteLimits limits, InstantSource clock,
                        MetricRegistry metrics) {
        this.meta = meta;
        this.shards = shards;
        this.limits = limits;
        this.clock = clock;
        this.parsers = ThreadLocal.withInitial(
                () -> new LineProtocolParser(limits.allowUnsigned(), limits.maxSeriesKeyBytes()));
        MetricGroup stats = metrics.group("write");
        this.writeRequests = stats.counter("req");
        this.pointsRequested = stats.counter("pointReq");
        this.pointsToShards = stats.counter("pointReqLocal");
        this.shardWritesOk = stats.counter("writeOk");
        this.shardWritesFailed = stats.counter("writeError");
        this.timeouts = stats.counter("writeTimeout");
        this.parseErrors = stats.counter("parseErrors");
    }

    @Override
    public CompletableFuture<WriteOutcome> write(WriteRequest request) {
        String db = request.database();
        if (db == null || db.isEmpty()) {
            return answer(WriteOutcome.error(400, "database is required"));
        }
        MetaData data = meta.data();
        if (data.database(db) == null) {
            return answer(WriteOutcome.error(404, "database not found: \"" + db + "\""));
        }
        RetentionPolicyInfo rp = data.retentionPolicy(db, request.retentionPolicy());
        if (rp == null) {
            String name = request.retentionPolicy() == null || request.retentionPolicy().isEmpty()
                    ? data.database(db).defaultRetentionPolicy() : request.retentionPolicy();
            return answer(WriteOutcome.error(500, "retention policy not found: " + name));
        }
        Precision precision;
        try {
            precision = Precision.parse(request.precision());
        } catch (IllegalArgumentException e) {
            return answer(WriteOutcome.error(400, e.getMessage()));
        }
        if (!validConsistency(request.consistency())) {
            return answer(WriteOutcome.error(400, "invalid consistency level"));
        }
        java.time.Instant now = clock.instant();
        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        Router router = new Router(db, rp, nowNanos);
        LineProtocolParser parser = parsers.get();
        byte[] body = request.body();
        parser.parse(body, 0, body.length, precision, nowNanos, router);
        if (!(router.parsed == 0 && !router.parseErrors.isEmpty())) {
            // InfluxDB hands a request to its points writer unless none of its lines parsed.
            writeRequests.increment();
            pointsRequested.add(router.parsed);
        }
        if (router.failure != null) {
            return answer(router.failure.withPoints(0, 0, router.parsed));
        }
        if (router.accepted == 0 && router.parseErrors.isEmpty() && router.dropped == 0
                && router.retentionDropped == 0) {
            return answer(WriteOutcome.OK);
        }
        if (router.accepted == 0 && router.dropped == 0 && router.retentionDropped == 0) {
            parseErrors.add(router.parseErrors.size());
            return answer(WriteOutcome.error(400, String.join("\n", router.parseErrors)));
        }
        return router.flush();
    }

    private static CompletableFuture<WriteOutcome> answer(WriteOutcome outcome) {
        return CompletableFuture.completedFuture(outcome);
    }

    private static boolean validConsistency(String level) {
        if (level == null || level.isEmpty()) {
            return true;
        }
        return switch (level.toLowerCase(Locale.ROOT)) {
            case "any", "one", "quorum", "all" -> true;
            default -> false;
        };
    }

    /** Receives the parsed points of one request and groups them by shard. Confined to the request's thread. */
    private final class Router implements LineSink {
        private final String db;
        private final RetentionPolicyInfo rp;
        private final long minTimeNanos;
        private final ShardBatches batches = new ShardBatches();
        private final List<String> parseErrors = new ArrayList<>();
        private ShardGroupInfo lastGroup;
        private int parsed;
        private int accepted;
        private int dropped;
        private String dropReason;
        private int retentionDropped;
        private WriteOutcome failure;

        Router(String db, RetentionPolicyInfo rp, long nowNanos) {
            this.db = db;
            this.rp = rp;
            this.minTimeNanos = rp.duration().isZero() ? Long.MIN_VALUE : nowNanos - rp.duration().toNanos();
        }

        @Override
        public void parseError(String message) {
            parseErrors.add(message);
        }

        @Override
        public void point(ParsedPoint p) {
            parsed++;
            if (failure != null) {
                return;
            }
            String reserved = reservedKeyViolation(p);
            if (reserved != null) {
                drop(reserved);
                return;
            }
            long ts = p.timestampNanos();
            if (ts < minTimeNanos) {
                retentionDropped++;
                return;
            }
            ShardGroupInfo group = lastGroup != null && lastGroup.contains(ts) ? lastGroup : groupFor(ts);
            if (group == null) {
                return;
            }
            lastGroup = group;
            PointBatchBuilder b = batches.forShard(group.shards().getFirst().id());
            copy(p, b);
            accepted++;
        }

        private ShardGroupInfo groupFor(long ts) {
            RetentionPolicyInfo current = meta.data().retentionPolicy(db, rp.name());
            ShardGroupInfo g = current == null ? null : current.shardGroupFor(ts);
            if (g != null) {
                return g;
            }
            try {
                MetaData after = meta.execute(new MetaCommand.CreateShardGroup(db, rp.name(), ts),
                        limits.writeTimeout());
                RetentionPolicyInfo updated = after.retentionPolicy(db, rp.name());
                g = updated == null ? null : updated.shardGroupFor(ts);
                if (g == null) {
                    failure = WriteOutcome.error(500, "retention policy not found: " + rp.name());
                }
                return g;
            } catch (MetaException e) {
                failure = WriteOutcome.error(e.getMessage().startsWith("database not found") ? 404 : 500,
                        e.getMessage());
            } catch (MetaUnavailableException e) {
                timeouts.increment();
                failure = WriteOutcome.error(500, "timeout");
            }
            return null;
        }

        private void drop(String reason) {
            dropped++;
            if (dropReason == null) {
                dropReason = reason;
            }
        }

        /**
         * Hands each shard its batch, all before waiting for any (as InfluxDB writes a request's shards in
         * parallel), and answers once every shard's write completed, with the first failure in shard order. A
         * shard that refuses its batch at once stops the handing out; the shards handed theirs before are waited
         * for all the same. Nothing here blocks on an fsync: the answer is computed by the continuation.
         */
        CompletableFuture<WriteOutcome> flush() {
            int n = batches.size();
            // By shard position (null: a shard without points), and the same futures without the gaps.
            List<CompletableFuture<WriteResult>> writes = new ArrayList<>(n);
            List<CompletableFuture<WriteResult>> started = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                PointBatchBuilder b = batches.builder(i);
                if (b.isEmpty()) {
                    writes.add(null);
                    continue;
                }
                long shardId = batches.shardId(i);
                pointsToShards.add(b.pointCount());
                CompletableFuture<WriteResult> w;
                boolean refused = false;
                try {
                    shards.ensureShard(shardId, db, rp.name());
                    w = shards.write(shardId, b.build());
                } catch (ShardWriteException e) {
                    w = CompletableFuture.failedFuture(e);
                    refused = true;
                }
                writes.add(w);
                started.add(w);
                if (refused) {
                    break;
                }
            }
            return CompletableFuture.allOf(started.toArray(CompletableFuture<?>[]::new))
                    .handle((r, e) -> outcome(writes));
        }

        /** The answer once every write in {@code writes} (null: a shard without points) has completed. */
        private WriteOutcome outcome(List<CompletableFuture<WriteResult>> writes) {
            for (int i = 0; i < writes.size(); i++) {
                CompletableFuture<WriteResult> f = writes.get(i);
                if (f == null) {
                    continue;
                }
                WriteResult r;
                try {
                    r = f.join();
                } catch (CompletionException e) {
                    shardWritesFailed.increment();
                    return failed(ShardWriteException.unwrap(e), batches.shardId(i), batches.builder(i).pointCount());
                }
                (r.dropped() > 0 ? shardWritesFailed : shardWritesOk).increment();
                if (r.dropped() > 0) {
                    accepted -= r.dropped();
                    dropped += r.dropped();
                    if (dropReason == null) {
                        dropReason = r.firstDropReason();
                    }
                }
            }
            if (dropped > 0) {
                return WriteOutcome.error(400, "partial write: " + dropReason + " dropped=" + dropped)
                        .withPoints(accepted, dropped + retentionDropped, 0);
            }
            if (retentionDropped > 0) {
                return WriteOutcome.error(400, "partial write: points beyond retention policy dropped="
                        + retentionDropped).withPoints(accepted, retentionDropped, 0);
            }
            if (!parseErrors.isEmpty()) {
                PointsWriter.this.parseErrors.add(parseErrors.size());
                return WriteOutcome.error(400, "partial write: " + String.join("\n", parseErrors) + " dropped=0")
                        .withPoints(accepted, 0, 0);
            }
            return WriteOutcome.ok(accepted);
        }

        private WriteOutcome failed(ShardWriteException e, long shardId, int points) {
            return switch (e) {
                case CacheFullException full ->
                        WriteOutcome.error(500, "engine: " + full.getMessage()).withPoints(0, 0, parsed);
                case ShardNotFoundException _ -> droppedMeanwhile(shardId, points);
                default -> WriteOutcome.error(500, e.getMessage()).withPoints(0, 0, parsed);
            };
        }

        /**
         * The shard was dropped after the points were routed to it (DROP DATABASE, DROP SHARD, retention): the
         * database's absence if that was the drop, else InfluxDB's answer for a shard pending deletion (the client's
         * next write is routed anew).
         */
        private WriteOutcome droppedMeanwhile(long shardId, int points) {
            if (meta.data().database(db) == null) {
                return WriteOutcome.error(404, "database not found: \"" + db + "\"").withPoints(0, 0, parsed);
            }
            return WriteOutcome.error(400, "partial write: shard " + shardId + " is pending deletion dropped="
                    + points).withPoints(0, points, parsed - points);
        }
    }

    private static final byte[] TIME = {'t', 'i', 'm', 'e'};

    /**
     * InfluxDB drops points that use {@code time} as a tag or field key. Null when the point is fine. Works on the
     * bytes, without allocating, because it runs for every point.
     */
    private static String reservedKeyViolation(ParsedPoint p) {
        if (p.hasTagKey(TIME)) {
            return "invalid tag key: input tag \"time\" on measurement \"" + p.measurement() + "\" is invalid";
        }
        for (int i = 0; i < p.fieldCount(); i++) {
            if (p.fieldNameLength(i) == 4 && java.util.Arrays.equals(p.fieldNameBytes(i), p.fieldNameOffset(i),
                    p.fieldNameOffset(i) + 4, TIME, 0, 4)) {
                return "invalid field name: input field \"time\" on measurement \"" + p.measurement()
                        + "\" is invalid";
            }
        }
        return null;
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
}
