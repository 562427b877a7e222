package io.tidemark.benchmarks;

import io.tidemark.storage.encoding.ByteSink;
import io.tidemark.storage.encoding.ColumnEncoder;
import io.tidemark.storage.encoding.Encoding;
import io.tidemark.storage.encoding.FloatEncoder;
import io.tidemark.storage.encoding.IntegerEncoder;
import io.tidemark.storage.encoding.TimestampEncoder;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Prints the bytes per value of each codec on the TSBS-like cpu data ({@link CpuBenchData}): every series field cut
 * into blocks of 1,000 points as a TSM file would hold them, each block encoded by the automatic choice and by each
 * encoding forced. Not a JMH benchmark: sizes do not need timing.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.tidemark.benchmarks.CodecSizeReport [hosts] [spanSeconds]}
 * (default 100 hosts, one day: 8,640 points per series field).
 */
public final class CodecSizeReport {
    static final int BLOCK = 1000;

    private CodecSizeReport() {
    }

    public static void main(String[] args) {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        long span = args.length > 1 ? Long.parseLong(args[1]) : 86_400;
        CpuBenchData data = CpuBenchData.generate(hosts, span, CpuBenchData.DEFAULT_SEED);
        System.out.printf(Locale.ROOT, "%d hosts x %d points = %d series fields, blocks of %d%n", data.hosts(),
                data.points(), data.seriesFields(), BLOCK);
        System.out.printf(Locale.ROOT, "%-34s %-28s %12s %10s%n", "column", "encoding", "bytes", "B/value");

        TimestampEncoder ts = new TimestampEncoder();
        report("timestamps (10 s, ns)", data, i -> data.timestamps(), ts,
                (e, v, f, n, s) -> ts.encodeAs(e, v, f, n, s),
                Encoding.LONG_RLE, Encoding.LONG_DELTA, Encoding.LONG_DELTA_OF_DELTA, Encoding.LONG_DELTA_HUFFMAN,
                Encoding.LONG_DELTA_OF_DELTA_HUFFMAN, Encoding.LONG_RAW);
        IntegerEncoder ints = new IntegerEncoder();
        report("integer fields", data, data::integers, ints, (e, v, f, n, s) -> ints.encodeAs(e, v, f, n, s),
                Encoding.LONG_DELTA, Encoding.LONG_DELTA_OF_DELTA, Encoding.LONG_DELTA_HUFFMAN,
                Encoding.LONG_DELTA_OF_DELTA_HUFFMAN, Encoding.LONG_RAW);
        FloatEncoder floats = new FloatEncoder();
        Encoding[] floatEncodings = {Encoding.FLOAT_GORILLA, Encoding.FLOAT_CHIMP, Encoding.FLOAT_DECIMAL,
            Encoding.FLOAT_DELTA_HUFFMAN, Encoding.FLOAT_RAW};
        report("float fields (--floats)", data, data::floatBits, floats,
                (e, v, f, n, s) -> floats.encodeAs(e, v, f, n, s), floatEncodings);
        report("floats rounded to 1 decimal", data, i -> data.roundedFloatBits(i, 1), floats,
                (e, v, f, n, s) -> floats.encodeAs(e, v, f, n, s), floatEncodings);
        report("floats rounded to 2 decimals", data, i -> data.roundedFloatBits(i, 2), floats,
                (e, v, f, n, s) -> floats.encodeAs(e, v, f, n, s), floatEncodings);
    }

    @FunctionalInterface
    interface Forced {
        void encode(Encoding e, long[] values, int from, int count, ByteSink dst);
    }

    static void report(String column, CpuBenchData data, Function<Integer, long[]> series, ColumnEncoder auto,
            Forced forced, Encoding... encodings) {
        ByteSink sink = new ByteSink(1 << 16);
        long values = 0;
        long autoBytes = 0;
        Map<Encoding, Long> chosen = new EnumMap<>(Encoding.class);
        Map<Encoding, Long> forcedBytes = new EnumMap<>(Encoding.class);
        Map<Encoding, Long> impossible = new EnumMap<>(Encoding.class);
        for (int s = 0; s < data.seriesFields(); s++) {
            long[] v = series.apply(s);
            for (int from = 0; from < v.length; from += BLOCK) {
                int n = Math.min(BLOCK, v.length - from);
                values += n;
                sink.clear();
                auto.encode(v, from, n, sink);
                autoBytes += sink.size();
                Encoding.Family family = encodings[0].family();
                chosen.merge(Encoding.of(family, sink.array()[0]), 1L, Long::sum);
                for (Encoding e : encodings) {
                    sink.clear();
                    try {
                        forced.encode(e, v, from, n, sink);
                        forcedBytes.merge(e, (long) sink.size(), Long::sum);
                    } catch (IllegalArgumentException notPossible) {
                        impossible.merge(e, 1L, Long::sum);
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%-34s %-28s %12d %10.3f   chosen per block: %s%n", column, "automatic",
                autoBytes, (double) autoBytes / values, chosen);
        for (Encoding e : encodings) {
            if (impossible.containsKey(e)) {
                System.out.printf(Locale.ROOT, "%-34s %-28s %12s %10s   (impossible for %d blocks)%n", "",
                        e, "-", "-", impossible.get(e));
            } else {
                long b = forcedBytes.get(e);
                System.out.printf(Locale.ROOT, "%-34s %-28s %12d %10.3f%n", "", e, b, (double) b / values);
            }
        }
    }
}
