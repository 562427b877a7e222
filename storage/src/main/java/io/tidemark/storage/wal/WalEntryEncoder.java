package io.tidemark.storage.wal;

import io.tidemark.common.fs.FsFile;
import io.tidemark.storage.api.PointBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Frames entries ({@link WalFormat}) and writes them, in one write call when the entry fits a reusable direct
 * buffer. Confined to the committer thread.
 */
final class WalEntryEncoder {
    private static final int SCRATCH_BYTES = 1 << 20;

    private final CRC32C crc = new CRC32C();
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(SCRATCH_BYTES);
    private final ByteBuffer header = ByteBuffer.allocate(WalFormat.ENTRY_HEADER_BYTES);

    /** Writes one entry at the end of {@code file}; returns its framed size. */
    long write(FsFile file, byte type, PointBatch payload) throws IOException {
        int length = payload.sizeBytes();
        int checksum = WalFormat.checksum(crc, type, payload);
        long framed = WalFormat.ENTRY_HEADER_BYTES + (long) length;
        if (framed <= SCRATCH_BYTES) {
            scratch.clear();
            scratch.putInt(length).putInt(checksum).put(type);
            payload.writeTo(scratch);
            file.write(scratch.flip());
        } else {
            header.clear();
            header.putInt(length).putInt(checksum).put(type);
            file.write(header.flip());
            file.write(payload.asReadOnlyBuffer());
        }
        return framed;
    }
}
