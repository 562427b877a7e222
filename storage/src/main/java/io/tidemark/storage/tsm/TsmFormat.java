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
 * key entry   := keyLength:uvarint | series key | fieldLength:uvarint | field (UTF-8) | type:u8
 *                | blockCount:uvarint | block entry*                                  blocks sorted by time
 * block entry := minTime:i64 | maxTime:i64 | offset:u64 | size:u32 | count:u32
 *                | min:i64 | max:i64 | first:i64 | last:i64                                       64 bytes
 * directory   := keyEntryOffset:u64 * keyCount                  lets a reader binary-search the mapped index
 * footer      := magic "TMTE" (4) | keyCount:u32 | indexOffset:u64 | directoryOffset:u64
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
    /** "TMTE" as the bytes of the footer's start. */
    public static final int FOOTER_MAGIC = 0x544D5445;
    public static final byte VERSION_START = 1;
    /** Version 2: the same layout; columns may use the Huffman encodings (LONG 5 and 6, FLOAT 5). */
    public static final byte VERSION_CURRENT = 2;
    /** The extension of finished files; a file being written has {@link #TEMPORARY_SUFFIX} after it. */
    public static final String EXTENSION = ".tsm";
    public static final String TEMPORARY_SUFFIX = ".tmp";

    public static final int HEADER_BYTES = 8;
    public static final int FOOTER_BYTES = 48;
    public static final int BLOCK_ENTRY_BYTES = 64;
    /** The checksum and the type byte that start every block. */
    public static final int BLOCK_PREFIX_BYTES = 5;
    /** The most points in one block; writers use fewer (1,000 by default, as InfluxDB). */
    public static final int MAX_POINTS_PER_BLOCK = 1 << 16;
    public static final int DEFAULT_POINTS_PER_BLOCK = 1000;
    /** Longer series keys or field names are refused when written and taken as damage when read. */
    public static final int MAX_KEY_BYTES = 1 << 20;

    // Offsets inside a block entry.
    static final int ENTRY_MIN_TIME = 0;
    static final int ENTRY_MAX_TIME = 8;
    static final int ENTRY_OFFSET = 16;
    static final int ENTRY_SIZE = 24;
    static final int ENTRY_COUNT = 28;
    static final int ENTRY_MIN = 32;
    static final int ENTRY_MAX = 40;
    static final int ENTRY_FIRST = 48;
    static final int ENTRY_LAST = 56;

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
