package io.tidemark.storage.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default {@link ShardReader#readDescending} serves what {@link ShardReader#read} serves, latest first. */
class ShardReaderDescendingTest {

    /** A reader of one series field whose values are given as (time, value) pairs, ascending. */
    private record OneField(FieldType type, long[] times, Object[] values) implements ShardReader {
        @Override
        public SeriesCursor read(long shardId, byte[] seriesKey, String field, long minTimeNanos,
                long maxTimeNanos) {
            List<Integer> in = new ArrayList<>();
            for (int i = 0; i < times.length; i++) {
                if (times[i] >= minTimeNanos && times[i] <= maxTimeNanos) {
                    in.add(i);
                }
            }
            return new SeriesCursor() {
                private int k = -1;

                @Override
                public boolean next() {
                    return ++k < in.size();
                }

                @Override
                public long timestamp() {
                    return times[in.get(k)];
                }

                @Override
                public FieldType type() {
                    return type;
                }

                @Override
                public double floatValue() {
                    return (Double) values[in.get(k)];
                }

                @Override
                public long longValue() {
                    return (Long) values[in.get(k)];
                }

                @Override
                public boolean booleanValue() {
                    return (Boolean) values[in.get(k)];
                }

                @Override
                public String stringValue() {
                    return (String) values[in.get(k)];
                }
            };
        }

        @Override
        public List<String> measurements(long shardId) {
            return List.of();
        }

        @Override
        public List<byte[]> seriesKeys(long shardId, String measurementEscaped) {
            return List.of();
        }

        @Override
        public Map<String, FieldType> fieldTypes(long shardId, String measurement) {
            return Map.of();
        }
    }

    private static List<String> drain(SeriesCursor c) {
        List<String> out = new ArrayList<>();
        while (c.next()) {
            Object v = switch (c.type()) {
                case FLOAT -> c.floatValue();
                case INTEGER, UNSIGNED -> c.longValue();
                case BOOLEAN -> c.booleanValue();
                case STRING -> c.stringValue();
            };
            out.add(c.timestamp() + "=" + v);
        }
        assertThat(c.next()).as("stays exhausted").isFalse();
        return out;
    }

    @Test
    void everyTypeComesBackLatestFirstWithinTheRange() throws ShardException {
        long[] times = new long[40];
        for (int i = 0; i < times.length; i++) {
            times[i] = i * 10L - 100;
        }
        Map<FieldType, Object[]> values = Map.of(
                FieldType.FLOAT, new Object[times.length],
                FieldType.INTEGER, new Object[times.length],
                FieldType.UNSIGNED, new Object[times.length],
                FieldType.BOOLEAN, new Object[times.length],
                FieldType.STRING, new Object[times.length]);
        for (int i = 0; i < times.length; i++) {
            values.get(FieldType.FLOAT)[i] = i == 3 ? -0.0 : i * 1.25;
            values.get(FieldType.INTEGER)[i] = (long) (i * 7 - 50);
            values.get(FieldType.UNSIGNED)[i] = -1L - i;
            values.get(FieldType.BOOLEAN)[i] = i % 3 == 0;
            values.get(FieldType.STRING)[i] = "s" + i;
        }
        for (FieldType type : FieldType.values()) {
            ShardReader reader = new OneField(type, times, values.get(type));
            for (long[] range : new long[][] {{Long.MIN_VALUE, Long.MAX_VALUE}, {-15, 95}, {0, 0}, {1, 9}}) {
                List<String> expected = drain(reader.read(1, new byte[0], "f", range[0], range[1])).reversed();
                SeriesCursor desc = reader.readDescending(1, new byte[0], "f", range[0], range[1]);
                assertThat(desc.type()).isEqualTo(type);
                assertThat(drain(desc)).as("%s in [%d, %d]", type, range[0], range[1])
                        .containsExactlyElementsOf(expected);
            }
        }
    }
}
