package io.tidemark.benchmarks;

import io.tidemark.common.Precision;
import io.tidemark.lineprotocol.LineProtocolParser;
import io.tidemark.lineprotocol.LineSink;
import io.tidemark.lineprotocol.ParsedPoint;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-thread throughput of {@link LineProtocolParser} on a TSBS-like {@code cpu-only} body shaped like
 * {@code shared/bench/Load.java}: measurement {@code cpu}, 10 tags in TSBS's (unsorted) order, 10 fields, precision
 * seconds, 100 hosts x 500 timestamps = 50,000 lines in one buffer. {@code values=integers} writes fields with
 * {@code i} as TSBS does; {@code values=floats} writes random-walk doubles (Load.java {@code --floats}).
 *
 * <p>One operation parses the whole buffer. The {@code bytes} and {@code lines} secondary results are rates per
 * second (divide {@code bytes} by 1e6 for MB/s); the setup also prints the bytes per operation.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar LineProtocol}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class LineProtocolParserBenchmark {
    private static final String[] FIELDS = {"usage_user", "usage_system", "usage_idle", "usage_nice", "usage_iowait",
        "usage_irq", "usage_softirq", "usage_steal", "usage_guest", "usage_guest_nice"};
    private static final String[][] REGIONS = {
        {"us-east-1", "us-east-1a", "us-east-1b", "us-east-1c", "us-east-1e"},
        {"us-west-1", "us-west-1a", "us-west-1b"},
        {"us-west-2", "us-west-2a", "us-west-2b", "us-west-2c"},
        {"eu-west-1", "eu-west-1a", "eu-west-1b", "eu-west-1c"},
        {"eu-central-1", "eu-central-1a", "eu-central-1b"},
        {"ap-southeast-1", "ap-southeast-1a", "ap-southeast-1b"},
        {"ap-southeast-2", "ap-southeast-2a", "ap-southeast-2b"},
        {"ap-northeast-1", "ap-northeast-1a", "ap-northeast-1c"},
        {"sa-east-1", "sa-east-1a", "sa-east-1b", "sa-east-1c"}};
    private static final String[] OS = {"Ubuntu16.10", "Ubuntu16.04LTS", "Ubuntu15.10"};
    private static final String[] ARCH = {"x64", "x86"};
    private static final String[] TEAM = {"SF", "NYC", "LON", "CHI"};
    private static final String[] ENV = {"production", "staging", "test"};
    private static final int HOSTS = 100;
    private static final int TIMESTAMPS = 500;
    private static final long START_EPOCH_SECONDS = 1451606400L;

    @Param({"integers", "floats"})
    public String values;

    private byte[] body;
    private int lineCount;
    private final LineProtocolParser parser = new LineProtocolParser();
    private final ChecksumSink sink = new ChecksumSink();

    /** Bytes and lines parsed, reported by JMH as rates per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long bytes;
        public long lines;

        @Setup(Level.Iteration)
        public void clear() {
            bytes = 0;
            lines = 0;
        }
    }

    @Setup
    public void generate() {
        body = tsbsBody(values.equals("floats"));
        lineCount = HOSTS * TIMESTAMPS;
        // Check once that every line parses, so the benchmark never measures the error path by accident.
        ChecksumSink check = new ChecksumSink();
        parser.parse(body, 0, body.length, Precision.SECONDS, 0, check);
        if (check.points != lineCount || check.errors != 0) {
            throw new IllegalStateException("expected " + lineCount + " points, got " + check.points + " and "
                    + check.errors + " errors: " + check.firstError);
        }
        System.out.printf(Locale.ROOT, "%n[%s] %,d lines, %,d bytes per operation (%.0f bytes/line)%n", values,
                lineCount, body.length, (double) body.length / lineCount);
    }

    @Benchmark
    public long parse(Counters counters) {
        parser.parse(body, 0, body.length, Precision.SECONDS, 0, sink);
        counters.bytes += body.length;
        counters.lines += lineCount;
        return sink.checksum;
    }

    /** Reads the key length, every field value and the timestamp, as a storage writer would. */
    private static final class ChecksumSink implements LineSink {
        long checksum;
        int points;
        int errors;
        String firstError;

        @Override
        public void point(ParsedPoint p) {
            long sum = p.seriesKeyLength() * 31L + p.timestampNanos();
            for (int i = 0, n = p.fieldCount(); i < n; i++) {
                sum = sum * 31 + switch (p.fieldType(i)) {
                    case FLOAT -> Double.doubleToRawLongBits(p.floatValue(i));
                    case INTEGER, UNSIGNED -> p.longValue(i);
                    case BOOLEAN -> p.booleanValue(i) ? 1 : 0;
                    case STRING -> p.stringLength(i);
                };
            }
            checksum += sum;
            points++;
        }

        @Override
        public void parseError(String message) {
            errors++;
            if (firstError == null) {
                firstError = message;
            }
        }
    }

    // ------------------------------------------------------------------ data, the shape of shared/bench/Load.java

    /** SplitMix64, so the data never depends on the JDK. */
    private static final class Rng {
        private long s;

        Rng(long seed) {
            s = seed;
        }

        long next() {
            long z = (s += 0x9E3779B97F4A7C15L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        double nextDouble() {
            return (next() >>> 11) * 0x1.0p-53;
        }

        int nextInt(int n) {
            return (int) Long.remainderUnsigned(next(), n);
        }

        /** Roughly N(0,1): sum of four uniforms, rescaled. */
        double nextGaussian() {
            long a = next();
            long b = next();
            double u = ((a >>> 32) + (a & 0xFFFFFFFFL) + (b >>> 32) + (b & 0xFFFFFFFFL)) * 0x1.0p-32;
            return (u - 2.0) * 1.7320508075688772;
        }
    }

    private static byte[] tsbsBody(boolean floats) {
        long seed = 12345;
        String[] prefix = new String[HOSTS];
        Rng[] rng = new Rng[HOSTS];
        double[] state = new double[HOSTS * FIELDS.length];
        for (int h = 0; h < HOSTS; h++) {
            Rng r = new Rng(seed ^ (h * 0x9E3779B97F4A7C15L) ^ 0xC2B2AE3D27D4EB4FL);
            String[] region = REGIONS[r.nextInt(REGIONS.length)];
            prefix[h] = "cpu,hostname=host_" + h + ",region=" + region[0]
                    + ",datacenter=" + region[1 + r.nextInt(region.length - 1)] + ",rack=" + r.nextInt(100)
                    + ",os=" + OS[r.nextInt(OS.length)] + ",arch=" + ARCH[r.nextInt(ARCH.length)]
                    + ",team=" + TEAM[r.nextInt(TEAM.length)] + ",service=" + r.nextInt(20)
                    + ",service_version=" + r.nextInt(2) + ",service_environment=" + ENV[r.nextInt(ENV.length)] + " ";
            rng[h] = new Rng(seed ^ (h * 0xC2B2AE3D27D4EB4FL));
            for (int f = 0; f < FIELDS.length; f++) {
                state[h * FIELDS.length + f] = rng[h].nextDouble() * 100.0;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(HOSTS * TIMESTAMPS * 300);
        StringBuilder line = new StringBuilder(512);
        for (int t = 0; t < TIMESTAMPS; t++) {
            long ts = START_EPOCH_SECONDS + t * 10L;
            for (int h = 0; h < HOSTS; h++) {
                line.setLength(0);
                line.append(prefix[h]);
                for (int f = 0; f < FIELDS.length; f++) {
                    int k = h * FIELDS.length + f;
                    double v = Math.clamp(state[k] + rng[h].nextGaussian(), 0.0, 100.0);
                    state[k] = v;
                    line.append(f == 0 ? "" : ",").append(FIELDS[f]).append('=');
                    if (floats) {
                        line.append(Double.toString(v).contains("E")
                                ? new java.math.BigDecimal(Double.toString(v)).toPlainString() : Double.toString(v));
                    } else {
                        line.append((long) v).append('i');
                    }
                }
                line.append(' ').append(ts).append('\n');
                out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }
}
