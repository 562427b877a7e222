package io.tidemark.storage.tsm;

import static io.tidemark.storage.tsm.TsmSegments.getInt;
import static io.tidemark.storage.tsm.TsmSegments.getLong;

import io.tidemark.common.FieldType;
import io.tidemark.common.fs.Fs;
import io.tidemark.storage.CorruptionException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open TSM file ({@link TsmFormat}), memory-mapped through {@link Fs#mapReadOnly}: its bytes stay off the Java
 * heap and the reader keeps nothing per key; lookups binary-search the mapped directory. Opening checks the header,
 * the footer and the index checksum and validates every key entry (keys in order, blocks inside the file and in time
 * order); a block's checksum is checked each time the block is decoded, so one damaged block makes only its own
 * reads fail, with a {@link CorruptionException} that names the file and the block's offset.
 *
 * <p>Thread-safe for reads: each cursor is confined to its caller. {@link #close()} unmaps the file; the caller must
 * make sure no cursor is in use by then (reference counting belongs to whoever shares the reader), as a read after
 * close fails with {@link IllegalStateException}.
 */
public final class TsmReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TsmReader.class);

    private final Path path;
    /** Null when the garbage collector releases the mapping ({@link #openGcManaged}). */
    private final Arena arena;
    private final MemorySegment file;
    private final int keyCount;
    private final long indexOffset;
    private final long directoryOffset;
    private final long minTime;
    private final long maxTime;
    private final int version;
    /** Set once {@link #checkIndex()} has passed. */
    private volatile boolean indexChecked;
    /**
     * The index of the key found last, a hint for the next lookup (checked before use, so a stale value from a
     * concurrent lookup costs one comparison); -1 before the first.
     */
    private int lastFound = -1;
    /**
     * Where the last lookup ended, found or not: the index of its key, or of the first key after it. A file that
     * holds some of a shard's series is asked for the others too, in the same key order; their lookups start from
     * here. Checked before use, as {@link #lastFound}.
     */
    private int lastPosition = -1;
    /**
     * How far the last lookup moved from the one before, a guess at the next: a query reading one field of every
     * series asks for keys that lie as many entries apart as a series has fields. Checked before use, as
     * {@link #lastFound}.
     */
    private int lastStride;
    /**
     * Lookups whose key lay far from the last one found (before it, or more than {@link #NEAR_ENTRIES} after): when
     * they pass {@link #startsThreshold()}, the table of {@link #seriesStarts} is built. Counted without
     * synchronisation: a lost count only delays the table.
     */
    private int farLookups;
    /** Null until lookups out of key order made it worth building (see {@link SeriesStarts}). */
    private volatile SeriesStarts seriesStarts;
    private final AtomicBoolean buildingStarts = new AtomicBoolean();
    /**
     * The series the table of starts was last asked for: a query asks for the fields of one series one after the
     * other, in every file of a shard, also those without the series. Replaced, never changed, without
     * synchronisation (a lost one costs a lookup in the table).
     */
    private SeriesStart lastSeries;

    /**
     * Where the key entries of a series start (-1 if the file does not have the series), the entry of the field
     * found last and the one after it (null and -1 before one is found), and where the series key's bytes are.
     */
    private record SeriesStart(byte[] seriesKey, long firstEntryOffset, long fieldEntryOffset, byte[] field,
                               long nextEntryOffset, long seriesKeyOffset) {
    }

    /** How far after the last key found a lookup's key may lie and still count as in key order. */
    private static final int NEAR_ENTRIES = 64;
    /** A series whose fields are walked this far from its first entry has the rest binary-searched. */
    private static final int MAX_FIELD_WALK = 32;
    /** The field name below every other: a lower bound at the first field of a series. */
    private static final byte[] NO_FIELD = new byte[0];
    private final PackedBlockEntries.Layouts layouts = new PackedBlockEntries.Layouts();
    /**
     * The file as one buffer (null above 2 GB), for block checksums: a slice of it costs less than a buffer view of
     * a segment slice, and a descending read checks a block for every latest point it serves from the index. Its
     * position and limit are never changed: only absolute slices are taken, from any thread.
     */
    private final ByteBuffer wholeFile;
    /** One spare decoding state for the file's cursors (see {@link TsmBlockCursor.DecodeScratch}). */
    private final AtomicReference<TsmBlockCursor.DecodeScratch> spareScratch = new AtomicReference<>();
    /** Made by the first read answered from an index entry, so that files no such read visits hold no table. */
    private volatile VerifiedBlocks verifiedBlocks;
    /** Likewise, by the first such read that verified every block of a key. */
    private volatile VerifiedKeys verifiedKeys;

    private TsmReader(Path path, Arena arena, MemorySegment file, int version, int keyCount, long indexOffset,
            long directoryOffset, long minTime, long maxTime) {
        this.path = path;
        this.version = version;
        this.arena = arena;
        this.file = file;
        this.keyCount = keyCount;
        this.indexOffset = indexOffset;
        this.directoryOffset = directoryOffset;
        this.minTime = minTime;
        this.maxTime = maxTime;
        this.wholeFile = file.byteSize() <= Integer.MAX_VALUE ? file.asByteBuffer() : null;
    }

    /**
     * Maps and checks a TSM file.
     *
     * @throws CorruptionException if the header, footer or index is damaged or not ours, with the offset of the
     *     first bad byte found
     * @throws IOException if the file cannot be mapped
     */
    public static TsmReader open(Fs fs, Path path) throws IOException {
        Arena arena = Arena.ofShared();
        try {
            MemorySegment file = fs.mapReadOnly(path, arena);
            TsmReader reader = check(path, arena, file);
            reader.checkIndex();
            return reader;
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /**
     * {@link #open}, with a mapping the garbage collector releases once neither the reader nor a cursor of it is
     * reachable; {@link #close()} then does nothing. For files that a shard may retire (compaction) while queries
     * still read them: a reader never sees its mapping go away under it.
     */
    public static TsmReader openGcManaged(Fs fs, Path path) throws IOException {
        TsmReader reader = openGcManagedChecksummed(fs, path);
        reader.checkIndex();
        return reader;
    }

    /**
     * {@link #openGcManaged} without {@link #checkIndex()}: checks the header, the footer and the index checksum,
     * which vouches that the index holds the bytes its writer wrote; the walk over every key entry is left to the
     * caller. For a restart, where it would delay serving by a second per few million series fields: every file a
     * shard writes was checked whole when the shard opened it after writing, and the shard checks the files it
     * opened this way right after starting ({@code Shard#checkFileIndexes}). Until then, an index whose structure
     * is damaged (only a writer's bug can do that, under an intact checksum) fails the reads that meet the damage
     * rather than the open.
     */
    public static TsmReader openGcManagedChecksummed(Fs fs, Path path) throws IOException {
        return check(path, null, fs.mapReadOnlyUntilUnreachable(path));
    }

    private static TsmReader check(Path path, Arena arena, MemorySegment file) throws CorruptionException {
        long size = file.byteSize();
        if (size < TsmFormat.HEADER_BYTES + TsmFormat.FOOTER_BYTES) {
            throw new CorruptionException(path, 0, "a TSM file has at least "
                    + (TsmFormat.HEADER_BYTES + TsmFormat.FOOTER_BYTES) + " bytes, this one " + size);
        }
        if (TsmSegments.getMagic(file, 0) != TsmFormat.MAGIC) {
            throw new CorruptionException(path, 0, "not a TSM file: bad magic");
        }
        int version = TsmSegments.getByte(file, 4);
        if (version < TsmFormat.VERSION_START || version > TsmFormat.VERSION_CURRENT) {
            throw new CorruptionException(path, 4, "unsupported TSM version " + version + " (this reader knows "
                    + TsmFormat.VERSION_START + " to " + TsmFormat.VERSION_CURRENT + ")");
        }
        for (int i = 5; i < TsmFormat.HEADER_BYTES; i++) {
            if (TsmSegments.getByte(file, i) != 0) {
                throw new CorruptionException(path, i, "reserved header byte is not zero");
            }
        }
        long footer = size - TsmFormat.FOOTER_BYTES;
        int footerMagic = TsmSegments.getMagic(file, footer);
        if (footerMagic != TsmFormat.FOOTER_MAGIC && footerMagic != TsmFormat.FOOTER_MAGIC_PACKED) {
            throw new CorruptionException(path, footer, "no TSM footer: the file is cut short or damaged");
        }
        if ((footerMagic == TsmFormat.FOOTER_MAGIC_PACKED) != (version >= TsmFormat.VERSION_PACKED_ENTRIES)) {
            // The index checksum does not cover the header: without this, a damaged version byte would have the
            // index read in the other layout and reported as damaged where it is not.
            throw new CorruptionException(path, 4, "the version byte (" + version + ") does not match the footer");
        }
        long indexOffset = getLong(file, footer + TsmFormat.FOOTER_INDEX_OFFSET);
        // Checked first: the index checksum is what vouches for the other footer fields.
        if (indexOffset < TsmFormat.HEADER_BYTES || indexOffset > footer) {
            throw new CorruptionException(path, footer + TsmFormat.FOOTER_INDEX_OFFSET,
                    "index offset " + indexOffset + " outside the file");
        }
        int stored = getInt(file, footer + TsmFormat.FOOTER_INDEX_CRC);
        int actual = TsmSegments.crc32c(file, indexOffset, footer + TsmFormat.FOOTER_INDEX_CRC - indexOffset);
        if (stored != actual) {
            throw new CorruptionException(path, indexOffset, "index checksum mismatch (stored "
                    + Integer.toHexString(stored) + ", computed " + Integer.toHexString(actual) + ")");
        }
        long keyCount = Integer.toUnsignedLong(getInt(file, footer + TsmFormat.FOOTER_KEY_COUNT));
        long directoryOffset = getLong(file, footer + TsmFormat.FOOTER_DIRECTORY_OFFSET);
        if (directoryOffset < indexOffset || directoryOffset > footer || keyCount > Integer.MAX_VALUE
                || (footer - directoryOffset) != 8 * keyCount) {
            throw new CorruptionException(path, footer, "footer does not describe the index: index at "
                    + indexOffset + ", directory at " + directoryOffset + ", " + keyCount + " keys");
        }
        return new TsmReader(path, arena, file, version, (int) keyCount, indexOffset, directoryOffset,
                getLong(file, footer + TsmFormat.FOOTER_MIN_TIME), getLong(file, footer + TsmFormat.FOOTER_MAX_TIME));
    }

    /**
     * Validates every key entry, so that lookups and cursors can trust the index: directory, key order, block
     * ranges and times, the footer's time range. Once: a checked reader returns at once. Thread-safe (two callers
     * at once both check).
     *
     * @throws CorruptionException for the first entry found damaged, with its offset
     */
    public void checkIndex() throws CorruptionException {
        if (!indexChecked) {
            checkEntries();
            indexChecked = true;
        }
    }

    /** Whether {@link #checkIndex()} passed: always, unless opened by {@link #openGcManagedChecksummed}. */
    public boolean indexChecked() {
        return indexChecked;
    }

    private void checkEntries() throws CorruptionException {
        TsmKeyEntry entry = newKeyEntry();
        long expected = indexOffset;
        long previousKey = -1;
        int previousKeyLength = 0;
        long previousField = -1;
        int previousFieldLength = 0;
        long seenMin = Long.MAX_VALUE;
        long seenMax = Long.MIN_VALUE;
        for (int k = 0; k < keyCount; k++) {
            long at = directoryOffset + 8L * k;
            long offset = getLong(file, at);
            if (offset != expected) {
                throw new CorruptionException(path, at, "directory entry " + k + " points to " + offset
                        + ", the key entry is at " + expected);
            }
            entry.parse(path, file, offset, directoryOffset).parseBlocks();
            if (entry.sharedSeriesKey && (entry.seriesKeyOffset != previousKey
                    || entry.seriesKeyLength != previousKeyLength)) {
                throw new CorruptionException(path, offset, "the series key reference is not to the previous key's");
            }
            if (previousKey >= 0) {
                // A key that refers back to the previous one's series key (checked above) is of the same series.
                int c = entry.sharedSeriesKey ? 0 : TsmSegments.compare(file, previousKey, previousKeyLength, file,
                        entry.seriesKeyOffset, entry.seriesKeyLength);
                if (c == 0) {
                    c = TsmSegments.compare(file, previousField, previousFieldLength, file, entry.fieldOffset,
                            entry.fieldLength);
                }
                if (c >= 0) {
                    throw new CorruptionException(path, offset, "keys out of order in the index");
                }
            }
            long previousBlockMax = 0;
            BlockEntries blocks = entry.blocks();
            for (int b = 0; b < entry.blockCount; b++) {
                long e = blocks.entry(b);
                long bMin = blocks.minTime(file, e);
                long bMax = blocks.maxTime(file, e);
                long bOffset = blocks.offset(file, e);
                long bSize = Integer.toUnsignedLong(blocks.size(file, e));
                long bCount = Integer.toUnsignedLong(blocks.count(file, e));
                String problem = null;
                if (bMin > bMax || (b > 0 && bMin <= previousBlockMax)) {
                    problem = "block times out of order";
                } else if (bOffset < TsmFormat.HEADER_BYTES || bOffset > indexOffset
                        || bSize < TsmFormat.BLOCK_PREFIX_BYTES || bSize > indexOffset - bOffset) {
                    problem = "block at " + bOffset + " of " + bSize + " bytes is outside the data";
                } else if (bCount < 1 || bCount > TsmFormat.MAX_POINTS_PER_BLOCK
                        || Long.compareUnsigned(bCount - 1, bMax - bMin) > 0) {
                    problem = "block of " + bCount + " points between " + bMin + " and " + bMax;
                }
                if (problem != null) {
                    throw new CorruptionException(path, e, problem);
                }
                previousBlockMax = bMax;
                seenMin = Math.min(seenMin, bMin);
                seenMax = Math.max(seenMax, bMax);
            }
            previousKey = entry.seriesKeyOffset;
            previousKeyLength = entry.seriesKeyLength;
            previousField = entry.fieldOffset;
            previousFieldLength = entry.fieldLength;
            expected = entry.end;
        }
        if (expected != directoryOffset) {
            throw new CorruptionException(path, expected, "bytes between the last key entry and the directory");
        }
        if (seenMin != minTime || seenMax != maxTime) {
            throw new CorruptionException(path, file.byteSize() - TsmFormat.FOOTER_BYTES,
                    "footer time range does not match the blocks");
        }
    }

    public Path path() {
        return path;
    }

    public long sizeBytes() {
        return file.byteSize();
    }

    /** The number of series fields. */
    public int keyCount() {
        return keyCount;
    }

    /** The earliest point of the file; {@link Long#MAX_VALUE} if it has none. */
    public long minTimeNanos() {
        return minTime;
    }

    /** The latest point of the file; {@link Long#MIN_VALUE} if it has none. */
    public long maxTimeNanos() {
        return maxTime;
    }

    /** Every series field of the file, in order. */
    public TsmKeyCursor keys() {
        return new TsmKeyCursor(this, 0, keyCount);
    }

    /** The fields of one series, in order; none if the file does not have the series. */
    public TsmKeyCursor keys(byte[] seriesKey) {
        int from = lowerBound(seriesKey, NO_FIELD);
        int to = from;
        TsmKeyEntry entry = newKeyEntry();
        while (to < keyCount && compareSeries(entryAt(to, entry), seriesKey) == 0) {
            to++;
        }
        return new TsmKeyCursor(this, from, to);
    }

    /** The type of a series field, or empty if the file does not have it. */
    public Optional<FieldType> type(byte[] seriesKey, String field) {
        TsmKeyEntry e = find(seriesKey, field);
        return e == null ? Optional.empty() : Optional.of(e.type);
    }

    /** The blocks of a series field that hold points in {@code [minTimeNanos, maxTimeNanos]}; none if absent. */
    public TsmBlockCursor blocks(byte[] seriesKey, String field, long minTimeNanos, long maxTimeNanos) {
        TsmKeyEntry e = find(seriesKey, field);
        return e == null ? TsmBlockCursor.empty(this) : new TsmBlockCursor(this, e, minTimeNanos, maxTimeNanos);
    }

    /**
     * The points of a series field in {@code [minTimeNanos, maxTimeNanos]}, in time order. For a series field the
     * file does not have, an empty cursor of type {@link FieldType#FLOAT}, as the cache answers.
     */
    public TsmSeriesCursor read(byte[] seriesKey, String field, long minTimeNanos, long maxTimeNanos) {
        TsmKeyEntry e = find(seriesKey, field);
        return new TsmSeriesCursor(e == null ? TsmBlockCursor.empty(this)
                : new TsmBlockCursor(this, e, minTimeNanos, maxTimeNanos),
                e == null ? FieldType.FLOAT : e.type, minTimeNanos, maxTimeNanos);
    }

    /** {@link #read}, or null if the file does not have the series field. */
    public TsmSeriesCursor readIfPresent(byte[] seriesKey, String field, long minTimeNanos, long maxTimeNanos) {
        TsmKeyEntry e = find(seriesKey, field);
        return e == null ? null : new TsmSeriesCursor(new TsmBlockCursor(this, e, minTimeNanos, maxTimeNanos), e.type,
                minTimeNanos, maxTimeNanos);
    }

    /**
     * {@link #read}, latest first: blocks are decoded from the last one in the range back, as the cursor reaches
     * them.
     */
    public TsmDescendingCursor readDescending(byte[] seriesKey, String field, long minTimeNanos, long maxTimeNanos) {
        TsmKeyEntry e = find(seriesKey, field);
        return new TsmDescendingCursor(e == null ? TsmBlockCursor.empty(this)
                : new TsmBlockCursor(this, e, minTimeNanos, maxTimeNanos),
                e == null ? FieldType.FLOAT : e.type, minTimeNanos, maxTimeNanos);
    }

    /** {@link #readDescending}, or null if the file does not have the series field. */
    public TsmDescendingCursor readDescendingIfPresent(byte[] seriesKey, String field, long minTimeNanos,
            long maxTimeNanos) {
        TsmKeyEntry e = find(seriesKey, field);
        return e == null ? null : new TsmDescendingCursor(new TsmBlockCursor(this, e, minTimeNanos, maxTimeNanos),
                e.type, minTimeNanos, maxTimeNanos);
    }

    /**
     * Count, first, last, min and max of a series field over {@code [minTimeNanos, maxTimeNanos]}, from block
     * statistics for the blocks wholly inside the range (their checksums checked) and by decoding the (at most two)
     * blocks it cuts.
     *
     * @throws CorruptionException if a block of the range is damaged
     */
    public RangeSummary summarize(byte[] seriesKey, String field, long minTimeNanos, long maxTimeNanos)
            throws CorruptionException {
        TsmKeyEntry e = find(seriesKey, field);
        if (e == null) {
            return RangeSummary.empty(null);
        }
        return RangeSummary.of(new TsmBlockCursor(this, e, minTimeNanos, maxTimeNanos), e.type, minTimeNanos,
                maxTimeNanos);
    }

    /**
     * Checks every byte: each block's checksum, then the checksum of the whole file. Reads the whole file.
     *
     * @throws CorruptionException for the first damaged block, or for the file checksum if the blocks and index
     *     are intact but another byte is not
     */
    public void verify() throws CorruptionException {
        TsmKeyCursor keys = keys();
        while (keys.next()) {
            TsmBlockCursor blocks = keys.blocks(Long.MIN_VALUE, Long.MAX_VALUE);
            while (blocks.next()) {
                blocks.checkChecksum();
            }
        }
        long crcAt = file.byteSize() - TsmFormat.FOOTER_BYTES + TsmFormat.FOOTER_FILE_CRC;
        int stored = getInt(file, crcAt);
        int actual = TsmSegments.crc32c(file, 0, crcAt);
        if (stored != actual) {
            throw new CorruptionException(path, crcAt, "file checksum mismatch (stored " + Integer.toHexString(stored)
                    + ", computed " + Integer.toHexString(actual) + ") with intact blocks and index");
        }
    }

    /** Unmaps the file. No cursor of this reader may be used afterwards. Idempotent. */
    @Override
    public void close() {
        if (arena != null && arena.scope().isAlive()) {
            arena.close();
        }
    }

    // ---------------------------------------------------------------- lookup

    MemorySegment segment() {
        return file;
    }

    /** The format version of the file. */
    public int version() {
        return version;
    }

    /** A key entry to parse this file's entries into. */
    TsmKeyEntry newKeyEntry() {
        return new TsmKeyEntry(version >= TsmFormat.VERSION_PACKED_ENTRIES, layouts);
    }

    /** The key entry of directory slot {@code k} of an index that may not have been walked. */
    TsmKeyEntry parseEntryAt(int k, TsmKeyEntry into) throws CorruptionException {
        return into.parse(path, file, entryOffset(k), directoryOffset);
    }

    TsmKeyEntry entryAt(int k, TsmKeyEntry into) {
        return entryAtOffset(entryOffset(k), into);
    }

    /** Where the key entry of directory slot {@code k} starts, as the directory says. */
    private long entryOffset(int k) {
        return getLong(file, directoryOffset + 8L * k);
    }

    /** The key entry at {@code offset} of the index, which must be where one starts. */
    TsmKeyEntry entryAtOffset(long offset, TsmKeyEntry into) {
        try {
            return into.parse(path, file, offset, directoryOffset);
        } catch (CorruptionException e) {
            throw unparsedEntry(offset, e);
        }
    }

    private TsmKeyEntry find(byte[] seriesKey, String field) {
        byte[] fieldBytes = field.getBytes(StandardCharsets.UTF_8);
        TsmKeyEntry e = newKeyEntry();
        int hint = lastFound;
        int guess = hint + lastStride;
        int k;
        SeriesStarts starts;
        if (hint >= 0 && guess > hint && guess < keyCount && compare(entryAt(guess, e), seriesKey, fieldBytes) == 0) {
            k = guess;
            lastPosition = k;
        } else if ((starts = seriesStarts) != null) {
            // Out of key order, most likely: the hints are left for lookups in order.
            return findFromStarts(starts, seriesKey, fieldBytes, e) ? e : null;
        } else {
            int position = lastPosition;
            k = lowerBoundNear(position, seriesKey, fieldBytes, e);
            if (position < 0 || k < position || k - position > NEAR_ENTRIES) {
                noteFarLookup();
            }
            lastPosition = k;
            if (k == keyCount || compare(entryAt(k, e), seriesKey, fieldBytes) != 0) {
                return null;
            }
        }
        if (hint >= 0 && k > hint) {
            lastStride = k - hint;
        }
        lastFound = k;
        return e;
    }

    /**
     * Counts a lookup out of key order, and builds the table of series starts once they are more than
     * {@link #startsThreshold()}: a binary search costs about {@code log2(keyCount)} probes into the mapped index, the
     * table one pass over it, so it pays once about {@code keyCount / 50} lookups have been made out of order. The
     * lookup that passes the threshold builds it; lookups meanwhile search as before. Also over an index whose
     * entries were not walked yet (a file the node started with, walked before the shard's first compaction): such
     * files are often never compacted again, and their queries need the table as much. An entry that does not parse
     * leaves the file without a table (its lookups search), and the walk moves the file aside.
     */
    private void noteFarLookup() {
        if (++farLookups > startsThreshold() && seriesStarts == null
                && directoryOffset - indexOffset < Integer.MAX_VALUE && buildingStarts.compareAndSet(false, true)) {
            try {
                seriesStarts = SeriesStarts.build(this, indexOffset);
            } catch (CorruptionException e) {
                LOG.warn("no table of series starts, lookups search the index: {}", e.getMessage());
            }
        }
    }

    private int startsThreshold() {
        return keyCount / 32 + 64;
    }

    /**
     * Parses into {@code e} the key entry of ({@code seriesKey}, {@code field}), found through the table of series
     * starts: the series' first entry, then the entries after it (they follow one another in the index), its fields
     * in order. For the series asked for last, the walk starts at the field found last if the one asked for comes
     * after it (fields are mostly asked for in order). False if the file does not have it.
     */
    private boolean findFromStarts(SeriesStarts starts, byte[] seriesKey, byte[] fieldBytes, TsmKeyEntry e) {
        SeriesStart last = lastSeries;
        int order;
        if (last == null || !Arrays.equals(last.seriesKey(), seriesKey)) {
            boolean found = starts.firstEntry(this, indexOffset, seriesKey, e);
            last = new SeriesStart(seriesKey.clone(), found ? e.offset : -1, -1, null, -1, e.seriesKeyOffset);
            lastSeries = last;
            if (!found) {
                return false;
            }
        } else if (last.firstEntryOffset() < 0) {
            return false;
        } else if (last.field() != null && (order = Arrays.compareUnsigned(fieldBytes, last.field())) >= 0) {
            if (order == 0) {
                entryAtOffset(last.fieldEntryOffset(), e);
            } else if (!entryOfSeries(last.nextEntryOffset(), last.seriesKeyOffset(), seriesKey, e)) {
                // A field after the series' last: the entry after it is another series' or the index's end.
                return false;
            }
        } else {
            entryAtOffset(last.firstEntryOffset(), e);
        }
        for (int walked = 0; ; walked++) {
            int c = TsmSegments.compare(file, e.fieldOffset, e.fieldLength, fieldBytes);
            if (c == 0) {
                // The entry after it too, where a lookup of the series' next field starts: a query opens a series'
                // fields one after another, mostly in order. Its block entries are read now rather than by the
                // caller, which reads them next.
                lastSeries = new SeriesStart(last.seriesKey(), last.firstEntryOffset(), e.offset, fieldBytes,
                        blocksEnd(e), last.seriesKeyOffset());
                return true;
            }
            if (c > 0) {
                return false;
            }
            if (walked == MAX_FIELD_WALK) {
                int at = lowerBound(seriesKey, fieldBytes);
                return at < keyCount && compare(entryAt(at, e), seriesKey, fieldBytes) == 0;
            }
            if (!entryOfSeries(blocksEnd(e), last.seriesKeyOffset(), seriesKey, e)) {
                return false;
            }
        }
    }

    /**
     * Parses into {@code e} the key entry at {@code offset} and returns whether it is one of the series whose key
     * its first entry holds at {@code seriesKeyOffset} (a later entry of the series refers to that key, version 3,
     * or repeats it); false also at the index's end.
     */
    private boolean entryOfSeries(long offset, long seriesKeyOffset, byte[] seriesKey, TsmKeyEntry e) {
        if (offset >= directoryOffset) {
            return false;
        }
        entryAtOffset(offset, e);
        return e.sharedSeriesKey ? e.seriesKeyOffset == seriesKeyOffset : compareSeries(e, seriesKey) == 0;
    }

    /** Where the key entry after {@code e} starts: the end of its block entries. */
    private long blocksEnd(TsmKeyEntry e) {
        try {
            return e.parseBlocks().end;
        } catch (CorruptionException ex) {
            throw unparsedEntry(e.offset, ex);
        }
    }

    /**
     * A key entry that does not parse: a bug once the index was walked; before that (a file the node started with,
     * walked before the shard's next compaction), damage under an intact checksum, which only a writer's bug makes.
     */
    private IllegalStateException unparsedEntry(long offset, CorruptionException e) {
        return new IllegalStateException(indexChecked
                ? "BUG: the key entry at " + offset + " of " + path + " parsed when its index was checked but not now"
                : e.getMessage() + " (a key entry of an index not checked yet; the file is moved aside when it is,"
                        + " before the shard's next compaction)", e);
    }

    /** The heap of the table of series starts, in bytes; 0 while it is not built. */
    public long lookupTableBytes() {
        SeriesStarts starts = seriesStarts;
        return starts == null ? 0 : starts.bytes();
    }

    /**
     * {@link #lowerBound}, searched from {@code hint} on in steps that double when the key lies after it: readers
     * ask for the fields of a series, and for series, in the index's order, so the next key is mostly a few entries
     * after the last one looked up, or (a series the file lacks, after another it lacks) where that one would be.
     */
    private int lowerBoundNear(int hint, byte[] seriesKey, byte[] field, TsmKeyEntry e) {
        if (hint < 0 || hint > keyCount) {
            return lowerBound(seriesKey, field);
        }
        if (hint == keyCount || compare(entryAt(hint, e), seriesKey, field) >= 0) {
            boolean afterPrevious = hint == 0 || compare(entryAt(hint - 1, e), seriesKey, field) < 0;
            return afterPrevious ? hint : lowerBound(0, hint - 1, seriesKey, field, e);
        }
        int lo = hint + 1;
        int step = 1;
        int hi = keyCount;
        while (lo < keyCount) {
            int probe = (int) Math.min(keyCount - 1L, (long) hint + step);
            if (compare(entryAt(probe, e), seriesKey, field) >= 0) {
                hi = probe + 1;
                break;
            }
            lo = probe + 1;
            if (probe == keyCount - 1) {
                break;
            }
            step <<= 1;
        }
        return lowerBound(lo, hi, seriesKey, field, e);
    }

    /** The first key index whose key is not below (seriesKey, field). */
    private int lowerBound(byte[] seriesKey, byte[] field) {
        return lowerBound(0, keyCount, seriesKey, field, newKeyEntry());
    }

    /** {@link #lowerBound(byte[], byte[])} within {@code [lo, hi)}, which must hold the answer. */
    private int lowerBound(int lo, int hi, byte[] seriesKey, byte[] field, TsmKeyEntry e) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(entryAt(mid, e), seriesKey, field) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int compare(TsmKeyEntry e, byte[] seriesKey, byte[] field) {
        int c = compareSeries(e, seriesKey);
        if (c != 0) {
            return c;
        }
        return TsmSegments.compare(file, e.fieldOffset, e.fieldLength, field);
    }

    private int compareSeries(TsmKeyEntry e, byte[] seriesKey) {
        return TsmSegments.compare(file, e.seriesKeyOffset, e.seriesKeyLength, seriesKey);
    }

    /** The CRC-32C of {@code length} bytes of the file from {@code offset}. */
    int crc32c(long offset, long length) {
        if (wholeFile == null) {
            return TsmSegments.crc32c(file, offset, length);
        }
        CRC32C crc = new CRC32C();
        crc.update(wholeFile.slice((int) offset, (int) length));
        return (int) crc.getValue();
    }

    /**
     * Lets the operating system drop this process's mapping of the bytes in {@code [from, to)} (rounded out to whole
     * pages); they stay in the page cache, and a later read maps them again. For a pass that reads a file once, a
     * compaction's: otherwise every page it read counts in the process's resident memory until the file is unmapped,
     * which for a file the compaction retires is when the garbage collector finds its reader unreachable.
     */
    void releasePages(long from, long to) {
        if (to > from && file.isMapped()) {
            file.asSlice(from, to - from).unload();
        }
    }

    /**
     * Remembers the key whose entry starts at {@code entryOffset} as verified: a read answered from index entries
     * has just verified every one of its blocks (see {@link VerifiedKeys}).
     */
    void markKeyVerified(long entryOffset) {
        VerifiedKeys v = verifiedKeys;
        if (v == null) {
            // Two readers may each make one; the one written last stays, the other's keys are verified again.
            v = new VerifiedKeys(directoryOffset - indexOffset);
            verifiedKeys = v;
        }
        v.add(entryOffset - indexOffset);
    }

    /** Whether every block of the key whose entry starts at {@code entryOffset} was verified; makes no table. */
    boolean isKeyVerified(long entryOffset) {
        VerifiedKeys v = verifiedKeys;
        return v != null && entryOffset >= indexOffset && v.contains(entryOffset - indexOffset);
    }

    /** The blocks whose checksums reads answered from index entries verified (see {@link VerifiedBlocks}). */
    VerifiedBlocks verifiedBlocks() {
        VerifiedBlocks v = verifiedBlocks;
        if (v == null) {
            // Two readers may each make one; the one written last stays, the other's blocks are verified again.
            v = VerifiedBlocks.forKeys(keyCount);
            verifiedBlocks = v;
        }
        return v;
    }

    /** The spare decoding state, or a new one when another cursor holds it. */
    TsmBlockCursor.DecodeScratch takeScratch() {
        TsmBlockCursor.DecodeScratch s = spareScratch.getAndSet(null);
        return s != null ? s : new TsmBlockCursor.DecodeScratch();
    }

    /** Keeps {@code s} as the spare unless there is one already (then it is left to the garbage collector). */
    void giveBackScratch(TsmBlockCursor.DecodeScratch s) {
        spareScratch.compareAndSet(null, s);
    }
}
