package io.tidemark.storage.index;

import io.tidemark.common.FieldType;
import io.tidemark.common.fs.Fs;
import io.tidemark.common.fs.FsFile;
import io.tidemark.storage.CorruptionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a series index log into an index when it opens.
 *
 * <p>Recovery policy, as for the WAL. A crash can leave the log with a torn tail: a record cut short, one whose
 * checksum does not match and that reaches the end of the file, or zeros to the end (a file system that extended
 * the file but not its data). It is truncated: nothing there was synced, and what was not synced may be lost (the
 * series come back from the WAL's replay, under new ids that nothing durable refers to). A log whose header is cut
 * short or all zero was being created: it held nothing and is deleted. Damage anywhere else (a bad header, a bad
 * record followed by more bytes, a record with a valid checksum that cannot be applied) is corruption: the records
 * before it are kept and the rest is not read; {@link SeriesIndexFiles} then sets the file aside and starts over
 * from a snapshot of what was recovered.
 *
 * <p>Not thread-safe; used by the opening thread.
 */
final class IndexLogReplayer {
    private static final Logger LOG = LoggerFactory.getLogger(IndexLogReplayer.class);

    /**
     * What replay found.
     *
     * @param records records applied
     * @param truncatedAt where a torn tail was cut off, or -1
     * @param deleted whether the file was deleted as torn while being created
     * @param corruption the damage that stopped replay, or null
     * @param unreadBytes the bytes from the damage to the end of the file
     */
    record Outcome(long records, long truncatedAt, boolean deleted, CorruptionException corruption,
            long unreadBytes) {
    }

    private final Fs fs;
    private final CRC32C crc = new CRC32C();

    IndexLogReplayer(Fs fs) {
        this.fs = fs;
    }

    Outcome replay(Path path, long generation, SeriesIndex index) throws IOException {
        byte[] data = fs.readAllBytes(path);
        if (data.length < SeriesIndexFormat.LOG_HEADER_BYTES || allZero(data, 0)) {
            // A crash while the log was being created: it never held a record.
            LOG.warn("removing series index log {} torn while being created ({} bytes)", path, data.length);
            fs.delete(path);
            fs.fsyncDirectory(path.toAbsolutePath().getParent());
            return new Outcome(0, -1, true, null, 0);
        }
        ByteBuffer buf = ByteBuffer.wrap(data);
        String headerProblem = headerProblem(buf, generation);
        if (headerProblem != null) {
            return corrupt(path, 0, headerProblem, 0, data.length);
        }
        long records = 0;
        int pos = SeriesIndexFormat.LOG_HEADER_BYTES;
        while (pos < data.length) {
            int remaining = data.length - pos;
            String problem;
            boolean reachesEnd;
            if (remaining < SeriesIndexFormat.RECORD_HEADER_BYTES) {
                problem = "record header cut short (" + remaining + " bytes)";
                reachesEnd = true;
            } else {
                int length = buf.getInt(pos);
                long end = pos + (long) SeriesIndexFormat.RECORD_HEADER_BYTES + Integer.toUnsignedLong(length);
                if (length < 0 || length > SeriesIndexFormat.MAX_PAYLOAD_BYTES) {
                    problem = "record length " + Integer.toUnsignedString(length) + " out of range";
                    reachesEnd = false;
                } else if (end > data.length) {
                    problem = "record of " + length + " bytes cut short";
                    reachesEnd = true;
                } else if (SeriesIndexFormat.recordChecksum(crc, data, pos, length) != buf.getInt(pos + 4)) {
                    problem = "record checksum mismatch";
                    reachesEnd = end == data.length;
                } else {
                    String applyProblem = apply(data[pos + 8], data, pos + SeriesIndexFormat.RECORD_HEADER_BYTES,
                            length, index);
                    if (applyProblem == null) {
                        records++;
                        pos = (int) end;
                        continue;
                    }
                    problem = applyProblem;
                    reachesEnd = false;
                }
            }
            if (reachesEnd || allZero(data, pos)) {
                LOG.warn("truncating torn tail of series index log {} at offset {} ({} bytes): {}", path, pos,
                        data.length - pos, problem);
                truncate(path, pos);
                return new Outcome(records, pos, false, null, 0);
            }
            return corrupt(path, pos, problem, records, data.length - pos);
        }
        return new Outcome(records, -1, false, null, 0);
    }

    /** Applies one intact record; returns why it cannot be applied, or null. */
    private static String apply(byte type, byte[] data, int off, int len, SeriesIndex index) {
        ByteBuffer p = ByteBuffer.wrap(data, off, len);
        try {
            switch (type) {
                case SeriesIndexFormat.RECORD_SERIES -> {
                    if (len < 5) {
                        return "series record of " + len + " bytes";
                    }
                    index.restoreSeries(p.getInt(off), Arrays.copyOfRange(data, off + 4, off + len));
                }
                case SeriesIndexFormat.RECORD_DELETE -> {
                    if (len != 4) {
                        return "delete record of " + len + " bytes";
                    }
                    index.deleteSeries(p.getInt(off));
                }
                case SeriesIndexFormat.RECORD_FIELD -> {
                    if (len < 2) {
                        return "field record of " + len + " bytes";
                    }
                    FieldType t = FieldType.ofCode(data[off]);
                    int[] pos = {off + 1};
                    int mLen = checkedVarint(data, pos, off + len);
                    if (mLen > off + len - pos[0]) {
                        return "field record with a measurement of " + mLen + " bytes past its end";
                    }
                    byte[] m = Arrays.copyOfRange(data, pos[0], pos[0] + mLen);
                    String name = new String(data, pos[0] + mLen, off + len - pos[0] - mLen, StandardCharsets.UTF_8);
                    index.restoreField(m, name, t);
                }
                case SeriesIndexFormat.RECORD_DROP_FIELDS ->
                    index.restoreDropFields(Arrays.copyOfRange(data, off, off + len));
                default -> {
                    return "unknown record type " + type;
                }
            }
            return null;
        } catch (IllegalArgumentException e) {
            return "record cannot be applied: " + e.getMessage();
        }
    }

    /** A varint from untrusted bytes; advances {@code pos[0]}. */
    static int checkedVarint(byte[] data, int[] pos, int end) {
        int v = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            if (pos[0] >= end) {
                throw new IllegalArgumentException("varint cut short");
            }
            int b = data[pos[0]++];
            v |= (b & 0x7F) << shift;
            if (b >= 0) {
                if (v < 0) {
                    throw new IllegalArgumentException("varint out of range");
                }
                return v;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }

    private static String headerProblem(ByteBuffer buf, long generation) {
        if (buf.getInt(0) != SeriesIndexFormat.LOG_MAGIC) {
            return "not a series index log (magic " + Integer.toHexString(buf.getInt(0)) + ")";
        }
        if (buf.get(4) != SeriesIndexFormat.VERSION_CURRENT) {
            return "unknown series index log version " + buf.get(4);
        }
        if (buf.getLong(8) != generation) {
            return "log of generation " + buf.getLong(8) + " in the file of generation " + generation;
        }
        return null;
    }

    private static Outcome corrupt(Path path, long offset, String problem, long records, long unread) {
        CorruptionException e = new CorruptionException(path, offset, problem);
        LOG.error("series index log corruption: {}; keeping the {} records before it", e.getMessage(), records);
        return new Outcome(records, -1, false, e, unread);
    }

    private void truncate(Path path, long size) throws IOException {
        try (FsFile f = fs.openRead(path)) {
            f.truncate(size);
            f.force();
        }
    }

    private static boolean allZero(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
