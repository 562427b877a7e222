package io.tidemark.storage.tombstone;

import io.tidemark.common.fs.Fs;
import io.tidemark.common.fs.FsFile;
import io.tidemark.storage.CorruptionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable tombstones of one shard, in one append-only file (format in {@link TombstoneFormat}). A tombstone is
 * durable when {@link #append} returns: it is written and fsynced (and, for the file's first entry, so is the
 * directory). {@link #rewrite} replaces the whole file atomically, to drop the tombstones compaction has applied.
 *
 * <p>After a failed append or a rewrite that failed at or after its rename, the state of the file is unknown, so
 * this object refuses further appends (the shard is distressed) until a rewrite succeeds or the file is opened
 * again; the file stays readable with every entry acknowledged before, and an entry whose append failed may or may
 * not be found by the next {@link #open}, as with any delete whose outcome the client did not learn.
 *
 * <p>Not thread-safe: the caller serialises every call (the shard's delete path holds one tombstone writer at a
 * time). {@link #entries()} returns an immutable snapshot that may be shared freely.
 */
public final class TombstoneFile implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TombstoneFile.class);

    private final Fs fs;
    private final Path path;
    private final Path temporary;
    private final CRC32C crc = new CRC32C();
    private final boolean truncatedOnOpen;
    private List<Tombstone> entries;
    /** The bytes of the file that hold acknowledged entries (0: the file is absent or empty, no header yet). */
    private long committedBytes;
    /** The file opened for appending; null until the first append, and after a rewrite, a failure or close. */
    private FsFile out;
    /** Why appends are refused, or null. */
    private String failure;
    private boolean closed;

    private TombstoneFile(Fs fs, Path path, List<Tombstone> entries, long committedBytes, boolean truncatedOnOpen) {
        this.fs = fs;
        this.path = path;
        this.temporary = temporaryOf(path);
        this.entries = entries;
        this.committedBytes = committedBytes;
        this.truncatedOnOpen = truncatedOnOpen;
    }

    /**
     * Loads the tombstones of {@code path}; an absent file holds none.
     *
     * <p>Recovery policy. Entries are acknowledged only after an fsync that covers them and everything before, and
     * nothing is appended after an entry whose append failed, so a crash can damage only the last entry: cut short,
     * with a checksum mismatch, or zeros. Damage that no intact entry follows is such a torn tail: the file is
     * truncated before it (durably) and the earlier entries are kept. Damage that an intact entry follows cannot be
     * a torn tail: it is reported as a {@link CorruptionException} with the file and the damaged entry's offset, and
     * the file is left as it is. A file holding only a prefix of the header, or only zeros, was torn while being
     * created and never held an acknowledged entry: it is emptied. A leftover temporary file of an interrupted
     * rewrite is deleted (the rename had not happened, so the file is the old one, complete).
     *
     * @throws CorruptionException if the header is not ours or an entry other than a torn last one is damaged
     */
    public static TombstoneFile open(Fs fs, Path path) throws IOException {
        Path temporary = temporaryOf(path);
        if (fs.exists(temporary)) {
            LOG.warn("deleting {} left by an interrupted tombstone rewrite", temporary);
            fs.delete(temporary);
        }
        if (!fs.exists(path)) {
            return new TombstoneFile(fs, path, List.of(), 0, false);
        }
        byte[] data = fs.readAllBytes(path);
        if (isTornHeader(data)) {
            if (data.length > 0) {
                LOG.warn("emptying tombstone file {} torn while being created ({} bytes)", path, data.length);
                truncate(fs, path, 0);
            }
            return new TombstoneFile(fs, path, List.of(), 0, data.length > 0);
        }
        checkHeader(path, data);
        CRC32C crc = new CRC32C();
        List<Tombstone> entries = new ArrayList<>();
        int pos = TombstoneFormat.HEADER_BYTES;
        while (pos < data.length) {
            int length = intactEntryLength(data, pos, crc);
            if (length < 0) {
                String problem = problemAt(data, pos, crc);
                if (nextIntactEntry(data, pos + 1, crc) >= 0) {
                    throw new CorruptionException(path, pos, problem + ", followed by intact entries");
                }
                LOG.warn("truncating torn tail of tombstone file {} at offset {} ({} bytes): {}", path, pos,
                        data.length - pos, problem);
                truncate(fs, path, pos);
                return new TombstoneFile(fs, path, Collections.unmodifiableList(entries), pos, true);
            }
            try {
                entries.add(TombstoneFormat.decodePayload(data, pos + TombstoneFormat.ENTRY_HEADER_BYTES, length));
            } catch (IllegalArgumentException e) {
                // The checksum matched: these bytes were written whole, so this is not a torn write.
                throw new CorruptionException(path, pos, "entry with a valid checksum is not a tombstone: "
                        + e.getMessage());
            }
            pos += TombstoneFormat.ENTRY_HEADER_BYTES + length;
        }
        return new TombstoneFile(fs, path, Collections.unmodifiableList(entries), data.length, false);
    }

    public Path path() {
        return path;
    }

    /** The tombstones acknowledged so far, in append order. Immutable. */
    public List<Tombstone> entries() {
        return entries;
    }

    /** Whether {@link #open} removed a torn tail or a torn header (for the recovery report). */
    public boolean truncatedOnOpen() {
        return truncatedOnOpen;
    }

    /**
     * Writes {@code t} and fsyncs it; {@code t} is durable and in {@link #entries()} when this returns.
     *
     * @throws IOException if writing or fsyncing failed; appends are refused from then on (see the class comment)
     * @throws IllegalArgumentException if {@code t} is too large for one entry ({@link TombstoneFormat})
     * @throws IllegalStateException if closed
     */
    public void append(Tombstone t) throws IOException {
        checkOpen();
        if (failure != null) {
            throw new IOException("cannot append tombstone to " + path + ": " + failure
                    + "; the file must be reopened");
        }
        ByteBuffer entry = TombstoneFormat.encodeEntry(t, crc);
        try {
            boolean creating = committedBytes == 0;
            if (out == null) {
                Path dir = path.toAbsolutePath().getParent();
                if (!fs.exists(dir)) {
                    fs.createDirectoriesDurably(dir);
                }
                out = fs.openAppend(path);
                if (out.size() != committedBytes) {
                    // Only bytes of an append that did not return can be there, and a failed append makes this
                    // object refuse appends; anything else means someone else wrote the file.
                    throw new IOException("tombstone file " + path + " is " + out.size() + " bytes, expected "
                            + committedBytes);
                }
            }
            ByteBuffer bytes = entry;
            if (creating) {
                bytes = ByteBuffer.allocate(TombstoneFormat.HEADER_BYTES + entry.remaining())
                        .put(TombstoneFormat.header()).put(entry).flip();
            }
            long size = bytes.remaining();
            out.write(bytes);
            out.force();
            if (creating) {
                fs.fsyncDirectory(path.toAbsolutePath().getParent());
            }
            committedBytes += size;
        } catch (IOException | RuntimeException e) {
            fail("an append failed (" + e.getMessage() + ")");
            throw e;
        }
        List<Tombstone> next = new ArrayList<>(entries.size() + 1);
        next.addAll(entries);
        next.add(t);
        entries = Collections.unmodifiableList(next);
    }

    /**
     * Replaces the file with one holding {@code keep}, atomically: written to a temporary file, fsynced, renamed
     * over the file, directory fsynced. An empty {@code keep} deletes the file durably. After a crash the file
     * holds either the old entries or {@code keep}. If this fails before the rename, the old file is untouched and
     * this object carries on with the old entries; if it fails at or after the rename, appends are refused.
     *
     * @throws IllegalStateException if closed
     */
    public void rewrite(List<Tombstone> keep) throws IOException {
        checkOpen();
        List<Tombstone> kept = List.copyOf(keep);
        List<ByteBuffer> encoded = new ArrayList<>(kept.size());
        long size = TombstoneFormat.HEADER_BYTES;
        for (Tombstone t : kept) {
            ByteBuffer e = TombstoneFormat.encodeEntry(t, crc);
            size += e.remaining();
            encoded.add(e);
        }
        closeOut();
        Path dir = path.toAbsolutePath().getParent();
        if (kept.isEmpty()) {
            try {
                if (fs.exists(path)) {
                    fs.delete(path);
                    fs.fsyncDirectory(dir);
                }
            } catch (IOException e) {
                fail("a rewrite failed deleting the file (" + e.getMessage() + ")");
                throw e;
            }
            committedBytes = 0;
        } else {
            writeTemporary(encoded);
            try {
                fs.rename(temporary, path);
                fs.fsyncDirectory(dir);
            } catch (IOException e) {
                fail("a rewrite failed renaming the new file into place (" + e.getMessage() + ")");
                deleteQuietly(temporary);
                throw e;
            }
            committedBytes = size;
        }
        entries = kept;
        failure = null;
    }

    /** Closes the append handle; the file is left as it is. Idempotent. */
    @Override
    public void close() throws IOException {
        closed = true;
        closeOut();
    }

    private void writeTemporary(List<ByteBuffer> encoded) throws IOException {
        boolean written = false;
        try (FsFile f = fs.openAppend(temporary)) {
            f.truncate(0);
            f.write(TombstoneFormat.header());
            for (ByteBuffer e : encoded) {
                f.write(e);
            }
            f.force();
            written = true;
        } finally {
            if (!written) {
                deleteQuietly(temporary);
            }
        }
    }

    private void deleteQuietly(Path p) {
        try {
            if (fs.exists(p)) {
                fs.delete(p);
            }
        } catch (IOException e) {
            LOG.warn("cannot delete {} after a failed tombstone rewrite (open deletes it): {}", p, e.toString());
        }
    }

    private void fail(String why) {
        failure = why;
        try {
            closeOut();
        } catch (IOException e) {
            LOG.warn("cannot close tombstone file {} after a failure: {}", path, e.toString());
        }
    }

    private void closeOut() throws IOException {
        FsFile f = out;
        out = null;
        if (f != null) {
            f.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("tombstone file " + path + " is closed");
        }
    }

    private static Path temporaryOf(Path path) {
        return path.resolveSibling(path.getFileName() + TombstoneFormat.TEMPORARY_SUFFIX);
    }

    private static void truncate(Fs fs, Path path, long size) throws IOException {
        try (FsFile f = fs.openRead(path)) {
            f.truncate(size);
            f.force();
        }
    }

    /** A prefix of our header (a crash while the file was being created), or nothing but zeros. */
    private static boolean isTornHeader(byte[] data) {
        boolean allZero = true;
        for (byte b : data) {
            if (b != 0) {
                allZero = false;
                break;
            }
        }
        if (allZero) {
            return true;
        }
        if (data.length >= TombstoneFormat.HEADER_BYTES) {
            return false;
        }
        byte[] header = TombstoneFormat.header().array();
        for (int i = 0; i < data.length; i++) {
            if (data[i] != header[i]) {
                return false;
            }
        }
        return true;
    }

    private static void checkHeader(Path path, byte[] data) throws CorruptionException {
        if (data.length < TombstoneFormat.HEADER_BYTES) {
            throw new CorruptionException(path, 0, "header cut short (" + data.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        if (b.getInt(0) != TombstoneFormat.MAGIC) {
            throw new CorruptionException(path, 0, "not a tombstone file (magic " + Integer.toHexString(b.getInt(0))
                    + ")");
        }
        if (data[4] < TombstoneFormat.VERSION_START || data[4] > TombstoneFormat.VERSION_CURRENT) {
            throw new CorruptionException(path, 4, "unknown tombstone file version " + data[4]);
        }
        if (data[5] != 0 || data[6] != 0 || data[7] != 0) {
            throw new CorruptionException(path, 5, "non-zero reserved header bytes");
        }
    }

    /** The payload length of the entry at {@code pos} if it is whole and its checksum matches, else -1. */
    private static int intactEntryLength(byte[] data, int pos, CRC32C crc) {
        if (data.length - pos < TombstoneFormat.ENTRY_HEADER_BYTES) {
            return -1;
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        int length = b.getInt(pos);
        if (length < TombstoneFormat.PAYLOAD_FIXED_BYTES || length > TombstoneFormat.MAX_PAYLOAD_BYTES
                || length > data.length - pos - TombstoneFormat.ENTRY_HEADER_BYTES) {
            return -1;
        }
        return TombstoneFormat.checksum(crc, data, pos, length) == b.getInt(pos + 4) ? length : -1;
    }

    /** Why the entry at {@code pos} is not intact. */
    private static String problemAt(byte[] data, int pos, CRC32C crc) {
        int remaining = data.length - pos;
        if (remaining < TombstoneFormat.ENTRY_HEADER_BYTES) {
            return "entry header cut short (" + remaining + " of " + TombstoneFormat.ENTRY_HEADER_BYTES + " bytes)";
        }
        int length = ByteBuffer.wrap(data).getInt(pos);
        if (length < TombstoneFormat.PAYLOAD_FIXED_BYTES || length > TombstoneFormat.MAX_PAYLOAD_BYTES) {
            return "entry length " + Integer.toUnsignedString(length) + " out of range";
        }
        if (length > remaining - TombstoneFormat.ENTRY_HEADER_BYTES) {
            return "entry of " + length + " bytes cut short at " + (remaining - TombstoneFormat.ENTRY_HEADER_BYTES);
        }
        return "entry checksum mismatch";
    }

    /**
     * The offset of the first intact entry at or after {@code from}, or -1. Only called on damage, to tell a torn
     * tail from damage in the middle: an intact entry can follow damage only if the damaged bytes were once
     * fsynced. A run of garbage passes a 32-bit checksum with odds of 2^-32 per candidate offset.
     */
    private static int nextIntactEntry(byte[] data, int from, CRC32C crc) {
        for (int q = from; q + TombstoneFormat.ENTRY_HEADER_BYTES + TombstoneFormat.PAYLOAD_FIXED_BYTES
                <= data.length; q++) {
            if (intactEntryLength(data, q, crc) >= 0) {
                return q;
            }
        }
        return -1;
    }
}
