package io.tidemark.storage.index;

import java.util.Arrays;

/**
 * A series as the index stores it: its measurement id and, per tag in key order, the tag key's id local to the
 * measurement and the value's id local to the tag key. Encoded as varints,
 * {@code measurementId tagCount (keyId valueId)*}, about 25 bytes for a TSBS {@code cpu} series whose key has 160.
 * A holder reused to encode or decode; not thread-safe.
 */
final class SeriesRecord {
    int measurementId;
    int tagCount;
    int[] keyIds = new int[16];
    int[] valueIds = new int[16];

    void reset(int measurementId) {
        this.measurementId = measurementId;
        this.tagCount = 0;
    }

    void addTag(int keyId, int valueId) {
        if (tagCount == keyIds.length) {
            keyIds = Arrays.copyOf(keyIds, tagCount * 2);
            valueIds = Arrays.copyOf(valueIds, tagCount * 2);
        }
        keyIds[tagCount] = keyId;
        valueIds[tagCount] = valueId;
        tagCount++;
    }

    /** The most bytes {@link #encode} writes. */
    int maxEncodedBytes() {
        return Varint.MAX_BYTES * (2 + 2 * tagCount);
    }

    /** Writes the record at {@code pos}; returns the position after it. */
    int encode(byte[] dst, int pos) {
        pos = Varint.write(dst, pos, measurementId);
        pos = Varint.write(dst, pos, tagCount);
        for (int i = 0; i < tagCount; i++) {
            pos = Varint.write(dst, pos, keyIds[i]);
            pos = Varint.write(dst, pos, valueIds[i]);
        }
        return pos;
    }

    /** Reads a record at {@code pos}; returns the position after it. */
    int decode(byte[] src, int pos) {
        long v = Varint.read(src, pos);
        int m = Varint.value(v);
        v = Varint.read(src, Varint.next(v));
        int n = Varint.value(v);
        pos = Varint.next(v);
        reset(m);
        for (int i = 0; i < n; i++) {
            v = Varint.read(src, pos);
            int k = Varint.value(v);
            v = Varint.read(src, Varint.next(v));
            addTag(k, Varint.value(v));
            pos = Varint.next(v);
        }
        return pos;
    }
}
