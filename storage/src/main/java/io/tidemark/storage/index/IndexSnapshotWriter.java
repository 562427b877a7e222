package io.tidemark.storage.index;

import io.tidemark.common.FieldType;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * Encodes the whole state of an index as a snapshot ({@link SeriesIndexFormat}): dictionaries in id order (so that
 * the series records, which refer to their ids, load as they are), postings in RoaringBitmap's portable format, the
 * records of the live series, each with its key's hash (so that a load need not rebuild the keys to hash them), and
 * the measurements' key orders (so that the first read over many series need not sort them). Deleted series are
 * left out; their ids stay unused because the snapshot carries the next id. Stateless.
 */
final class IndexSnapshotWriter {
    static final byte POSTINGS_NONE = 0;
    static final byte POSTINGS_SINGLE = 1;
    static final byte POSTINGS_BITMAP = 2;

    private IndexSnapshotWriter() {
    }

    /** The snapshot's bytes. Caller holds the index's write lock, so nothing changes meanwhile. */
    static byte[] encode(SeriesIndex index, long generation) {
        return encode(index, generation, SeriesIndexFormat.SNAPSHOT_VERSION_CURRENT);
    }

    /** {@link #encode(SeriesIndex, long)} in an earlier version too (tests: a node must load what it wrote before). */
    static byte[] encode(SeriesIndex index, long generation, byte version) {
        if (!SeriesIndexFormat.isSnapshotVersion(version)) {
            throw new IllegalArgumentException("no snapshot version " + version);
        }
        Catalog catalog = index.catalog();
        ByteSink out = new ByteSink(1 << 16);
        out.u32(SeriesIndexFormat.SNAPSHOT_MAGIC).u8(version).u8(0).u8(0).u8(0)
                .u64(generation).u32(index.nextSeriesId());
        int measurements = catalog.size();
        out.varint(measurements);
        for (int i = 0; i < measurements; i++) {
            writeMeasurement(out, catalog.get(i));
        }
        RoaringBitmap live = new RoaringBitmap();
        for (int i = 0; i < measurements; i++) {
            live.or(catalog.get(i).seriesForSnapshot());
        }
        out.varint(live.getCardinality());
        SeriesTable table = index.table();
        SeriesRecord r = new SeriesRecord();
        byte[] scratch = new byte[64];
        boolean withHashes = version >= SeriesIndexFormat.SNAPSHOT_VERSION_HASHES;
        // The hashes the table holds, by id: rebuilding and hashing every key here held the index's write lock
        // about three times as long as the rest of the encoding.
        int ids = index.nextSeriesId();
        int[] hashes = withHashes ? new int[ids] : null;
        BitSet hashed = withHashes ? new BitSet(ids) : null;
        if (withHashes) {
            table.forEachPublished((hash, id) -> {
                if (id < ids) {
                    hashes[id] = hash;
                    hashed.set(id);
                }
            });
        }
        byte[] key = new byte[256];
        int previous = -1;
        for (IntIterator it = live.getIntIterator(); it.hasNext();) {
            int id = it.next();
            table.decode(id, r);
            if (scratch.length < r.maxEncodedBytes()) {
                scratch = new byte[r.maxEncodedBytes()];
            }
            out.varint(id - previous - 1);
            out.bytes(scratch, 0, r.encodeIds(scratch, 0));
            if (withHashes && hashed.get(id)) {
                out.u32(hashes[id]);
            } else if (withHashes) {
                // A live series not findable by its key: none should be, but its hash is then computed.
                int length = table.keyLength(r);
                if (key.length < length) {
                    key = new byte[Math.max(length, key.length * 2)];
                }
                table.copyKey(r, key);
                out.u32(KeyHash.hash(key, 0, length));
            }
            previous = id;
        }
        if (version >= SeriesIndexFormat.SNAPSHOT_VERSION_KEY_ORDERS) {
            writeKeyOrders(out, index, catalog);
        }
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.size());
        out.u32((int) crc.getValue());
        return out.toByteArray();
    }

    /** The key orders the index holds, by measurement id. */
    private static void writeKeyOrders(ByteSink out, SeriesIndex index, Catalog catalog) {
        SeriesKeyOrder orders = index.keyOrder();
        int measurements = catalog.size();
        int count = 0;
        SeriesKeyOrder.Order[] byId = new SeriesKeyOrder.Order[measurements];
        for (int i = 0; i < measurements; i++) {
            byId[i] = orders.orderOf(catalog.get(i).name);
            if (byId[i] != null) {
                count++;
            }
        }
        out.varint(count);
        for (int i = 0; i < measurements; i++) {
            SeriesKeyOrder.Order o = byId[i];
            if (o != null) {
                out.varint(i).varint(o.limit()).varint(o.ids().length);
                for (int id : o.ids()) {
                    out.varint(id);
                }
            }
        }
    }

    private static void writeMeasurement(ByteSink out, MeasurementEntry m) {
        out.sized(m.escapedName);
        Map<String, FieldType> fields = new TreeMap<>(m.fields);
        out.varint(fields.size());
        for (Map.Entry<String, FieldType> f : fields.entrySet()) {
            out.sized(f.getKey().getBytes(StandardCharsets.UTF_8)).u8(f.getValue().code());
        }
        out.bitmap(m.seriesForSnapshot());
        int keys = m.tagKeyCount();
        out.varint(keys);
        for (int k = 0; k < keys; k++) {
            TagKeyEntry t = m.tagKey(k);
            out.sized(t.escapedKey);
            out.bitmap(t.withKeyForSnapshot());
            int values = t.values.size();
            out.varint(values);
            for (int v = 0; v < values; v++) {
                out.sized(t.values.bytes(v));
                int single = t.singleOrMarker(v);
                if (single == -2) {
                    out.u8(POSTINGS_BITMAP).bitmap(t.bitmapOrNull(v));
                } else if (single >= 0) {
                    out.u8(POSTINGS_SINGLE).varint(single);
                } else {
                    out.u8(POSTINGS_NONE);
                }
            }
        }
    }
}
