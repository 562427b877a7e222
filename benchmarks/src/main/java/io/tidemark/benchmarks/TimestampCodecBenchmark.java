package io.tidemark.benchmarks;

import io.tidemark.storage.encoding.ByteSink;
import io.tidemark.storage.encoding.MalformedEncodingException;
import io.tidemark.storage.encoding.TimestampDecoder;
import io.tidemark.storage.encoding.TimestampEncoder;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link TimestampEncoder} and {@link TimestampDecoder} on 100 blocks of 1,000 timestamps: {@code regular} is the
 * bench data's 10 s interval (run-length encoded), {@code jittered} adds up to +-50 ms to each (deltas of deltas in
 * simple8b). Scores are values per second.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TimestampCodecBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class TimestampCodecBenchmark {
    static final int BLOCKS = 100;
    static final int VALUES = BLOCKS * CodecBenchmarkData.BLOCK;

    @Param({"regular", "jittered"})
    public String shape;

    long[][] blocks;
    byte[][] encoded;
    final TimestampEncoder encoder = new TimestampEncoder();
    final TimestampDecoder decoder = new TimestampDecoder();
    final ByteSink sink = new ByteSink(16 * 1024);

    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(1);
        blocks = new long[BLOCKS][CodecBenchmarkData.BLOCK];
        encoded = new byte[BLOCKS][];
        long t = CpuBenchData.START_EPOCH_SECONDS * 1_000_000_000L;
        for (int b = 0; b < BLOCKS; b++) {
            for (int i = 0; i < CodecBenchmarkData.BLOCK; i++) {
                t += 10_000_000_000L;
                blocks[b][i] = shape.equals("regular") ? t : t + rnd.nextLong(-50_000_000, 50_000_000);
            }
            sink.clear();
            encoder.encode(blocks[b], 0, blocks[b].length, sink);
            encoded[b] = sink.toByteArray();
        }
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public int encode() {
        int bytes = 0;
        for (long[] block : blocks) {
            sink.clear();
            encoder.encode(block, 0, block.length, sink);
            bytes += sink.size();
        }
        return bytes;
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void decode(Blackhole bh) throws MalformedEncodingException {
        for (byte[] e : encoded) {
            decoder.decode(e, 0, e.length);
            bh.consume(decoder.values());
        }
    }
}
