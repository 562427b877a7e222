package io.tidemark.benchmarks;

import io.tidemark.storage.encoding.ByteSink;
import io.tidemark.storage.encoding.Encoding;
import io.tidemark.storage.encoding.FloatDecoder;
import io.tidemark.storage.encoding.FloatEncoder;
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
 * {@link FloatEncoder} and {@link FloatDecoder} on the float fields of the TSBS-like cpu data: {@code full} is
 * Load.java's {@code --floats} (full-precision random walks), {@code decimal1} the same walks rounded to one decimal.
 * {@code encoding} {@code auto} is the encoder's own choice (it tries every candidate: {@code FLOAT_DELTA_HUFFMAN} on
 * {@code full}, {@code FLOAT_DECIMAL} on {@code decimal1}); the others force one. 800
 * blocks of 1,000 values. Scores are values per second.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar FloatCodecBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class FloatCodecBenchmark {
    static final int VALUES = 800_000;

    @Param({"full", "decimal1"})
    public String data;

    @Param({"auto", "FLOAT_GORILLA", "FLOAT_CHIMP", "FLOAT_DECIMAL", "FLOAT_DELTA_HUFFMAN"})
    public String encoding;

    CodecBenchmarkData blocks;
    byte[][] encoded;
    Encoding forced;
    final FloatEncoder encoder = new FloatEncoder();
    final FloatDecoder decoder = new FloatDecoder();
    final ByteSink sink = new ByteSink(16 * 1024);

    @Setup
    public void setUp() {
        CpuBenchData cpu = CodecBenchmarkData.cpu();
        blocks = data.equals("full") ? CodecBenchmarkData.of(cpu::floatBits, cpu.seriesFields())
                : CodecBenchmarkData.of(i -> cpu.roundedFloatBits(i, 1), cpu.seriesFields());
        if (blocks.values != VALUES) {
            throw new IllegalStateException("expected " + VALUES + " values, got " + blocks.values);
        }
        forced = encoding.equals("auto") ? null : Encoding.valueOf(encoding);
        encoded = blocks.encode(this::encodeBlock);
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
        for (long[] block : blocks.blocks) {
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
