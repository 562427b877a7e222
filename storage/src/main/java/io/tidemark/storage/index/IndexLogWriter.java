package io.tidemark.storage.index;

import io.tidemark.common.FieldType;
import io.tidemark.common.fs.Fs;
import io.tidemark.common.fs.FsFile;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Appends records to one series index log file ({@link SeriesIndexFormat}). Records are encoded into a
 * {@link ByteSink} by the static methods, then written with one call. Not thread-safe: owned by
 * {@link SeriesIndexFiles}' caller thread.
 */
final class IndexLogWriter implements Closeable {
    private final Path path;
    private final FsFile file;
    private long sizeBytes;
    /** Whether bytes were written since the last fsync. */
    private boolean dirty;

    private IndexLogWriter(Path path, FsFile file, long sizeBytes) {
        this.path = path;
        this.file = file;
        this.sizeBytes = sizeBytes;
    }

    /** Creates a log with its header, durably (file and directory entry fsynced), replacing any file there. */
    static IndexLogWriter create(Fs fs, Path path, long generation) throws IOException {
        FsFile f = fs.openAppend(path);
        try {
            f.truncate(0);
            ByteSink header = new ByteSink(SeriesIndexFormat.LOG_HEADER_BYTES);
            header.u32(SeriesIndexFormat.LOG_MAGIC).u8(SeriesIndexFormat.VERSION_CURRENT).u8(0).u8(0).u8(0)
                    .u64(generation);
            f.write(ByteBuffer.wrap(header.array(), 0, header.size()));
            f.force();
            fs.fsyncDirectory(path.toAbsolutePath().getParent());
            return new IndexLogWriter(path, f, header.size());
        } catch (IOException | RuntimeException e) {
            closeQuietly(f, e);
            throw e;
        }
    }

    /** Opens an intact log (as replay left it) to append to it. */
    static IndexLogWriter append(Fs fs, Path path) throws IOException {
        FsFile f = fs.openAppend(path);
        try {
            return new IndexLogWriter(path, f, f.size());
        } catch (IOException | RuntimeException e) {
            closeQuietly(f, e);
            throw e;
        }
    }

    Path path() {
        return path;
    }

    long sizeBytes() {
        return sizeBytes;
    }

    void write(ByteSink records) throws IOException {
        if (records.size() == 0) {
            return;
        }
        file.write(ByteBuffer.wrap(records.array(), 0, records.size()));
        sizeBytes += records.size();
        dirty = true;
    }

    /** fsync, if anything was written since the last one. */
    void sync() throws IOException {
        if (dirty) {
            file.force();
            dirty = false;
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    // ---------------------------------------------------------------- record encoding

    static void series(ByteSink out, CRC32C crc, int id, byte[] key) {
        int start = begin(out, SeriesIndexFormat.RECORD_SERIES);
        out.u32(id).bytes(key, 0, key.length);
        end(out, crc, start);
    }

    static void delete(ByteSink out, CRC32C crc, int id) {
        int start = begin(out, SeriesIndexFormat.RECORD_DELETE);
        out.u32(id);
        end(out, crc, start);
    }

    static void field(ByteSink out, CRC32C crc, byte[] measurement, String name, FieldType type) {
        int start = begin(out, SeriesIndexFormat.RECORD_FIELD);
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        out.u8(type.code()).sized(measurement).bytes(n, 0, n.length);
        end(out, crc, start);
    }

    static void dropFields(ByteSink out, CRC32C crc, byte[] measurement) {
        int start = begin(out, SeriesIndexFormat.RECORD_DROP_FIELDS);
        out.bytes(measurement, 0, measurement.length);
        end(out, crc, start);
    }

    private static int begin(ByteSink out, byte type) {
        int start = out.size();
        out.u32(0).u32(0).u8(type);
        return start;
    }

    private static void end(ByteSink out, CRC32C crc, int start) {
        int payload = out.size() - start - SeriesIndexFormat.RECORD_HEADER_BYTES;
        if (payload > SeriesIndexFormat.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("cannot log a series index record of " + payload + " bytes (limit "
                    + SeriesIndexFormat.MAX_PAYLOAD_BYTES + ")");
        }
        out.u32At(start, payload);
        out.u32At(start + 4, SeriesIndexFormat.recordChecksum(crc, out.array(), start, payload));
    }

    private static void closeQuietly(FsFile f, Exception primary) {
        try {
            f.close();
        } catch (IOException suppressed) {
            primary.addSuppressed(suppressed);
        }
    }
}
