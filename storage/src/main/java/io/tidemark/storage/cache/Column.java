package io.tidemark.storage.cache;

import io.tidemark.common.FieldType;
import java.util.Arrays;

/**
 * The values of one field of one series, in append (WAL) order, in a linked list of chunks of primitive arrays: no
 * boxing and no copying as it grows.
 *
 * <p>Single writer, many readers: only the cache applier appends, and it makes appended values visible with
 * {@link #publish()}, a volatile write of the count after the chunk slots, chunk links and the sorted flag were
 * written. A reader reads the count first and then only the slots below it, which are never written again, so it
 * needs no lock. Duplicates and disorder are resolved by the reader, on its copy: ascending time, the value appended
 * last winning for a timestamp written more than once.
 *
 * <p>A numeric or boolean column keeps its first {@link #INLINE_VALUES} values in fields of its own and allocates its
 * first chunk for the next: a series written once or twice between snapshots (100,000 series, each line a new one)
 * held an 8-slot chunk per field, about 250 bytes of heap for one value. The inline values are written once, before
 * the {@link #publish()} that exposes them, and never again (the chunk gets copies): a reader that read a count of at
 * most {@link #INLINE_VALUES} reads them and nothing else, one that read more reads the chunks.
 *
 * <p>The column's account, the sum of what its appends return, is {@link CacheSizes#accountedBytes} of its value
 * count (plus its string payloads): its chunks, and a prepaid share of the next chunk that grows as the last chunk
 * fills up. It is a function of the count alone because chunks grow in a fixed sequence, which is what lets a write
 * bound its growth without knowing the count ({@link CacheSizes#maxGrowth}). Inline values are counted as if they
 * were in the first chunk, so the account errs high for a column of one or two values.
 */
final class Column {
    /** Values a numeric or boolean column holds in its own fields before it allocates a chunk. */
    static final int INLINE_VALUES = 2;

    private final FieldDef field;
    private final boolean strings;

    // Applier-only state; head and the chunk links are read by readers after they read `published`.
    private ChunkNode head;
    private Chunk tail;
    /** The last chunk {@link #publish} sealed (packed, or left as it is when packing does not pay); null before. */
    private ChunkNode lastSealed;
    private int tailSize;
    private int chunkCount;
    private int count;
    private long lastTime = Long.MIN_VALUE;
    // The first INLINE_VALUES values of a numeric or boolean column; written once each (see the class comment).
    private long time0;
    private long bits0;
    private long time1;
    private long bits1;

    /** 1 while every timestamp appended was greater than the one before it, then 0 for good. Applier only. */
    private long increasingSoFar = 1;
    /** {@link #increasingSoFar} as of the last {@link #publish()}: what readers go by. */
    private volatile long increasing = 1;
    /** Values readers may see; written last by {@link #publish()}. */
    private volatile int published;

    Column(FieldDef field) {
        this.field = field;
        this.strings = field.type() == FieldType.STRING;
    }

    FieldDef field() {
        return field;
    }

    /**
     * Appends a numeric or boolean value given as raw bits; returns the bytes the column's account grew by (see the
     * class comment). Applier only.
     */
    long append(long time, long bits) {
        if (tail == null) {
            // Out of line, so that the append of every later value stays as small as it was for the JIT.
            return appendWithoutChunk(time, bits);
        }
        return appendToTail(time, bits);
    }

    private long appendToTail(long time, long bits) {
        long grown = takeSlot();
        tail.times[tailSize] = time;
        tail.values[tailSize] = bits;
        tailSize++;
        noteTime(time);
        return grown;
    }

    /** Appends a copy of a UTF-8 string value; returns the bytes the column's account grew by. Applier only. */
    long appendString(long time, byte[] src, int off, int len) {
        long grown = takeSlot();
        tail.times[tailSize] = time;
        tail.strings[tailSize] = Arrays.copyOfRange(src, off, off + len);
        tailSize++;
        noteTime(time);
        return grown + CacheSizes.stringBytes(len);
    }

    /**
     * Makes sure the tail has a free slot for the next value; returns what that value adds to the column's account:
     * the chunk it allocates if the tail was full (prepaid up to now, so the prepayment is given back), and the
     * change in what is prepaid for the chunk after.
     */
    private long takeSlot() {
        if (tail != null && tail.capacity() - tailSize - 1 >= CacheSizes.unprepaidFreeSlots(chunkCount, strings)) {
            return 0; // away from the chunk's end: nothing allocated, nothing prepaid before or after this value
        }
        long prepaidBefore = tail == null ? 0
                : CacheSizes.prepaidBytes(chunkCount, tail.capacity() - tailSize, strings);
        long allocated = tail == null || tailSize == tail.capacity() ? addChunk() : 0;
        long prepaidAfter = CacheSizes.prepaidBytes(chunkCount, tail.capacity() - tailSize - 1, strings);
        return allocated - prepaidBefore + prepaidAfter;
    }

