package io.tidemark.server.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The governor in a JVM of its own running the serial collector, against the same JVM without it. */
class OldGenerationGovernorTest {
    private static final long MB = 1 << 20;

    @Test
    void keepsTheSerialOldGenerationNearTwiceWhatIsLive() throws Exception {
        long[] ungoverned = run("ungoverned");
        long[] governed = run("governed");
        // Without it the old generation takes in nearly all that was promoted (hundreds of MB) ...
        assertThat(ungoverned[0]).as("ungoverned old generation").isGreaterThan(300 * MB);
        // ... with it, its floor (8 MB are live: twice that is below the floor) plus what is promoted while the
        // notification of a collection is on its way.
        assertThat(governed[1]).as("full collections asked for").isPositive();
        assertThat(governed[0]).as("governed old generation")
                .isLessThan(OldGenerationGovernor.DEFAULT_FLOOR_BYTES + 96 * MB);
    }

    @Test
    void installsOnlyUnderTheSerialCollector() throws Exception {
        assertThat(output("-XX:+UseSerialGC", "probe")).contains("installed=true");
        assertThat(output("-XX:+UseG1GC", "probe")).contains("installed=false");
        assertThat(output("-XX:+UseParallelGC", "probe")).contains("installed=false");
    }

    /** Returns {max old generation after a young collection, governor requests}. */
    private static long[] run(String mode) throws IOException, InterruptedException {
        String out = output("-XX:+UseSerialGC", mode);
        Matcher m = Pattern.compile("maxOldAfterYoung=(\\d+) requests=(\\d+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    private static String output(String collector, String mode) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), collector, "-Xmn16m", "-Xms48m", "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), PromotingAllocator.class.getName(), mode))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
