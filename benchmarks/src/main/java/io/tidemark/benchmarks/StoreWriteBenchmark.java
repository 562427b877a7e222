package io.tidemark.benchmarks;

import io.tidemark.common.fs.RealFs;
import io.tidemark.common.metrics.MetricRegistry;
import io.tidemark.storage.Store;
import io.tidemark.storage.StoreConfig;
import io.tidemark.storage.api.PointBatch;
import io.tidemark.storage.api.PointBatchBuilder;
import io.tidemark.storage.api.WriteResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Ingest into {@link Store}: TSBS {@code cpu-only}-like batches (100 hosts, 10 integer fields per point, 5,000 points
 * per batch) written to one shard by two threads, each write waiting for its WAL fsync. Scores are values per second
 * (one operation = one field value). {@code encode} measures the {@link PointBatchBuilder} alone, the part of the
 * write path that runs while the line protocol is parsed.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar StoreWriteBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-Xms6g"})
public class StoreWriteBenchmark {
    static final int HOSTS = 100;
    static final int FIELDS = 10;
    static final int POINTS_PER_BATCH = 5_000;
    static final int VALUES_PER_BATCH = POINTS_PER_BATCH * FIELDS;
    static final long INTERVAL_NANOS = 10_000_000_000L;
    static final String[] FIELD_NAMES = {"usage_user", "usage_system", "usage_idle", "usage_nice", "usage_iowait",
        "usage_irq", "usage_softirq", "usage_steal", "usage_guest", "usage_guest_nice"};

    /** The store, fresh for every iteration so that the cache does not grow across the whole run. */
    @State(Scope.Benchmark)
    public static class StoreState {
        @Param({"0ms"})
        public String walFsyncDelay;

        Path dir;
        Store store;

        @Setup(Level.Iteration)
        public void open() throws IOException {
            dir = Files.createTempDirectory("tidemark-store-bench");
            Duration delay = Duration.ofMillis(Long.parseLong(walFsyncDelay.replace("ms", "")));
            StoreConfig config = StoreConfig.defaults(dir.resolve("data"), dir.resolve("wal"))
                    .withWalFsyncDelay(delay)
                    .withCacheMaxMemorySizeBytes(0);
            store = Store.open(config, new RealFs(), new MetricRegistry());
            store.createShard(1, "benchmark", "autogen");
        }

        @TearDown(Level.Iteration)
        public void close() throws IOException {
            store.close();
            new RealFs().deleteRecursively(dir);
        }
    }

    /** One writer's hosts and clock: each thread writes its own series, in time order. */
    @State(Scope.Thread)
    public static class Writer {
        final PointBatchBuilder builder = new PointBatchBuilder();
        final Random random = new Random(42);
        byte[][] seriesKeys;
        int measurementLength;
        byte[][] fieldNames;
        long nextTimestamp = 1_600_000_000_000_000_000L;

        @Setup(Level.Trial)
        public void prepare(ThreadParams thread) {
            seriesKeys = new byte[HOSTS][];
            for (int h = 0; h < HOSTS; h++) {
                String key = "cpu,arch=x64,datacenter=us-east-1a,hostname=host_" + thread.getThreadIndex() + "_" + h
                        + ",os=Ubuntu16.10,rack=" + (h % 100) + ",region=us-east-1,service=" + (h % 20)
                        + ",service_environment=production,service_version=" + (h % 2) + ",team=SF";
                seriesKeys[h] = key.getBytes(StandardCharsets.UTF_8);
            }
            measurementLength = "cpu".length();
            fieldNames = new byte[FIELDS][];
            for (int f = 0; f < FIELDS; f++) {
                fieldNames[f] = FIELD_NAMES[f].getBytes(StandardCharsets.UTF_8);
            }
        }

        PointBatch encode() {
            builder.reset();
            for (int p = 0; p < POINTS_PER_BATCH; p++) {
                int h = p % HOSTS;
                if (h == 0 && p > 0) {
                    nextTimestamp += INTERVAL_NANOS;
                }
                byte[] key = seriesKeys[h];
                builder.beginPoint(key, 0, key.length, measurementLength, nextTimestamp);
                for (int f = 0; f < FIELDS; f++) {
                    builder.addInteger(fieldNames[f], 0, fieldNames[f].length, random.nextInt(100));
                }
                builder.endPoint();
            }
            nextTimestamp += INTERVAL_NANOS;
            return builder.build();
        }
    }

    /** The next batch of a writer, encoded outside the measured write. */
    @State(Scope.Thread)
    public static class NextBatch {
        PointBatch batch;

        @Setup(Level.Invocation)
        public void encode(Writer writer) {
            batch = writer.encode();
        }
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(VALUES_PER_BATCH)
    public WriteResult write(StoreState state, NextBatch next) throws Exception {
        return state.store.write(1, next.batch);
    }

    @Benchmark
    @OperationsPerInvocation(VALUES_PER_BATCH)
    public PointBatch encode(Writer writer) {
        return writer.encode();
    }
}
