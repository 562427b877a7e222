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
        Encoding.FLOAT_DECIMAL, Encoding.FLOAT_DELTA_HUFFMAN};

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
        return floats(rnd, n);
    }

    /** Floats as raw bits: walks, decimals, integers, constants, specials among decimals, any bits with NaNs. */
    static long[] floats(SplittableRandom rnd, int n) {
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
        return adversarialFloats();
    }

    static List<long[]> adversarialFloats() {
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
        // Raw-bit differences that wrap at 64 bits, and walks across zero (the sign flips every difference's size).
        out.add(new long[] {Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, 0, Long.MAX_VALUE, -1, 1});
        long[] acrossZero = new long[500];
        double x = -3;
        for (int i = 0; i < acrossZero.length; i++) {
            x += Math.sin(i) * 0.7;
            acrossZero[i] = Double.doubleToRawLongBits(x);
        }
        out.add(acrossZero);
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
    void sizePassesMatchWhatIsWritten() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        FloatEncoder enc = new FloatEncoder();
        List<long[]> columns = new ArrayList<>(adversarialColumns());
        for (int i = 0; i < 300; i++) {
            columns.add(randomColumn(rnd, rnd.nextInt(1200)));
        }
        for (long[] c : columns) {
            int prefix = 1 + (c.length < 128 ? 1 : 2);
            ByteSink sink = new ByteSink();
            enc.encodeAs(Encoding.FLOAT_CHIMP, c, 0, c.length, sink);
            assertThat((ChimpFloats.sizeInBits(c, 0, c.length) + 7) / 8).as("Chimp, %s", seed())
                    .isEqualTo(sink.size() - prefix);
            sink.clear();
            enc.encodeAs(Encoding.FLOAT_GORILLA, c, 0, c.length, sink);
            assertThat((GorillaFloats.sizeInBits(c, 0, c.length) + 7) / 8).as("Gorilla, %s", seed())
                    .isEqualTo(sink.size() - prefix);
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
        // Integers 200, 201, ..., 209, 200, ...: 900 deltas of +1 (zig-zag 2) and 99 of -9 (zig-zag 17, width 5).
        // Huffman: one bit each; table: symbols 2 to 16 (14 bits), length of 2, 13 unused (4 + 6 bits), length of
        // 16; 999 codes and 99 x 4 bits below the top one of 17: 32 + 999 + 396 = 1427 bits, 179 bytes.
        // (simple8b would take 84 words of twelve 5-bit values, 672 bytes.)
        assertThat(bytes).hasSize(1 + 2 + 1 + (1 + 2 + 2 + 179));
        assertThat(Encoding.of(Encoding.Family.LONG, bytes[4])).isEqualTo(Encoding.LONG_DELTA_HUFFMAN);
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
        // 1.0, 1.0, 2.0 are integers: exponent 0, no exceptions, integers 1, 1, 2 as a first delta 0 and one delta
        // of deltas (zig-zag 2) Huffman coded: a table of 14 + 4 bits and a 1-bit code, 3 bytes.
        enc.encodeAs(Encoding.FLOAT_DECIMAL, bits(1.0, 1.0, 2.0), 0, 3, sink);
        assertThat(sink.size()).isEqualTo(1 + 1 + 1 + (1 + 1 + 1 + 1 + 3));
        sink.clear();
        // Raw-bit differences 0 and 2^52 (zig-zag 2^53, symbol 65): table 14 bits, length of 0, 64 unused (4 + 6
        // bits), length of 65; two 1-bit codes and 53 bits below the top one of 2^53: 32 + 55 = 87 bits, 11 bytes.
        enc.encodeAs(Encoding.FLOAT_DELTA_HUFFMAN, bits(1.0, 1.0, 2.0), 0, 3, sink);
        assertThat(sink.size()).isEqualTo(2 + 8 + 11);
        // Decimal is the smallest: 10 bytes.
        assertThat(encodingOf(encode(bits(1.0, 1.0, 2.0)))).isEqualTo(Encoding.FLOAT_DECIMAL);
    }

    @Test
    void fullPrecisionRandomWalksUseRawBitDifferences() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        long[] c = new long[1000];
        double x = 50;
        for (int i = 0; i < c.length; i++) {
            x = Math.clamp(x + rnd.nextGaussian(), 0, 100);
            c[i] = Double.doubleToRawLongBits(x);
        }
        // Each step changes the low ~50 bits: a difference costs about that, an XOR more where carries ripple up.
        assertThat(encodingOf(encode(c))).as(seed()).isEqualTo(Encoding.FLOAT_DELTA_HUFFMAN);
    }
}
