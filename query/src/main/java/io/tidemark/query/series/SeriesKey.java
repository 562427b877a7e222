package io.tidemark.query.series;

import io.tidemark.query.memory.HeapEstimates;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One series: its canonical escaped key as stored ({@code cpu,host=a,region=x}), and the unescaped measurement and
 * tags parsed from it, tags sorted by key. The parts are parsed when first asked for: a query over many series that
 * neither groups by nor filters on tags reads only the keys.
 *
 * <p>Thread-safe: the parts are an immutable object that threads racing to parse them first build alike, and its
 * final fields make it safe to publish without a lock. {@link #key()} returns the internal array, which callers must
 * not modify.
 */
public final class SeriesKey {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private final byte[] key;
    private Parts parts;

    /** The unescaped measurement and tags of a key, tags sorted by key. */
    record Parts(String measurement, String[] tagKeys, String[] tagValues) {
    }

    SeriesKey(byte[] key) {
        this.key = key;
    }

    /** The canonical escaped key, as passed to {@code ShardReader.read}. Not to be modified. */
    public byte[] key() {
        return key;
    }

    public String keyString() {
        return new String(key, StandardCharsets.UTF_8);
    }

    /**
     * @throws IllegalArgumentException if the key is not a well-formed canonical key
     */
    public String measurement() {
        return parts().measurement();
    }

    public int tagCount() {
        return parts().tagKeys().length;
    }

    public String tagKey(int i) {
        return parts().tagKeys()[i];
    }

    public String tagValue(int i) {
        return parts().tagValues()[i];
    }

    /** The tag's value, or "" when the series has no such tag (InfluxDB treats both the same). */
    public String tag(String k) {
        Parts p = parts();
        int i = Arrays.binarySearch(p.tagKeys(), k, SeriesKeyParser.BYTE_ORDER);
        return i >= 0 ? p.tagValues()[i] : "";
    }

    public boolean hasTag(String k) {
        return Arrays.binarySearch(parts().tagKeys(), k, SeriesKeyParser.BYTE_ORDER) >= 0;
    }

    /** The tags in key order. */
    public Map<String, String> tags() {
        Parts p = parts();
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < p.tagKeys().length; i++) {
            m.put(p.tagKeys()[i], p.tagValues()[i]);
        }
        return Collections.unmodifiableMap(m);
    }

    private Parts parts() {
        Parts p = parts;
        if (p == null) {
            p = SeriesKeyParser.parts(key);
            parts = p;
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesKey other && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    /**
     * The heap this key holds once its parts are parsed, whether or not they are yet ({@link HeapEstimates}), erring
     * high without parsing: the measurement and at most one key and one value per {@code '='} in the key, with no
     * more characters between them than the key has bytes.
     */
    public long estimatedBytes() {
        int tags = countEquals(key);
        int strings = 1 + 2 * tags;
        return HeapEstimates.object(2 * HeapEstimates.REFERENCE) + HeapEstimates.array((key.length + 7) / 8)
                + HeapEstimates.object(3 * HeapEstimates.REFERENCE) + 2 * HeapEstimates.array(tags)
                + strings * (HeapEstimates.STRING_OBJECT + HeapEstimates.array(0) + 8) + 2L * key.length;
    }

    /**
     * The {@code '='} bytes of the key, eight at a time: a query charges the keys of all its series before it reads,
     * and a byte loop over 100,000 keys took a tenth of a count over them. A byte of {@code x} is zero exactly when
     * its low seven bits plus 0x7F do not carry into its top bit and its top bit is clear; no sum crosses a byte.
     */
    static int countEquals(byte[] key) {
        int count = 0;
        int i = 0;
        for (; i + Long.BYTES <= key.length; i += Long.BYTES) {
            long x = (long) LONGS.get(key, i) ^ 0x3D3D3D3D3D3D3D3DL;
            long nonZero = ((x & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL) | x;
            count += Long.bitCount(~nonZero & 0x8080808080808080L);
        }
        for (; i < key.length; i++) {
            if (key[i] == '=') {
                count++;
            }
        }
        return count;
    }

    @Override
    public String toString() {
        return keyString();
    }
}
