package io.tidemark.storage.api;

import io.tidemark.common.FieldType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * Encodes points into a {@link PointBatch} ({@link PointBatchFormat}). Reusable: {@link #build()} copies the
 * encoding out and {@link #reset()} starts a new batch while keeping the grown buffers, so a parser thread that owns
 * one builder encodes without allocating per point. Series keys and field names are interned per batch through
 * small open-addressing tables, so repeated keys cost one reference byte.
 *
 * <p>Usage per point: {@code beginPoint}, one or more {@code add*}, {@code endPoint}. The series key is the
 * canonical escaped key ({@code cpu,host=a}) whose first {@code measurementLength} bytes are the escaped
 * measurement; field names are the unescaped field keys. Not thread-safe.
 */
public final class PointBatchBuilder {
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Field positions in a point beyond which names are looked up in the table only. */
    private static final int MAX_REMEMBERED_POSITIONS = 256;

    private byte[] buf = new byte[4096];
    private int len;
    private int pointCount;
    private long lastTimestamp;

    private boolean inPoint;
    private int fieldCountPos;
    private int fieldCount;

    private final Interner series = new Interner();
    private final Interner names = new Interner();
    /**
     * By position in a point's fields, the name (its index in {@link #names}, plus one; 0 for none) that the last
     * point with a field there had, up to {@link #MAX_REMEMBERED_POSITIONS} positions.
     */
    private int[] namesByPosition = new int[16];
    /** Field names are copied here, since a definition inside a point may move when the field count grows. */
    private byte[] nameBytes = new byte[256];
    private int nameBytesLen;

    /**
     * Starts a point.
     *
     * @param measurementLength the length of the escaped measurement at the start of the key, at least 1
     * @throws IllegalStateException if a point is already open
     */
    public void beginPoint(byte[] seriesKey, int off, int len, int measurementLength, long timestampNanos) {
        if (inPoint) {
            throw new IllegalStateException("beginPoint without endPoint");
        }
        Objects.checkFromIndexSize(off, len, seriesKey.length);
        if (len == 0 || len > PointBatchFormat.MAX_BYTES_LENGTH) {
            throw new IllegalArgumentException("series key length " + len);
        }
        if (measurementLength < 1 || measurementLength > len) {
            throw new IllegalArgumentException("measurement length " + measurementLength + " of key length " + len);
        }
        ensure(3 * 5 + len + Varints.MAX_LONG_BYTES + 1);
        int hash = hash(seriesKey, off, len);
        int idx = series.find(buf, seriesKey, off, len, hash);
        if (idx < 0) {
            this.len = Varints.putUnsigned(buf, this.len, 0);
            this.len = Varints.putUnsigned(buf, this.len, len);
            this.len = Varints.putUnsigned(buf, this.len, measurementLength);
            series.add(this.len, len, hash, measurementLength);
            System.arraycopy(seriesKey, off, buf, this.len, len);
            this.len += len;
        } else {
            if (series.extra[idx] != measurementLength) {
                throw new IllegalArgumentException("series key given with measurement length " + measurementLength
                        + " and earlier " + series.extra[idx]);
            }
            this.len = Varints.putUnsigned(buf, this.len, idx + 1L);
        }
        this.len = Varints.putSigned(buf, this.len, timestampNanos - lastTimestamp);
        lastTimestamp = timestampNanos;
        fieldCountPos = this.len;
        buf[this.len++] = 0;
        fieldCount = 0;
        inPoint = true;
    }

    public void addFloat(byte[] name, int off, int len, double v) {
        beginField(name, off, len, FieldType.FLOAT, Double.BYTES);
        LE_LONG.set(buf, this.len, Double.doubleToRawLongBits(v));
        this.len += Double.BYTES;
    }

    public void addInteger(byte[] name, int off, int len, long v) {
        beginField(name, off, len, FieldType.INTEGER, Varints.MAX_LONG_BYTES);
        this.len = Varints.putSigned(buf, this.len, v);
    }

    /** An unsigned 64-bit integer, given as its two's-complement bits. */
    public void addUnsigned(byte[] name, int off, int len, long v) {
        beginField(name, off, len, FieldType.UNSIGNED, Varints.MAX_LONG_BYTES);
        this.len = Varints.putUnsigned(buf, this.len, v);
    }

    public void addBoolean(byte[] name, int off, int len, boolean v) {
        beginField(name, off, len, FieldType.BOOLEAN, 1);
        buf[this.len++] = (byte) (v ? 1 : 0);
    }

    /** A string value, as UTF-8 bytes. */
    public void addString(byte[] name, int off, int len, byte[] value, int voff, int vlen) {
        Objects.checkFromIndexSize(voff, vlen, value.length);
        if (vlen > PointBatchFormat.MAX_BYTES_LENGTH) {
            throw new IllegalArgumentException("string value length " + vlen);
        }
        beginField(name, off, len, FieldType.STRING, 5 + vlen);
        this.len = Varints.putUnsigned(buf, this.len, vlen);
        System.arraycopy(value, voff, buf, this.len, vlen);
        this.len += vlen;
    }

    /** Writes the field's tag (and the name's definition on first use); ensures room for the value. */
    private void beginField(byte[] name, int off, int len, FieldType type, int valueRoom) {
        if (!inPoint) {
            throw new IllegalStateException("field outside beginPoint/endPoint");
        }
        Objects.checkFromIndexSize(off, len, name.length);
        if (len == 0 || len > PointBatchFormat.MAX_BYTES_LENGTH) {
            throw new IllegalArgumentException("field name length " + len);
        }
        ensure(2 * 5 + len + valueRoom);
        int position = fieldCount;
        int idx = nameAtPosition(position, name, off, len);
        if (idx < 0) {
            int hash = hash(name, off, len);
            idx = names.find(nameBytes, name, off, len, hash);
            if (idx < 0) {
                idx = writeNameDefinition(name, off, len, type, hash);
            } else {
                writeNameReference(idx, type);
            }
            rememberNameAtPosition(position, idx);
        } else {
            writeNameReference(idx, type);
        }
        fieldCount++;
    }

    /** Writes a name new to the batch, with its type, and keeps it; returns its index. */
    private int writeNameDefinition(byte[] name, int off, int len, FieldType type, int hash) {
        this.len = Varints.putUnsigned(buf, this.len, type.code());
        this.len = Varints.putUnsigned(buf, this.len, len);
        System.arraycopy(name, off, buf, this.len, len);
        this.len += len;
        if (nameBytesLen + len > nameBytes.length) {
            nameBytes = Arrays.copyOf(nameBytes, Math.max(nameBytes.length * 2, nameBytesLen + len));
        }
        System.arraycopy(name, off, nameBytes, nameBytesLen, len);
        int idx = names.add(nameBytesLen, len, hash, 0);
        nameBytesLen += len;
        return idx;
    }

    private void writeNameReference(int idx, FieldType type) {
        long tag = ((long) (idx + 1) << PointBatchFormat.TYPE_BITS) | type.code();
        this.len = Varints.putUnsigned(buf, this.len, tag);
    }

    /**
     * The field name an earlier point of the batch had at this position in its fields, if {@code name} is that name;
     * else -1. The points of a batch mostly name the same fields in the same order, and comparing a few bytes costs
     * less than hashing them and probing the table.
     */
    private int nameAtPosition(int position, byte[] name, int off, int len) {
        if (position >= namesByPosition.length) {
            return -1;
        }
        int idx = namesByPosition[position] - 1;
        if (idx < 0 || names.length[idx] != len) {
            return -1;
        }
        int at = names.off[idx];
        return Arrays.equals(nameBytes, at, at + len, name, off, off + len) ? idx : -1;
    }

    private void rememberNameAtPosition(int position, int idx) {
        if (position >= namesByPosition.length) {
            if (position >= MAX_REMEMBERED_POSITIONS) {
                return;
            }
            namesByPosition = Arrays.copyOf(namesByPosition, Math.min(MAX_REMEMBERED_POSITIONS, 2 * position + 2));
        }
        namesByPosition[position] = idx + 1;
    }

    /**
     * Ends the current point.
     *
     * @throws IllegalStateException if no point is open or it has no field
     */
    public void endPoint() {
        if (!inPoint) {
            throw new IllegalStateException("endPoint without beginPoint");
        }
        if (fieldCount == 0) {
            throw new IllegalStateException("a point needs at least one field");
        }
        if (fieldCount < 0x80) {
            buf[fieldCountPos] = (byte) fieldCount;
        } else {
            // Slow path: the count needs more than the one byte reserved for it; move the fields up.
            int extra = Varints.unsignedSize(fieldCount) - 1;
            ensure(extra);
            System.arraycopy(buf, fieldCountPos + 1, buf, fieldCountPos + 1 + extra, len - fieldCountPos - 1);
            Varints.putUnsigned(buf, fieldCountPos, fieldCount);
            len += extra;
        }
        pointCount++;
        inPoint = false;
    }

    public int pointCount() {
        return pointCount;
    }

    public boolean isEmpty() {
        return pointCount == 0;
    }

    /** The size the built batch will have. */
    public int sizeBytes() {
        return 1 + Varints.unsignedSize(pointCount) + len;
    }

    /**
     * Copies the points ended so far into a new batch; the builder keeps them until {@link #reset()}.
     *
     * @throws IllegalStateException if a point is open
     */
    public PointBatch build() {
        if (inPoint) {
            throw new IllegalStateException("build inside an open point");
        }
        byte[] out = new byte[sizeBytes()];
        out[0] = PointBatchFormat.VERSION_CURRENT;
        int p = Varints.putUnsigned(out, 1, pointCount);
        System.arraycopy(buf, 0, out, p, len);
        return new PointBatch(out, pointCount);
    }

    /** Forgets all points, including an open one; keeps the grown buffers. */
    public void reset() {
        len = 0;
        pointCount = 0;
        lastTimestamp = 0;
        inPoint = false;
        series.clear();
        names.clear();
        nameBytesLen = 0;
        Arrays.fill(namesByPosition, 0);
    }

    private void ensure(int room) {
        if (len + room > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + room));
        }
    }

    // Eight bytes per step: series keys are long (100+ bytes in typical tag sets) and hashed once per point.
    private static int hash(byte[] b, int off, int len) {
        long h = 0x9E3779B97F4A7C15L ^ len;
        int i = off;
        int end = off + len;
        for (; i + 8 <= end; i += 8) {
            h = (h ^ (long) LE_LONG.get(b, i)) * 0xFF51AFD7ED558CCDL;
            h ^= h >>> 29;
        }
        for (; i < end; i++) {
            h = (h ^ b[i]) * 0xC4CEB9FE1A85EC53L;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return (int) h;
    }

    /**
     * A set of byte strings stored elsewhere (in the builder's buffer or name bytes), numbered densely by insertion.
     * Not thread-safe.
     */
    private static final class Interner {
        private int count;
        private int[] off = new int[64];
        private int[] length = new int[64];
        private int[] hashes = new int[64];
        /** A per-entry int the builder keeps with the key (the measurement length of a series). */
        private int[] extra = new int[64];
        /** Open addressing: entry index + 1, 0 for an empty slot. At most half full. */
        private int[] table = new int[128];

        int find(byte[] store, byte[] key, int keyOff, int keyLen, int hash) {
            int mask = table.length - 1;
            for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
                int e = table[slot] - 1;
                if (e < 0) {
                    return -1;
                }
                if (hashes[e] == hash && length[e] == keyLen
                        && Arrays.equals(store, off[e], off[e] + keyLen, key, keyOff, keyOff + keyLen)) {
                    return e;
                }
            }
        }

        /** Adds a key, which must not be present, and returns its index. */
        int add(int storeOff, int keyLen, int hash, int extraValue) {
            if (count == off.length) {
                int n = count * 2;
                off = Arrays.copyOf(off, n);
                length = Arrays.copyOf(length, n);
                hashes = Arrays.copyOf(hashes, n);
                extra = Arrays.copyOf(extra, n);
            }
            off[count] = storeOff;
            length[count] = keyLen;
            hashes[count] = hash;
            extra[count] = extraValue;
            count++;
            if (count * 2 > table.length) {
                table = new int[table.length * 2];
                for (int e = 0; e < count; e++) {
                    insert(e);
                }
            } else {
                insert(count - 1);
            }
            return count - 1;
        }

        private void insert(int e) {
            int mask = table.length - 1;
            int slot = hashes[e] & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = e + 1;
        }

        void clear() {
            if (count > 0) {
                Arrays.fill(table, 0);
                count = 0;
            }
        }
    }
}
