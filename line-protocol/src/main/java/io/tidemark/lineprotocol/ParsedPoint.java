package io.tidemark.lineprotocol;

import io.tidemark.common.FieldType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One parsed line, as handed to {@link LineSink#point}. A flyweight that the parser refills for every line: its
 * contents, and the arrays its accessors return, are valid only during that callback. Not thread-safe.
 *
 * <p>The series key is canonical: the escaped measurement, then the tags sorted by unescaped key (unsigned byte
 * order), each as {@code ,key=value} escaped as {@link LineProtocolWriter} would write them, e.g.
 * {@code cpu,host=a,region=x}. Two lines naming the same measurement and tags give equal keys however the client
 * escaped or ordered them.
 *
 * <p>Fields keep their line order; when a key repeats in one line, the last value wins and only that field is kept
 * (at the position of the first occurrence). Field names, string values and unescaped tag parts are UTF-8 bytes as
 * the client sent them; invalid UTF-8 is passed through.
 *
 * <p>The parser does not reject keys that InfluxDB refuses only after parsing: a tag key or field key named
 * {@code time} (a partial-write "dropped" error in InfluxDB) arrives here as an ordinary point, and the caller checks
 * {@link #tagKey} and {@link #fieldName}.
 */
public final class ParsedPoint {
    private static final FieldType[] TYPES = FieldType.values();
    private static final byte FLOAT = (byte) FieldType.FLOAT.ordinal();
    private static final byte INTEGER = (byte) FieldType.INTEGER.ordinal();
    private static final byte UNSIGNED = (byte) FieldType.UNSIGNED.ordinal();
    private static final byte STRING = (byte) FieldType.STRING.ordinal();
    private static final byte BOOLEAN = (byte) FieldType.BOOLEAN.ordinal();

    private byte[] seriesKey = new byte[256];
    private int seriesKeyLength;
    private int measurementLength;

    /** Per tag, offsets in {@link #seriesKey}: key start, value start (just after '='), value end. */
    private int tagCount;
    private int[] tagKeyStart = new int[16];
    private int[] tagValueStart = new int[16];
    private int[] tagValueEnd = new int[16];

    private int fieldCount;
    private byte[][] nameBytes = new byte[16][];
    private int[] nameOffset = new int[16];
    private int[] nameLength = new int[16];
    private byte[] types = new byte[16];
    /** Float bits, integer, unsigned or boolean (0/1) by type. */
    private long[] values = new long[16];
    private byte[][] stringBytes = new byte[16][];
    private int[] stringOffset = new int[16];
    private int[] stringLength = new int[16];

    private long timestampNanos;

    /** Open-addressing table of field index + 1, used only to find duplicate field keys; all zero between uses. */
    private int[] dedupTable = new int[64];
    private long[] nameHash = new long[16];
    /**
     * The signatures of the last point whose field names {@link #signaturesDistinct} found distinct, and how many
     * (-1 for none): the points of a batch mostly name the same fields in the same order.
     */
    private final long[] distinctSignatures = new long[16];
    private int distinctCount = -1;
    /**
     * Per field, its slot in {@link #dedupTable}, {@link #DROPPED} when its value went to the key's first entry, or
     * {@link #KEPT_OUTSIDE_TABLE} for a repeat of another type.
     */
    private int[] dedupSlot = new int[16];
    private static final int DROPPED = -1;
    private static final int KEPT_OUTSIDE_TABLE = -2;

    ParsedPoint() {
    }

    // ------------------------------------------------------------------ public view

    /** The array holding the canonical series key from index 0; valid only during the callback. */
    public byte[] seriesKey() {
        return seriesKey;
    }

    public int seriesKeyLength() {
        return seriesKeyLength;
    }

    /** Bytes of the escaped measurement at the start of {@link #seriesKey()}. */
    public int measurementLength() {
        return measurementLength;
    }

    /** The unescaped measurement. Allocates. */
    public String measurement() {
        byte[] out = new byte[measurementLength];
        int n = Escapes.unescapeMeasurement(seriesKey, 0, measurementLength, out, 0);
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /** The canonical series key as a string. Allocates. */
    public String seriesKeyString() {
        return new String(seriesKey, 0, seriesKeyLength, StandardCharsets.UTF_8);
    }

    public int tagCount() {
        return tagCount;
    }

    /** The unescaped key of the i-th tag in series-key order. Allocates. */
    public String tagKey(int i) {
        Objects.checkIndex(i, tagCount);
        return unescapeTag(tagKeyStart[i], tagValueStart[i] - 1);
    }

    /**
     * Whether a tag's unescaped key is exactly {@code name}, a key with no character that needs an escape. Reads
     * the recorded tag bounds, not the key: no scan, no allocation.
     */
    public boolean hasTagKey(byte[] name) {
        for (int t = 0; t < tagCount; t++) {
            int from = tagKeyStart[t];
            int to = tagValueStart[t] - 1;
            // An escaped key is longer than its unescaped form, so one of the name's length has no escape.
            if (to - from == name.length && Arrays.equals(seriesKey, from, to, name, 0, name.length)) {
                return true;
            }
        }
        return false;
    }

    /** The unescaped value of the i-th tag in series-key order. Allocates. */
    public String tagValue(int i) {
        Objects.checkIndex(i, tagCount);
        return unescapeTag(tagValueStart[i], tagValueEnd[i]);
    }

    private String unescapeTag(int from, int to) {
        byte[] out = new byte[to - from];
        int n = Escapes.unescapeTag(seriesKey, from, to - from, out, 0);
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    public int fieldCount() {
        return fieldCount;
    }

    /** The array holding the unescaped UTF-8 name of field i (the request buffer or a parser scratch buffer). */
    public byte[] fieldNameBytes(int i) {
        Objects.checkIndex(i, fieldCount);
        return nameBytes[i];
    }

    public int fieldNameOffset(int i) {
        Objects.checkIndex(i, fieldCount);
        return nameOffset[i];
    }

    public int fieldNameLength(int i) {
        Objects.checkIndex(i, fieldCount);
        return nameLength[i];
    }

    /** The unescaped name of field i. Allocates. */
    public String fieldName(int i) {
        Objects.checkIndex(i, fieldCount);
        return new String(nameBytes[i], nameOffset[i], nameLength[i], StandardCharsets.UTF_8);
    }

    public FieldType fieldType(int i) {
        Objects.checkIndex(i, fieldCount);
        return TYPES[types[i]];
    }

    public double floatValue(int i) {
        checkType(i, FLOAT);
        return Double.longBitsToDouble(values[i]);
    }

    /** The value of an integer field, or the 64 bits of an unsigned field (read with {@link Long#toUnsignedString}). */
    public long longValue(int i) {
        Objects.checkIndex(i, fieldCount);
        if (types[i] != INTEGER && types[i] != UNSIGNED) {
            throw wrongType(i, "integer or unsigned");
        }
        return values[i];
    }

    public boolean booleanValue(int i) {
        checkType(i, BOOLEAN);
        return values[i] != 0;
    }

    /** The array holding the unescaped UTF-8 content of string field i. */
    public byte[] stringBytes(int i) {
        checkType(i, STRING);
        return stringBytes[i];
    }

    public int stringOffset(int i) {
        checkType(i, STRING);
        return stringOffset[i];
    }

    public int stringLength(int i) {
        checkType(i, STRING);
        return stringLength[i];
    }

    /** The unescaped content of string field i. Allocates. */
    public String stringValue(int i) {
        checkType(i, STRING);
        return new String(stringBytes[i], stringOffset[i], stringLength[i], StandardCharsets.UTF_8);
    }

    /** The line's timestamp scaled to nanoseconds, or the parse call's default when the line had none. */
    public long timestampNanos() {
        return timestampNanos;
    }

    private void checkType(int i, byte type) {
        Objects.checkIndex(i, fieldCount);
        if (types[i] != type) {
            throw wrongType(i, TYPES[type].influxName());
        }
    }

    private IllegalStateException wrongType(int i, String wanted) {
        return new IllegalStateException(
                "field " + i + " (" + fieldName(i) + ") is " + TYPES[types[i]].influxName() + ", not " + wanted);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(seriesKeyString());
        for (int i = 0; i < fieldCount; i++) {
            sb.append(i == 0 ? ' ' : ',').append(fieldName(i)).append('=');
            switch (fieldType(i)) {
                case FLOAT -> sb.append(floatValue(i));
                case INTEGER -> sb.append(longValue(i)).append('i');
                case UNSIGNED -> sb.append(Long.toUnsignedString(longValue(i))).append('u');
                case STRING -> sb.append('"').append(stringValue(i)).append('"');
                case BOOLEAN -> sb.append(booleanValue(i));
            }
        }
        return sb.append(' ').append(timestampNanos).toString();
    }

    // ------------------------------------------------------------------ filling (parsers only)

    void reset() {
        seriesKeyLength = 0;
        measurementLength = 0;
        tagCount = 0;
        fieldCount = 0;
    }

    /** The series-key array with room for {@code capacity} bytes; contents up to the old length are kept. */
    byte[] seriesKeyBuffer(int capacity) {
        if (capacity > seriesKey.length) {
            seriesKey = Arrays.copyOf(seriesKey, Math.max(capacity, seriesKey.length * 2));
        }
        return seriesKey;
    }

    void seriesKeyWritten(int length, int measurementLength) {
        this.seriesKeyLength = length;
        this.measurementLength = measurementLength;
    }

    /** Records a tag written into the series key at the given offsets. */
    void addTag(int keyStart, int valueStart, int valueEnd) {
        int t = tagCount;
        if (t == tagKeyStart.length) {
            int n = t * 2;
            tagKeyStart = Arrays.copyOf(tagKeyStart, n);
            tagValueStart = Arrays.copyOf(tagValueStart, n);
            tagValueEnd = Arrays.copyOf(tagValueEnd, n);
        }
        tagKeyStart[t] = keyStart;
        tagValueStart[t] = valueStart;
        tagValueEnd[t] = valueEnd;
        tagCount = t + 1;
    }

    /**
     * Copies the tags' offsets in the series key (as {@link #addTag} takes them) into the three arrays, each of at
     * least {@link #tagCount()} elements.
     */
    void copyTagOffsets(int[] keyStarts, int[] valueStarts, int[] valueEnds) {
        System.arraycopy(tagKeyStart, 0, keyStarts, 0, tagCount);
        System.arraycopy(tagValueStart, 0, valueStarts, 0, tagCount);
        System.arraycopy(tagValueEnd, 0, valueEnds, 0, tagCount);
    }

    /** Sets the point's tags to {@code count} tags from offsets that {@link #copyTagOffsets} copied. */
    void setTagOffsets(int[] keyStarts, int[] valueStarts, int[] valueEnds, int count) {
        if (count > tagKeyStart.length) {
            tagKeyStart = new int[count];
            tagValueStart = new int[count];
            tagValueEnd = new int[count];
        }
        System.arraycopy(keyStarts, 0, tagKeyStart, 0, count);
        System.arraycopy(valueStarts, 0, tagValueStart, 0, count);
        System.arraycopy(valueEnds, 0, tagValueEnd, 0, count);
        tagCount = count;
    }

    /** Appends a field with the given unescaped name; returns its index for one of the {@code set*} calls. */
    int addField(byte[] name, int offset, int length) {
        int f = fieldCount;
        if (f == types.length) {
            growFields(f * 2);
        }
        nameBytes[f] = name;
        nameOffset[f] = offset;
        nameLength[f] = length;
        fieldCount = f + 1;
        return f;
    }

    private void growFields(int n) {
        nameBytes = Arrays.copyOf(nameBytes, n);
        nameOffset = Arrays.copyOf(nameOffset, n);
        nameLength = Arrays.copyOf(nameLength, n);
        types = Arrays.copyOf(types, n);
        values = Arrays.copyOf(values, n);
        stringBytes = Arrays.copyOf(stringBytes, n);
        stringOffset = Arrays.copyOf(stringOffset, n);
        stringLength = Arrays.copyOf(stringLength, n);
        nameHash = Arrays.copyOf(nameHash, n);
        dedupSlot = Arrays.copyOf(dedupSlot, n);
    }

    void setFloat(int f, double v) {
        types[f] = FLOAT;
        values[f] = Double.doubleToRawLongBits(v);
    }

    void setInteger(int f, long v) {
        types[f] = INTEGER;
        values[f] = v;
    }

    void setUnsigned(int f, long v) {
        types[f] = UNSIGNED;
        values[f] = v;
    }

    void setBoolean(int f, boolean v) {
        types[f] = BOOLEAN;
        values[f] = v ? 1 : 0;
    }

    void setString(int f, byte[] bytes, int offset, int length) {
        types[f] = STRING;
        stringBytes[f] = bytes;
        stringOffset[f] = offset;
        stringLength[f] = length;
    }

    void setTimestampNanos(long timestampNanos) {
        this.timestampNanos = timestampNanos;
    }

    /**
     * Applies "last value wins" to repeated field keys of one type: the value of a later duplicate replaces the first
     * one's, and the later entry is dropped. A repeat of another type than the key's first value stays an entry of
     * its own, in its place, as InfluxDB keeps every value of a point: its shard checks each against the field's type
     * (or the first value's, for a new field) and refuses the point with a type conflict. Linear in the number of
     * fields.
     */
    void mergeDuplicateFields() {
        int n = fieldCount;
        if (n < 2) {
            return;
        }
        if (n <= 16 && signaturesDistinct(n)) {
            return; // Fast path: equal names have equal signatures, so there is no duplicate.
        }
        int size = Integer.highestOneBit(n * 2 - 1) << 1;
        if (size > dedupTable.length) {
            dedupTable = new int[size];
        }
        int mask = size - 1;
        int[] table = dedupTable;
        boolean dropped = false;
        for (int f = 0; f < n; f++) {
            long h = hash(nameBytes[f], nameOffset[f], nameLength[f]);
            nameHash[f] = h;
            int slot = (int) (h ^ (h >>> 32)) & mask;
            while (true) {
                int e = table[slot];
                if (e == 0) {
                    table[slot] = f + 1;
                    dedupSlot[f] = slot;
                    break;
                }
                int g = e - 1;
                if (nameHash[g] == h && sameName(f, g)) {
                    if (types[f] != types[g]) {
                        dedupSlot[f] = KEPT_OUTSIDE_TABLE;
                        break;
                    }
                    moveValue(f, g);
                    dedupSlot[f] = DROPPED;
                    dropped = true;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        for (int f = 0; f < n; f++) {
            if (dedupSlot[f] >= 0) {
                table[dedupSlot[f]] = 0;
            }
        }
        if (dropped) {
            compactDropped();
        }
    }

    /**
     * Pairwise check of a cheap per-name signature (length, first and last 8 bytes), for {@code n <= 16} names;
     * skipped when the signatures are those of the last point found distinct. (Done at every point, the pairwise loop
     * within a loop was compiled again four times in a load: the JIT's assumptions about its inner loop kept failing.)
     */
    private boolean signaturesDistinct(int n) {
        long[] sig = nameHash;
        long[] known = distinctSignatures;
        boolean sameAsKnown = n == distinctCount;
        for (int f = 0; f < n; f++) {
            long s = signature(nameBytes[f], nameOffset[f], nameLength[f]);
            sameAsKnown &= known[f] == s;
            sig[f] = s;
        }
        if (sameAsKnown) {
            return true;
        }
        for (int f = 1; f < n; f++) {
            for (int g = 0; g < f; g++) {
                if (sig[g] == sig[f]) {
                    return false;
                }
            }
        }
        System.arraycopy(sig, 0, known, 0, n);
        distinctCount = n;
        return true;
    }

    private static long signature(byte[] b, int off, int len) {
        int end = off + len;
        if (len >= 8) {
            return ByteViews.longLE(b, off) * 0x9E3779B97F4A7C15L + ByteViews.longLE(b, end - 8) + len;
        }
        if (end >= 8) {
            return (ByteViews.longLE(b, end - 8) >>> ((8 - len) << 3)) * 0x9E3779B97F4A7C15L + len;
        }
        long v = 0;
        for (int i = end - 1; i >= off; i--) {
            v = (v << 8) | (b[i] & 0xFF);
        }
        return v * 0x9E3779B97F4A7C15L + len;
    }

    private boolean sameName(int a, int b) {
        return nameLength[a] == nameLength[b]
                && Arrays.equals(nameBytes[a], nameOffset[a], nameOffset[a] + nameLength[a],
                        nameBytes[b], nameOffset[b], nameOffset[b] + nameLength[b]);
    }

    private void moveValue(int from, int to) {
        types[to] = types[from];
        values[to] = values[from];
        stringBytes[to] = stringBytes[from];
        stringOffset[to] = stringOffset[from];
        stringLength[to] = stringLength[from];
    }

    private void compactDropped() {
        int w = 0;
        for (int f = 0; f < fieldCount; f++) {
            if (dedupSlot[f] == DROPPED) {
                continue;
            }
            if (w != f) {
                nameBytes[w] = nameBytes[f];
                nameOffset[w] = nameOffset[f];
                nameLength[w] = nameLength[f];
                moveValue(f, w);
            }
            w++;
        }
        fieldCount = w;
    }

    /** A 64-bit hash of the bytes, eight at a time. */
    static long hash(byte[] b, int off, int len) {
        long h = len * 0x9E3779B97F4A7C15L;
        int end = off + len;
        int p = off;
        while (end - p >= 8) {
            h = (h ^ ByteViews.longLE(b, p)) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
            p += 8;
        }
        if (p < end) {
            long tail;
            if (end >= 8) {
                // Read the last 8 bytes and keep only the ones not yet hashed (little-endian: the high ones).
                tail = ByteViews.longLE(b, end - 8) >>> ((8 - (end - p)) << 3);
            } else {
                tail = 0;
                for (int i = end - 1; i >= p; i--) {
                    tail = (tail << 8) | (b[i] & 0xFF);
                }
            }
            h = (h ^ tail) * 0x94D049BB133111EBL;
            h ^= h >>> 29;
        }
        return h;
    }
}
