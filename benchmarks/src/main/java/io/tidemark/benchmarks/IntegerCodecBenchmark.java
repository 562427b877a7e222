package io.tidemark.benchmarks;

import io.tidemark.storage.encoding.ByteSink;
import io.tidemark.storage.encoding.Encoding;
import io.tidemark.storage.encoding.IntegerDecoder;
import io.tidemark.storage.encoding.IntegerEncoder;
import io.tidemark.storage.encoding.MalformedEncodingException;
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
 * {@link IntegerEncoder} and {@link IntegerDecoder} on the integer fields of the TSBS-like cpu data (clamped random
 * walks in [0, 100]): 800 blocks of 1,000 values. {@code encoding} {@code auto} is the encoder's own choice (it sizes
 * every candidate; on this data it takes {@code LONG_DELTA_HUFFMAN}); the others force one ({@code LONG_DELTA} is the
 * simple8b encoding the encoder chose before the Huffman ones existed). Scores are values per second.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar IntegerCodecBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class IntegerCodecBenchmark {
    static final int VALUES = 800_000;

    @Param({"auto", "LONG_DELTA", "LONG_DELTA_HUFFMAN"})
    public String encoding;

    CodecBenchmarkData data;
    byte[][] encoded;
    Encoding forced;
    final IntegerEncoder encoder = new IntegerEncoder();
    final IntegerDecoder decoder = new IntegerDecoder();
    final ByteSink sink = new ByteSink(16 * 1024);

    @Setup
    public void setUp() {
        CpuBenchData cpu = CodecBenchmarkData.cpu();
        data = CodecBenchmarkData.of(cpu::integers, cpu.seriesFields());
        if (data.values != VALUES) {
            throw new IllegalStateException("expected " + VALUES + " values, got " + data.values);
        }
        forced = encoding.equals("auto") ? null : Encoding.valueOf(encoding);
        encoded = data.encode(this::encodeBlock);
    }

    private void encodeBlock(long[] block, ByteSink dst) {
        if (forced == null) {
            encoder.encode(block, 0, block.length, dst);
        } else {
            encoder.encodeAs(forced, block, 0, block.length, dst);
        }
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public int encode() {
        int bytes = 0;
        for (long[] block : data.blocks) {
            sink.clear();
            encodeBlock(block, sink);
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
