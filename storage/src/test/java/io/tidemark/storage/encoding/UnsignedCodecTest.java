package io.tidemark.storage.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UnsignedCodecTest extends ColumnCodecContractTest {

    @Override
    ColumnEncoder encoder() {
        return new UnsignedEncoder();
    }

    @Override
    ColumnDecoder decoder() {
        return new UnsignedDecoder();
    }

    @Override
    long[] randomColumn(SplittableRandom rnd, int n) {
        return LongColumns.unsigned(rnd, n);
    }

    @Override
    List<long[]> adversarialColumns() {
        return LongColumns.adversarial();
    }

    @Test
    void valuesNearTheTopOfTheRangeAreAsCheapAsSmallOnes() {
        // 2^64 - 3, 2^64 - 2, 2^64 - 1, 0, 1: steps of +1 modulo 2^64.
        long[] top = {-3, -2, -1, 0, 1};
        long[] small = {3, 4, 5, 6, 7};
        assertThat(encode(top)).hasSize(4);
        assertThat(encode(small)).hasSize(4);
        // Deltas 0, -1, 1, -2 (zig-zag 0 to 3): four 2-bit Huffman codes after a table of 14 + 4 x 4 bits: 5 bytes.
        assertThat(encode(new long[] {-1, -1, -2, -1, -3})).hasSize(1 + 1 + 1 + 5);
    }
}
