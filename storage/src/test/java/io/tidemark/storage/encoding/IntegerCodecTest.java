package io.tidemark.storage.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IntegerCodecTest extends ColumnCodecContractTest {
    static final Encoding[] LONG_ENCODINGS = {Encoding.LONG_RAW, Encoding.LONG_RLE, Encoding.LONG_DELTA,
        Encoding.LONG_DELTA_OF_DELTA, Encoding.LONG_DELTA_HUFFMAN, Encoding.LONG_DELTA_OF_DELTA_HUFFMAN};

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
        ByteSink sink = new ByteSink();
        new IntegerEncoder().encodeAs(Encoding.LONG_DELTA, walk, 0, walk.length, sink);
        assertThat(sink.size()).isEqualTo(1 + 2 + 1 + 50 * 8);
        // Huffman: zig-zag deltas 1 to 5 occur 143 times, 0 and 6 142 times. The tree joins 0+6, 1+2, 3+4, 5+(0+6),
        // (1+2)+(3+4): 5 gets 2 bits, the others 3. Table: symbols 0 to 6 (14 bits), 7 lengths (28 bits).
        // 143 x 2 + 856 x 3 + 42 = 2896 bits, 362 bytes.
        sink.clear();
        new IntegerEncoder().encodeAs(Encoding.LONG_DELTA_HUFFMAN, walk, 0, walk.length, sink);
        assertThat(sink.size()).isEqualTo(1 + 2 + 1 + 362);
        // The deltas of deltas (-6, 5, -4, 3, -2, 1, 3, ...) take 6 values, one of them twice as often: smaller still.
        byte[] bytes = encode(walk);
        assertThat(Encoding.of(Encoding.Family.LONG, bytes[0])).isEqualTo(Encoding.LONG_DELTA_OF_DELTA_HUFFMAN);
        assertThat(bytes.length).isLessThan(1 + 2 + 1 + 362);
        // Deltas of +-2^62 (zig-zag 2^63 and 2^63 - 1, symbols 75 and 74) cannot be packed with simple8b; Huffman:
        // table 14 + 2 x 4 bits, two 1-bit codes, 63 + 62 bits below the top ones: 149 bits, 19 bytes, under 24 raw.
        byte[] wide = encode(new long[] {0, 1L << 62, 0});
        assertThat(Encoding.of(Encoding.Family.LONG, wide[0])).isEqualTo(Encoding.LONG_DELTA_HUFFMAN);
        assertThat(wide).hasSize(1 + 1 + 1 + 19);
        // Deltas that fill 64 bits (zig-zag 2^64 - 3 and 2^64 - 4) but differ by -3: the first delta (10 varint
        // bytes) and one delta of deltas (zig-zag 5: a table of 14 + 4 bits and a 1-bit code, 3 bytes), after the
        // first value (10 varint bytes): 25 bytes, one under raw.
        byte[] wideDod = encode(new long[] {Long.MIN_VALUE, 1, Long.MAX_VALUE});
        assertThat(Encoding.of(Encoding.Family.LONG, wideDod[0])).isEqualTo(Encoding.LONG_DELTA_OF_DELTA_HUFFMAN);
        assertThat(wideDod).hasSize(1 + 1 + 10 + 10 + 3);
        // A lone value: its varint without deltas, or raw when the varint is no shorter.
        assertThat(encode(new long[] {-570})).containsExactly(Encoding.LONG_DELTA.code() << 4, 1, 0xF3, 0x08);
        assertThat(encode(new long[] {Long.MIN_VALUE})).hasSize(1 + 1 + 8);
    }

    @Test
    void theChosenEncodingIsNeverLargerThanAnyOther() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        IntegerEncoder enc = new IntegerEncoder();
        List<long[]> columns = new java.util.ArrayList<>(adversarialColumns());
        for (int i = 0; i < 300; i++) {
            columns.add(randomColumn(rnd, 1 + rnd.nextInt(1200)));
        }
        for (long[] c : columns) {
            int chosen = encode(c).length;
            for (Encoding e : LONG_ENCODINGS) {
                ByteSink sink = new ByteSink();
                try {
                    enc.encodeAs(e, c, 0, c.length, sink);
                } catch (IllegalArgumentException notPossible) {
                    continue;
                }
                assertThat(chosen).as("chosen vs %s for %s, %s", e, preview(c), seed())
                        .isLessThanOrEqualTo(sink.size());
            }
        }
    }

    @Test
    void slowWalksCostLessThanHalfAByteAValue() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        long[] walk = new long[1000];
        walk[0] = 50;
        for (int i = 1; i < walk.length; i++) {
            walk[i] = Math.clamp(walk[i - 1] + rnd.nextInt(-2, 3), 0, 100);
        }
        // Five equally likely steps: log2(5) = 2.32 bits of entropy, 2.4 bits a value with Huffman codes.
        assertThat(encode(walk).length).as(seed()).isLessThan(320);
    }
}
