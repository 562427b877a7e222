package io.tidemark.storage.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ColumnEncoder}/{@link ColumnDecoder} pair must meet, run by one subclass per pair:
 * random and adversarial columns round-trip exactly; an encoding appends after existing bytes and the decoder reports
 * exactly the bytes it consumed, leaving a suffix unread; truncated or damaged input fails with
 * {@link MalformedEncodingException} and nothing else. Randomized: re-run a failure with {@code -Dtests.seed=<seed>}.
 */
abstract class ColumnCodecContractTest {
    static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    static final int[] SIZES = {0, 1, 2, 3, 7, 8, 9, 119, 120, 121, 239, 240, 241, 999, 1000, 1001, 4096};

    abstract ColumnEncoder encoder();

    abstract ColumnDecoder decoder();

    /** A random column of the kind this codec is for, of {@code n} values. */
    abstract long[] randomColumn(SplittableRandom rnd, int n);

    /** Columns at the edges of what the codec must handle. */
    abstract List<long[]> adversarialColumns();

    String seed() {
        return "seed " + SEED + " (re-run with -Dtests.seed=" + SEED + ")";
    }

    byte[] encode(long[] values) {
        ByteSink sink = new ByteSink();
        encoder().encode(values, 0, values.length, sink);
        return sink.toByteArray();
    }

    long[] decode(byte[] bytes) throws MalformedEncodingException {
        ColumnDecoder d = decoder();
        int end = d.decode(bytes, 0, bytes.length);
        assertThat(end).as("end of the encoding").isEqualTo(bytes.length);
        return Arrays.copyOf(d.values(), d.count());
    }

    void assertRoundTrip(ColumnEncoder enc, ColumnDecoder dec, long[] values, String what)
            throws MalformedEncodingException {
        ByteSink sink = new ByteSink();
        enc.encode(values, 0, values.length, sink);
        int end = dec.decode(sink.array(), 0, sink.size());
        assertThat(end).as("%s: end, %s", what, seed()).isEqualTo(sink.size());
        assertThat(Arrays.copyOf(dec.values(), dec.count())).as("%s, %s", what, seed()).isEqualTo(values);
    }

    @Test
    void randomColumnsRoundTrip() throws MalformedEncodingException {
        SplittableRandom rnd = new SplittableRandom(SEED);
        ColumnEncoder enc = encoder();
        ColumnDecoder dec = decoder();
        for (int size : SIZES) {
            for (int rep = 0; rep < 5; rep++) {
                assertRoundTrip(enc, dec, randomColumn(rnd, size), "size " + size);
            }
        }
        for (int rep = 0; rep < 200; rep++) {
            int size = rnd.nextInt(1500);
            assertRoundTrip(enc, dec, randomColumn(rnd, size), "size " + size);
        }
    }

    @Test
    void adversarialColumnsRoundTrip() throws MalformedEncodingException {
        ColumnEncoder enc = encoder();
        ColumnDecoder dec = decoder();
        int i = 0;
        for (long[] column : adversarialColumns()) {
            assertRoundTrip(enc, dec, column, "adversarial column " + i++ + " " + preview(column));
        }
    }

    @Test
    void encodesASliceOfTheInput() throws MalformedEncodingException {
        SplittableRandom rnd = new SplittableRandom(SEED);
        long[] values = randomColumn(rnd, 300);
        ByteSink sink = new ByteSink();
        encoder().encode(values, 100, 150, sink);
        ColumnDecoder dec = decoder();
        dec.decode(sink.array(), 0, sink.size());
        assertThat(Arrays.copyOf(dec.values(), dec.count())).isEqualTo(Arrays.copyOfRange(values, 100, 250));
    }

