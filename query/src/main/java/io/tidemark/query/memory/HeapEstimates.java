package io.tidemark.query.memory;

import java.util.List;

/**
 * Estimates of the heap bytes that the query engine's buffers hold, charged to a {@link MemoryAccount}. They err on
 * the high side: they assume a 64-bit JVM without compressed references (16-byte object headers, 8-byte
 * references, 24-byte array headers, sizes rounded up to 8), strings stored two bytes per character, and lists
 * and hash tables at their largest capacity before they grow. With HotSpot's defaults for heaps below 32 GB
 * (compressed references, one byte per Latin-1 character) the real use is lower: measured on JDK 25 with G1 over 2
 * million float values, 83 % of the estimate for median(), 81 % for percentile() and mode(), 65 % for distinct(),
 * 58 % for count(distinct()), 56 % for stddev(), 77 % for the rows of an unchunked result. Values shared with other
 * structures (a tag value that is also in the series key, the auxiliary values of a row kept by two calls) are
 * counted by each holder.
 *
 * <p>Stateless; thread-safe.
 */
public final class HeapEstimates {
    /** A reference: 8 bytes without compressed references. */
    public static final long REFERENCE = 8;
    /** An object's header: mark word and class pointer. */
    public static final long OBJECT_HEADER = 16;
    /** An array's header: mark word, class pointer, length, padding. */
    public static final long ARRAY_HEADER = 24;
    /** A {@link Long} or {@link Double}: header and 8 bytes (small cached Longs are counted too). */
    public static final long BOXED_NUMBER = 24;
    /** A String without its characters: header, array reference, hash, coder, padding. */
    public static final long STRING_OBJECT = 32;
    /**
     * One element of an {@link java.util.ArrayList} or {@link java.util.PriorityQueue}: a reference in an array
     * that grows by half (at most one and a half slots per element).
     */
    public static final long LIST_SLOT = 12;
    /**
     * An {@link java.util.ArrayList} with its first array of 10 slots (after the first element), or a
     * {@link java.util.PriorityQueue} with its first 11.
     */
    public static final long LIST = 32 + ARRAY_HEADER + 11 * REFERENCE;
    /**
     * One entry of a {@link java.util.HashMap}, {@link java.util.HashSet} or {@link java.util.LinkedHashMap}: the
     * node (header, hash, key, value, next, and the two links of a LinkedHashMap: 64) and its table slots (at most
     * 2 / 0.75 slots per entry: 24).
     */
    public static final long HASH_ENTRY = 88;
    /**
     * An empty {@link java.util.HashMap} or {@link java.util.LinkedHashMap} (the object with its fields: 88) with its
     * first table of 16 slots.
     */
    public static final long HASH_MAP = 88 + ARRAY_HEADER + 16 * REFERENCE;
    /** One entry of a {@link java.util.TreeMap} with a {@link Long} key: node (64) and key (24). */
    public static final long TREE_ENTRY_LONG_KEY = 64 + BOXED_NUMBER;
    /** An {@code AggPoint}: header, time, value and aux references (without the value and the aux array). */
    public static final long AGG_POINT = OBJECT_HEADER + 8 + 2 * REFERENCE;

    private HeapEstimates() {
    }

    /** An object with {@code fieldBytes} bytes of fields (references count {@link #REFERENCE} each). */
    public static long object(long fieldBytes) {
        return align(OBJECT_HEADER + fieldBytes);
    }

    /** An array of {@code length} references or 8-byte primitives. */
    public static long array(long length) {
        return align(ARRAY_HEADER + 8 * length);
    }

    /** A string with its characters, two bytes each. */
    public static long string(String s) {
        return STRING_OBJECT + align(ARRAY_HEADER + 2L * s.length());
    }

    /**
     * A field or tag value as the engine holds it: {@link Long}, {@link Double} or {@link String}; a
     * {@link Boolean} is one of the two shared instances and costs nothing beyond the reference to it.
     */
    public static long value(Object v) {
        if (v == null || v instanceof Boolean) {
            return 0;
        }
        if (v instanceof String s) {
            return string(s);
        }
        return BOXED_NUMBER;
    }

    /** An array of auxiliary values with the values; 0 for null. */
    public static long values(Object[] values) {
        if (values == null) {
            return 0;
        }
        long bytes = array(values.length);
        for (Object v : values) {
            bytes += value(v);
        }
        return bytes;
    }

    /** A list of values (a result row) with the values. */
    public static long values(List<?> values) {
        long bytes = 32 + array(values.size());
        for (int i = 0; i < values.size(); i++) {   // rows are array-backed lists; no iterator per row
            bytes += value(values.get(i));
        }
        return bytes;
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
