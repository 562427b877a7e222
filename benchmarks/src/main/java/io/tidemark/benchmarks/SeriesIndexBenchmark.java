package io.tidemark.benchmarks;

import io.tidemark.storage.index.SeriesIndex;
import io.tidemark.storage.api.TagFilter;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
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
import org.openjdk.jmh.annotations.Warmup;
import org.roaringbitmap.RoaringBitmap;

/**
 * {@link SeriesIndex} over series of the TSBS {@code cpu} shape (ten tags, one host name per series):
 * {@code addExisting} is the lookup every written point makes (the series exists: lock-free, no allocation), in
 * nanoseconds per key; the {@code select*} benchmarks evaluate tag predicates over the index, in microseconds per
 * query: a regular expression on the host name (tried on each of the 100k host values, never on the series), an
 * equality, and a conjunction of both.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SeriesIndexBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Xms2g"})
@State(Scope.Benchmark)
public class SeriesIndexBenchmark {
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

    @Param({"100000"})
    public int series;

    private SeriesIndex index;
    /** The keys, in a shuffled order so that lookups do not walk the arena sequentially. */
    private byte[][] keys;
    private int next;
    private TagFilter hostRegex;
    private TagFilter regionEq;
    private TagFilter both;

    @Setup(Level.Trial)
    public void build() {
        index = new SeriesIndex();
        keys = new byte[series][];
        for (int h = 0; h < series; h++) {
            keys[h] = tsbsKey(h);
            index.addSeries(keys[h]);
        }
        Random rnd = new Random(42);
        for (int i = series - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            byte[] t = keys[i];
            keys[i] = keys[j];
            keys[j] = t;
        }
        hostRegex = new TagFilter.Regex("hostname", Pattern.compile("^host_1"));
        regionEq = new TagFilter.Eq("region", "eu-west-1");
        both = new TagFilter.And(hostRegex, regionEq);
    }

    static byte[] tsbsKey(int h) {
        Random r = new Random(12345L * 31 + h);
        String[] reg = REGIONS[r.nextInt(REGIONS.length)];
        String dc = reg[1 + r.nextInt(reg.length - 1)];
        String key = "cpu,arch=" + ARCH[r.nextInt(ARCH.length)] + ",datacenter=" + dc + ",hostname=host_" + h
                + ",os=" + OS[r.nextInt(OS.length)] + ",rack=" + r.nextInt(100) + ",region=" + reg[0]
                + ",service=" + r.nextInt(20) + ",service_environment=" + ENV[r.nextInt(ENV.length)]
                + ",service_version=" + r.nextInt(2) + ",team=" + TEAM[r.nextInt(TEAM.length)];
        return key.getBytes(StandardCharsets.US_ASCII);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int addExisting() {
        byte[] k = keys[next];
        next = next + 1 == keys.length ? 0 : next + 1;
        return index.addSeries(k, 0, k.length);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public RoaringBitmap selectHostRegex() {
        return index.select("cpu", hostRegex);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public RoaringBitmap selectRegionEq() {
        return index.select("cpu", regionEq);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public RoaringBitmap selectRegexAndEq() {
        return index.select("cpu", both);
    }
}
