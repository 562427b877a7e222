package io.tidemark.storage.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BooleanCodecTest extends ColumnCodecContractTest {

    @Override
    ColumnEncoder encoder() {
        return new BooleanEncoder();
    }

    @Override
    ColumnDecoder decoder() {
        return new BooleanDecoder();
    }

    @Override
    long[] randomColumn(SplittableRandom rnd, int n) {
        long[] v = new long[n];
        int oneIn = 1 + rnd.nextInt(10);
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextInt(oneIn) == 0 ? 1 : 0;
        }
        return v;
    }

    @Override
    List<long[]> adversarialColumns() {
        long[] ones = new long[1001];
        java.util.Arrays.fill(ones, 1);
        return List.of(new long[0], new long[] {1}, new long[] {0}, ones, new long[1001],
                new long[] {1, 0, 1, 0, 1, 0, 1, 0, 1});
    }

    @Test
    void exactSizesOfKnownColumns() {
        assertThat(encode(new long[] {1, 0, 1, 1, 0, 0, 0, 0, 1}))
                .containsExactly(Encoding.BOOLEAN_BITS.code() << 4, 9, 0b0000_1101, 0b0000_0001);
        assertThat(encode(new long[1000])).hasSize(1 + 2 + 125);
    }

    @Test
    void refusesValuesOtherThanZeroAndOne() {
        assertThatThrownBy(() -> new BooleanEncoder().encode(new long[] {0, 2}, 0, 2, new ByteSink()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 2");
    }
}
