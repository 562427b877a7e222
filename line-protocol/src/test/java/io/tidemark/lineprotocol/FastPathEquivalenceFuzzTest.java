package io.tidemark.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.Precision;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Fuzz: for arbitrary input the parser with its fast path must report exactly what the exact parser alone reports
 * (same lines, same points, same error texts). The fast path may give up on any line, but it must never accept a
 * line differently or split lines differently. Re-run a failure with {@code -Dtests.seed=<seed>}.
 */
class FastPathEquivalenceFuzzTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final String ALPHABET = "mtf=, \"\\\n\r\t#019.-+eEiuTFtrasl";

    @Test
    void randomBytesParseTheSameWithAndWithoutFastPath() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int iteration = 0; iteration < 20_000; iteration++) {
            StringBuilder sb = new StringBuilder();
            int len = rnd.nextInt(60);
            for (int i = 0; i < len; i++) {
                sb.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
            }
            assertSameOutcome(sb.toString(), rnd);
        }
    }

    @Test
    void mutatedValidLinesParseTheSameWithAndWithoutFastPath() {
        SplittableRandom rnd = new SplittableRandom(SEED + 1);
        String[] seeds = {
            "cpu,host=a,region=b usage=1.5,idle=98i,ok=true,msg=\"hi there\" 1614816000\n",
            "m f=1\nm,t=x g=-2.5e3 -5\n",
            "cpu,zone=z,host=a v=12i,w=0.000123,u=7u 9223372036\n",
            "w s=\"a\\\"b\\\\c\",b=F 1\n"};
        for (int iteration = 0; iteration < 20_000; iteration++) {
            StringBuilder sb = new StringBuilder(seeds[rnd.nextInt(seeds.length)]);
            int mutations = 1 + rnd.nextInt(3);
            for (int i = 0; i < mutations; i++) {
                Mutations.mutate(sb, ALPHABET, rnd);
            }
            assertSameOutcome(sb.toString(), rnd);
        }
    }

    private static void assertSameOutcome(String text, SplittableRandom rnd) {
        boolean unsigned = rnd.nextBoolean();
        Precision precision = rnd.nextBoolean() ? Precision.NANOSECONDS : Precision.SECONDS;
        Recorder fast = Recorder.parse(new LineProtocolParser(unsigned, 65535, true), text, precision, 42);
        Recorder exact = Recorder.parse(new LineProtocolParser(unsigned, 65535, false), text, precision, 42);
        assertThat(fast.outcomes).as("seed %d, input %s", SEED, text.replace("\n", "\\n").replace("\r", "\\r"))
                .isEqualTo(exact.outcomes);
    }
}
