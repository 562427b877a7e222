package io.tidemark.storage.wal;

import io.tidemark.storage.api.PointBatch;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The WAL segment layout; the full description with box diagrams is {@code docs/format/wal.md}.
 *
 * <pre>
 * segment := header entry*
 * header  := magic:u32 "TMWL" | version:u8 | reserved:3 bytes (0)            8 bytes
 * entry   := length:u32 | crc32c:u32 | type:u8 | payload:length bytes         9 + length bytes
 * </pre>
 *
 * Integers are big-endian. The checksum is CRC-32C over the length field, the type and the payload, so a damaged
 * length is caught as well as damaged data. Entries of {@link #ENTRY_WRITE} carry a
 * {@link io.tidemark.storage.api.PointBatch}. Stateless.
 */
public final class WalFormat {
    /** "TMWL": identifies our segments. */
    public static final int MAGIC = 0x544D574C;
    public static final byte VERSION_START = 1;
    public static final byte VERSION_CURRENT = VERSION_START;
    public static final int SEGMENT_HEADER_BYTES = 8;
    public static final int ENTRY_HEADER_BYTES = 9;
    /** A batch of points written to the shard. */
    public static final byte ENTRY_WRITE = 1;
    /** Larger entries are refused when written and taken as damage when read. */
    public static final int MAX_PAYLOAD_BYTES = 1 << 30;

    private WalFormat() {
    }

    static ByteBuffer segmentHeader() {
        ByteBuffer b = ByteBuffer.allocate(SEGMENT_HEADER_BYTES);
        b.putInt(MAGIC).put(VERSION_CURRENT).put((byte) 0).put((byte) 0).put((byte) 0);
        return b.flip();
    }

    /** The checksum of an entry being written. {@code crc} is reset first. */
    static int checksum(CRC32C crc, byte type, PointBatch payload) {
        crc.reset();
        updateInt(crc, payload.sizeBytes());
        crc.update(type);
        payload.updateChecksum(crc);
        return (int) crc.getValue();
    }

    /** The checksum of an entry read back: its length, type and payload as found. {@code crc} is reset first. */
    static int checksum(CRC32C crc, int length, byte type, byte[] buf, int payloadOff) {
        crc.reset();
        updateInt(crc, length);
        crc.update(type);
        crc.update(buf, payloadOff, length);
        return (int) crc.getValue();
    }

    private static void updateInt(CRC32C crc, int v) {
        crc.update(v >>> 24);
        crc.update(v >>> 16);
        crc.update(v >>> 8);
        crc.update(v);
    }
}
