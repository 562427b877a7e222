package io.tidemark.query.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.query.memory.HeapEstimates;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeriesKeyTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    @Test
    void countsEqualsSignsAsAByteLoopDoes() {
        Random rnd = new Random(SEED);
        // Bytes next to '=' (0x3D) in value and with the top bit set, where a carry or borrow between bytes shows.
        byte[] alphabet = {0x3D, (byte) 0xBD, 0x3C, 0x3E, 0x00, (byte) 0xFF, 0x7F, (byte) 0x80, 'a', '\\'};
        for (int round = 0; round < 20_000; round++) {
            byte[] key = new byte[rnd.nextInt(40)];
            for (int i = 0; i < key.length; i++) {
                key[i] = rnd.nextInt(4) == 0 ? (byte) rnd.nextInt(256) : alphabet[rnd.nextInt(alphabet.length)];
            }
            int expected = 0;
            for (byte b : key) {
                expected += b == '=' ? 1 : 0;
            }
            assertThat(SeriesKey.countEquals(key)).as("seed %d", SEED).isEqualTo(expected);
        }
    }

    @Test
    void estimateWithoutParsingIsNotBelowTheParsedParts() {
        String[] keys = {"cpu", "cpu,host=a", "cpu,arch=x64,datacenter=eu-central-1a,hostname=host_1,os=Ubuntu16.10",
            "m\\ 1,k\\=3=p\\=q,é=ü", "m,a=\\=\\=\\=\\="};
        for (String k : keys) {
            SeriesKey s = SeriesKeyParser.parse(k.getBytes(StandardCharsets.UTF_8));
            long parts = HeapEstimates.string(s.measurement()) + 2 * HeapEstimates.array(s.tagCount());
            for (int i = 0; i < s.tagCount(); i++) {
                parts += HeapEstimates.string(s.tagKey(i)) + HeapEstimates.string(s.tagValue(i));
            }
            long keyOnly = HeapEstimates.object(2 * HeapEstimates.REFERENCE)
                    + HeapEstimates.array((s.key().length + 7) / 8);
            assertThat(s.estimatedBytes()).as(k).isGreaterThanOrEqualTo(keyOnly + parts);
        }
    }

    @Test
    void aMalformedKeyFailsWhenItsTagsAreFirstAskedFor() {
        SeriesKey s = SeriesKeyParser.parse("cpu,host".getBytes(StandardCharsets.UTF_8));
        assertThat(s.keyString()).isEqualTo("cpu,host");
        assertThatThrownBy(() -> s.tag("host")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed series key");
    }
}
