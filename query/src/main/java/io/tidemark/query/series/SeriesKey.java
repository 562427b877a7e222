package io.tidemark.query.series;

import io.tidemark.query.memory.HeapEstimates;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * One series: its canonical escaped key as stored ({@code cpu,host=a,region=x}), and the unescaped measurement and
 * tags parsed from it, tags sorted by key. Nothing is parsed up front: {@link #tag} reads the one tag asked for from
 * the key and keeps it (a SELECT asks for its GROUP BY, WHERE and tag-column tags only, and a query over 100,000
 * series of ten tags each would otherwise hold two million strings), {@link #measurement} reads the measurement, and
 * the calls that list all tags parse them all once.
 *
 * <p>Thread-safe: the parsed tags and the tags read are immutable objects, replaced rather than changed, whose final
 * fields make them safe to publish without a lock; a thread that races another to read a tag may drop the other's
 * reading, which costs a later call another scan, never a wrong answer. {@link #key()} returns the internal array,
 * which callers must not modify.
 */
public final class SeriesKey {
    private final byte[] key;
    private Parts parts;
    /** The tags {@link #tag} read one at a time: one per name asked for, which a statement names a few of. */
    private ReadTags readTags;

    /** The unescaped measurement and tags of a key, tags sorted by key. */
    record Parts(String measurement, String[] tagKeys, String[] tagValues) {
    }

    /**
     * Tags read so far, one at a time or several in one scan ({@link #readTags(TagNames)}), so that a statement asking
     * for a tag at every row (a tag column of a selector, top()'s tag arguments) scans the key and makes the string
     * once. Replaced by a longer copy, never changed.
     *
     * @param values null where the key has no such tag
     */
    private record ReadTags(String[] keys, String[] values) {
        int indexOf(String k) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i].equals(k)) {
                    return i;
                }
            }
            return -1;
        }

        boolean hasAll(String[] ks) {
            for (String k : ks) {
                if (indexOf(k) < 0) {
                    return false;
                }
            }
            return true;
        }

        /**
         * This and those of {@code ks} it lacks: a tag read alone, or a GROUP BY tag read first and then a statement's
         * tag columns.
         */
        ReadTags with(String[] ks, String[] vs) {
            String[] mergedKeys = Arrays.copyOf(keys, keys.length + ks.length);
            String[] mergedValues = Arrays.copyOf(values, values.length + ks.length);
            int n = keys.length;
            for (int i = 0; i < ks.length; i++) {
                if (indexOf(ks[i]) < 0) {
                    mergedKeys[n] = ks[i];
                    mergedValues[n++] = vs[i];
                }
            }
            return new ReadTags(Arrays.copyOf(mergedKeys, n), Arrays.copyOf(mergedValues, n));
        }
    }

    /**
     * Names of tags a statement reads from each series it meets, each once, with their UTF-8 bytes: made once per
     * statement for {@link #readTags(TagNames)}.
     */
    public static final class TagNames {
        private final String[] names;
        private final byte[][] utf8;

        private TagNames(String[] names) {
            this.names = names;
            this.utf8 = new byte[names.length][];
            for (int i = 0; i < names.length; i++) {
                utf8[i] = names[i].getBytes(StandardCharsets.UTF_8);
            }
        }

        public static TagNames of(Collection<String> names) {
            return new TagNames(new LinkedHashSet<>(names).toArray(String[]::new));
        }

        public int size() {
            return names.length;
        }
    }

    SeriesKey(byte[] key) {
        this.key = key;
    }

    /**
     * Reads the tags {@code names} in one scan of the key, unless all were read already, keeping those read before (a
     * GROUP BY tag, which grouping reads first): for a statement that asks every series for several tags, where
     * a scan per tag, each copying the tags read so far, was a tenth of a SELECT * over a measurement of ten tags.
     */
    public void readTags(TagNames names) {
        ReadTags read = readTags;
        if (parts != null || read != null && read.hasAll(names.names)) {
            return;
        }
        String[] values = new String[names.size()];
        SeriesKeyParser.tagValues(key, names.utf8, values);
        readTags = read == null ? new ReadTags(names.names, values) : read.with(names.names, values);
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
        Parts p = parts;
        return p != null ? p.measurement() : SeriesKeyParser.measurement(key);
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
        String v = tagOrNull(k);
        return v != null ? v : "";
    }

    public boolean hasTag(String k) {
        return tagOrNull(k) != null;
    }

    private String tagOrNull(String k) {
        Parts p = parts;
        if (p != null) {
            int i = Arrays.binarySearch(p.tagKeys(), k, SeriesKeyParser.BYTE_ORDER);
            return i >= 0 ? p.tagValues()[i] : null;
        }
        ReadTags read = readTags;
        int i = read == null ? -1 : read.indexOf(k);
        if (i >= 0) {
            return read.values()[i];
        }
        String v = SeriesKeyParser.tagValue(key, k.getBytes(StandardCharsets.UTF_8));
        String[] ks = {k};
        String[] vs = {v};
        readTags = read == null ? new ReadTags(ks, vs) : read.with(ks, vs);
        return v;
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
     * The heap this key holds ({@link HeapEstimates}): the object and the key bytes, the tags read one at a time so
     * far (their names are the statement's), and the parsed tags if a call that lists them parsed them. The string
     * {@link #measurement} returns is the caller's.
     */
    public long estimatedBytes() {
        long bytes = HeapEstimates.object(3 * HeapEstimates.REFERENCE) + HeapEstimates.array((key.length + 7) / 8);
        ReadTags read = readTags;
        if (read != null) {
            bytes += HeapEstimates.object(2 * HeapEstimates.REFERENCE) + 2 * HeapEstimates.array(read.keys().length);
            for (String v : read.values()) {
                bytes += v == null ? 0 : HeapEstimates.string(v);
            }
        }
        Parts p = parts;
        if (p != null) {
            bytes += HeapEstimates.object(3 * HeapEstimates.REFERENCE) + HeapEstimates.string(p.measurement())
                    + 2 * HeapEstimates.array(p.tagKeys().length);
            for (int i = 0; i < p.tagKeys().length; i++) {
                bytes += HeapEstimates.string(p.tagKeys()[i]) + HeapEstimates.string(p.tagValues()[i]);
            }
        }
        return bytes;
    }

    @Override
    public String toString() {
        return keyString();
    }
}
