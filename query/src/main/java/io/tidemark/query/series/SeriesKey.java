package io.tidemark.query.series;

import io.tidemark.query.memory.HeapEstimates;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One series: its canonical escaped key as stored ({@code cpu,host=a,region=x}), and the unescaped measurement and
 * tags parsed from it, tags sorted by key.
 *
 * <p>Immutable; thread-safe. {@link #key()} returns the internal array, which callers must not modify.
 */
public final class SeriesKey {
    private final byte[] key;
    private final String measurement;
    private final String[] tagKeys;
    private final String[] tagValues;

    SeriesKey(byte[] key, String measurement, String[] tagKeys, String[] tagValues) {
        this.key = key;
        this.measurement = measurement;
        this.tagKeys = tagKeys;
        this.tagValues = tagValues;
    }

    /** The canonical escaped key, as passed to {@code ShardReader.read}. Not to be modified. */
    public byte[] key() {
        return key;
    }

    public String keyString() {
        return new String(key, StandardCharsets.UTF_8);
    }

    public String measurement() {
        return measurement;
    }

    public int tagCount() {
        return tagKeys.length;
    }

    public String tagKey(int i) {
        return tagKeys[i];
    }

    public String tagValue(int i) {
        return tagValues[i];
    }

    /** The tag's value, or "" when the series has no such tag (InfluxDB treats both the same). */
    public String tag(String k) {
        int i = Arrays.binarySearch(tagKeys, k, SeriesKeyParser.BYTE_ORDER);
        return i >= 0 ? tagValues[i] : "";
    }

    public boolean hasTag(String k) {
        return Arrays.binarySearch(tagKeys, k, SeriesKeyParser.BYTE_ORDER) >= 0;
    }

    /** The tags in key order. */
    public Map<String, String> tags() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < tagKeys.length; i++) {
            m.put(tagKeys[i], tagValues[i]);
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesKey other && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    /** The heap this key holds: the object, the key bytes, the parsed names and values ({@link HeapEstimates}). */
    public long estimatedBytes() {
        long bytes = HeapEstimates.object(4 * HeapEstimates.REFERENCE) + HeapEstimates.array((key.length + 7) / 8)
                + HeapEstimates.string(measurement) + 2 * HeapEstimates.array(tagKeys.length);
        for (int i = 0; i < tagKeys.length; i++) {
            bytes += HeapEstimates.string(tagKeys[i]) + HeapEstimates.string(tagValues[i]);
        }
        return bytes;
    }

    @Override
    public String toString() {
        return keyString();
    }
}
