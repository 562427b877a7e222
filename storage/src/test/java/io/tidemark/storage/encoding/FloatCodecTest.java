package io.tidemark.storage.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FloatCodecTest extends ColumnCodecContractTest {
    static final Encoding[] FLOAT_ENCODINGS = {Encoding.FLOAT_RAW, Encoding.FLOAT_GORILLA, Encoding.FLOAT_CHIMP,
        Encoding.FLOAT_DECIMAL};

    @Override
    ColumnEncoder encoder() {
        return new FloatEncoder();
    }

    @Override
    ColumnDecoder decoder() {
        return new FloatDecoder();
    }

    @Override
    long[] randomColumn(SplittableRandom rnd, int n) {
        long[] bits = new long[n];
        int pattern = rnd.nextInt(6);
        double x = rnd.nextDouble() * 100;
        int digits = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            double v = switch (pattern) {
                case 0 -> x = Math.clamp(x + rnd.nextGaussian(), 0, 100);
                case 1 -> decimal(x = x + rnd.nextGaussian(), digits);
                case 2 -> Math.floor(x = x + rnd.nextGaussian() * 10);
                case 3 -> x;
                case 4 -> rnd.nextInt(10) == 0 ? special(rnd) : decimal(x + rnd.nextInt(100), digits);
                default -> Double.longBitsToDouble(rnd.nextLong());
            };
            bits[i] = Double.doubleToRawLongBits(v);
            if (pattern == 5 && rnd.nextInt(4) == 0) {
                bits[i] = NAN_PAYLOADS[rnd.nextInt(NAN_PAYLOADS.length)];
            }
        }
        return bits;
    }

    static final long[] NAN_PAYLOADS = {0x7FF8000000000000L, 0x7FF0000000000001L, 0xFFF8000000000000L,
        0x7FFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL, 0x7FF4000000000abcL};

    static double decimal(double v, int digits) {
        return new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
    }

    static double special(SplittableRandom rnd) {
        double[] s = {-0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE,
            -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL, 0x1p53, 0x1p53 + 2, 1e300,
            1e-300};
        return s[rnd.nextInt(s.length)];
    }

    @Override
    List<long[]> adversarialColumns() {
        List<long[]> out = new ArrayList<>();
        out.add(new long[0]);
        out.add(NAN_PAYLOADS.clone());
        out.add(bits(-0.0, 0.0, -0.0, -0.0, 0.0));
        out.add(bits(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1.5, -0.0));
        out.add(bits(Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL));
        out.add(bits(0x1p53, 0x1p53 + 2, -0x1p53, 9007199254740993.0, 1e15, 1e16, 0.1, 0.2, 0.30000000000000004));
        out.add(bits(0.1, 0.25, 12.5, 99.99, 1e-15, 123456789.123456, -0.001, 5e-324));
        out.add(new long[] {0, -1, 0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1, -2});
        long[] alternating = new long[300];
        for (int i = 0; i < alternating.length; i++) {
            alternating[i] = (i & 1) == 0 ? 0L : -1L;
        }
        out.add(alternating);
        long[] decimalsWithRareNaN = new long[1000];
        for (int i = 0; i < decimalsWithRareNaN.length; i++) {
            decimalsWithRareNaN[i] = Double.doubleToRawLongBits(i % 97 == 0 ? Double.NaN : i / 10.0);
        }
        out.add(decimalsWithRareNaN);
        return out;
    }

    static long[] bits(double... values) {
        long[] b = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = Double.doubleToRawLongBits(values[i]);
        }
        return b;
    }

    static Encoding encodingOf(byte[] bytes) {
        return Encoding.of(Encoding.Family.FLOAT, bytes[0]);
    }

    @Test
    void everyEncodingRoundTripsEveryColumnBitForBit() throws MalformedEncodingException {
        SplittableRandom rnd = new SplittableRandom(SEED);
        FloatEncoder enc = new FloatEncoder();
        List<long[]> columns = new ArrayList<>(adversarialColumns());
        for (int i = 0; i < 300; i++) {
            columns.add(randomColumn(rnd, rnd.nextInt(1200)));
        }
        for (long[] c : columns) {
            for (Encoding e : FLOAT_ENCODINGS) {
                ByteSink sink = new ByteSink();
                sink.put(0x55);
                enc.encodeAs(e, c, 0, c.length, sink);
                assertThat(encodingOf(new byte[] {sink.array()[1]})).isEqualTo(e);
                FloatDecoder dec = new FloatDecoder();
                assertThat(dec.decode(sink.array(), 1, sink.size())).isEqualTo(sink.size());
                assertThat(java.util.Arrays.copyOf(dec.values(), dec.count()))
                        .as("%s of %s, %s", e, preview(c), seed()).isEqualTo(c);
            }
        }
        assertThatThrownBy(() -> enc.encodeAs(Encoding.LONG_RLE, new long[1], 0, 1, new ByteSink()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theChosenEncodingIsNeverLargerThanAnyOther() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        FloatEncoder enc = new FloatEncoder();
        for (int i = 0; i < 200; i++) {
            long[] c = randomColumn(rnd, 1 + rnd.nextInt(1000));
            int chosen = encode(c).length;
            for (Encoding e : FLOAT_ENCODINGS) {
                ByteSink sink = new ByteSink();
                enc.encodeAs(e, c, 0, c.length, sink);
                assertThat(chosen).as("chosen vs %s for %s, %s", e, preview(c), seed()).isLessThanOrEqualTo(sink.size());
            }
        }
    }

    @Test
    void shortDecimalsAreStoredAsScaledIntegers() throws MalformedEncodingException {
        long[] c = new long[1000];
        for (int i = 0; i < c.length; i++) {
            c[i] = Double.doubleToRawLongBits(20 + (i % 10) / 10.0);
        }
        byte[] bytes = encode(c);
        assertThat(encodingOf(bytes)).isEqualTo(Encoding.FLOAT_DECIMAL);
        assertThat(bytes[0] & 0x0F).as("exponent").isEqualTo(1);
        assertThat(decode(bytes)).isEqualTo(c);
        // 200.0, 201.0, ... cycling by steps of 1 and -9: zig-zag deltas up to 17 need 5 bits, 12 to a word.
        assertThat(bytes).hasSize(1 + 2 + 1 + (1 + 2 + 2 + 84 * 8));
    }

    @Test
    void exceptionsKeepTheirBitsAndPositions() throws MalformedEncodingException {
        long[] c = bits(1.5, -0.0, 2.5, Double.NaN, 3.5, Double.POSITIVE_INFINITY, 4.5, Math.PI);
        c[3] = 0x7FF0000000000123L;
        ByteSink sink = new ByteSink();
        new FloatEncoder().encodeAs(Encoding.FLOAT_DECIMAL, c, 0, c.length, sink);
        // header+exponent 1 | count | 4 exceptions | integers 15,15,25,25,35,35,45,45 | 4 x (gap uvarint, 8 bytes)
        assertThat(sink.array()[0] & 0xFF).isEqualTo(Encoding.FLOAT_DECIMAL.code() << 4 | 1);
        assertThat(sink.array()[2]).isEqualTo((byte) 4);
        assertThat(decode(sink.toByteArray())).isEqualTo(c);
    }

    @Test
    void exactSizesOfKnownColumns() {
        assertThat(encode(new long[0])).containsExactly(Encoding.FLOAT_RAW.code() << 4, 0);
        FloatEncoder enc = new FloatEncoder();
        ByteSink sink = new ByteSink();
        // Gorilla: 64 bits, then '0' for the repeat, then 1.0 ^ 2.0 = 0x7FF0000000000000 (1 leading zero, 11 bits):
        // '11' + 5 + 6 + 11 bits: 64 + 1 + 24 = 89 bits, 12 bytes, after the header and count.
        enc.encodeAs(Encoding.FLOAT_GORILLA, bits(1.0, 1.0, 2.0), 0, 3, sink);
        assertThat(sink.size()).isEqualTo(2 + 12);
        sink.clear();
        // Chimp: 64 bits, '00', then the same XOR has 52 trailing zeros and its 1 leading zero rounds down to 0:
        // '01' + 3 + 6 + 12 centre bits: 64 + 2 + 23 = 89 bits, 12 bytes.
        enc.encodeAs(Encoding.FLOAT_CHIMP, bits(1.0, 1.0, 2.0), 0, 3, sink);
        assertThat(sink.size()).isEqualTo(2 + 12);
        sink.clear();
        enc.encodeAs(Encoding.FLOAT_RAW, bits(1.0, 1.0, 2.0), 0, 3, sink);
        assertThat(sink.size()).isEqualTo(2 + 24);
        sink.clear();
        // 1.0, 1.0, 2.0 are integers: exponent 0, no exceptions, integers 1, 1, 2 as deltas in one simple8b word.
        enc.encodeAs(Encoding.FLOAT_DECIMAL, bits(1.0, 1.0, 2.0), 0, 3, sink);
        assertThat(sink.size()).isEqualTo(1 + 1 + 1 + (1 + 1 + 1 + 8));
        // All three cost 14 bytes: the first candidate tried, Chimp, is kept.
        assertThat(encodingOf(encode(bits(1.0, 1.0, 2.0)))).isEqualTo(Encoding.FLOAT_CHIMP);
    }

    @Test
    void fullPrecisionRandomWalksUseAnXorEncoding() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        long[] c = new long[1000];
        double x = 50;
        for (int i = 0; i < c.length; i++) {
            x = Math.clamp(x + rnd.nextGaussian(), 0, 100);
            c[i] = Double.doubleToRawLongBits(x);
        }
        assertThat(encodingOf(encode(c))).as(seed()).isIn(Encoding.FLOAT_GORILLA, Encoding.FLOAT_CHIMP);
    }
}
