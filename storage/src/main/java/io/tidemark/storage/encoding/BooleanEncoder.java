package io.tidemark.storage.encoding;

import java.util.Objects;

/**
 * Encodes booleans, given as 0 (false) and 1 (true) as the cache keeps them, one bit each
 * ({@link Encoding#BOOLEAN_BITS}): value {@code i} is bit {@code i % 8} (least significant first) of byte
 * {@code i / 8}; unused bits of the last byte are zero. Stateless and thread-safe.
 */
public final class BooleanEncoder implements ColumnEncoder {

    @Override
    public void encode(long[] values, int from, int count, ByteSink dst) {
        if (count < 0 || count > Encoding.MAX_VALUES) {
            throw new IllegalArgumentException("cannot encode " + count + " values: at most " + Encoding.MAX_VALUES);
        }
        Objects.checkFromIndexSize(from, count, values.length);
        dst.put(Encoding.BOOLEAN_BITS.header(0));
        dst.putUvarint(count);
        dst.ensureCapacity((count + 7) >>> 3);
        int acc = 0;
        for (int i = 0; i < count; i++) {
            long v = values[from + i];
            if (v != 0 && v != 1) {
                throw new IllegalArgumentException("a boolean is 0 or 1, not " + v + " (value " + i + ")");
            }
            acc |= (int) v << (i & 7);
            if ((i & 7) == 7) {
                dst.put(acc);
                acc = 0;
            }
        }
        if ((count & 7) != 0) {
            dst.put(acc);
        }
    }
}
