package io.tidemark.benchmarks;

import io.tidemark.storage.encoding.ByteSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Blocks of 1,000 values cut from the series fields of {@link CpuBenchData} (10 hosts for one day), for the codec
 * benchmarks: the raw values and their encodings. Not modified after it is built.
 */
final class CodecBenchmarkData {
    static final int BLOCK = 1000;
    /** Hosts whose series are cut into blocks: 10 hosts x 10 fields x 8 full blocks = 800 blocks, 800,000 values. */
    static final int HOSTS = 10;

    final long[][] blocks;
    final int values;

    private CodecBenchmarkData(long[][] blocks) {
        this.blocks = blocks;
        int n = 0;
        for (long[] b : blocks) {
            n += b.length;
        }
        this.values = n;
    }

    /** Full blocks of each series field, as {@code series.apply(seriesFieldIndex)} gives them. */
    static CodecBenchmarkData of(IntFunction<long[]> series, int seriesFields) {
        List<long[]> out = new ArrayList<>();
        for (int s = 0; s < seriesFields; s++) {
            long[] v = series.apply(s);
            for (int from = 0; from + BLOCK <= v.length; from += BLOCK) {
                out.add(Arrays.copyOfRange(v, from, from + BLOCK));
            }
        }
        return new CodecBenchmarkData(out.toArray(new long[0][]));
    }

    static CpuBenchData cpu() {
        return CpuBenchData.generate(HOSTS, 86_400, CpuBenchData.DEFAULT_SEED);
    }

    /** Each block encoded by {@code encoder}, one array per block. */
    byte[][] encode(BlockEncoder encoder) {
        byte[][] out = new byte[blocks.length][];
        ByteSink sink = new ByteSink(16 * 1024);
        for (int i = 0; i < blocks.length; i++) {
            sink.clear();
            encoder.encode(blocks[i], sink);
            out[i] = sink.toByteArray();
        }
        return out;
    }

    @FunctionalInterface
    interface BlockEncoder {
        void encode(long[] block, ByteSink dst);
    }
}
