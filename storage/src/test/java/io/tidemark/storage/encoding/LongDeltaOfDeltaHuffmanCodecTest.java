package io.tidemark.storage.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The codec contract for {@link Encoding#LONG_DELTA_OF_DELTA_HUFFMAN} forced on every timestamp column of two values
 * or more (the automatic choice takes it only where it is smallest).
 */
class LongDeltaOfDeltaHuffmanCodecTest extends ColumnCodecContractTest {

    @Override
    ColumnEncoder encoder() {
        TimestampEncoder encoder = new TimestampEncoder();
        return (values, from, count, dst) -> {
            if (count > 1) {
                encoder.encodeAs(Encoding.LONG_DELTA_OF_DELTA_HUFFMAN, values, from, count, dst);
            } else {
                encoder.encode(values, from, count, dst);
            }
        };
    }

    @Override
    ColumnDecoder decoder() {
        return new TimestampDecoder();
    }

    @Override
    long[] randomColumn(SplittableRandom rnd, int n) {
        return LongColumns.timestamps(rnd, n);
    }

    @Override
    List<long[]> adversarialColumns() {
        return LongColumns.adversarial();
    }

    @Test
    void aKnownColumnIsPinned() throws MalformedEncodingException {
        // 31 timestamps 1000 apart, one of them 1 late (deltas 1000, 1000, 1001, 999, 1000, ...): deltas of deltas
        // 0, 1, -2, 1, then 25 zeros -> zig-zag 0 (26 times), 2 (twice), 3 (once): lengths 1, 2, 2.
        // Table: symbols 0 to 3 (14 bits), 0001, symbol 1 unused 0000 + run 000000, 0010, 0010 (36 bits); codes
        // 26 x 1 + 3 x 2 = 32 bits: 68 bits, 9 bytes.
        long[] t = TimestampCodecTest.regular(31, 0, 1000);
        t[3] += 1;
        byte[] bytes = encode(t);
        // header | count 31 | first 0 | first delta zigzag(1000) = 2000 (2 bytes) | 9 bytes
        assertThat(bytes).hasSize(1 + 1 + 1 + 2 + 9);
        assertThat(bytes[0] & 0xFF).isEqualTo(Encoding.LONG_DELTA_OF_DELTA_HUFFMAN.code() << 4);
        assertThat(decode(bytes)).containsExactly(t);
        // The automatic choice prefers simple8b here: one word of 2-bit values, 8 bytes.
        assertThat(new TimestampCodecTest().encode(t)).hasSize(1 + 1 + 1 + 2 + 8);
    }
}
