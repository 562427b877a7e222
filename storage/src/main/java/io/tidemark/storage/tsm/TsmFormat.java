package io.tidemark.storage.tsm;

import io.tidemark.common.FieldType;

/**
 * The layout of a TSM file: an immutable, column-compressed file of the points of many series fields. The full
 * description, with box diagrams, is {@code docs/format/tsm.md}; this is its summary.
 *
 * <pre>
 * file        := header block* index directory footer
 * header      := magic "TMTS" (4) | version:u8 | reserved (3 zero bytes)                          8 bytes
 * block       := crc32c:u32 | type:u8 | timestamps column | values column
 * index       := key entry*                      sorted by (series key, field), bytewise unsigned, no duplicates
 * key entry   := series | fieldLength:uvarint | field (UTF-8) | type:u8 | blockCount:uvarint
 *                | scale:u8 | widths (5 bytes) | baseTime:i64 | baseOffset:uvarint | baseFirst:i64
 *                | block entry*                                                         blocks sorted by time
 * series      := keyLength:uvarint | series key
 *                | 0 | distance:uvarint | keyLength:uvarint        the previous key entry's series key, shared
 * block entry := minTime | maxTime | offset | size | count | first | min | max | last | sum
 *                each in the key's width for it (0 to 8 bytes), relative (see PackedBlockEntries)
 * directory   := keyEntryOffset:u64 * keyCount                  lets a reader binary-search the mapped index
 * footer      := magic "TMT3" (4; "TMTE" before version 3) | keyCount:u32 | indexOffset:u64 | directoryOffset:u64
 *                | minTime:i64 | maxTime:i64 | indexCrc32c:u32 | fileCrc32c:u32                  48 bytes
 * </pre>
 *
 * Fixed-width integers are little-endian (the magics are written as the bytes of their ASCII text); a column is an
 * encoding of {@code io.tidemark.storage.encoding} (a header byte that names it, a count, a body). {@code type} is
 * {@link FieldType#code()}. Block statistics hold value bits as the cache does (IEEE 754 bits of floats, 0/1 of
 * booleans); they are zero for strings.
 *
 * <p>Checksums, all CRC-32C: one per block, over the block after its checksum, so a damaged block is found when it is
 * read and the other blocks stay readable; one over the index, directory and footer up to the index checksum,
 * verified when the file is opened (the index is what a reader trusts to find everything else); one over the whole
 * file before it, for {@link TsmReader#verify()} and copies, which opening does not read (a file is mapped, and its
 * blocks are paged in only when read). Stateless.
 */
public final class TsmFormat {
    /** "TMTS" as the bytes of the file's start. */
    public static final int MAGIC = 0x544D5453;
    /** "TMTE" as the bytes of the footer's start, in versions 1 and 2. */
    public static final int FOOTER_MAGIC = 0x544D5445;
    /**
     * "TMT3" as the bytes of the footer's start, from version 3 (packed block entries) on: a file whose version byte
     * is damaged into an older one is told by its footer, before its index is read in the wrong layout.
     */
    public static final int FOOTER_MAGIC_PACKED = 0x544D5433;
    public static final byte VERSION_START = 1;
    /**
     * Version 2: the same layout; columns may use the Huffman encodings (LONG 5 and 6, FLOAT 5). Version 3: packed
     * block entries with sums, shared series keys (older versions had 64-byte entries, {@link FixedBlockEntries}).
     */
    public static final byte VERSION_CURRENT = 3;
    /** The first version with packed block entries and shared series keys. */
    static final byte VERSION_PACKED_ENTRIES = 3;
    /** The extension of finished files; a file being written has {@link #TEMPORARY_SUFFIX} after it. */
    public static final String EXTENSION = ".tsm";
    public static final String TEMPORARY_SUFFIX = ".tmp";

    public static final int HEADER_BYTES = 8;
    public static final int FOOTER_BYTES = 48;
    /** The checksum and the type byte that start every block. */
    public static final int BLOCK_PREFIX_BYTES = 5;
    /** The most points in one block; writers use fewer (1,000 by default, as InfluxDB). */
    public static final int MAX_POINTS_PER_BLOCK = 1 << 16;
    public static final int DEFAULT_POINTS_PER_BLOCK = 1000;
    /** Longer series keys or field names are refused when written and taken as damage when read. */
    public static final int MAX_KEY_BYTES = 1 << 20;

    // Offsets inside the footer.
    static final int FOOTER_KEY_COUNT = 4;
    static final int FOOTER_INDEX_OFFSET = 8;
    static final int FOOTER_DIRECTORY_OFFSET = 16;
    static final int FOOTER_MIN_TIME = 24;
    static final int FOOTER_MAX_TIME = 32;
    static final int FOOTER_INDEX_CRC = 40;
    static final int FOOTER_FILE_CRC = 44;

    private TsmFormat() {
    }

    /** Whether block statistics of this type carry values (min, max, first, last). */
    static boolean hasValueStatistics(FieldType type) {
        return type != FieldType.STRING;
    }
}
