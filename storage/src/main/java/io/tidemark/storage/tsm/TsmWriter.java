package io.tidemark.storage.tsm;

import io.tidemark.common.FieldType;
import io.tidemark.common.fs.Fs;
import io.tidemark.common.fs.FsFile;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.encoding.BooleanEncoder;
import io.tidemark.storage.encoding.ByteSink;
import io.tidemark.storage.encoding.ColumnEncoder;
import io.tidemark.storage.encoding.FloatEncoder;
import io.tidemark.storage.encoding.IntegerEncoder;
import io.tidemark.storage.encoding.StringEncoder;
import io.tidemark.storage.encoding.TimestampEncoder;
import io.tidemark.storage.encoding.UnsignedEncoder;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Writes one TSM file ({@link TsmFormat}) in one pass: series fields in ascending (series key, field) order, each
 * with its points in strictly increasing time order, cut into blocks of at most {@code maxPointsPerBlock} points.
 * Blocks stream to a temporary file beside the target through {@link Fs}; {@link #finish()} appends the index,
 * fsyncs, renames the file into place and fsyncs the directory, so a file under the final name is always complete.
 * {@link #close()} without {@link #finish()} (or after a failure) deletes the temporary file.
 *
 * <p>Memory: one block of points per type being written, a 64 KiB write buffer, the current key's block entries
 * (160 bytes per block), and the index until {@link #finish()}: about 20 bytes per block plus each series key once.
 *
 * <p>Not thread-safe: one writer thread (a snapshot or a compaction).
 */
public final class TsmWriter implements AutoCloseable {
    private static final int WRITE_BUFFER_BYTES = 64 * 1024;

    private final Fs fs;
    private final Path path;
    private final Path temporary;
    private final int maxPointsPerBlock;
    /** Blocks end at multiples of this many nanoseconds (UTC); 0 for no such cut. */
    private final long blockPeriodNanos;
    /** With a block period: where the period of the pending block's first point ends. */
    private long nextPeriodStart;
    private final FsFile file;
    private final ByteBuffer buffer = ByteBuffer.allocate(WRITE_BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C fileCrc = new CRC32C();
    private final CRC32C blockCrc = new CRC32C();
    /** Bytes handed to the file so far, buffered ones included: the offset of the next byte. */
    private long position;

    private final TimestampEncoder timestampEncoder = new TimestampEncoder();
    private final FloatEncoder floatEncoder = new FloatEncoder();
    private final IntegerEncoder integerEncoder = new IntegerEncoder();
    private final UnsignedEncoder unsignedEncoder = new UnsignedEncoder();
    private final BooleanEncoder booleanEncoder = new BooleanEncoder();
    private final StringEncoder stringEncoder = new StringEncoder();
    private final ByteSink block = new ByteSink(16 * 1024);

    /** Key entries written so far; offsets in {@link #keyOffsets} are relative to its start. */
    private final ByteSink index = new ByteSink(16 * 1024);
    private long[] keyOffsets = new long[64];
    private int keyCount;
    private long fileMinTime = Long.MAX_VALUE;
    private long fileMaxTime = Long.MIN_VALUE;

    // The key being written.
    private byte[] seriesKey;
    private byte[] field;
    private FieldType type;
    private final PackedBlockEntriesWriter blockEntries = new PackedBlockEntriesWriter();
    /** The series key of the last key entry written, and where its bytes are in {@link #index}; -1 before any. */
    private byte[] indexedSeriesKey;
    private int indexedSeriesKeyAt = -1;
    private final long[] times;
    private final long[] values;
    private final byte[][] strings;
    private int pending;
    private long lastTime;
    private boolean anyPoint;

    private boolean finished;
    private boolean failed;
    private boolean closed;

    private TsmWriter(Fs fs, Path path, Path temporary, int maxPointsPerBlock, long blockPeriodNanos, FsFile file) {
        this.fs = fs;
        this.path = path;
        this.temporary = temporary;
        this.maxPointsPerBlock = maxPointsPerBlock;
        this.blockPeriodNanos = blockPeriodNanos;
        this.file = file;
        this.times = new long[maxPointsPerBlock];
        this.values = new long[maxPointsPerBlock];
        this.strings = new byte[maxPointsPerBlock][];
    }

    /** Starts a file with blocks of at most {@link TsmFormat#DEFAULT_POINTS_PER_BLOCK} points. */
    public static TsmWriter create(Fs fs, Path path) throws IOException {
        return create(fs, path, TsmFormat.DEFAULT_POINTS_PER_BLOCK);
    }

    /**
     * Starts writing {@code path} (through {@code path + ".tmp"}, replaced if a crash left one behind).
     *
     * @throws FileAlreadyExistsException if {@code path} exists: TSM files are immutable
     */
    public static TsmWriter create(Fs fs, Path path, int maxPointsPerBlock) throws IOException {
        return create(fs, path, maxPointsPerBlock, 0);
    }

    /**
     * {@link #create(Fs, Path, int)}, with blocks that also end where time crosses a multiple of
     * {@code blockPeriodNanos} (counted from the epoch, UTC): a query whose {@code GROUP BY time()} windows are
     * multiples of the period then finds every block wholly inside one window, and answers it from the block's
     * statistics without decoding it.
     *
     * @param blockPeriodNanos 0 for blocks cut by their size only
     */
    public static TsmWriter create(Fs fs, Path path, int maxPointsPerBlock, long blockPeriodNanos)
            throws IOException {
        if (blockPeriodNanos < 0) {
            throw new IllegalArgumentException("negative block period: " + blockPeriodNanos);
        }
        if (maxPointsPerBlock < 1 || maxPointsPerBlock > TsmFormat.MAX_POINTS_PER_BLOCK) {
            throw new IllegalArgumentException("points per block must be in [1, " + TsmFormat.MAX_POINTS_PER_BLOCK
                    + "]: " + maxPointsPerBlock);
        }
        if (fs.exists(path)) {
            throw new FileAlreadyExistsException(path.toString(), null, "TSM files are never overwritten");
        }
        Path temporary = path.resolveSibling(path.getFileName() + TsmFormat.TEMPORARY_SUFFIX);
        FsFile file = fs.openAppend(temporary);
        TsmWriter w = new TsmWriter(fs, path, temporary, maxPointsPerBlock, blockPeriodNanos, file);
        try {
            file.truncate(0);
            w.buffer.putInt(Integer.reverseBytes(TsmFormat.MAGIC));
            w.buffer.put(TsmFormat.VERSION_CURRENT).put((byte) 0).put((byte) 0).put((byte) 0);
            w.position = TsmFormat.HEADER_BYTES;
        } catch (IOException | RuntimeException e) {
            w.abort(e);
            throw e;
        }
        return w;
    }

    /** The file this writer produces. */
    public Path path() {
        return path;
    }

    /**
     * Starts the points of a series field. The previous one, if any, is complete; one with no point is left out of
     * the file.
     *
     * @throws IllegalArgumentException if (series key, field) does not sort after the previous one (bytewise,
     *     unsigned, series key first), or a name is empty or longer than {@link TsmFormat#MAX_KEY_BYTES}
     */
    public void beginKey(byte[] seriesKey, String field, FieldType type) throws IOException {
        checkWritable();
        Objects.requireNonNull(type, "type");
        byte[] f = field.getBytes(StandardCharsets.UTF_8);
        checkName(seriesKey, "series key");
        checkName(f, "field name");
        if (this.seriesKey != null) {
            int cmp = compareKeys(seriesKey, f, this.seriesKey, this.field);
            if (cmp <= 0) {
                throw new IllegalArgumentException("keys must be added in ascending order: "
                        + describe(seriesKey, f) + (cmp == 0 ? " repeats " : " sorts before ")
                        + describe(this.seriesKey, this.field));
            }
            endKey();
        }
        this.seriesKey = seriesKey.clone();
        this.field = f;
        this.type = type;
        this.blockEntries.clear();
        this.pending = 0;
        this.anyPoint = false;
    }

    /**
     * Appends a point of a non-string field: {@code bits} as the cache keeps them (the IEEE 754 bits of a float, an
     * integer, the 64 bits of an unsigned integer, 0 or 1 for a boolean).
     *
     * @throws IllegalArgumentException if {@code timeNanos} is not after the key's previous point, or a boolean is
     *     neither 0 nor 1
     */
    public void append(long timeNanos, long bits) throws IOException {
        checkPoint(timeNanos, false);
        if (type == FieldType.BOOLEAN && bits != 0 && bits != 1) {
            throw new IllegalArgumentException("a boolean is 0 or 1, not " + bits);
        }
        endBlockAtPeriod(timeNanos);
        times[pending] = timeNanos;
        values[pending] = bits;
        addPending();
    }

    /** Appends {@code count} points of a non-string field from parallel arrays; see {@link #append(long, long)}. */
    public void append(long[] timesNanos, long[] bits, int from, int count) throws IOException {
        Objects.checkFromIndexSize(from, count, timesNanos.length);
        Objects.checkFromIndexSize(from, count, bits.length);
        for (int i = from; i < from + count; i++) {
            append(timesNanos[i], bits[i]);
        }
    }

    /** Appends a point of a string field, given as its UTF-8 bytes (kept by reference until its block is written). */
    public void appendString(long timeNanos, byte[] utf8) throws IOException {
        checkPoint(timeNanos, true);
        endBlockAtPeriod(timeNanos);
        times[pending] = timeNanos;
        strings[pending] = Objects.requireNonNull(utf8, "string value");
        addPending();
    }

    /**
     * Appends the current block of {@code source} as it is on disk, without decoding it: for a compaction that
     * copies a block it does not change. The block's checksum and type byte are checked on the bytes as they are
     * copied, so a damaged block is never written; its statistics come from the source's index. The block must be
     * of the current key's type, hold at most {@code maxPointsPerBlock} points and start after the key's previous
     * point, and no decoded point may be waiting for a block ({@link #pendingPoints()} is 0).
     *
     * @throws CorruptionException if the source block is damaged; this writer is then failed
     */
    void appendRawBlock(TsmBlockCursor source) throws IOException {
        checkWritable();
        if (seriesKey == null) {
            throw new IllegalStateException("no key begun: call beginKey first");
        }
        if (pending != 0) {
            throw new IllegalStateException("BUG: a raw block after " + pending + " points not yet in a block");
        }
        if (source.type() != type) {
            throw new IllegalArgumentException("a " + source.type().influxName() + " block in "
                    + describe(seriesKey, field) + ", of type " + type.influxName());
        }
        int count = source.count();
        long minTime = source.minTimeNanos();
        long maxTime = source.maxTimeNanos();
        if (count > maxPointsPerBlock) {
            throw new IllegalArgumentException("a block of " + count + " points, more than " + maxPointsPerBlock);
        }
        if (anyPoint && minTime <= lastTime) {
            throw new IllegalArgumentException("times must strictly increase within " + describe(seriesKey, field)
                    + ": a block from " + minTime + " after " + lastTime);
        }
        MemorySegment bytes = source.rawBytes();
        int size = (int) bytes.byteSize();
        long offset = position;
        try {
            copyChecked(source, bytes, size);
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
        long sum = source.hasSums() ? source.sumBits() : sumOf(source);
        blockEntries.add(minTime, maxTime, offset, size, count, source.firstBits(), source.minBits(),
                source.maxBits(), source.lastBits(), sum);
        fileMinTime = Math.min(fileMinTime, minTime);
        fileMaxTime = Math.max(fileMaxTime, maxTime);
        lastTime = maxTime;
        anyPoint = true;
    }

    /** The sum of a block from a file whose index has none (versions 1 and 2). */
    private long sumOf(TsmBlockCursor source) throws CorruptionException {
        if (!TsmFormat.hasValueStatistics(type)) {
            return 0;
        }
        TsmBlock decoded = source.decode();
        return TsmValues.sum(type, decoded.valueBits(), 0, decoded.count());
    }

    /** Copies a block into the write buffer, checking its checksum over the very bytes that were copied. */
    private void copyChecked(TsmBlockCursor source, MemorySegment bytes, int size) throws IOException {
        if (size < TsmFormat.BLOCK_PREFIX_BYTES) {
            throw source.damaged(0, "a block of " + size + " bytes");
        }
        int stored = bytes.get(TsmSegments.INT_LE, 0);
        int code = bytes.get(ValueLayout.JAVA_BYTE, 4) & 0xFF;
        blockCrc.reset();
        for (long done = 0; done < size; ) {
            if (!buffer.hasRemaining()) {
                flushBuffer();
            }
            int n = (int) Math.min(size - done, buffer.remaining());
            int at = buffer.position();
            MemorySegment.copy(bytes, ValueLayout.JAVA_BYTE, done, buffer.array(), at, n);
            // The checksum covers the block after its own four bytes.
            int skip = (int) Math.max(0, Math.min(4 - done, n));
            blockCrc.update(buffer.array(), at + skip, n - skip);
            buffer.position(at + n);
            position += n;
            done += n;
        }
        if ((int) blockCrc.getValue() != stored) {
            throw source.checksumMismatch(stored, (int) blockCrc.getValue());
        }
        if (code != type.code()) {
            throw source.damaged(4, "block of type code " + code + " in a " + type.influxName() + " field");
        }
    }

    /** Points appended to the current key that are not yet in a block. */
    int pendingPoints() {
        return pending;
    }

    /**
     * About the bytes {@link #finish()} will still write after {@link #bytesWritten()}: the index entries not yet
     * written, the directory and the footer, but not the current key's last block (its size is known only once it is
     * encoded).
     */
    long unwrittenIndexBytes() {
        long current = seriesKey == null ? 0 : 2L * 3 + seriesKey.length + field.length + 1 + 3
                + blockEntries.encodedBytes(type);
        return index.size() + current + 8L * (keyCount + 1) + TsmFormat.FOOTER_BYTES;
    }

    /** Bytes handed to the file so far (some may still be buffered). */
    long bytesWritten() {
        return position;
    }

    private void checkPoint(long timeNanos, boolean string) {
        checkWritable();
        if (seriesKey == null) {
            throw new IllegalStateException("no key begun: call beginKey first");
        }
        if (string != (type == FieldType.STRING)) {
            throw new IllegalArgumentException("field " + describe(seriesKey, field) + " is of type "
                    + type.influxName());
        }
        if (anyPoint && timeNanos <= lastTime) {
            throw new IllegalArgumentException("times must strictly increase within " + describe(seriesKey, field)
                    + ": " + timeNanos + " after " + lastTime);
        }
    }

    /** Writes the pending points as a block if {@code timeNanos} is in a later period than they are. */
    private void endBlockAtPeriod(long timeNanos) throws IOException {
        if (blockPeriodNanos == 0) {
            return;
        }
        // Times strictly increase within a key (checkPoint), so a block's period ends at the first time past it.
        if (pending > 0 && timeNanos >= nextPeriodStart) {
            writeBlock();
        }
        if (pending == 0) {
            // Once per block rather than two divisions per point; a boundary past the last valid time is none.
            long period = Math.floorDiv(timeNanos, blockPeriodNanos);
            try {
                nextPeriodStart = Math.multiplyExact(period + 1, blockPeriodNanos);
            } catch (ArithmeticException pastTheEnd) {
                nextPeriodStart = Long.MAX_VALUE;
            }
        }
    }

    private void addPending() throws IOException {
        lastTime = times[pending];
        anyPoint = true;
        pending++;
        if (pending == maxPointsPerBlock) {
            writeBlock();
        }
    }

    private void writeBlock() throws IOException {
        int n = pending;
        block.clear();
        block.put(type.code());
        timestampEncoder.encode(times, 0, n, block);
        long min = 0;
        long max = 0;
        long first = 0;
        long last = 0;
        long sum = 0;
        if (type == FieldType.STRING) {
            stringEncoder.encode(strings, 0, n, block);
            Arrays.fill(strings, 0, n, null);
        } else {
            valueEncoder().encode(values, 0, n, block);
            first = values[0];
            last = values[n - 1];
            sum = TsmValues.sum(type, values, 0, n);
            min = TsmValues.min(type, values, 0, n);
            max = TsmValues.max(type, values, 0, n);
        }
        blockCrc.reset();
        blockCrc.update(block.array(), 0, block.size());
        long offset = position;
        int size = 4 + block.size();
        writeIntLE((int) blockCrc.getValue());
        writeBytes(block.array(), 0, block.size());

        blockEntries.add(times[0], times[n - 1], offset, size, n, first, min, max, last, sum);
        fileMinTime = Math.min(fileMinTime, times[0]);
        fileMaxTime = Math.max(fileMaxTime, times[n - 1]);
        pending = 0;
    }

    private ColumnEncoder valueEncoder() {
        return switch (type) {
            case FLOAT -> floatEncoder;
            case INTEGER -> integerEncoder;
            case UNSIGNED -> unsignedEncoder;
            case BOOLEAN -> booleanEncoder;
            case STRING -> throw new IllegalStateException("BUG: strings have no column encoder");
        };
    }

    /** Completes the current key: its last block and its index entry. */
    private void endKey() throws IOException {
        if (pending > 0) {
            writeBlock();
        }
        if (blockEntries.count() == 0) {
            return;
        }
        if (keyCount == keyOffsets.length) {
            keyOffsets = Arrays.copyOf(keyOffsets, keyCount * 2);
        }
        int entryAt = index.size();
        keyOffsets[keyCount++] = entryAt;
        if (indexedSeriesKey != null && Arrays.equals(indexedSeriesKey, seriesKey)) {
            // The fields of a series follow one another: its key is written once, then referred to.
            index.putUvarint(0);
            index.putUvarint(entryAt - indexedSeriesKeyAt);
            index.putUvarint(seriesKey.length);
        } else {
            index.putUvarint(seriesKey.length);
            indexedSeriesKey = seriesKey;
            indexedSeriesKeyAt = index.size();
            index.put(seriesKey, 0, seriesKey.length);
        }
        index.putUvarint(field.length);
        index.put(field, 0, field.length);
        index.put(type.code());
        index.putUvarint(blockEntries.count());
        blockEntries.writeTo(index, type);
    }

    /**
     * Writes the index and footer and makes the file durable under its final name. If this throws, no file is left
     * under that name (unless deleting it after a failed directory fsync failed too) and {@link #close()} removes
     * the temporary one.
     *
     * @return a summary of the file written
     */
    public TsmFileSummary finish() throws IOException {
        checkWritable();
        try {
            if (seriesKey != null) {
                endKey();
            }
            long indexOffset = position;
            writeBytes(index.array(), 0, index.size());
            long directoryOffset = position;
            ByteBuffer tail = ByteBuffer.allocate(8 * keyCount + TsmFormat.FOOTER_INDEX_CRC)
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < keyCount; i++) {
                tail.putLong(indexOffset + keyOffsets[i]);
            }
            tail.putInt(Integer.reverseBytes(TsmFormat.FOOTER_MAGIC_PACKED));
            tail.putInt(keyCount);
            tail.putLong(indexOffset);
            tail.putLong(directoryOffset);
            tail.putLong(fileMinTime);
            tail.putLong(fileMaxTime);
            writeBytes(tail.array(), 0, tail.position());
            CRC32C indexCrc = new CRC32C();
            indexCrc.update(index.array(), 0, index.size());
            indexCrc.update(tail.array(), 0, tail.position());
            writeIntLE((int) indexCrc.getValue());
            // The file checksum covers every byte before it, so everything buffered goes through it first.
            flushBuffer();
            writeIntLE((int) fileCrc.getValue());
            flushBuffer();
            file.force();
            file.close();
            closed = true;
            fs.rename(temporary, path);
        } catch (IOException | RuntimeException e) {
            abort(e);
            throw e;
        }
        try {
            fs.fsyncDirectory(path.toAbsolutePath().getParent());
        } catch (IOException e) {
            failed = true;
            try {
                fs.delete(path);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        finished = true;
        return new TsmFileSummary(path, position, keyCount, fileMinTime, fileMaxTime);
    }

    /** Abandons an unfinished file: deletes the temporary file. Does nothing after {@link #finish()}. */
    @Override
    public void close() throws IOException {
        if (finished || (failed && closed)) {
            return;
        }
        abort(null);
    }

    private void abort(Throwable cause) throws IOException {
        failed = true;
        IOException first = null;
        if (!closed) {
            closed = true;
            try {
                file.close();
            } catch (IOException e) {
                first = e;
            }
        }
        try {
            fs.delete(temporary);
        } catch (IOException e) {
            if (first == null) {
                first = e;
            } else {
                first.addSuppressed(e);
            }
        }
        if (first != null) {
            if (cause != null) {
                cause.addSuppressed(first);
            } else {
                throw first;
            }
        }
    }

    private void checkWritable() {
        if (finished) {
            throw new IllegalStateException("the TSM file " + path + " is already finished");
        }
        if (failed) {
            throw new IllegalStateException("cannot write " + path + ": an earlier write failed or it was closed");
        }
    }

    // ---------------------------------------------------------------- buffered output with the file checksum

    private void writeIntLE(int v) throws IOException {
        if (buffer.remaining() < 4) {
            flushBuffer();
        }
        buffer.putInt(v);
        position += 4;
    }

    private void writeBytes(byte[] src, int off, int len) throws IOException {
        while (len > 0) {
            if (!buffer.hasRemaining()) {
                flushBuffer();
            }
            int n = Math.min(len, buffer.remaining());
            buffer.put(src, off, n);
            off += n;
            len -= n;
            position += n;
        }
    }

    private void flushBuffer() throws IOException {
        if (buffer.position() == 0) {
            return;
        }
        buffer.flip();
        fileCrc.update(buffer.array(), 0, buffer.limit());
        try {
            file.write(buffer);
        } catch (IOException e) {
            failed = true;
            throw e;
        }
        buffer.clear();
    }

    private static void checkName(byte[] name, String what) {
        if (name.length == 0 || name.length > TsmFormat.MAX_KEY_BYTES) {
            throw new IllegalArgumentException(what + " of " + name.length + " bytes: must be 1 to "
                    + TsmFormat.MAX_KEY_BYTES);
        }
    }

    /** Orders keys by series key, then field, both bytewise unsigned. */
    static int compareKeys(byte[] seriesA, byte[] fieldA, byte[] seriesB, byte[] fieldB) {
        int c = Arrays.compareUnsigned(seriesA, seriesB);
        return c != 0 ? c : Arrays.compareUnsigned(fieldA, fieldB);
    }

    static String describe(byte[] seriesKey, byte[] field) {
        return new String(seriesKey, StandardCharsets.UTF_8) + " " + new String(field, StandardCharsets.UTF_8);
    }
}
