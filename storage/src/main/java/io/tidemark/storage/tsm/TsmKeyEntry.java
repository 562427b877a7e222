package io.tidemark.storage.tsm;

import static io.tidemark.storage.tsm.TsmSegments.getLong;

import io.tidemark.common.FieldType;
import io.tidemark.storage.CorruptionException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where the parts of one key entry of a mapped index are. Mutable and reused: {@link #parse} re-arms it without
 * allocating, as lookups parse the entries their binary search visits; {@link #blocks()} gives the (immutable)
 * layout of its block entries. Not thread-safe.
 */
final class TsmKeyEntry {
    /** By code; {@code values()} would copy the array for every entry parsed. */
    private static final FieldType[] FIELD_TYPES = FieldType.values();
    private final long[] next = new long[1];
    /** Whether the file is of version 3 or later: packed block entries, shared series keys. */
    private final boolean packed;

    long offset;
    long seriesKeyOffset;
    int seriesKeyLength;
    /** Whether the series key is the previous key entry's, referred to rather than repeated (version 3). */
    boolean sharedSeriesKey;
    long fieldOffset;
    int fieldLength;
    FieldType type;
    int blockCount;
    /** The first block entry; set by {@link #parseBlocks()}. */
    long blocksOffset;
    /** Just past the last block entry; set by {@link #parseBlocks()}. */
    long end;
    // Where the block entries' header starts, and what parseBlocks() needs to read it.
    private long headerAt;
    private boolean blocksParsed;
    private Path path;
    private MemorySegment segment;
    private long limit;
    // Version 3: the header of the packed block entries.
    private int scale;
    private long widths;
    private long baseTime;
    private long baseOffset;
    private long baseFirst;

    private final PackedBlockEntries.Layouts layouts;

    TsmKeyEntry(boolean packed, PackedBlockEntries.Layouts layouts) {
        this.packed = packed;
        this.layouts = layouts;
    }

    /**
     * Reads the key entry at {@code offset}, which must end by {@code limit}.
     *
     * @throws CorruptionException if it does not parse or does not fit
     */
    TsmKeyEntry parse(Path path, MemorySegment s, long offset, long limit) throws CorruptionException {
        this.offset = offset;
        long keyLength = TsmSegments.uvarint(s, offset, limit, next);
        if (keyLength == 0 && packed) {
            long distance = TsmSegments.uvarint(s, next[0], limit, next);
            long length = TsmSegments.uvarint(s, next[0], limit, next);
            if (distance < 1 || distance > offset || length < 1 || length > TsmFormat.MAX_KEY_BYTES
                    || offset - distance + length > offset) {
                throw new CorruptionException(path, offset, "bad series key reference in the index");
            }
            sharedSeriesKey = true;
            seriesKeyOffset = offset - distance;
            seriesKeyLength = (int) length;
        } else {
            if (keyLength < 1 || keyLength > TsmFormat.MAX_KEY_BYTES || keyLength > limit - next[0]) {
                throw new CorruptionException(path, offset, "bad series key length in the index");
            }
            sharedSeriesKey = false;
            seriesKeyOffset = next[0];
            seriesKeyLength = (int) keyLength;
            next[0] = seriesKeyOffset + keyLength;
        }
        long fieldLengthAt = next[0];
        long fLength = TsmSegments.uvarint(s, fieldLengthAt, limit, next);
        if (fLength < 1 || fLength > TsmFormat.MAX_KEY_BYTES || fLength > limit - next[0]) {
            throw new CorruptionException(path, fieldLengthAt, "bad field name length in the index");
        }
        fieldOffset = next[0];
        fieldLength = (int) fLength;
        long typeAt = fieldOffset + fLength;
        if (typeAt >= limit) {
            throw new CorruptionException(path, typeAt, "key entry cut short");
        }
        int code = TsmSegments.getByte(s, typeAt);
        if (code >= FIELD_TYPES.length) {
            throw new CorruptionException(path, typeAt, "unknown field type code " + code);
        }
        type = FIELD_TYPES[code];
        long blocks = TsmSegments.uvarint(s, typeAt + 1, limit, next);
        if (blocks < 1 || blocks > limit - next[0]) {
            throw new CorruptionException(path, typeAt + 1, "bad block count " + blocks + " in the index");
        }
        blockCount = (int) blocks;
        headerAt = next[0];
        blocksParsed = false;
        this.path = path;
        this.segment = s;
        this.limit = limit;
        return this;
    }

    /**
     * Reads where the block entries are ({@link #blocksOffset}, {@link #end}) and, in version 3, their header. Apart
     * from {@link #parse}: a lookup's binary search compares the keys of many entries and needs the blocks of one.
     *
     * @throws CorruptionException if the header does not parse or the entries do not fit
     */
    TsmKeyEntry parseBlocks() throws CorruptionException {
        if (blocksParsed) {
            return this;
        }
        next[0] = headerAt;
        int entryBytes = FixedBlockEntries.ENTRY_BYTES;
        if (packed) {
            entryBytes = parsePackedHeader(path, segment, headerAt, limit);
        }
        if (blockCount > (limit - next[0]) / entryBytes) {
            throw new CorruptionException(path, headerAt, "bad block count " + blockCount + " in the index");
        }
        blocksOffset = next[0];
        end = blocksOffset + (long) blockCount * entryBytes;
        blocksParsed = true;
        return this;
    }

    /** Reads the scale, widths and bases of packed block entries; returns the bytes of one entry. */
    private int parsePackedHeader(Path path, MemorySegment s, long at, long limit) throws CorruptionException {
        long fixed = 1 + PackedBlockEntries.WIDTH_BYTES + 8;
        if (at < 0 || limit - at < fixed + 1 + 8) {
            throw new CorruptionException(path, Math.max(at, 0), "key entry cut short");
        }
        scale = TsmSegments.getByte(s, at);
        if (scale > PackedBlockEntries.MAX_SCALE) {
            throw new CorruptionException(path, at, "bad time scale " + scale + " in the index");
        }
        widths = 0;
        for (int i = 0; i < PackedBlockEntries.WIDTH_BYTES; i++) {
            widths |= (long) TsmSegments.getByte(s, at + 1 + i) << (8 * i);
        }
        for (int c = 0; c < PackedBlockEntries.COLUMNS; c++) {
            if (PackedBlockEntries.width(widths, c) > 8) {
                throw new CorruptionException(path, at + 1 + c / 2, "bad column width in the index");
            }
        }
        int entryBytes = PackedBlockEntries.entryBytes(widths);
        if (entryBytes == 0) {
            throw new CorruptionException(path, at + 1, "block entries of no bytes in the index");
        }
        baseTime = getLong(s, at + 1 + PackedBlockEntries.WIDTH_BYTES);
        baseOffset = TsmSegments.uvarint(s, at + fixed, limit, next);
        if (baseOffset < 0 || limit - next[0] < 8) {
            throw new CorruptionException(path, at + fixed, "bad block offset in the index");
        }
        baseFirst = getLong(s, next[0]);
        next[0] += 8;
        return entryBytes;
    }

    /**
     * The layout of the entry's block entries. Of an entry whose file's index was checked ({@link
     * TsmReader#checkIndex()}), or is checked soon after a restart: damage in between fails the read that meets it.
     */
    BlockEntries blocks() {
        try {
            parseBlocks();
        } catch (CorruptionException e) {
            throw new IllegalStateException("the index entry at " + offset + " of " + path + " does not parse: "
                    + e.getMessage(), e);
        }
        return packed
                ? new PackedBlockEntries(type, blocksOffset, blockCount, scale, layouts.of(widths), baseTime,
                        baseOffset, baseFirst)
                : new FixedBlockEntries(type, blocksOffset, blockCount);
    }

    byte[] seriesKey(MemorySegment s) {
        return s.asSlice(seriesKeyOffset, seriesKeyLength).toArray(ValueLayout.JAVA_BYTE);
    }

    String field(MemorySegment s) {
        return new String(s.asSlice(fieldOffset, fieldLength).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }
}
