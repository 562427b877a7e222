package io.tidemark.storage.cache;

import static io.tidemark.storage.cache.ColumnReads.expected;
import static io.tidemark.storage.cache.ColumnReads.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.FieldType;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A column's first values, kept in its own fields, read as values in chunks do: every sequence of four timestamps
 * drawn from three (in order, reversed, repeated), read after each append over every range of interest (so before
 * and after they move to the first chunk), the last write of a timestamp winning; and the account is the chunked one.
 */
class ColumnInlineValuesTest {
    private static final long[] TIMES = {10, 20, 30};

    @Test
    void everyShortSequenceReadsAsTheModel() {
        ChunkPacker packer = new ChunkPacker();
        int sequences = (int) Math.pow(TIMES.length, 4);
        for (int code = 0; code < sequences; code++) {
            Column c = new Column(new FieldDef(ByteKey.of("f"), FieldType.INTEGER));
            TreeMap<Long, Long> model = new TreeMap<>();
            StringBuilder seq = new StringBuilder();
            for (int i = 0, rest = code; i < 4; i++, rest /= TIMES.length) {
                long t = TIMES[rest % TIMES.length];
                long v = 100L * (i + 1);
                seq.append(t).append(' ');
                c.append(t, v);
                model.put(t, v);
                c.publish(packer);
                for (long min : new long[] {Long.MIN_VALUE, 10, 15, 20, 30}) {
                    for (long max : new long[] {10, 20, 25, 30, Long.MAX_VALUE}) {
                        assertThat(read(c, min, max)).as("times %s, range %d..%d", seq, min, max)
                                .isEqualTo(expected(model, min, max));
                    }
                }
            }
        }
    }

    @Test
    void theAccountIsAsIfTheFirstValuesWereInAChunk() {
        Column c = new Column(new FieldDef(ByteKey.of("f"), FieldType.FLOAT));
        long account = 0;
        for (int n = 1; n <= 40; n++) {
            account += c.append(n, Double.doubleToRawLongBits(n));
            assertThat(account).as("after %d values", n).isEqualTo(CacheSizes.accountedBytes(n, false));
        }
    }
}