    /**
     * A value of a column without a chunk: inline while there is room, else the first chunk takes the inline values
     * (the account has counted it since the first value) and this one.
     */
    private long appendWithoutChunk(long time, long bits) {
        if (count >= INLINE_VALUES) {
            moveInlineValuesToAChunk();
            return appendToTail(time, bits);
        }
        long grown = CacheSizes.accountedBytes(count + 1L, false) - CacheSizes.accountedBytes(count, false);
        if (count == 0) {
            time0 = time;
            bits0 = bits;
        } else {
            time1 = time;
            bits1 = bits;
        }
        noteTime(time);
        return grown;
    }

    private void moveInlineValuesToAChunk() {
        addChunk();
        tail.times[0] = time0;
        tail.values[0] = bits0;
        tail.times[1] = time1;
        tail.values[1] = bits1;
        tailSize = INLINE_VALUES;
    }

    private void noteTime(long time) {
        // Arithmetic, not a branch: the JIT compiles a branch that has not been taken yet into a trap, and the first
        // timestamp out of order (batches of concurrent writers applied out of order do that) would throw away the
        // applier's compiled code, once for each such branch. lastTime starts below every valid timestamp, so the
        // first value needs no case of its own.
        increasingSoFar &= lessThan(lastTime, time);
        lastTime = time;
        count++;
    }

    /**
     * 1 if {@code x < y}, else 0, without a branch (Hacker's Delight, 2-12: the sign of x - y, corrected for
     * overflow).
     */
    static long lessThan(long x, long y) {
        long d = x - y;
        return (d ^ ((x ^ y) & (d ^ x))) >>> 63;
    }

    private long addChunk() {
        int capacity = CacheSizes.chunkCapacity(chunkCount);
        Chunk c = new Chunk(capacity, strings);
        if (tail == null) {
            head = c;
        } else {
            tail.next = c;
        }
        tail = c;
        tailSize = 0;
        chunkCount++;
        return CacheSizes.chunkBytes(capacity, strings);
    }

    /**
     * Packs the chunks that filled up since the last call, then makes every value appended so far visible to
     * readers; returns what packing gave back to the column's account (bytes, not negative). Applier only.
     *
     * <p>A packed chunk replaces its raw chunk in the list: the link to the raw chunk is pointed at the packed one,
     * which links to the raw chunk's successor. A reader already on the raw chunk keeps reading it (its slots never
     * change) and follows its link, which still leads on; a reader that reads the new link sees the packed chunk
     * whole (its fields are final). Either way it reads the same values.
     */
    long publish(ChunkPacker packer) {
        long given = 0;
        if (!strings) {
            ChunkNode sealed = lastSealed;
            ChunkNode node = sealed == null ? head : sealed.next;
            while (node != null && node != tail) {
                Chunk raw = (Chunk) node;
                PackedChunk packed = packer.pack(field.type(), raw, raw.capacity());
                if (packed != null) {
                    packed.next = raw.next;
                    if (sealed == null) {
                        head = packed;
                    } else {
                        sealed.next = packed;
                    }
                    given += CacheSizes.chunkBytes(raw.capacity(), false) - packed.accountedBytes();
                    sealed = packed;
                } else {
                    sealed = raw;
                }
                node = sealed.next;
            }
            lastSealed = sealed;
        }
        increasing = increasingSoFar;
        published = count;
        return given;
    }

    /** The published values with {@code min <= t <= max}, sorted and deduplicated. Any thread. */
    CacheCursor cursor(long min, long max) {
        int n = published;
        boolean sorted = increasing != 0;
        if (n == 0 || min > max) {
            return CacheCursor.empty(field.type());
        }
        if (n <= INLINE_VALUES && !strings) {
            return inlineRange(n, min, max);
        }
        ChunkNode first = head;
        return sorted ? sortedRange(first, n, min, max) : resolvedRange(first, n, min, max);
    }

    /** The inline values in the range, sorted; of two at one time the second, written later, wins. */
    private CacheCursor inlineRange(int n, long min, long max) {
        boolean first = time0 >= min && time0 <= max;
        boolean second = n == 2 && time1 >= min && time1 <= max;
        if (second && time1 == time0) {
            first = false;
        }
        CacheCursor out = CacheCursor.allocate(field.type(), (first ? 1 : 0) + (second ? 1 : 0));
        if (first && second && time1 < time0) {
            out.add(time1, bits1, null);
            out.add(time0, bits0, null);
            return out;
        }
        if (first) {
            out.add(time0, bits0, null);
        }
        if (second) {
            out.add(time1, bits1, null);
        }
        return out;
    }

