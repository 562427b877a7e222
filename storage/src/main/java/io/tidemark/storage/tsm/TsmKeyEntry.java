package io.tidemark.storage.tsm;

import io.tidemark.common.FieldType;
import io.tidemark.storage.CorruptionException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * Where the parts of one key entry of a mapped index are. Mutable and reused: {@link #parse} re-arms it. Not
 * thread-safe.
 */
final class TsmKeyEntry {
    private final long[] next = new long[1];

    long offset;
    long seriesKeyOffset;
    int seriesKeyLength;
    long fieldOffset;
    int fieldLength;
    FieldType type;
    int blockCount;
    /** The first block entry; entry {@code i} is at {@code blocksOffset + 64 * i}. */
    long blocksOffset;
    /** Just past the last block entry. */
    long end;

    /**
     * Reads the key entry at {@code offset}, which must end by {@code limit}.
     *
     * @throws CorruptionException if it does not parse or does not fit
     */
    TsmKeyEntry parse(Path path, MemorySegment s, long offset, long limit) throws CorruptionException {
        this.offset = offset;
        long keyLength = TsmSegments.uvarint(s, offset, limit, next);
        if (keyLength < 1 || keyLength > TsmFormat.MAX_KEY_BYTES || keyLength > limit - next[0]) {
            throw new CorruptionException(path, offset, "bad series key length in the index");
        }
        seriesKeyOffset = next[0];
        seriesKeyLength = (int) keyLength;
        long fieldLengthAt = seriesKeyOffset + keyLength;
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
        if (code >= FieldType.values().length) {
            throw new CorruptionException(path, typeAt, "unknown field type code " + code);
        }
        type = FieldType.ofCode(code);
        long blocks = TsmSegments.uvarint(s, typeAt + 1, limit, next);
        if (blocks < 1 || blocks > (limit - next[0]) / TsmFormat.BLOCK_ENTRY_BYTES) {
            throw new CorruptionException(path, typeAt + 1, "bad block count " + blocks + " in the index");
        }
        blockCount = (int) blocks;
        blocksOffset = next[0];
        end = blocksOffset + blocks * TsmFormat.BLOCK_ENTRY_BYTES;
        return this;
    }

    long blockEntry(int i) {
        return blocksOffset + (long) i * TsmFormat.BLOCK_ENTRY_BYTES;
    }

    byte[] seriesKey(MemorySegment s) {
        return s.asSlice(seriesKeyOffset, seriesKeyLength).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }

    String field(MemorySegment s) {
        return new String(s.asSlice(fieldOffset, fieldLength).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
                java.nio.charset.StandardCharsets.UTF_8);
    }
}
