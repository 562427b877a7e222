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
        assertThat(encode(new long[] {7})).containsExactly(Encoding.LONG_RLE.code() << 4, 1, 14, 0);
        // Deltas 10, 10, 11, 9 (no common power of ten) zig-zag to at most 22: one simple8b word of 5-bit values.
        byte[] short4 = encode(new long[] {0, 10, 20, 31, 40});
        assertThat(encodingOf(short4)).isEqualTo(Encoding.LONG_DELTA);
        assertThat(short4).hasSize(1 + 1 + 1 + 8);
        // 31 timestamps 1000 apart, one of them 1 late: 30 deltas of 11 bits would take 6 words; the deltas of deltas
        // (0, 1, -2, 1, then zeros) fit one word of 2-bit values after the first delta (zig-zag 2000, 2 bytes).
        long[] late = regular(31, 0, 1000);
        late[3] += 1;
        byte[] lateBytes = encode(late);
        assertThat(encodingOf(lateBytes)).isEqualTo(Encoding.LONG_DELTA_OF_DELTA);
        assertThat(lateBytes).hasSize(1 + 1 + 1 + 2 + 8);
        // Millisecond timestamps, one second apart with one missing: scale 10^9 on nanoseconds.
        long[] gap = {0, 1_000_000_000L, 2_000_000_000L, 4_000_000_000L, 5_000_000_000L};
        byte[] gapBytes = encode(gap);
        assertThat(gapBytes[0] & 0x0F).as("scale").isEqualTo(9);
        assertThat(gapBytes).hasSize(1 + 1 + 1 + 8);
    }

    @Test
    void choosesTheEncodingThatFitsTheShapeOfTheColumn() {
        assertThat(encodingOf(encode(regular(1000, START, 1_000_000)))).isEqualTo(Encoding.LONG_RLE);
        SplittableRandom rnd = new SplittableRandom(SEED);
        long[] jitter = new long[1000];
        for (int i = 1; i < jitter.length; i++) {
            jitter[i] = jitter[i - 1] + 10_000_000_000L + rnd.nextInt(-500_000, 500_000);
        }
        assertThat(encodingOf(encode(jitter))).as(seed()).isEqualTo(Encoding.LONG_DELTA_OF_DELTA);
        // Steps alternating 1 and 3: deltas and deltas of deltas (+2, -2) both need 3 bits; deltas save the varint.
        long[] alternating = new long[1000];
        for (int i = 1; i < alternating.length; i++) {
            alternating[i] = alternating[i - 1] + ((i & 1) == 0 ? 1 : 3);
        }
        assertThat(encodingOf(encode(alternating))).isEqualTo(Encoding.LONG_DELTA);
        long[] wild = new long[100];
        for (int i = 0; i < wild.length; i++) {
            wild[i] = rnd.nextLong();
        }
        assertThat(encodingOf(encode(wild))).as(seed()).isEqualTo(Encoding.LONG_RAW);
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
            for (Encoding e : new Encoding[] {Encoding.LONG_RAW, Encoding.LONG_RLE, Encoding.LONG_DELTA,
                Encoding.LONG_DELTA_OF_DELTA}) {
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
