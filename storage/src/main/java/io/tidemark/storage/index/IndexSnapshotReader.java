package io.tidemark.storage.index;

import io.tidemark.common.FieldType;
import io.tidemark.storage.CorruptionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.roaringbitmap.RoaringBitmap;

/**
 * Loads a snapshot ({@link SeriesIndexFormat}, written by {@link IndexSnapshotWriter}) into an empty index. The
 * checksum is verified before anything is loaded, and every id read is checked against what was read before it,
 * so a damaged snapshot fails with a {@link CorruptionException} instead of loading wrong postings. Not thread-safe;
 * used by the opening thread.
 */
final class IndexSnapshotReader {
    private final Path path;
    private final byte[] data;
    private int pos;
    private final int end;
    /** Version 2: each series record ends with its key's hash. */
    private final boolean hashed;
    /** Version 3: the measurements' key orders follow the series. */
    private final boolean withKeyOrders;

    private IndexSnapshotReader(Path path, byte[] data, boolean hashed, boolean withKeyOrders) {
        this.path = path;
        this.data = data;
        this.hashed = hashed;
        this.withKeyOrders = withKeyOrders;
        this.end = data.length - SeriesIndexFormat.SNAPSHOT_FOOTER_BYTES;
    }

    /**
     * Loads the snapshot into {@code index}, which must be empty; returns its generation.
     *
     * @throws CorruptionException if the file is not an intact snapshot
     */
    static long load(Path path, byte[] data, SeriesIndex index) throws CorruptionException {
        if (data.length < SeriesIndexFormat.SNAPSHOT_HEADER_BYTES + SeriesIndexFormat.SNAPSHOT_FOOTER_BYTES) {
            throw new CorruptionException(path, 0, "snapshot of " + data.length + " bytes is cut short");
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        if (b.getInt(0) != SeriesIndexFormat.SNAPSHOT_MAGIC) {
            throw new CorruptionException(path, 0, "not a series index snapshot (magic "
                    + Integer.toHexString(b.getInt(0)) + ")");
        }
        byte version = b.get(4);
        if (!SeriesIndexFormat.isSnapshotVersion(version)) {
            throw new CorruptionException(path, 4, "unknown series index snapshot version " + version);
        }
        CRC32C crc = new CRC32C();
        crc.update(data, 0, data.length - SeriesIndexFormat.SNAPSHOT_FOOTER_BYTES);
        if ((int) crc.getValue() != b.getInt(data.length - SeriesIndexFormat.SNAPSHOT_FOOTER_BYTES)) {
            throw new CorruptionException(path, data.length - SeriesIndexFormat.SNAPSHOT_FOOTER_BYTES,
                    "snapshot checksum mismatch");
        }
        long generation = b.getLong(8);
        int nextId = b.getInt(16);
        boolean hashed = version >= SeriesIndexFormat.SNAPSHOT_VERSION_HASHES;
        IndexSnapshotReader r = new IndexSnapshotReader(path, data, hashed,
                version >= SeriesIndexFormat.SNAPSHOT_VERSION_KEY_ORDERS);
        r.pos = SeriesIndexFormat.SNAPSHOT_HEADER_BYTES;
        try {
            index.<Void>locked(() -> {
                r.loadLocked(index, nextId);
                return null;
            });
        } catch (SnapshotDamage e) {
            throw new CorruptionException(path, r.pos, e.getMessage());
        }
        return generation;
    }

    private void loadLocked(SeriesIndex index, int nextId) {
        if (nextId < 0) {
            throw new SnapshotDamage("negative next series id " + nextId);
        }
        Catalog catalog = index.catalog();
        int measurements = varint();
        for (int i = 0; i < measurements; i++) {
            byte[] name = sized();
            MeasurementEntry m = catalog.getOrAdd(name, 0, name.length);
            if (m.id != i) {
                throw new SnapshotDamage("measurement " + i + " repeats measurement " + m.id);
            }
            int fields = varint();
            for (int f = 0; f < fields; f++) {
                String field = new String(sized(), StandardCharsets.UTF_8);
                try {
                    m.fields.put(field, FieldType.ofCode(u8()));
                } catch (IllegalArgumentException e) {
                    throw new SnapshotDamage(e.getMessage());
                }
            }
            m.restoreSeries(bitmap(nextId));
            int keys = varint();
            for (int k = 0; k < keys; k++) {
                byte[] key = sized();
                TagKeyEntry t = m.tagKeyFor(key, 0, key.length);
                if (t.localId != k) {
                    throw new SnapshotDamage("tag key " + k + " repeats tag key " + t.localId);
                }
                t.restoreWithKey(bitmap(nextId));
                int values = varint();
                for (int v = 0; v < values; v++) {
                    byte[] value = sized();
                    if (t.valueId(value, 0, value.length) != v) {
                        throw new SnapshotDamage("tag value " + v + " repeated");
                    }
                    int kind = u8();
                    switch (kind) {
                        case IndexSnapshotWriter.POSTINGS_NONE -> t.restorePostings(v, -1, null);
                        case IndexSnapshotWriter.POSTINGS_SINGLE -> {
                            int id = varint();
                            if (id >= nextId) {
                                throw new SnapshotDamage("series id " + id + " past the next id " + nextId);
                            }
                            t.restorePostings(v, id, null);
                        }
                        case IndexSnapshotWriter.POSTINGS_BITMAP -> t.restorePostings(v, -1, bitmap(nextId));
                        default -> throw new SnapshotDamage("unknown postings kind " + kind);
                    }
                }
            }
        }
        int series = varint();
        index.reserveForLoadLocked(series);
        SeriesRecord record = new SeriesRecord();
        long id = -1;
        for (int s = 0; s < series; s++) {
            id += 1L + varint();
            if (id >= nextId) {
                throw new SnapshotDamage("series id " + id + " past the next id " + nextId);
            }
            readRecord(record, catalog);
            if (hashed) {
                index.loadSeriesLocked((int) id, record, u32());
            } else {
                index.loadSeriesLocked((int) id, record);
            }
        }
        if (withKeyOrders) {
            readKeyOrders(index, catalog, nextId);
        }
        if (pos != end) {
            throw new SnapshotDamage((end - pos) + " bytes after the "
                    + (withKeyOrders ? "key orders" : "last series"));
        }
        index.finishLoadLocked(nextId);
    }

    private void readKeyOrders(SeriesIndex index, Catalog catalog, int nextId) {
        int orders = varint();
        for (int o = 0; o < orders; o++) {
            int m = varint();
            if (m >= catalog.size()) {
                throw new SnapshotDamage("key order of unknown measurement " + m);
            }
            int limit = varint();
            int count = varint();
            if (limit > nextId || count > limit || count > end - pos) {
                throw new SnapshotDamage("key order of " + count + " series below " + limit + " (next id " + nextId
                        + ")");
            }
            int[] ids = new int[count];
            for (int i = 0; i < count; i++) {
                ids[i] = varint();
                if (ids[i] >= limit) {
                    throw new SnapshotDamage("key order holds id " + ids[i] + " past its limit " + limit);
                }
            }
            index.keyOrder().restore(catalog.get(m).name, new SeriesKeyOrder.Order(limit, ids));
        }
    }

    private void readRecord(SeriesRecord r, Catalog catalog) {
        int m = varint();
        if (m >= catalog.size()) {
            throw new SnapshotDamage("series of unknown measurement " + m);
        }
        MeasurementEntry entry = catalog.get(m);
        r.reset(m);
        int tags = varint();
        for (int i = 0; i < tags; i++) {
            int k = varint();
            if (k >= entry.tagKeyCount()) {
                throw new SnapshotDamage("series with unknown tag key " + k);
            }
            int v = varint();
            ByteDictionary values = entry.tagKey(k).values;
            if (v >= values.size()) {
                throw new SnapshotDamage("series with unknown tag value " + v);
            }
            r.addTag(k, v, values.ref(v));
        }
    }

    /**
     * A varint of a non-negative int. Decoded here rather than through the log's decoder, which passes the position in
     * an array: a snapshot of 100,000 series has millions of varints, most of them read while a starting node's
     * JIT has not compiled this yet, when every such array is an allocation.
     */
    private int varint() {
        int p = pos;
        int v = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            if (p >= end) {
                throw new SnapshotDamage("varint cut short");
            }
            int b = data[p++];
            v |= (b & 0x7F) << shift;
            if (b >= 0) {
                if (v < 0) {
                    throw new SnapshotDamage("varint out of range");
                }
                pos = p;
                return v;
            }
        }
        throw new SnapshotDamage("varint too long");
    }

