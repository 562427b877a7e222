package io.tidemark.storage.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The codec contract for {@link Encoding#FLOAT_DELTA_HUFFMAN} forced on every float column (the automatic choice takes
 * it only where it is smallest): bit-exact round trips of any bits (NaN payloads, -0.0, differences that wrap at 64
 * bits), exact ends, truncation and damage through its decoder.
 */
class FloatDeltaHuffmanCodecTest extends ColumnCodecContractTest {

    @Override
    ColumnEncoder encoder() {
        FloatEncoder encoder = new FloatEncoder();
        return (values, from, count, dst) -> encoder.encodeAs(Encoding.FLOAT_DELTA_HUFFMAN, values, from, count, dst);
    }

    @Override
    ColumnDecoder decoder() {
        return new FloatDecoder();
    }

    @Override
    long[] randomColumn(SplittableRandom rnd, int n) {
        return FloatCodecTest.floats(rnd, n);
    }

    @Override
    List<long[]> adversarialColumns() {
        return FloatCodecTest.adversarialFloats();
    }

    @Test
    void aKnownColumnIsPinned() throws MalformedEncodingException {
        // 1.5, 1.75, 1.5: raw-bit differences +2^50 and -2^50 -> zig-zag 2^51 and 2^51 - 1 (widths 52 and 51,
        // symbols 63 and 62), one-bit codes 1 and 0 in symbol order 62, 63.
        // header 0x50 | count 3 | 1.5 as u64 LE | table: first 0111110, last 0111111, lengths 0001 0001 (22 bits) |
        // 1 + 51 bits below the top of 2^51 (all zero) | 0 + 50 bits below the top of 2^51 - 1 (all one): 125 bits.
        long[] values = FloatCodecTest.bits(1.5, 1.75, 1.5);
        byte[] bytes = encode(values);
        assertThat(bytes).hasSize(1 + 1 + 8 + 16);
        assertThat(bytes[0] & 0xFF).isEqualTo(0x50);
        assertThat(java.util.Arrays.copyOfRange(bytes, 10, 13)).containsExactly(0b01111100, 0b11111100, 0b01000110);
        assertThat(decode(bytes)).containsExactly(values);
    }

    @Test
    void emptyAndSingleColumnsHaveNoCodeTable() throws MalformedEncodingException {
        assertThat(encode(new long[0])).containsExactly(0x50, 0);
        long[] one = {Double.doubleToRawLongBits(-0.0)};
        assertThat(encode(one)).hasSize(2 + 8);
        assertThat(decode(encode(one))).containsExactly(one);
    }
}
