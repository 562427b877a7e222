package io.tidemark.storage.tsm;

import static io.tidemark.storage.tsm.TsmSegments.getInt;

import io.tidemark.common.FieldType;
import io.tidemark.storage.CorruptionException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.zip.CRC32C;

/**
 * The blocks of one series field that hold points of a time range, in time order, with their index statistics;
 * {@link #decode()} reads the current one. Statistics come from the index alone, so a caller can answer count, min,
 * max, first and last for a block {@linkplain #isWithinRange() wholly inside the range} without touching its data
 * (see {@link RangeSummary}). A damaged block fails only its own {@link #decode()}: the cursor can move on to the
 * next. Follows the cursor contract: accessors are defined after {@link #next()} returned true. Not thread-safe.
 */
public final class TsmBlockCursor {
    private final TsmReader reader;
    private final MemorySegment file;
    private final FieldType type;
    private final BlockEntries entries;
    private final long rangeMin;
    private final long rangeMax;
    private final int end;
    /** The first block in the range; {@link #previous()} stops before it. */
    private final int first;
    private int index;
    private long entry;
    /** Where the key's entry starts in the file. */
    private final long keyEntryOffset;
    private final int keyBlocks;
    /**
     * How many of the key's blocks, from its first on, this cursor has seen verified in order: when it reaches
     * {@link #keyBlocks}, the file remembers the whole key as verified ({@link VerifiedKeys}).
     */
    private int verifiedFromFirst;

    /** What decoding needs, taken from the reader's spare on the first {@link #decode()}; see {@link #release()}. */
    private DecodeScratch scratch;

    /**
     * A block's decoding state: its copy of the block's bytes, the decoded columns and their decoders (tens of KB
     * once used). A reader keeps one spare, which the next cursor of the file to decode takes, so a query that opens
     * a cursor per series field does not allocate them for each. Not thread-safe: used by one cursor at a time.
     */
    static final class DecodeScratch {
        final TsmBlock block = new TsmBlock();
        final CRC32C crc = new CRC32C();
        final int[] errorOffset = new int[1];
        byte[] buf = new byte[0];
    }

    TsmBlockCursor(TsmReader reader, TsmKeyEntry key, long rangeMin, long rangeMax) {
        this.reader = reader;
        this.file = reader.segment();
        this.type = key.type;
        this.entries = key.blocks();
        this.rangeMin = rangeMin;
        this.rangeMax = rangeMax;
        this.keyEntryOffset = key.offset;
        this.keyBlocks = key.blockCount;
        if (rangeMin > rangeMax) {
            this.index = -1;
            this.end = -1;
            this.first = 0;
            return;
        }
        // First block ending at or after rangeMin; last block starting at or before rangeMax.
        int lo = 0;
        int hi = key.blockCount;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (entries.maxTime(file, entries.entry(mid)) < rangeMin) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int first = lo;
        hi = key.blockCount;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (entries.minTime(file, entries.entry(mid)) <= rangeMax) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        this.index = first - 1;
        this.end = lo;
        this.first = first;
    }

    private TsmBlockCursor(TsmReader reader) {
        this.reader = reader;
        this.file = reader.segment();
        this.type = null;
        this.entries = null;
        this.rangeMin = 0;
        this.rangeMax = -1;
        this.keyEntryOffset = -1;
        this.keyBlocks = 0;
        this.index = -1;
        this.end = -1;
        this.first = 0;
    }

    static TsmBlockCursor empty(TsmReader reader) {
        return new TsmBlockCursor(reader);
    }

    public boolean next() {
        if (index + 1 >= end) {
            index = end;
            return false;
        }
        index++;
        entry = entries.entry(index);
        return true;
    }

    /**
     * Positions the cursor after its last block, for a walk with {@link #previous()} from the latest block back.
     * Only before the first move.
     */
    TsmBlockCursor fromEnd() {
        index = end;
        return this;
    }

    /** The latest time of the last block in the range, from the index; {@link Long#MIN_VALUE} if none. */
    long lastBlockMaxTime() {
        return end > first ? entries.maxTime(file, entries.entry(end - 1)) : Long.MIN_VALUE;
    }

    /** Moves to the block before the current one (after {@link #fromEnd()}: the last); false when there is none. */
    boolean previous() {
        if (index - 1 < first) {
            index = first - 1;
            return false;
        }
        index--;
        entry = entries.entry(index);
        return true;
    }

    /** The type of the series field (null for the cursor of a series field the file does not have). */
    public FieldType type() {
        return type;
    }

    public long minTimeNanos() {
        return entries.minTime(file, entry);
    }

    public long maxTimeNanos() {
        return entries.maxTime(file, entry);
    }

    /** The number of points in the block. */
    public int count() {
        return entries.count(file, entry);
    }

    /** Where the block starts in the file. */
    public long offset() {
        return entries.offset(file, entry);
    }

    public int sizeBytes() {
        return entries.size(file, entry);
    }

    /** Whether every point of the block is inside the cursor's time range, so its statistics answer for it. */
    public boolean isWithinRange() {
        return minTimeNanos() >= rangeMin && maxTimeNanos() <= rangeMax;
    }

