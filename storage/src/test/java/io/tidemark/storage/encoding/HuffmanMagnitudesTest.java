package io.tidemark.storage.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Huffman-coded stream shared by the *_HUFFMAN encodings ({@link HuffmanMagnitudeEncoder},
 * {@link HuffmanMagnitudeDecoder}): any unsigned 64-bit values round-trip, the size predicted is the size written,
 * code lengths stay within the limit, and tables or codes no encoder writes are refused. Randomized: re-run a failure
 * with {@code -Dtests.seed=<seed>}.
 */
class HuffmanMagnitudesTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    private static String seed() {
        return "seed " + SEED + " (re-run with -Dtests.seed=" + SEED + ")";
    }

    private static byte[] encode(long[] values) {
        ByteSink sink = new ByteSink();
        BitWriter bits = new BitWriter().of(sink);
        new HuffmanMagnitudeEncoder().write(values, 0, values.length, bits);
        bits.finish();
        return sink.toByteArray();
    }

    private static long[] decode(byte[] bytes, int count) throws MalformedEncodingException {
        long[] out = new long[count];
        int end = new HuffmanMagnitudeDecoder().decode(bytes, 0, bytes.length, count, out, 0);
        assertThat(end).as("end of the stream").isEqualTo(bytes.length);
        return out;
    }

    /** The exact length in bits of what the encoder writes: a 1 bit is written after it and found again. */
    private static long writtenBits(long[] values) {
        ByteSink sink = new ByteSink();
        BitWriter bits = new BitWriter().of(sink);
        new HuffmanMagnitudeEncoder().write(values, 0, values.length, bits);
        bits.write(1, 1);
        bits.finish();
        byte[] b = sink.toByteArray();
        return 8L * b.length - Integer.numberOfTrailingZeros(b[b.length - 1] & 0xFF) - 1;
    }

    private static void assertRoundTrip(long[] values, String what) throws MalformedEncodingException {
        byte[] bytes = encode(values);
        long predicted = new HuffmanMagnitudeEncoder().sizeInBits(values, 0, values.length);
        assertThat(writtenBits(values)).as("%s: bits written against predicted, %s", what, seed())
                .isEqualTo(predicted);
        assertThat(bytes.length).as("%s: predicted %d bits, %s", what, predicted, seed())
                .isEqualTo((int) ((predicted + 7) / 8));
        assertThat(decode(bytes, values.length)).as("%s, %s", what, seed()).isEqualTo(values);
    }

    /** Values drawn from a random subset of the symbols, with random (often very unequal) weights. */
    private static long[] randomValues(SplittableRandom rnd, int n) {
        int symbols = 1 + rnd.nextInt(HuffmanAlphabet.SYMBOLS);
        int[] chosen = new int[symbols];
        double[] cumulative = new double[symbols];
        double total = 0;
        for (int k = 0; k < symbols; k++) {
            chosen[k] = rnd.nextInt(HuffmanAlphabet.SYMBOLS);
            total += Math.pow(2, -rnd.nextInt(20));
            cumulative[k] = total;
        }
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            double x = rnd.nextDouble() * total;
            int k = 0;
            while (k < symbols - 1 && cumulative[k] < x) {
                k++;
            }
            v[i] = valueOf(chosen[k], rnd);
        }
        return v;
    }

    /** A random value of the symbol: itself below 16, else a random value of its bit width. */
    private static long valueOf(int symbol, SplittableRandom rnd) {
        if (symbol < HuffmanAlphabet.DIRECT) {
            return symbol;
        }
        int extra = HuffmanAlphabet.extraBits(symbol);
        return 1L << extra | (rnd.nextLong() & ((1L << extra) - 1));
    }

    @Test
    void everySymbolMapsToItsWidth() {
        assertThat(HuffmanAlphabet.symbol(0)).isZero();
        assertThat(HuffmanAlphabet.symbol(15)).isEqualTo(15);
        assertThat(HuffmanAlphabet.symbol(16)).isEqualTo(16);
        assertThat(HuffmanAlphabet.symbol(31)).isEqualTo(16);
        assertThat(HuffmanAlphabet.symbol(32)).isEqualTo(17);
        assertThat(HuffmanAlphabet.symbol(Long.MAX_VALUE)).isEqualTo(74);
        assertThat(HuffmanAlphabet.symbol(-1L)).isEqualTo(75);
        assertThat(HuffmanAlphabet.symbol(Long.MIN_VALUE)).isEqualTo(75);
        assertThat(HuffmanAlphabet.extraBits(15)).isZero();
        assertThat(HuffmanAlphabet.extraBits(16)).isEqualTo(4);
        assertThat(HuffmanAlphabet.extraBits(75)).isEqualTo(63);
        for (int v = 0; v < HuffmanAlphabet.DIRECT; v++) {
            assertThat(HuffmanAlphabet.symbol(v)).as("direct value %d", v).isEqualTo(v);
            assertThat(HuffmanAlphabet.extraBits(v)).as("direct symbol %d", v).isZero();
        }
        for (int width = 5; width <= 64; width++) {
            int expected = HuffmanAlphabet.DIRECT + width - 5;
            long lowest = 1L << (width - 1);
            long highest = width == 64 ? -1L : (1L << width) - 1;
            assertThat(HuffmanAlphabet.symbol(lowest)).as("lowest of width %d", width).isEqualTo(expected);
            assertThat(HuffmanAlphabet.symbol(highest)).as("highest of width %d", width).isEqualTo(expected);
            assertThat(HuffmanAlphabet.extraBits(expected)).as("symbol of width %d", width).isEqualTo(width - 1);
        }
    }

    @Test
    void randomValuesRoundTripAndTakeThePredictedSize() throws MalformedEncodingException {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int rep = 0; rep < 500; rep++) {
            long[] values = randomValues(rnd, 1 + rnd.nextInt(rep % 10 == 0 ? 5000 : 300));
            assertRoundTrip(values, "rep " + rep);
        }
    }

    /** Mostly small values of a few bits each, as the deltas of slowly moving integers, and a rare large one. */
    private static long[] smallValues(SplittableRandom rnd, int n) {
        long[] v = new long[n];
        int spread = 1 + rnd.nextInt(16);
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextInt(50) == 0 ? rnd.nextLong() >>> rnd.nextInt(64) : rnd.nextInt(spread);
        }
        return v;
    }

    @Test
    void runsOfShortCodesDecodeAsOneCodeAtATime() throws MalformedEncodingException {
        // Columns of 128 values and more decode runs of short codes with one lookup; the values around the column's
        // end and past the values asked for must come out as they do a code at a time.
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int rep = 0; rep < 300; rep++) {
            int n = 120 + rnd.nextInt(rep % 10 == 0 ? 4000 : 200);
            long[] values = smallValues(rnd, n);
            assertRoundTrip(values, "small values, rep " + rep);
            byte[] bytes = encode(values);
            int at = rnd.nextInt(5);
            long[] out = new long[at + n + 3];
            Arrays.fill(out, -7);
            new HuffmanMagnitudeDecoder().decode(bytes, 0, bytes.length, n, out, at);
            assertThat(Arrays.copyOfRange(out, at, at + n)).as("rep %d, %s", rep, seed()).isEqualTo(values);
            assertThat(Arrays.stream(out, 0, at)).as("before, %s", seed()).allMatch(v -> v == -7);
            assertThat(Arrays.stream(out, at + n, out.length)).as("after, %s", seed()).allMatch(v -> v == -7);
            // Cut short anywhere, the column is refused rather than padded with values of the zero bits.
            int cut = rnd.nextInt(bytes.length);
            assertThatThrownBy(() -> new HuffmanMagnitudeDecoder().decode(bytes, 0, cut, n, new long[n], 0))
                    .as("cut at %d of %d, %s", cut, bytes.length, seed())
                    .isInstanceOf(MalformedEncodingException.class);
        }
    }

    @Test
    void edgeValuesRoundTrip() throws MalformedEncodingException {
        long[] edges = {0, 1, 15, 16, 17, 31, 32, Long.MAX_VALUE, Long.MIN_VALUE, -1L, -2L, (1L << 62) + 1};
        assertRoundTrip(edges, "edges");
        for (long e : edges) {
            assertRoundTrip(new long[] {e}, "one " + e);
            long[] many = new long[777];
            Arrays.fill(many, e);
            assertRoundTrip(many, "777 x " + e);
        }
        long[] everyWidth = new long[65];
        for (int w = 1; w <= 64; w++) {
            everyWidth[w] = 1L << (w - 1);
        }
        assertRoundTrip(everyWidth, "every width");
    }

    @Test
    void skewedFrequenciesStayWithinTheCodeLengthLimit() throws MalformedEncodingException {
        // Fibonacci frequencies make the deepest Huffman trees: 22 symbols would need codes of 21 bits unlimited.
        int symbols = 22;
        long[] fibonacci = new long[symbols];
        fibonacci[0] = 1;
        fibonacci[1] = 1;
        int total = 2;
        for (int k = 2; k < symbols; k++) {
            fibonacci[k] = fibonacci[k - 1] + fibonacci[k - 2];
            total += (int) fibonacci[k];
        }
        long[] values = new long[total];
        int i = 0;
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int k = 0; k < symbols; k++) {
            for (int j = 0; j < fibonacci[k]; j++) {
                values[i++] = valueOf(k * 3, rnd);
            }
        }
        // The decoder refuses codes longer than 12 bits, so the round trip shows the limit was kept.
        assertRoundTrip(values, "Fibonacci frequencies");
    }

    @Test
    void aKnownStreamIsPinned() throws MalformedEncodingException {
        // Frequencies 0:2, 1:1, 2:1 give lengths 1, 2, 2 and canonical codes 0, 10, 11.
        // Table: first 0000000, last 0000010, lengths 0001 0010 0010 (26 bits); codes 0 0 10 11 (6 bits): 32 bits.
        // 00000000 00001000 01001000 10001011
        long[] values = {0, 0, 1, 2};
        assertThat(encode(values)).containsExactly(0x00, 0x08, 0x48, 0x8B);
        assertThat(decode(new byte[] {0x00, 0x08, 0x48, (byte) 0x8B}, 4)).containsExactly(values);
    }

    @Test
    void aSingleSymbolCostsOneBitAValue() {
        long[] values = new long[1000];
        Arrays.fill(values, 7);
        // Table: 14 bits of range and one length; then 1,000 one-bit codes.
        assertThat(new HuffmanMagnitudeEncoder().sizeInBits(values, 0, values.length)).isEqualTo(14 + 4 + 1000);
    }

    @Test
    void unusedSymbolRunsLongerThanTheRunFieldAreSplit() throws MalformedEncodingException {
        // Symbols 0 and 75: 74 unused symbols between them, more than one run of 1 + 63 covers.
        long[] values = {0, -1L, 0, -1L, 0};
        // first, last | 1 | 0 + run 63 | 0 + run 9 | 1 ; codes: 5 bits, extra: 2 x 63 bits
        assertThat(new HuffmanMagnitudeEncoder().sizeInBits(values, 0, values.length))
                .isEqualTo(14 + 4 + 10 + 10 + 4 + 5 + 2 * 63);
        assertRoundTrip(values, "symbols 0 and 75");
        // Runs of exactly one field's reach and of one more: symbols 0 and 65 (64 unused), 0 and 66 (65 unused).
        assertRoundTrip(new long[] {0, 1L << 53, 0}, "symbols 0 and 65");
        assertRoundTrip(new long[] {0, 1L << 54, 0}, "symbols 0 and 66");
    }

    /** Writes a code table by hand: first, last, then 4-bit fields (and 6-bit runs after zeros) as given. */
    private static byte[] table(int first, int last, int[] fields, int... codeBits) {
        ByteSink sink = new ByteSink();
        BitWriter w = new BitWriter().of(sink);
        w.write(first, 7);
        w.write(last, 7);
        for (int i = 0; i < fields.length; i++) {
            w.write(fields[i], 4);
            if (fields[i] == 0) {
                w.write(fields[++i], 6);
            }
        }
        for (int b : codeBits) {
            w.write(b, 1);
        }
        w.finish();
        return sink.toByteArray();
    }

    private static void assertMalformed(byte[] bytes, int count, String message) {
        assertThatThrownBy(() -> new HuffmanMagnitudeDecoder().decode(bytes, 0, bytes.length, count,
                new long[count], 0)).isInstanceOf(MalformedEncodingException.class).hasMessageContaining(message);
    }

    @Test
    void tablesNoEncoderWritesAreRefused() {
        assertMalformed(table(3, 2, new int[] {1}, 0, 0), 1, "symbols 3 to 2");
        assertMalformed(table(70, 76, new int[] {1, 1, 1, 1, 1, 1, 1}, 0), 1, "symbols 70 to 76");
        assertMalformed(table(0, 2, new int[] {0, 0, 1, 1}, 0), 1, "unused Huffman symbols 0 to 0");
        assertMalformed(table(0, 2, new int[] {1, 0, 1}, 0), 1, "unused Huffman symbols 1 to 2");
        assertMalformed(table(0, 1, new int[] {13, 1}, 0), 1, "Huffman code of 13 bits");
        // Three codes of one bit do not fit in one bit.
        assertMalformed(table(0, 2, new int[] {1, 1, 1}, 0), 1, "oversubscribe");
    }

    @Test
    void bitsThatStartNoCodeAreRefused() throws MalformedEncodingException {
        // One symbol with a 2-bit code (00): 01, 10 and 11 start no code.
        assertThat(decode(table(5, 5, new int[] {2}, 0, 0), 1)).containsExactly(5);
        assertMalformed(table(5, 5, new int[] {2}, 0, 1), 1, "start no Huffman code");
        assertMalformed(table(5, 5, new int[] {2}, 1, 1), 1, "start no Huffman code");
    }

    @Test
    void everyTruncationIsMalformed() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int rep = 0; rep < 50; rep++) {
            long[] values = randomValues(rnd, 1 + rnd.nextInt(100));
            byte[] bytes = encode(values);
            for (int limit = 0; limit < bytes.length; limit++) {
                int cut = limit;
                assertThatThrownBy(() -> new HuffmanMagnitudeDecoder().decode(bytes, 0, cut, values.length,
                        new long[values.length], 0)).as("limit %d of %d, %s", cut, bytes.length, seed())
                        .isInstanceOf(MalformedEncodingException.class);
            }
        }
    }

    @Test
    void randomBytesFailOnlyWithMalformedEncoding() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        HuffmanMagnitudeDecoder decoder = new HuffmanMagnitudeDecoder();
        for (int rep = 0; rep < 20_000; rep++) {
            byte[] bytes = ColumnCodecContractTest.randomBytes(rnd, rnd.nextInt(80));
            int count = 1 + rnd.nextInt(200);
            long[] out = new long[count];
            try {
                int end = decoder.decode(bytes, 0, bytes.length, count, out, 0);
                assertThat(end).isBetween(0, bytes.length);
            } catch (MalformedEncodingException expected) {
                assertThat(expected.offset()).isBetween(0, bytes.length);
            } catch (RuntimeException e) {
                fail("decoding " + Arrays.toString(bytes) + " threw " + e + ", " + seed(), e);
            }
        }
    }
}
