package io.tidemark.storage.api;

import io.tidemark.common.FieldType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A forward-only cursor over the points of a {@link PointBatch} and the fields of each point, decoding in place
 * without allocating (after its tables have grown to the batch's number of distinct series and field names).
 * Re-armed with {@link #of(PointBatch)}.
 *
 * <p>Series and field names are numbered densely per batch in order of first appearance
 * ({@link #seriesIndex()}, {@link #fieldNameIndex()}), so a consumer can resolve each distinct one once per batch.
 * Byte ranges ({@link #seriesKeyOffset()} and friends) index {@link #buffer()}, which the caller must not modify.
 * Accessors are undefined before the first {@code nextPoint()} / {@code nextField()} and after either returned
 * false. Not thread-safe.
 */
public final class PointBatchReader {
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buf = new byte[0];
    private int pos;
    private int pointsLeft;

    private int seriesCount;
    private int[] seriesKeyOff = new int[16];
    private int[] seriesKeyLen = new int[16];
    private int[] seriesMeasurementLen = new int[16];
    private int nameCount;
    private int[] nameOff = new int[16];
    private int[] nameLen = new int[16];

    private int series;
    private boolean newSeries;
    private long timestamp;
    private int fieldCount;
    private int fieldsLeft;

    private int nameIndex;
    private FieldType type;
    private long bits;
    private int stringOff;
    private int stringLen;

    /** Positions the reader before the first point of {@code batch}. Returns this reader. */
    public PointBatchReader of(PointBatch batch) {
        buf = batch.array();
        pos = 1;
        pointsLeft = (int) readUnsigned();
        seriesCount = 0;
        nameCount = 0;
        timestamp = 0;
        fieldsLeft = 0;
        return this;
    }

    /** Advances to the next point, skipping the unread fields of the current one. */
    public boolean nextPoint() {
        while (fieldsLeft > 0) {
            nextField();
        }
        if (pointsLeft == 0) {
            return false;
        }
        pointsLeft--;
        int ref = (int) readUnsigned();
        if (ref == 0) {
            int keyLen = (int) readUnsigned();
            int measurementLen = (int) readUnsigned();
            if (seriesCount == seriesKeyOff.length) {
                int n = seriesCount * 2;
                seriesKeyOff = Arrays.copyOf(seriesKeyOff, n);
                seriesKeyLen = Arrays.copyOf(seriesKeyLen, n);
                seriesMeasurementLen = Arrays.copyOf(seriesMeasurementLen, n);
            }
            seriesKeyOff[seriesCount] = pos;
            seriesKeyLen[seriesCount] = keyLen;
            seriesMeasurementLen[seriesCount] = measurementLen;
            series = seriesCount++;
            newSeries = true;
            pos += keyLen;
        } else {
            series = ref - 1;
            newSeries = false;
        }
        timestamp += Varints.unZigZag(readUnsigned());
        fieldCount = (int) readUnsigned();
        fieldsLeft = fieldCount;
        return true;
    }

    /** Advances to the next field of the current point. */
    public boolean nextField() {
        if (fieldsLeft == 0) {
            return false;
        }
        fieldsLeft--;
        long tag = readUnsigned();
        int ref = (int) (tag >>> PointBatchFormat.TYPE_BITS);
        type = FieldType.ofCode((int) (tag & PointBatchFormat.TYPE_MASK));
        if (ref == 0) {
            int len = (int) readUnsigned();
            if (nameCount == nameOff.length) {
                nameOff = Arrays.copyOf(nameOff, nameCount * 2);
                nameLen = Arrays.copyOf(nameLen, nameCount * 2);
            }
            nameOff[nameCount] = pos;
            nameLen[nameCount] = len;
            nameIndex = nameCount++;
            pos += len;
        } else {
            nameIndex = ref - 1;
        }
        switch (type) {
            case FLOAT -> bits = readLittleEndianLong();
            case INTEGER -> bits = Varints.unZigZag(readUnsigned());
            case UNSIGNED -> bits = readUnsigned();
            case BOOLEAN -> bits = buf[pos++];
            case STRING -> {
                stringLen = (int) readUnsigned();
                stringOff = pos;
                pos += stringLen;
            }
        }
        return true;
    }

    /** The encoded batch. Read-only by contract. */
    public byte[] buffer() {
        return buf;
    }

    /** The batch-local index of the current point's series, 0 for the first distinct series of the batch. */
    public int seriesIndex() {
        return series;
    }

    /** Whether the current point is the first of its series in this batch (it defined the series key). */
    public boolean isFirstOfSeries() {
        return newSeries;
    }

    /** The number of distinct series decoded so far. */
    public int seriesCount() {
        return seriesCount;
    }

    public int seriesKeyOffset() {
        return seriesKeyOff[series];
    }

    public int seriesKeyLength() {
        return seriesKeyLen[series];
    }

    /** The length of the escaped measurement name, the prefix of the series key. */
    public int measurementLength() {
        return seriesMeasurementLen[series];
    }

    public long timestamp() {
        return timestamp;
    }

    /** The number of fields of the current point. */
    public int fieldCount() {
        return fieldCount;
    }

    /** The batch-local index of the current field's name. */
    public int fieldNameIndex() {
        return nameIndex;
    }

    /** The number of distinct field names decoded so far. */
    public int fieldNameCount() {
        return nameCount;
    }

    public int fieldNameOffset() {
        return nameOff[nameIndex];
    }

    public int fieldNameLength() {
        return nameLen[nameIndex];
    }

    /** The offset in {@link #buffer()} of a field name decoded earlier in this batch. */
    public int fieldNameOffset(int nameIndex) {
        java.util.Objects.checkIndex(nameIndex, nameCount);
        return nameOff[nameIndex];
    }

    public int fieldNameLength(int nameIndex) {
        java.util.Objects.checkIndex(nameIndex, nameCount);
        return nameLen[nameIndex];
    }

    public FieldType fieldType() {
        return type;
    }

    /** The value of a {@link FieldType#FLOAT} field. */
    public double floatValue() {
        return Double.longBitsToDouble(bits);
    }

    /** The value of an {@link FieldType#INTEGER} field, or the 64 bits of an {@link FieldType#UNSIGNED} one. */
    public long longValue() {
        return bits;
    }

    public boolean booleanValue() {
        return bits != 0;
    }

    /**
     * The value as 64 bits, whatever the type: raw IEEE 754 bits of a float, the integer, 0 or 1 for a boolean;
     * undefined for a string. Lets a consumer store any numeric value in one {@code long[]}.
     */
    public long rawBits() {
        return bits;
    }

    public int stringOffset() {
        return stringOff;
    }

    public int stringLength() {
        return stringLen;
    }

    /** Allocating conveniences, for errors, tests and tools rather than the write path. */
    public String seriesKey() {
        return new String(buf, seriesKeyOffset(), seriesKeyLength(), StandardCharsets.UTF_8);
    }

    public String measurement() {
        return new String(buf, seriesKeyOffset(), measurementLength(), StandardCharsets.UTF_8);
    }

    public String fieldName() {
        return new String(buf, fieldNameOffset(), fieldNameLength(), StandardCharsets.UTF_8);
    }

    public String stringValue() {
        return new String(buf, stringOff, stringLen, StandardCharsets.UTF_8);
    }

    private long readUnsigned() {
        byte[] b = buf;
        int p = pos;
        long v = b[p++];
        if (v >= 0) {
            pos = p;
            return v;
        }
        v &= 0x7F;
        for (int shift = 7; ; shift += 7) {
            int x = b[p++];
            v |= (long) (x & 0x7F) << shift;
            if (x >= 0) {
                pos = p;
                return v;
            }
        }
    }

    private long readLittleEndianLong() {
        long v = (long) LE_LONG.get(buf, pos);
        pos += Long.BYTES;
        return v;
    }
}
