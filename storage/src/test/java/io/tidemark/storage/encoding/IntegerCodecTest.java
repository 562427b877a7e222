package io.tidemark.storage.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IntegerCodecTest extends ColumnCodecContractTest {

    @Override
    ColumnEncoder encoder() {
        return new IntegerEncoder();
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
    void exactSizesOfKnownColumns() {
        // A constant: first value and a zero step.
        long[] constant = new long[1000];
        java.util.Arrays.fill(constant, 42);
        assertThat(encode(constant)).containsExactly(Encoding.LONG_RLE.code() << 4, 0xE8, 0x07, 84, 0);
        // A walk with steps in [-3, 3]: zig-zag deltas below 8 pack 20 to a word (3 bits), 999 deltas in 50 words.
        long[] walk = new long[1000];
        int[] steps = {3, -3, 2, -2, 1, -1, 0};
        for (int i = 1; i < walk.length; i++) {
            walk[i] = walk[i - 1] + steps[i % steps.length];
        }
        byte[] bytes = encode(walk);
        assertThat(Encoding.of(Encoding.Family.LONG, bytes[0])).isEqualTo(Encoding.LONG_DELTA);
        assertThat(bytes).hasSize(1 + 2 + 1 + 50 * 8);
        // Deltas and deltas of deltas of at least 2^59 cannot be packed: raw, 8 bytes each.
        assertThat(encode(new long[] {0, 1L << 62, 0})).hasSize(1 + 1 + 3 * 8);
    }

    @Test
    void slowWalksCostLessThanHalfAByteAValue() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        long[] walk = new long[1000];
        walk[0] = 50;
        for (int i = 1; i < walk.length; i++) {
            walk[i] = Math.clamp(walk[i - 1] + rnd.nextInt(-2, 3), 0, 100);
        }
        assertThat(encode(walk).length).as(seed()).isLessThan(500);
    }
}
