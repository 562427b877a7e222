package io.tidemark.storage.tsm;

import static io.tidemark.storage.tsm.TsmSegments.getLong;

import io.tidemark.common.FieldType;
import java.lang.foreign.MemorySegment;

/**
 * The block entries of one key in a version 3 file: ten columns, each stored in the fewest whole bytes that hold its
 * largest value over the key's blocks (0 bytes for a column that is zero in every block), relative to the key's
 * first block or to the entry's own first value, so that a key's entries stay fixed-width (binary search by time
 * keeps working) but take about a third of the 64 bytes of version 2. The layout, with the reasons for each column's
 * reference, is in {@code docs/format/tsm.md}; {@link PackedBlockEntriesWriter} writes it.
 *
 * <p>Columns, in entry order: min time and max time (min time relative to the key's first min time, max time to the
 * entry's min time, both in units of {@code 10^scale} ns), offset (relative to the key's first block), size, count,
 * first (relative to the key's first block's first), min, max and last (relative to the entry's first) and sum
 * (integers: relative to first × count; floats: the double's bits). Integer values are relative as zig-zag encoded
 * wrapping differences, float values as the XOR of their bits.
 *
 * <p>Reads are whole little-endian longs masked to the column's width: the index is followed by the directory and
 * the 48-byte footer, so 8 bytes from any column are inside the file.
 *
 * <p>Immutable; thread-safe.
 */
final class PackedBlockEntries extends BlockEntries {
    static final int MIN_TIME = 0;
    static final int MAX_TIME = 1;
    static final int OFFSET = 2;
    static final int SIZE = 3;
    static final int COUNT = 4;
    static final int FIRST = 5;
    static final int MIN = 6;
    static final int MAX = 7;
    static final int LAST = 8;
    static final int SUM = 9;
    static final int COLUMNS = 10;
    /** The header after the block count: scale (1), widths (5: two 4-bit widths a byte, the even column low). */
    static final int WIDTH_BYTES = 5;
    /** The largest scale: 10^18 is the largest power of ten in a long. */
    static final int MAX_SCALE = 18;

    private final int[] at;
    private final long[] mask;
    private final long timeUnit;
    private final long baseTime;
    private final long baseOffset;
    private final long baseFirst;
    private final boolean floats;

    /**
     * @param widths the ten widths, column {@code c} in bits {@code 4c..4c+3}
     */
    PackedBlockEntries(FieldType type, long firstEntry, int count, int scale, long widths, long baseTime,
            long baseOffset, long baseFirst) {
        this(type, firstEntry, count, scale, new Layout(widths), baseTime, baseOffset, baseFirst);
    }

    PackedBlockEntries(FieldType type, long firstEntry, int count, int scale, Layout layout, long baseTime,
            long baseOffset, long baseFirst) {
        super(type, firstEntry, count, layout.entryBytes);
        this.at = layout.at;
        this.mask = layout.mask;
        this.timeUnit = pow10(scale);
        this.baseTime = baseTime;
        this.baseOffset = baseOffset;
        this.baseFirst = baseFirst;
        this.floats = type == FieldType.FLOAT;
    }

    /** Where each column sits in an entry of given widths, and its mask. Immutable. */
    static final class Layout {
        final long widths;
        final int[] at = new int[COLUMNS];
        final long[] mask = new long[COLUMNS];
        final int entryBytes;

        Layout(long widths) {
            this.widths = widths;
            int offset = 0;
            for (int c = 0; c < COLUMNS; c++) {
                int w = width(widths, c);
                at[c] = offset;
                mask[c] = w == 8 ? -1L : (1L << (8 * w)) - 1;
                offset += w;
            }
            this.entryBytes = offset;
        }
    }

    /**
     * The layouts last asked for, kept per file in a small table by their widths: the keys of a file share a few
     * combinations of widths, so opening a key's entries (on every read, and for every key when a file is checked at
     * open) seldom computes one, and the cursors of a query over many series share their layouts' arrays (with the
     * last layout alone kept, consecutive keys of a file differed often enough that a query keeping 850,000 cursors
     * open held 640,000 copies, ~150 bytes each). Thread-safe: a layout is immutable, its fields final, so a thread
     * that reads one from the table without synchronization sees it whole; two threads may compute one at once.
     */
    static final class Layouts {
        private static final int SLOTS = 64;
        private final Layout[] recent = new Layout[SLOTS];

        Layout of(long widths) {
            int slot = (int) ((widths * 0x9E3779B97F4A7C15L) >>> 58);
            Layout l = recent[slot];
            if (l == null || l.widths != widths) {
                l = new Layout(widths);
                recent[slot] = l;
            }
            return l;
        }
    }

    static int width(long widths, int column) {
        return (int) (widths >>> (4 * column)) & 0xF;
    }

    /** The bytes of one entry; the widths must each be at most 8. */
    static int entryBytes(long widths) {
        int sum = 0;
        for (int c = 0; c < COLUMNS; c++) {
            sum += width(widths, c);
        }
        return sum;
    }

    private static final long[] POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L,
        100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L,
        1_000_000_000_000_000_000L};

    /** {@code 10^scale}, scale in [0, {@link #MAX_SCALE}]. */
    static long pow10(int scale) {
        return POWERS_OF_TEN[scale];
    }

    private long column(MemorySegment s, long entry, int c) {
        // A column of width 0 reads 8 bytes it masks away (inside the file, see above) rather than testing its width:
        // the JIT compiled that test for the first files' widths, and a file with a zero column trapped the
        // compiled statistics loop, which was compiled again (JFR deoptimization events of the benchmark's queries).
        return getLong(s, entry + at[c]) & mask[c];
    }

    /** A value stored relative to {@code reference}. */
    private long value(long stored, long reference) {
        return floats ? stored ^ reference : reference + ((stored >>> 1) ^ -(stored & 1));
    }

    @Override
    long minTime(MemorySegment s, long entry) {
        return baseTime + column(s, entry, MIN_TIME) * timeUnit;
    }

    @Override
    long maxTime(MemorySegment s, long entry) {
        return minTime(s, entry) + column(s, entry, MAX_TIME) * timeUnit;
    }

    @Override
    long offset(MemorySegment s, long entry) {
        return baseOffset + column(s, entry, OFFSET);
    }

    @Override
    int size(MemorySegment s, long entry) {
        return (int) column(s, entry, SIZE);
    }

    @Override
    int count(MemorySegment s, long entry) {
        return (int) column(s, entry, COUNT);
    }

    @Override
    long firstBits(MemorySegment s, long entry) {
        return value(column(s, entry, FIRST), baseFirst);
    }

    @Override
    long minBits(MemorySegment s, long entry) {
        return value(column(s, entry, MIN), firstBits(s, entry));
    }

    @Override
    long maxBits(MemorySegment s, long entry) {
        return value(column(s, entry, MAX), firstBits(s, entry));
    }

    @Override
    long lastBits(MemorySegment s, long entry) {
        return value(column(s, entry, LAST), firstBits(s, entry));
    }

    @Override
    boolean hasSums() {
        return true;
    }

    @Override
    long sumBits(MemorySegment s, long entry) {
        long stored = column(s, entry, SUM);
        return floats ? stored : value(stored, firstBits(s, entry) * count(s, entry));
    }
}
