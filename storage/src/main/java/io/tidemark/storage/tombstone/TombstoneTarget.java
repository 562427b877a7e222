package io.tidemark.storage.tombstone;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Tombstone} deletes from: every series of one measurement, or an explicit set of series. Names and
 * keys are in their escaped form, as in a series key ({@code cpu\,x}, {@code cpu\,x,host=a}), and compared as bytes.
 * Immutable and thread-safe: the bytes are copied in and out.
 */
public sealed interface TombstoneTarget permits TombstoneTarget.Measurement, TombstoneTarget.SeriesKeys {

    /** Every series of the measurement with this escaped name (UTF-8). */
    static Measurement measurement(String escapedName) {
        return new Measurement(escapedName.getBytes(StandardCharsets.UTF_8));
    }

    /** Every series of the measurement with this escaped name. */
    static Measurement measurement(byte[] escapedName) {
        return new Measurement(escapedName.clone());
    }

    /** The series with these canonical escaped keys (at least one; duplicates are dropped). */
    static SeriesKeys seriesKeys(Collection<byte[]> keys) {
        byte[][] copy = new byte[keys.size()][];
        int i = 0;
        for (byte[] k : keys) {
            copy[i++] = Objects.requireNonNull(k, "series key").clone();
        }
        return new SeriesKeys(copy);
    }

    /** Every series of one measurement. */
    final class Measurement implements TombstoneTarget {
        private final byte[] name;

        /** Takes ownership of {@code name}. */
        Measurement(byte[] name) {
            if (name.length == 0) {
                throw new IllegalArgumentException("empty measurement name");
            }
            if (SeriesKeyMeasurement.end(name, 0, name.length) != name.length) {
                throw new IllegalArgumentException("not an escaped measurement name (unescaped ',' or space): "
                        + new String(name, StandardCharsets.UTF_8));
            }
            this.name = name;
        }

        /** A copy of the escaped name. */
        public byte[] escapedName() {
            return name.clone();
        }

        /** The escaped name itself; callers in this package do not modify it. */
        byte[] rawName() {
            return name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Measurement m && Arrays.equals(name, m.name);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(name);
        }

        @Override
        public String toString() {
            return "measurement " + new String(name, StandardCharsets.UTF_8);
        }
    }

    /** An explicit set of series, sorted bytewise (unsigned) without duplicates, so that equal sets are equal. */
    final class SeriesKeys implements TombstoneTarget {
        private static final int KEYS_IN_TO_STRING = 3;

        private final byte[][] keys;
        private final int hash;

        /** Takes ownership of {@code keys} and of each key. */
        SeriesKeys(byte[][] keys) {
            if (keys.length == 0) {
                throw new IllegalArgumentException("no series keys");
            }
            byte[][] sorted = keys.clone();
            Arrays.sort(sorted, Arrays::compareUnsigned);
            int n = 0;
            for (byte[] k : sorted) {
                if (n > 0 && Arrays.equals(sorted[n - 1], k)) {
                    continue;
                }
                int end = SeriesKeyMeasurement.end(k, 0, k.length);
                if (end <= 0) {
                    throw new IllegalArgumentException("not a canonical series key (" + (end == 0
                            ? "empty measurement" : "unescaped space") + "): " + new String(k, StandardCharsets.UTF_8));
                }
                sorted[n++] = k;
            }
            this.keys = n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
            int h = 1;
            for (byte[] k : this.keys) {
                h = 31 * h + Arrays.hashCode(k);
            }
            this.hash = h;
        }

        public int size() {
            return keys.length;
        }

        /** A copy of the {@code i}-th key in bytewise order. */
        public byte[] key(int i) {
            return keys[i].clone();
        }

        /** Copies of the keys in bytewise order. */
        public List<byte[]> keys() {
            List<byte[]> out = new ArrayList<>(keys.length);
            for (byte[] k : keys) {
                out.add(k.clone());
            }
            return out;
        }

        /** The keys themselves; callers in this package do not modify them. */
        byte[][] rawKeys() {
            return keys;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SeriesKeys s && hash == s.hash && Arrays.deepEquals(keys, s.keys);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder().append(keys.length).append(" series");
            for (int i = 0; i < Math.min(keys.length, KEYS_IN_TO_STRING); i++) {
                sb.append(i == 0 ? ": " : ", ").append(new String(keys[i], StandardCharsets.UTF_8));
            }
            if (keys.length > KEYS_IN_TO_STRING) {
                sb.append(", ...");
            }
            return sb.toString();
        }
    }
}
