package io.tidemark.storage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Bytes on disk that are not what was written: a WAL entry whose checksum does not match, a segment whose header
 * is not ours. Carries the file and the offset of the first bad byte, for the operator and for a repair tool.
 */
public final class CorruptionException extends IOException {
    private final Path file;
    private final long offset;

    public CorruptionException(Path file, long offset, String reason) {
        super("corruption in " + file + " at offset " + offset + ": " + reason);
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