    // Fast path: strictly increasing times, so a binary search per chunk finds the range and there are no duplicates.
    // A packed chunk is unpacked only when its time range overlaps the one asked for, and counted without unpacking
    // when it lies inside it.
    private CacheCursor sortedRange(ChunkNode first, int n, long min, long max) {
        Unpacked unpacked = new Unpacked();
        int total = 0;
        int seen = 0;
        for (ChunkNode c = first; c != null && seen < n; c = c.next) {
            int filled = Math.min(c.capacity(), n - seen);
            seen += filled;
            long[] times;
            if (c instanceof PackedChunk p) {
                if (p.maxTime() < min || p.minTime() > max) {
                    continue;
                }
                if (p.minTime() >= min && p.maxTime() <= max) {
                    total += filled;
                    continue;
                }
                times = unpacked.load(p, field.type(), filled).times;
            } else {
                times = ((Chunk) c).times;
            }
            total += upperBound(times, filled, max) - lowerBound(times, filled, min);
        }
        CacheCursor out = CacheCursor.allocate(field.type(), total);
        seen = 0;
        for (ChunkNode c = first; c != null && seen < n; c = c.next) {
            int filled = Math.min(c.capacity(), n - seen);
            seen += filled;
            long[] times;
            long[] values;
            byte[][] strs = null;
            if (c instanceof PackedChunk p) {
                if (p.maxTime() < min || p.minTime() > max) {
                    continue;
                }
                unpacked.load(p, field.type(), filled);
                times = unpacked.times;
                values = unpacked.values;
            } else {
                Chunk raw = (Chunk) c;
                times = raw.times;
                values = raw.values;
                strs = raw.strings;
            }
            int from = lowerBound(times, filled, min);
            int to = upperBound(times, filled, max);
            for (int i = from; i < to; i++) {
                out.add(times[i], strings ? 0 : values[i], strings ? strs[i] : null);
            }
        }
        return out;
    }

    /** Where one read unpacks packed chunks, one at a time; its arrays are made at the first. */
    private static final class Unpacked {
        long[] times;
        long[] values;

        Unpacked load(PackedChunk p, FieldType type, int filled) {
            if (times == null) {
                times = new long[CacheSizes.maxChunkCapacity()];
                values = new long[CacheSizes.maxChunkCapacity()];
            }
            p.unpack(type, times, values, 0, filled);
            return this;
        }
    }

    // Slow path: copy, order by (time, append position), keep the last of each timestamp.
    private CacheCursor resolvedRange(ChunkNode first, int n, long min, long max) {
        long[] times = new long[n];
        long[] values = strings ? null : new long[n];
        byte[][] strs = strings ? new byte[n][] : null;
        int seen = 0;
        for (ChunkNode c = first; c != null && seen < n; c = c.next) {
            int filled = Math.min(c.capacity(), n - seen);
            if (c instanceof PackedChunk p) {
                p.unpack(field.type(), times, values, seen, filled);
            } else {
                Chunk raw = (Chunk) c;
                System.arraycopy(raw.times, 0, times, seen, filled);
                if (strings) {
                    System.arraycopy(raw.strings, 0, strs, seen, filled);
                } else {
                    System.arraycopy(raw.values, 0, values, seen, filled);
                }
            }
            seen += filled;
        }
        int[] order = StableOrder.byTime(times, n);
        // The last value in time order is kept (if in range) after the loops: a test for it inside them failed at
        // the last step of every call, and the JIT, which had assumed it would not, compiled this method again
        // four times in a load.
        int last = n - 1;
        int total = 0;
        for (int k = 0; k < last; k++) {
            long t = times[order[k]];
            if (t >= min && t <= max && times[order[k + 1]] != t) {
                total++;
            }
        }
        long latest = times[order[last]];
        boolean keepLast = latest >= min && latest <= max;
        CacheCursor out = CacheCursor.allocate(field.type(), keepLast ? total + 1 : total);
        for (int k = 0; k < last; k++) {
            int i = order[k];
            long t = times[i];
            if (t >= min && t <= max && times[order[k + 1]] != t) {
                out.add(t, strings ? 0 : values[i], strings ? strs[i] : null);
            }
        }
        if (keepLast) {
            int i = order[last];
            out.add(latest, strings ? 0 : values[i], strings ? strs[i] : null);
        }
        return out;
    }

    /** The first index in [0, n) with times[i] >= key, or n. */
    private static int lowerBound(long[] times, int n, long key) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The first index in [0, n) with times[i] > key, or n. */
    private static int upperBound(long[] times, int n, long key) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