    /** The smallest value of the block as bits, in the order of its type; 0 for strings. */
    public long minBits() {
        return entries.minBits(file, entry);
    }

    /** The largest value of the block as bits, in the order of its type; 0 for strings. */
    public long maxBits() {
        return entries.maxBits(file, entry);
    }

    /** The value at {@link #minTimeNanos()} as bits; 0 for strings. */
    public long firstBits() {
        return entries.firstBits(file, entry);
    }

    /** The value at {@link #maxTimeNanos()} as bits; 0 for strings. */
    public long lastBits() {
        return entries.lastBits(file, entry);
    }

    /** Whether the index holds the sum of each block's values (files of version 3 on). */
    public boolean hasSums() {
        return entries != null && entries.hasSums();
    }

    /** The sum of the block's values, in the arithmetic of {@link TsmValues#add}; only if {@link #hasSums()}. */
    public long sumBits() {
        return entries.sumBits(file, entry);
    }

    /**
     * Checks the current block's checksum and decodes it, whole (points outside the range included).
     *
     * @return the decoded block, valid until the next call
     * @throws CorruptionException if the block is damaged, with its file and offset
     */
    public TsmBlock decode() throws CorruptionException {
        if (scratch == null) {
            scratch = reader.takeScratch();
        }
        DecodeScratch sc = scratch;
        long offset = offset();
        int size = sizeBytes();
        byte[] buf = sc.buf;
        if (buf.length < size) {
            buf = new byte[Math.max(size, buf.length * 2)];
            sc.buf = buf;
        }
        MemorySegment.copy(file, ValueLayout.JAVA_BYTE, offset, buf, 0, size);
        CRC32C crc = sc.crc;
        crc.reset();
        crc.update(buf, 4, size - 4);
        int stored = (buf[0] & 0xFF) | (buf[1] & 0xFF) << 8 | (buf[2] & 0xFF) << 16 | (buf[3] & 0xFF) << 24;
        if ((int) crc.getValue() != stored) {
            throw checksumMismatch(offset, stored, (int) crc.getValue());
        }
        TsmBlock block = sc.block;
        int[] errorOffset = sc.errorOffset;
        String problem = block.decode(buf, 4, size, type, count(), errorOffset);
        if (problem == null && (block.timestamp(0) != minTimeNanos()
                || block.timestamp(block.count() - 1) != maxTimeNanos())) {
            problem = "block times do not match the index";
            errorOffset[0] = 4;
        }
        if (problem != null) {
            throw new CorruptionException(reader.path(), offset + errorOffset[0], "block at " + offset + ": "
                    + problem);
        }
        return block;
    }

    /**
     * Hands the decoding state back to the reader for the next cursor: called by a cursor that is done with this
     * one (exhausted), after which no block it decoded may be read. Nothing happens for a cursor that never decoded.
     */
    void release() {
        if (scratch != null) {
            reader.giveBackScratch(scratch);
            scratch = null;
        }
    }

    /**
     * {@link #checkChecksum()}, unless the file remembers the block, or every block of its key, as verified: for
     * reads that use none of the block's bytes (its first or last point, or its statistics, from the index entry),
     * see {@link VerifiedBlocks} and {@link VerifiedKeys}.
     */
    void checkChecksumOnce() throws CorruptionException {
        if (reader.isKeyVerified(keyEntryOffset)) {
            return;
        }
        long offset = offset();
        VerifiedBlocks verified = reader.verifiedBlocks();
        if (!verified.contains(offset)) {
            checkChecksum();
            verified.add(offset);
        }
        if (index == verifiedFromFirst && ++verifiedFromFirst == keyBlocks) {
            reader.markKeyVerified(keyEntryOffset);
        }
    }

    /** Checks the current block's checksum without decoding or copying it. */
    void checkChecksum() throws CorruptionException {
        long offset = offset();
        int size = sizeBytes();
        int stored = getInt(file, offset);
        int actual = reader.crc32c(offset + 4, size - 4L);
        if (stored != actual) {
            throw checksumMismatch(offset, stored, actual);
        }
    }

    /** The current block's bytes as mapped, checksum first, for a raw copy ({@link TsmWriter#appendRawBlock}). */
    MemorySegment rawBytes() {
        return file.asSlice(offset(), sizeBytes());
    }

    /** The error for the current block whose bytes do not match its stored checksum. */
    CorruptionException checksumMismatch(int stored, int actual) {
        return checksumMismatch(offset(), stored, actual);
    }

    /** The error for damage {@code at} bytes into the current block. */
    CorruptionException damaged(long at, String problem) {
        long offset = offset();
        return new CorruptionException(reader.path(), offset + at, "block at " + offset + ": " + problem);
    }

    private CorruptionException checksumMismatch(long offset, int stored, int actual) {
        return new CorruptionException(reader.path(), offset, "block checksum mismatch (stored "
                + Integer.toHexString(stored) + ", computed " + Integer.toHexString(actual) + ")");
    }
}
