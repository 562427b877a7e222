package io.tidemark.storage.wal;

import io.tidemark.common.fs.Fs;
import io.tidemark.common.fs.FsFile;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.FileNames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a shard's log back at startup, segment by segment in id order, and hands every intact entry to a consumer.
 *
 * <p>Recovery policy. A crash can leave the last segment of a log with a torn tail: an entry cut short, or one
 * whose bytes were not all written (checksum mismatch) and that reaches the end of the file, or a tail of zeros
 * (a file system that extended the file but not its data). Nothing after such a tail was ever acknowledged, since
 * entries are acknowledged only after an fsync that covers them and everything before, so the tail is truncated
 * and the log carries on. Damage anywhere else (in an older segment, which was fsynced whole before the next one
 * was started, or before intact entries in the last one) is corruption: it is reported with file and offset, the
 * entries before it are kept, the rest of that segment is skipped and left on disk for inspection, and the later
 * segments are still replayed. New entries always go to a new segment.
 *
 * <p>Not thread-safe; used by the opening thread before the committer starts.
 */
public final class WalReplayer {
    private static final Logger LOG = LoggerFactory.getLogger(WalReplayer.class);

    /** Receives each intact entry. May throw {@link CorruptionException} for a payload it cannot decode. */
    @FunctionalInterface
    public interface EntryConsumer {
        void accept(byte type, byte[] buf, int off, int len, Path segment, long offset) throws CorruptionException;
    }

    /**
     * @param nextSegmentId one more than the highest segment id found
     * @param segmentBytes the size of the segments left on disk
     */
    public record Result(long entries, List<Path> truncated, List<CorruptionException> corruptions,
            long nextSegmentId, long segmentBytes) {
    }

    private final Fs fs;
    private final CRC32C crc = new CRC32C();

    public WalReplayer(Fs fs) {
        this.fs = fs;
    }

    public Result replay(Path dir, EntryConsumer consumer) throws IOException {
        List<Segment> segments = new ArrayList<>();
        for (Path p : fs.list(dir)) {
            OptionalLong id = FileNames.parseWalSegment(p.getFileName().toString());
            if (id.isPresent()) {
                segments.add(new Segment(id.getAsLong(), p));
            }
        }
        segments.sort(Comparator.comparingLong(Segment::id));
        long entries = 0;
        long bytes = 0;
        List<Path> truncated = new ArrayList<>();
        List<CorruptionException> corruptions = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            boolean last = i == segments.size() - 1;
            SegmentOutcome o = replaySegment(s.path, last, consumer);
            entries += o.entries;
            if (o.truncatedTo >= 0) {
                truncated.add(s.path);
            }
            if (o.corruption != null) {
                corruptions.add(o.corruption);
            }
            bytes += o.bytesLeft;
        }
        long next = segments.isEmpty() ? 1 : segments.getLast().id + 1;
        return new Result(entries, truncated, corruptions, next, bytes);
    }

    private record Segment(long id, Path path) {
    }

    private record SegmentOutcome(long entries, long truncatedTo, CorruptionException corruption, long bytesLeft) {
    }

    private SegmentOutcome replaySegment(Path path, boolean last, EntryConsumer consumer) throws IOException {
        byte[] data = fs.readAllBytes(path);
        ByteBuffer buf = ByteBuffer.wrap(data);
        String headerProblem = headerProblem(buf);
        if (headerProblem != null) {
            if (last && (data.length < WalFormat.SEGMENT_HEADER_BYTES || allZero(data, 0))) {
                // A crash while the segment was being created: it never held an acknowledged entry.
                LOG.warn("removing WAL segment {} torn while being created ({} bytes)", path, data.length);
                fs.delete(path);
                fs.fsyncDirectory(path.getParent());
                return new SegmentOutcome(0, 0, null, 0);
            }
            return new SegmentOutcome(0, -1, corrupt(path, 0, headerProblem), data.length);
        }
        long entries = 0;
        int pos = WalFormat.SEGMENT_HEADER_BYTES;
        while (pos < data.length) {
            int remaining = data.length - pos;
            String problem;
            boolean reachesEnd;
            if (remaining < WalFormat.ENTRY_HEADER_BYTES) {
                problem = "entry header cut short (" + remaining + " of " + WalFormat.ENTRY_HEADER_BYTES + " bytes)";
                reachesEnd = true;
            } else {
                int length = buf.getInt(pos);
                int stored = buf.getInt(pos + 4);
                byte type = data[pos + 8];
                long end = pos + (long) WalFormat.ENTRY_HEADER_BYTES + Integer.toUnsignedLong(length);
                if (length < 0 || length > WalFormat.MAX_PAYLOAD_BYTES) {
                    problem = "entry length " + Integer.toUnsignedString(length) + " out of range";
                    reachesEnd = false;
                } else if (end > data.length) {
                    problem = "entry of " + length + " bytes cut short at " + (data.length - pos
                            - WalFormat.ENTRY_HEADER_BYTES);
                    reachesEnd = true;
                } else if (WalFormat.checksum(crc, length, type, data, pos + WalFormat.ENTRY_HEADER_BYTES) != stored) {
                    problem = "entry checksum mismatch";
                    reachesEnd = end == data.length;
                } else if (type != WalFormat.ENTRY_WRITE) {
                    problem = "unknown entry type " + type;
                    reachesEnd = false;
                } else {
                    try {
                        consumer.accept(type, data, pos + WalFormat.ENTRY_HEADER_BYTES, length, path, pos);
                    } catch (CorruptionException e) {
                        LOG.error("WAL entry cannot be replayed; skipping the rest of segment {}", path, e);
                        return new SegmentOutcome(entries, -1, e, data.length);
                    }
                    entries++;
                    pos = (int) end;
                    continue;
                }
            }
            if (last && (reachesEnd || allZero(data, pos))) {
                LOG.warn("truncating torn tail of WAL segment {} at offset {} ({} bytes): {}", path, pos,
                        data.length - pos, problem);
                truncate(path, pos);
                return new SegmentOutcome(entries, pos, null, pos);
            }
            CorruptionException e = corrupt(path, pos, problem);
            return new SegmentOutcome(entries, -1, e, data.length);
        }
        return new SegmentOutcome(entries, -1, null, data.length);
    }

    private static String headerProblem(ByteBuffer buf) {
        if (buf.limit() < WalFormat.SEGMENT_HEADER_BYTES) {
            return "segment header cut short (" + buf.limit() + " bytes)";
        }
        if (buf.getInt(0) != WalFormat.MAGIC) {
            return "not a WAL segment (magic " + Integer.toHexString(buf.getInt(0)) + ")";
        }
        if (buf.get(4) != WalFormat.VERSION_CURRENT) {
            return "unknown WAL segment version " + buf.get(4);
        }
        return null;
    }

    private static CorruptionException corrupt(Path path, long offset, String problem) {
        CorruptionException e = new CorruptionException(path, offset, problem);
        LOG.error("WAL corruption: {}; keeping the entries before it, skipping the rest of the segment,"
                + " leaving the file for inspection", e.getMessage());
        return e;
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
