package io.tidemark.storage.index;

import java.util.OptionalLong;
import java.util.zip.CRC32C;

/**
 * The files of a shard's series index; the full description with box diagrams is
 * {@code docs/format/series-index.md}.
 *
 * <pre>
 * index.snapshot      := header body crc32c:u32
 *   header            := magic:u32 "TMIS" | version:u8 | reserved:3 | generation:u64 | nextId:u32     20 bytes
 *   series (version 2) := ... | keyHash:u32 (KeyHash.hash of the series key)
 *   body (version 3)  := ... series | orderCount:varint order*
 *   order             := measurement:varint | limit:varint | count:varint | id:varint * count
 * index-&lt;gen&gt;.log  := header record*
 *   header            := magic:u32 "TMIL" | version:u8 | reserved:3 | generation:u64                 16 bytes
 *   record            := length:u32 | crc32c:u32 | type:u8 | payload:length bytes              9 + length bytes
 * </pre>
 *
 * Fixed-width integers are big-endian; varints are unsigned LEB128; bitmaps are a u32 length and RoaringBitmap's
 * portable serialization. A log record's checksum covers its length, type and payload, as in the WAL; the
 * snapshot's covers every byte before it. The log of generation {@code g} holds the changes made after the
 * snapshot of generation {@code g} (or from the start, for generation 1 without a snapshot). Stateless.
 */
public final class SeriesIndexFormat {
    /** "TMIS": a series index snapshot. */
    public static final int SNAPSHOT_MAGIC = 0x544D4953;
    /** "TMIL": a series index log. */
    public static final int LOG_MAGIC = 0x544D494C;
    public static final byte VERSION_START = 1;
    /** The version of the log, and of the snapshots written before {@link #SNAPSHOT_VERSION_HASHES}. */
    public static final byte VERSION_CURRENT = VERSION_START;
    /**
     * Snapshot version 2: each series record ends with its key's hash, so that loading does not rebuild every key
     * to hash it (a third of a 100,000-series load, on a starting node's critical path). Version 1 still loads.
     */
    public static final byte SNAPSHOT_VERSION_HASHES = 2;
    /**
     * Snapshot version 3: after the series, the key order of each measurement of many series (its live series with
     * ids below a limit, in key order), so that the first read over most of them after a restart does not sort their
     * keys (a fifth of the first count over 100,000 series). Versions 1 and 2 still load.
     */
    public static final byte SNAPSHOT_VERSION_KEY_ORDERS = 3;
    public static final byte SNAPSHOT_VERSION_CURRENT = SNAPSHOT_VERSION_KEY_ORDERS;

    /** Whether {@code version} is a snapshot version this build reads and writes. */
    static boolean isSnapshotVersion(byte version) {
        return version >= VERSION_START && version <= SNAPSHOT_VERSION_KEY_ORDERS;
    }
    public static final int SNAPSHOT_HEADER_BYTES = 20;
    public static final int SNAPSHOT_FOOTER_BYTES = 4;
    public static final int LOG_HEADER_BYTES = 16;
    public static final int RECORD_HEADER_BYTES = 9;
    /** Larger records are refused when written and taken as damage when read. */
    public static final int MAX_PAYLOAD_BYTES = 1 << 24;

    /** A series added: {@code id:u32 | key} (the canonical escaped key, the rest of the payload). */
    public static final byte RECORD_SERIES = 1;
    /** A series deleted: {@code id:u32}. */
    public static final byte RECORD_DELETE = 2;
    /** A field registered: {@code type:u8 | measurement:varint-sized | field name (UTF-8, the rest)}. */
    public static final byte RECORD_FIELD = 3;
    /** A measurement's fields forgotten: {@code measurement} (escaped, the whole payload). */
    public static final byte RECORD_DROP_FIELDS = 4;

    /** The smallest log record: a series with a one-byte key. */
    static final int MIN_SERIES_RECORD_BYTES = RECORD_HEADER_BYTES + 4 + 1;

    public static final String SNAPSHOT_FILE = "index.snapshot";
    public static final String LOG_PREFIX = "index-";
    public static final String LOG_EXTENSION = ".log";
    /** The suffix given to a log found damaged, kept for inspection. */
    public static final String CORRUPT_SUFFIX = ".corrupt";

    private SeriesIndexFormat() {
    }

    /** The file name of the log of a generation (1-based): at least eight digits. */
    public static String logFile(long generation) {
        return LOG_PREFIX + String.format("%08d", generation) + LOG_EXTENSION;
    }

    /** The generation of a log file name, or empty if the name is not one. */
    public static OptionalLong parseLogFile(String fileName) {
        if (!fileName.startsWith(LOG_PREFIX) || !fileName.endsWith(LOG_EXTENSION)) {
            return OptionalLong.empty();
        }
        String digits = fileName.substring(LOG_PREFIX.length(), fileName.length() - LOG_EXTENSION.length());
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        long g = Long.parseLong(digits);
        return g == 0 ? OptionalLong.empty() : OptionalLong.of(g);
    }

    /** The checksum of a log record: its length field, type and payload. {@code crc} is reset first. */
    static int recordChecksum(CRC32C crc, byte[] buf, int lengthFieldOff, int payloadLength) {
        crc.reset();
        crc.update(buf, lengthFieldOff, 4);
        crc.update(buf, lengthFieldOff + 8, 1 + payloadLength);
        return (int) crc.getValue();
    }
}
