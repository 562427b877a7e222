package io.tidemark.storage.api;

/**
 * The binary encoding of a {@link PointBatch}: the payload of a WAL write entry and of a shard write RPC.
 * The full byte layout with box diagrams is in {@code docs/format/point-batch.md}; in short:
 *
 * <pre>
 * batch  := version:u8 pointCount:uvarint point*
 * point  := seriesRef:uvarint [keyLen:uvarint measurementLen:uvarint key:byte*]   (definition when seriesRef = 0)
 *           timestampDelta:zigzag-varint fieldCount:uvarint field*
 * field  := tag:uvarint [nameLen:uvarint name:byte*]                                (definition when tag &gt;&gt; 3 = 0)
 *           value
 * tag    := nameRef &lt;&lt; 3 | FieldType.code()
 * value  := float: 8 bytes little-endian IEEE 754 | integer: zigzag-varint | unsigned: uvarint
 *           | boolean: u8 0 or 1 | string: len:uvarint byte*
 * </pre>
 *
 * Series keys and field names are interned per batch: the first occurrence defines them inline and later
 * occurrences refer to them by their 1-based index, so a batch of many points of few series stays small and the
 * decoder resolves each distinct series and field name once. Timestamps are deltas from the previous point's
 * timestamp (the first from 0). Changing the layout means bumping {@link #VERSION_CURRENT}, updating the document
 * and the pinned-size test. Stateless.
 */
public final class PointBatchFormat {
    /** The first and, so far, only layout. */
    public static final byte VERSION_START = 1;
    public static final byte VERSION_CURRENT = VERSION_START;

    /** Bits of a field tag that hold the {@link io.tidemark.common.FieldType#code()}. */
    static final int TYPE_BITS = 3;
    static final int TYPE_MASK = (1 << TYPE_BITS) - 1;

    /** The largest series key, field name or string value; line protocol limits keys to 64 KiB, strings to 64 KiB. */
    public static final int MAX_BYTES_LENGTH = 1 << 24;

    private PointBatchFormat() {
    }
}
