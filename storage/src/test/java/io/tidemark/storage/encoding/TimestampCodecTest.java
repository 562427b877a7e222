package io.tidemark.storage.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampCodecTest extends ColumnCodecContractTest {
    /** 2016-01-01T00:00:00Z, the first timestamp of the TSBS-like bench data, in nanoseconds. */
    static final long START = 1_451_606_400_000_000_000L;

    @Override
    ColumnEncoder encoder() {
        return new TimestampEncoder();
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

    static long[] regular(int n, long start, long step) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = start + i * step;
        }
        return t;
    }

    static Encoding encodingOf(byte[] bytes) {
        return Encoding.of(Encoding.Family.LONG, bytes[0]);
    }

    @Test
    void thousandTimestampsTenSecondsApartCostThirteenBytes() throws MalformedEncodingException {
        long[] t = regular(1000, START, 10_000_000_000L);
        byte[] bytes = encode(t);
        // header (RLE, scale 10^10) | count 1000 (2 bytes) | first as zig-zag varint (9 bytes) | step 1 (1 byte)
        assertThat(bytes).hasSize(13);
        assertThat(bytes[0] & 0xFF).isEqualTo(Encoding.LONG_RLE.code() << 4 | 10);
        assertThat(decode(bytes)).isEqualTo(t);
    }

    @Test
    void exactSizesOfKnownColumns() {
        assertThat(encode(new long[0])).containsExactly(Encoding.LONG_RAW.code() << 4, 0);
        assertThat(encode(new long[] {7})).containsExactly(Encoding.LONG_DELTA.code() << 4, 1, 14);
        // Deltas 10, 10, 11, 9 (no common power of ten) zig-zag to 20, 20, 22, 18: one simple8b word of 5-bit values,
        // or, all of width 5, one Huffman symbol: a table of 14 + 4 bits, then a 1-bit code and 4 bits each: 5 bytes.
        long[] short4 = {0, 10, 20, 31, 40};
        ByteSink sink = new ByteSink();
        new TimestampEncoder().encodeAs(Encoding.LONG_DELTA, short4, 0, short4.length, sink);
        assertThat(sink.size()).isEqualTo(1 + 1 + 1 + 8);
        byte[] short4Bytes = encode(short4);
        assertThat(encodingOf(short4Bytes)).isEqualTo(Encoding.LONG_DELTA_HUFFMAN);
        assertThat(short4Bytes).hasSize(1 + 1 + 1 + 5);
        // 31 timestamps 1000 apart, one of them 1 late: 30 deltas of 11 bits would take 6 words; the deltas of deltas
        // (0, 1, -2, 1, then zeros) fit one word of 2-bit values after the first delta (zig-zag 2000, 2 bytes).
        long[] late = regular(31, 0, 1000);
        late[3] += 1;
        byte[] lateBytes = encode(late);
        assertThat(encodingOf(lateBytes)).isEqualTo(Encoding.LONG_DELTA_OF_DELTA);
        assertThat(lateBytes).hasSize(1 + 1 + 1 + 2 + 8);
        // Seconds in nanoseconds, one missing: scale 10^9, deltas 1, 1, 2, 1 (zig-zag 2, 2, 4, 2): Huffman, a table of
        // 14 + 4 + (4 + 6: symbol 3 unused) + 4 bits and four 1-bit codes, 36 bits.
        long[] gap = {0, 1_000_000_000L, 2_000_000_000L, 4_000_000_000L, 5_000_000_000L};
        byte[] gapBytes = encode(gap);
        assertThat(gapBytes[0] & 0x0F).as("scale").isEqualTo(9);
        assertThat(encodingOf(gapBytes)).isEqualTo(Encoding.LONG_DELTA_HUFFMAN);
        assertThat(gapBytes).hasSize(1 + 1 + 1 + 5);
    }

    @Test
    void choosesTheEncodingThatFitsTheShapeOfTheColumn() {
        assertThat(encodingOf(encode(regular(1000, START, 1_000_000)))).isEqualTo(Encoding.LONG_RLE);
        SplittableRandom rnd = new SplittableRandom(SEED);
        long[] jitter = new long[1000];
        for (int i = 1; i < jitter.length; i++) {
            jitter[i] = jitter[i - 1] + 10_000_000_000L + rnd.nextInt(-500_000, 500_000);
        }
        // Deltas of deltas up to +-10^6: about 21 bits each plus a 2 to 3-bit code with Huffman, 30 with simple8b.
        assertThat(encodingOf(encode(jitter))).as(seed()).isEqualTo(Encoding.LONG_DELTA_OF_DELTA_HUFFMAN);
        // Steps alternating 1 and 3: deltas (zig-zag 2 and 6) and deltas of deltas (+2, -2) take one bit each.
        // Deltas: table 14 + 4 + (4 + 6: symbols 3 to 5 unused) + 4 = 32 bits, 999 codes: 1031 bits, 129 bytes.
        // Deltas of deltas: 14 + 8 + 998 = 1020 bits, 128 bytes, after the first delta (1 byte): a tie, deltas win.
        long[] alternating = new long[1000];
        for (int i = 1; i < alternating.length; i++) {
            alternating[i] = alternating[i - 1] + ((i & 1) == 0 ? 1 : 3);
        }
        byte[] alternatingBytes = encode(alternating);
        assertThat(encodingOf(alternatingBytes)).isEqualTo(Encoding.LONG_DELTA_HUFFMAN);
        assertThat(alternatingBytes).hasSize(1 + 2 + 1 + 129);
        long[] wild = new long[100];
        for (int i = 0; i < wild.length; i++) {
            wild[i] = rnd.nextLong();
        }
        // Random 64-bit values: Huffman coding their deltas saves nothing, so never more than raw.
        assertThat(encode(wild).length).as(seed()).isLessThanOrEqualTo(1 + 1 + 8 * wild.length);
    }

    @Test
    void jitteredSecondsCostAboutAByteEach() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        long[] t = new long[1000];
        t[0] = START;
        for (int i = 1; i < t.length; i++) {
            t[i] = t[i - 1] + 10_000_000_000L + rnd.nextInt(-1000, 1001) * 1_000_000L;
        }
        assertThat(encode(t).length).as(seed()).isLessThan(2000);
    }

    @Test
    void everyForcedEncodingRoundTripsWhenPossible() throws MalformedEncodingException {
        SplittableRandom rnd = new SplittableRandom(SEED);
        TimestampEncoder enc = new TimestampEncoder();
        List<long[]> columns = new ArrayList<>(adversarialColumns());
        for (int i = 0; i < 50; i++) {
            columns.add(randomColumn(rnd, rnd.nextInt(600)));
        }
        for (long[] c : columns) {
            for (Encoding e : IntegerCodecTest.LONG_ENCODINGS) {
                ByteSink sink = new ByteSink();
                try {
                    enc.encodeAs(e, c, 0, c.length, sink);
                } catch (IllegalArgumentException notPossible) {
                    continue;
                }
                assertThat(Encoding.of(Encoding.Family.LONG, sink.array()[0])).isEqualTo(e);
                assertThat(decode(sink.toByteArray())).as("%s of %s, %s", e, preview(c), seed()).isEqualTo(c);
            }
        }
        assertThatThrownBy(() -> enc.encodeAs(Encoding.LONG_RLE, new long[] {1, 2, 4}, 0, 3, new ByteSink()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> enc.encodeAs(Encoding.FLOAT_RAW, new long[] {1}, 0, 1, new ByteSink()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
