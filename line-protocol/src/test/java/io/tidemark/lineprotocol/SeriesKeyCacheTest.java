package io.tidemark.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A parser reused over many requests whose lines repeat series (as a client's do) must report exactly what the exact
 * parser reports for each request: the keys it remembers from earlier lines, earlier requests and other tag orders
 * must never leak into a line that differs from them. Re-run a failure with {@code -Dtests.seed=<seed>}.
 */
class SeriesKeyCacheTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final String MUTATIONS = "mtf=, \"\\\n\t#019.-ei";

    @Test
    void requestsRepeatingSeriesParseAsTheExactParserDoes() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        List<String> keys = keyPool(rnd);
        LineProtocolParser reused = new LineProtocolParser(false, 65535);
        for (int request = 0; request < 3_000; request++) {
            StringBuilder body = new StringBuilder();
            int lines = 1 + rnd.nextInt(40);
            for (int l = 0; l < lines; l++) {
                StringBuilder line = new StringBuilder(keys.get(rnd.nextInt(keys.size())));
                line.append(' ').append(fields(rnd)).append(' ').append(rnd.nextInt(1_000_000));
                if (rnd.nextInt(20) == 0) {
                    Mutations.mutate(line, MUTATIONS, rnd);
                }
                body.append(line);
                if (l < lines - 1 || rnd.nextBoolean()) {
                    body.append('\n');
                }
            }
            assertSameAsExact(reused, body.toString());
        }
    }

    @Test
    void aStreamOfNewSeriesThenRepeatedOnesParsesAsTheExactParserDoes() {
        // More distinct series than the cache has slots, long enough for it to rest and to try again.
        LineProtocolParser reused = new LineProtocolParser(false, 65535);
        StringBuilder body = new StringBuilder();
        int lines = SeriesKeyCache.REST_LINES + 3 * SeriesKeyCache.WINDOW;
        for (int i = 0; i < lines; i++) {
            body.append("sensor,id=s").append(i).append(",site=").append(i % 37).append(" v=").append(i)
                    .append("i ").append(i).append('\n');
        }
        for (int i = 0; i < 2 * SeriesKeyCache.WINDOW; i++) {
            int s = i % 100;
            body.append("sensor,site=").append(s % 37).append(",id=s").append(s).append(" v=").append(i)
                    .append("i ").append(i).append('\n');
        }
        assertSameAsExact(reused, body.toString());
    }

    @Test
    void aLineWhoseKeyExtendsAKnownKeyIsNotTakenForIt() {
        LineProtocolParser reused = new LineProtocolParser(false, 65535);
        assertSameAsExact(reused, "cpu,host=a v=1\ncpu,host=a v=2\ncpu,host=ab v=3\ncpu,host=a,x=y v=4\n"
                + "cpu,host=a\\ b v=5\ncpu,host=a v=6\ncpu,host=a\ncpu,host=a v=7");
    }

    private static void assertSameAsExact(LineProtocolParser reused, String text) {
        Recorder withCache = Recorder.parse(reused, text, Precision.SECONDS, 42);
        Recorder exact = Recorder.parse(new LineProtocolParser(false, 65535, false), text, Precision.SECONDS, 42);
        assertThat(withCache.outcomes).as("seed %d, input %s", SEED, text.replace("\n", "\\n"))
                .isEqualTo(exact.outcomes);
    }

    /** Keys of every shape the cache must tell apart: escapes, tag orders, duplicates, lengths around 8 and 512. */
    private static List<String> keyPool(SplittableRandom rnd) {
        List<String> keys = new ArrayList<>(List.of(
                "cpu", "cpu,host=a", "cpu,host=a,region=b", "cpu,region=b,host=a", "cpu,host=a,host=b",
                "cpu,host=ab", "cpu,hos=ta", "c\\ pu,host=a", "cpu,host=a\\,b", "cpu,ho\\=st=a", "cpu,host=",
                "cpu,=a", ",host=a", "cpu,host=a,", "cpu,host=\"a\"", "m1234567", "m123456", "m12345678",
                "m,t=1234567", "m,t=12345678"));
        for (int length : new int[] {500, 505, 511, 512, 513, 520, 600}) {
            keys.add("long,t=" + "x".repeat(length - 7));
        }
        for (int i = 0; i < 30; i++) {
            StringBuilder k = new StringBuilder("cpu,hostname=host_").append(i);
            List<String> tags = new ArrayList<>(List.of("region=r" + i % 3, "rack=" + i % 7, "os=linux"));
            for (int t = tags.size() - 1; t > 0; t--) {
                int j = rnd.nextInt(t + 1);
                String tmp = tags.get(t);
                tags.set(t, tags.get(j));
                tags.set(j, tmp);
            }
            for (String tag : tags) {
                k.append(',').append(tag);
            }
            keys.add(k.toString());
        }
        return keys;
    }

    private static String fields(SplittableRandom rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> "usage_user=" + rnd.nextInt(100) + "i,usage_system=" + rnd.nextInt(100) + "i";
            case 1 -> "v=" + rnd.nextDouble();
            case 2 -> "s=\"x y\",b=true";
            default -> "usage_system=" + rnd.nextInt(100) + "i,usage_user=" + rnd.nextInt(100) + "i,v=1.5";
        };
    }
}
