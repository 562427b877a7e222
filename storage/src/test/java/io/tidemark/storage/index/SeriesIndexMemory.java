package io.tidemark.storage.index;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.Random;

/**
 * Measures the heap a {@link SeriesIndex} holds per series, for series of the TSBS {@code cpu} shape (ten tags,
 * the vocabularies of {@code shared/bench/Load.java}, one host name per series). A measurement, not a test: run
 * it by hand, for example with a heap big enough that GC does not run out of room:
 *
 * <pre>
 * ./mvnw -o -q -pl storage dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -Xmx3g -XX:+UseSerialGC -cp "$(cat /tmp/cp.txt):storage/target/classes:storage/target/test-classes" \
 *     io.tidemark.storage.index.SeriesIndexMemory 1000000
 * </pre>
 *
 * Keys are generated into one reused buffer, so the only objects that survive are the index's own; the figure is
 * the heap used after a full GC with the index minus before it, divided by the series count.
 */
public final class SeriesIndexMemory {
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

    private SeriesIndexMemory() {
    }

    /** Writes the canonical key of host {@code h} (tags sorted by key) into {@code out}; returns its length. */
    static int tsbsKey(int h, byte[] out) {
        Random r = new Random(12345L * 31 + h);
        String[] reg = REGIONS[r.nextInt(REGIONS.length)];
        String dc = reg[1 + r.nextInt(reg.length - 1)];
        String key = "cpu,arch=" + ARCH[r.nextInt(ARCH.length)] + ",datacenter=" + dc + ",hostname=host_" + h
                + ",os=" + OS[r.nextInt(OS.length)] + ",rack=" + r.nextInt(100) + ",region=" + reg[0]
                + ",service=" + r.nextInt(20) + ",service_environment=" + ENV[r.nextInt(ENV.length)]
                + ",service_version=" + r.nextInt(2) + ",team=" + TEAM[r.nextInt(TEAM.length)];
        byte[] b = key.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, out, 0, b.length);
        return b.length;
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        byte[] buf = new byte[512];
        long keyBytes = 0;
        long before = usedAfterGc(memory);
        SeriesIndex index = new SeriesIndex();
        long t0 = System.nanoTime();
        for (int h = 0; h < n; h++) {
            int len = tsbsKey(h, buf);
            keyBytes += len;
            index.addSeries(buf, 0, len);
        }
        long addNanos = System.nanoTime() - t0;
        long after = usedAfterGc(memory);
        long held = after - before;
        System.out.printf("series: %,d (key bytes %,d, %.1f per key)%n", index.seriesCardinality(), keyBytes,
                (double) keyBytes / n);
        System.out.printf("heap held by the index: %,d bytes = %.1f bytes per series%n", held, (double) held / n);
        System.out.printf("adding new series: %.0f ns each (key generation included)%n", (double) addNanos / n);
        System.out.println(index);
        // Keeps the index reachable until after the measurement.
        System.out.println(Arrays.toString(new long[] {index.nextSeriesId()}));
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
