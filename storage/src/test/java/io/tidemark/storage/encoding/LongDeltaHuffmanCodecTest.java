package io.tidemark.storage.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The codec contract for {@link Encoding#LONG_DELTA_HUFFMAN} forced on every integer column (the automatic choice
 * takes it only where it is smallest): round trips, exact ends, truncation and damage through its decoder.
 */
class LongDeltaHuffmanCodecTest extends ColumnCodecContractTest {

    @Override
    ColumnEncoder encoder() {
        IntegerEncoder encoder = new IntegerEncoder();
        return (values, from, count, dst) -> {
            if (count > 0) {
                encoder.encodeAs(Encoding.LONG_DELTA_HUFFMAN, values, from, count, dst);
            } else {
                encoder.encode(values, from, count, dst);
            }
        };
    }

    @Override
    ColumnDecoder decoder() {
        return new IntegerDecoder();
    }

    @Override
    long[] randomColumn(SplittableRandom rnd, int n) {
        return LongColumns.integers(rnd, n);
    }

    @Override
    List<long[]> adversarialColumns() {
        return LongColumns.adversarial();
    }

    @Test
    void aKnownColumnIsPinned() throws MalformedEncodingException {
        // 10, 11, 11, 10, 12: deltas 1, 0, -1, 2 -> zig-zag 2, 0, 1, 4: four symbols of one count each, two bits each
        // (canonical codes 00, 01, 10, 11 in symbol order 0, 1, 2, 4).
        // header 0x50 | count 5 | first zigzag(10) = 20 | table: first 0000000, last 0000100, lengths 0010 0010 0010,
        // symbol 3 unused 0000 + run 000000, length 0010 (40 bits) | codes 10 00 01 11 (8 bits) = 48 bits.
        long[] values = {10, 11, 11, 10, 12};
        byte[] bytes = encode(values);
        assertThat(bytes).containsExactly(0x50, 5, 20,
                0b00000000, 0b00010000, 0b10001000, 0b10000000, 0b00000010, 0b10000111);
        assertThat(decode(bytes)).containsExactly(values);
    }

    @Test
    void theScaleDividesTheDeltas() throws MalformedEncodingException {
        long[] values = {0, 1000, 1000, 3000, 2000, 2000};
        byte[] bytes = encode(values);
        assertThat(bytes[0] & 0xFF).isEqualTo(Encoding.LONG_DELTA_HUFFMAN.code() << 4 | 3);
        assertThat(decode(bytes)).containsExactly(values);
    }

    @Test
    void aCountTheBytesCannotHoldIsRefusedBeforeDecoding() {
        // One million values claimed in 3 bytes: every Huffman code takes at least one bit.
        ByteSink forged = new ByteSink();
        forged.put(Encoding.LONG_DELTA_HUFFMAN.header(0));
        forged.putUvarint(1_000_000);
        forged.put(new byte[] {2, 0, 0}, 0, 3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> decoder().decode(forged.array(), 0, forged.size()))
                .isInstanceOf(MalformedEncodingException.class).hasMessageContaining("cannot fit");
    }
}