    private int u32() {
        check(end - pos >= 4, "cut short");
        int v = (data[pos] & 0xFF) << 24 | (data[pos + 1] & 0xFF) << 16 | (data[pos + 2] & 0xFF) << 8
                | (data[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    private int u8() {
        check(pos < end, "cut short");
        return data[pos++] & 0xFF;
    }

    private byte[] sized() {
        int n = varint();
        if (n > end - pos) {
            throw new SnapshotDamage("string of " + n + " bytes past the end");
        }
        byte[] out = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return out;
    }

    private RoaringBitmap bitmap(int nextId) {
        check(end - pos >= 4, "cut short");
        int n = ByteBuffer.wrap(data, pos, 4).getInt();
        pos += 4;
        if (n < 0 || n > end - pos) {
            throw new SnapshotDamage("bitmap of " + n + " bytes past the end");
        }
        RoaringBitmap bm = new RoaringBitmap();
        try {
            bm.deserialize(ByteBuffer.wrap(data, pos, n).slice().order(ByteOrder.LITTLE_ENDIAN));
        } catch (IOException | RuntimeException e) {
            throw new SnapshotDamage("bitmap cannot be read: " + e);
        }
        if (bm.serializedSizeInBytes() != n) {
            throw new SnapshotDamage("bitmap of " + bm.serializedSizeInBytes() + " bytes in " + n);
        }
        check(bm.isEmpty() || Integer.toUnsignedLong(bm.last()) < nextId, "bitmap with ids past the next id");
        pos += n;
        return bm;
    }

    /** For constant texts only: a message built by concatenation would be built for every check that passes. */
    private static void check(boolean ok, String problem) {
        if (!ok) {
            throw new SnapshotDamage(problem);
        }
    }

    /** Damage found while loading, turned into a {@link CorruptionException} with the offset by {@link #load}. */
    private static final class SnapshotDamage extends RuntimeException {
        SnapshotDamage(String message) {
            super(message, null, false, false);
        }
    }
}