    @Test
    void appendsAfterAPrefixAndConsumesExactlyItsBytes() throws MalformedEncodingException {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int rep = 0; rep < 100; rep++) {
            byte[] prefix = randomBytes(rnd, rnd.nextInt(20));
            byte[] suffix = randomBytes(rnd, rnd.nextInt(20));
            long[] values = randomColumn(rnd, rnd.nextInt(300));
            int encodedLength = encode(values).length;

            ByteSink sink = new ByteSink(1);
            sink.put(prefix, 0, prefix.length);
            encoder().encode(values, 0, values.length, sink);
            sink.put(suffix, 0, suffix.length);
            byte[] all = sink.toByteArray();

            assertThat(all.length).as(seed()).isEqualTo(prefix.length + encodedLength + suffix.length);
            assertThat(Arrays.copyOf(all, prefix.length)).as("prefix untouched").isEqualTo(prefix);
            ColumnDecoder dec = decoder();
            int end = dec.decode(all, prefix.length, all.length);
            assertThat(end).as("decoder stops where the encoding ends, %s", seed())
                    .isEqualTo(prefix.length + encodedLength);
            assertThat(Arrays.copyOf(dec.values(), dec.count())).as(seed()).isEqualTo(values);
            assertThat(Arrays.copyOfRange(all, end, all.length)).as("suffix").isEqualTo(suffix);
        }
    }

    @Test
    void everyTruncationIsMalformed() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        List<long[]> columns = new ArrayList<>(adversarialColumns());
        for (int size : new int[] {1, 2, 5, 300}) {
            columns.add(randomColumn(rnd, size));
        }
        for (long[] values : columns) {
            byte[] bytes = encode(values);
            // The bytes after the limit are still in the array: the decoder must not look at them.
            for (int limit = 0; limit < bytes.length; limit++) {
                int cut = limit;
                assertThatThrownBy(() -> decoder().decode(bytes, 0, cut))
                        .as("limit %d of %d, %s, %s", cut, bytes.length, preview(values), seed())
                        .isInstanceOf(MalformedEncodingException.class);
            }
        }
    }

    @Test
    void damagedInputFailsOnlyWithMalformedEncoding() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        ColumnDecoder dec = decoder();
        for (int rep = 0; rep < 3000; rep++) {
            byte[] bytes;
            if (rep % 3 == 0) {
                bytes = randomBytes(rnd, rnd.nextInt(64));
            } else {
                bytes = encode(randomColumn(rnd, rnd.nextInt(200)));
                int flips = 1 + rnd.nextInt(4);
                for (int f = 0; f < flips && bytes.length > 0; f++) {
                    bytes[rnd.nextInt(bytes.length)] ^= (byte) (1 + rnd.nextInt(255));
                }
            }
            try {
                int end = dec.decode(bytes, 0, bytes.length);
                assertThat(end).isBetween(0, bytes.length);
                assertThat(dec.count()).isBetween(0, Encoding.MAX_VALUES);
            } catch (MalformedEncodingException expected) {
                assertThat(expected.offset()).isBetween(0, bytes.length);
            } catch (RuntimeException e) {
                fail("decoding damaged input threw " + e + " for " + Arrays.toString(bytes) + ", " + seed(), e);
            }
        }
    }

    @Test
    void refusesCountsOverTheLimit() {
        ByteSink sink = new ByteSink();
        long[] one = randomColumn(new SplittableRandom(SEED), 1);
        encoder().encode(one, 0, 1, sink);
        byte[] bytes = sink.toByteArray();
        ByteSink forged = new ByteSink();
        forged.put(bytes[0]);
        forged.putUvarint(Encoding.MAX_VALUES + 1L);
        forged.put(bytes, 2, bytes.length - 2);
        assertThatThrownBy(() -> decoder().decode(forged.array(), 0, forged.size()))
                .isInstanceOf(MalformedEncodingException.class).hasMessageContaining("count");
        assertThatThrownBy(() -> encoder().encode(new long[Encoding.MAX_VALUES + 1], 0, Encoding.MAX_VALUES + 1,
                new ByteSink())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aZeroedHeaderIsRefused() {
        assertThatThrownBy(() -> decoder().decode(new byte[16], 0, 16))
                .isInstanceOf(MalformedEncodingException.class).hasMessageContaining("header byte 0");
    }

    static byte[] randomBytes(SplittableRandom rnd, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) rnd.nextInt(256);
        }
        return b;
    }

    static String preview(long[] values) {
        return values.length <= 8 ? Arrays.toString(values)
                : Arrays.toString(Arrays.copyOf(values, 8)).replace("]", ", ... (" + values.length + ")]");
    }

    /** Long edge values: extremes, their neighbours, powers of two and ten. */
    static long[] edgeLongs() {
        List<Long> v = new ArrayList<>(List.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1,
                Long.MIN_VALUE + 1, (1L << 60) - 1, 1L << 60, -(1L << 60)));
        for (int i = 0; i < 63; i++) {
            v.add(1L << i);
            v.add(-(1L << i));
        }
        long p = 1;
        for (int i = 0; i < 19; i++) {
            v.add(p);
            p *= 10;
        }
        return v.stream().mapToLong(Long::longValue).toArray();
    }
}
