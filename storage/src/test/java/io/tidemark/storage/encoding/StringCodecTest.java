package io.tidemark.storage.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Round trips, prefix/suffix, exact sizes and damaged input for {@link StringEncoder}/{@link StringDecoder}.
 * Randomized: re-run a failure with {@code -Dtests.seed=<seed>}.
 */
class StringCodecTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final String[] WORDS = {"ok", "error", "warning: disk 93% full", "", "é", "日本語", "🙂", "\u0000",
        "a much longer status message that repeats itself across points"};

    private static String seed() {
        return "seed " + SEED + " (re-run with -Dtests.seed=" + SEED + ")";
    }

    static byte[][] randomStrings(SplittableRandom rnd, int n) {
        byte[][] v = new byte[n][];
        boolean repetitive = rnd.nextBoolean();
        for (int i = 0; i < n; i++) {
            if (repetitive) {
                v[i] = WORDS[rnd.nextInt(WORDS.length)].getBytes(StandardCharsets.UTF_8);
            } else {
                v[i] = ColumnCodecContractTest.randomBytes(rnd, rnd.nextInt(rnd.nextInt(10) == 0 ? 3000 : 40));
            }
        }
        return v;
    }

    private static byte[] encode(byte[][] values) {
        ByteSink sink = new ByteSink();
        new StringEncoder().encode(values, 0, values.length, sink);
        return sink.toByteArray();
    }

    private static byte[][] decoded(StringDecoder d) {
        byte[][] out = new byte[d.count()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.value(i);
        }
        return out;
    }

    @Test
    void randomStringsRoundTripAfterAPrefixAndBeforeASuffix() throws MalformedEncodingException {
        SplittableRandom rnd = new SplittableRandom(SEED);
        StringEncoder enc = new StringEncoder();
        StringDecoder dec = new StringDecoder();
        boolean sawZstd = false;
        boolean sawPlain = false;
        for (int rep = 0; rep < 300; rep++) {
            byte[][] values = randomStrings(rnd, rnd.nextInt(rep < 10 ? 3 : 1100));
            byte[] prefix = ColumnCodecContractTest.randomBytes(rnd, rnd.nextInt(10));
            byte[] suffix = ColumnCodecContractTest.randomBytes(rnd, rnd.nextInt(10));
            ByteSink sink = new ByteSink();
            sink.put(prefix, 0, prefix.length);
            enc.encode(values, 0, values.length, sink);
            int end = sink.size();
            sink.put(suffix, 0, suffix.length);
            Encoding e = Encoding.of(Encoding.Family.STRING, sink.array()[prefix.length]);
            sawZstd |= e == Encoding.STRING_ZSTD;
            sawPlain |= e == Encoding.STRING_PLAIN;
            assertThat(dec.decode(sink.array(), prefix.length, sink.size())).as(seed()).isEqualTo(end);
            assertThat(decoded(dec)).as(seed()).isDeepEqualTo(values);
            assertThat(Arrays.copyOf(sink.array(), prefix.length)).isEqualTo(prefix);
        }
        assertThat(sawZstd && sawPlain).as("both encodings exercised, " + seed()).isTrue();
    }

    @Test
    void exactSizesOfKnownColumns() throws MalformedEncodingException {
        byte[][] small = {"ok".getBytes(StandardCharsets.UTF_8), new byte[0], "日本".getBytes(StandardCharsets.UTF_8)};
        assertThat(encode(small)).containsExactly(Encoding.STRING_PLAIN.code() << 4, 3, 2, 'o', 'k', 0, 6,
                0xE6, 0x97, 0xA5, 0xE6, 0x9C, 0xAC);
        byte[][] repeated = new byte[1000][];
        Arrays.fill(repeated, "status=ok".getBytes(StandardCharsets.UTF_8));
        byte[] bytes = encode(repeated);
        assertThat(Encoding.of(Encoding.Family.STRING, bytes[0])).isEqualTo(Encoding.STRING_ZSTD);
        // 10,000 plain bytes shrink to a few dozen: zstd matches the repeats.
        assertThat(bytes.length).isLessThan(60);
        StringDecoder dec = new StringDecoder();
        dec.decode(bytes, 0, bytes.length);
        assertThat(dec.count()).isEqualTo(1000);
        assertThat(dec.string(999)).isEqualTo("status=ok");
        assertThat(dec.length(0)).isEqualTo(9);
    }

    @Test
    void everyTruncationIsMalformed() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int rep = 0; rep < 20; rep++) {
            byte[] bytes = encode(randomStrings(rnd, 1 + rnd.nextInt(rep < 10 ? 5 : 200)));
            for (int limit = 0; limit < bytes.length; limit += 1 + bytes.length / 300) {
                int cut = limit;
                assertThatThrownBy(() -> new StringDecoder().decode(bytes, 0, cut))
                        .as("limit %d of %d, %s", cut, bytes.length, seed())
                        .isInstanceOf(MalformedEncodingException.class);
            }
        }
    }

    @Test
    void damagedInputFailsOnlyWithMalformedEncoding() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        StringDecoder dec = new StringDecoder();
        for (int rep = 0; rep < 2000; rep++) {
            byte[] bytes;
            if (rep % 3 == 0) {
                bytes = ColumnCodecContractTest.randomBytes(rnd, rnd.nextInt(64));
                if (bytes.length > 0 && rnd.nextBoolean()) {
                    bytes[0] = (byte) (Encoding.STRING_ZSTD.code() << 4);
                }
            } else {
                bytes = encode(randomStrings(rnd, rnd.nextInt(100)));
                for (int f = 0; f < 1 + rnd.nextInt(3); f++) {
                    bytes[rnd.nextInt(bytes.length)] ^= (byte) (1 + rnd.nextInt(255));
                }
            }
            try {
                assertThat(dec.decode(bytes, 0, bytes.length)).isBetween(0, bytes.length);
            } catch (MalformedEncodingException expected) {
                assertThat(expected.offset()).isBetween(0, bytes.length);
            } catch (RuntimeException e) {
                fail("decoding damaged input threw " + e + ", " + seed(), e);
            }
        }
    }

    @Test
    void accessorsRefuseIndexesPastTheCount() throws MalformedEncodingException {
        byte[] bytes = encode(new byte[][] {{1}});
        StringDecoder dec = new StringDecoder();
        dec.decode(bytes, 0, bytes.length);
        assertThatThrownBy(() -> dec.value(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
