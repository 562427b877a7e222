package io.tidemark.storage.tsm;

import io.tidemark.common.FieldType;
import io.tidemark.common.fs.Fs;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.tombstone.TimeRanges;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Merges TSM files into one, the heart of a compaction. Keys come out in file order, the union of the inputs' keys.
 * For each key:
 *
 * <ul>
 *   <li>the key's type is that of the newest input that has the key in its index; older inputs that hold the key
 *       with another type (possible after DROP MEASUREMENT and a rewrite with another type) contribute nothing;
 *   <li>each input's points inside that input's deleted ranges ({@link DeletedRanges}) are dropped first; of the
 *       points that remain, the newest input's wins for a timestamp held by several (InfluxDB: the last write
 *       wins);
 *   <li>output blocks hold {@code maxPointsPerBlock} points, except the key's last one.
 * </ul>
 *
 * <p>Speed: a block that needs no change is copied as it is on disk, without decoding and re-encoding it: when no
 * other input has points of the key up to its end, none of its points is deleted, no decoded point waits for a block,
 * and it holds {@code maxPointsPerBlock} points or is the key's last. Its checksum is checked on the copied bytes. A
 * key found in one input only, with nothing deleted, is therefore copied block by block. Other blocks are decoded
 * and their points re-encoded.
 *
 * <p>Damage: a damaged input block (checksum, type or decoding) fails the merge with the input's
 * {@link CorruptionException}, naming the file and the block's offset; blocks whose points are all deleted are
 * skipped unread. On any failure, and on cancellation, the temporary output file is removed and no output exists.
 *
 * <p>Memory: per input, one key entry and one decoded block (with its decoder buffers); the output's index, about 64
 * bytes per block written; the writer's 64 KiB buffer and one block being encoded. Never a whole series.
 *
 * <p>Stateless; a merge runs on its caller's thread. The inputs must stay open for the merge and are not closed by
 * it; several merges may read the same inputs concurrently.
 */
public final class TsmMerger {
    /** Bytes written between two calls to the throttle: small enough to keep the rate smooth. */
    private static final long THROTTLE_GRAIN_BYTES = 16 * 1024;
    /**
     * Bytes of an input merged between two releases of its mapped pages ({@link TsmReader#releasePages}): what the
     * merge adds to the process's resident memory for each input it reads, at one system call per step.
     */
    private static final long RELEASE_BYTES = 1024 * 1024;

    private TsmMerger() {
    }

    /**
     * Merges {@code inputsOldestFirst} into a new file {@code output}.
     *
     * @param deleted what tombstones delete from each input, by its position in {@code inputsOldestFirst}
     * @param maxPointsPerBlock points per output block, 1 to {@link TsmFormat#MAX_POINTS_PER_BLOCK}
     * @param throttle accounts for every byte of the output as it is written (the caller sleeps in it)
     * @param cancelled polled between blocks and keys; once it answers true the merge stops
     * @return the output's summary, or empty if no point remains: then no file is left, not even a temporary one
     * @throws CancellationException if {@code cancelled} answered true; the temporary output file is removed
     * @throws CorruptionException if an input block is damaged; no output is left
     * @throws java.nio.file.FileAlreadyExistsException if {@code output} exists
     * @throws java.io.InterruptedIOException if interrupted while the throttle makes the caller wait
     * @throws IOException if the output cannot be written; no output is left
     */
    public static Optional<TsmFileSummary> merge(Fs fs, List<TsmReader> inputsOldestFirst, DeletedRanges deleted,
            Path output, int maxPointsPerBlock, WriteThrottle throttle, BooleanSupplier cancelled)
            throws IOException {
        return merge(fs, inputsOldestFirst, deleted, output, maxPointsPerBlock, 0, throttle, cancelled, true);
    }

    /**
     * {@link #merge}, with output blocks that also end at multiples of {@code blockPeriodNanos}
     * ({@link TsmWriter#create(Fs, Path, int, long)}).
     */
    public static Optional<TsmFileSummary> merge(Fs fs, List<TsmReader> inputsOldestFirst, DeletedRanges deleted,
            Path output, int maxPointsPerBlock, long blockPeriodNanos, WriteThrottle throttle,
            BooleanSupplier cancelled) throws IOException {
        return merge(fs, inputsOldestFirst, deleted, output, maxPointsPerBlock, blockPeriodNanos, throttle, cancelled,
                true);
    }

    /** {@link #merge} with raw block copies allowed or not (not: every block is decoded, for tests and measures). */
    static Optional<TsmFileSummary> merge(Fs fs, List<TsmReader> inputsOldestFirst, DeletedRanges deleted,
            Path output, int maxPointsPerBlock, long blockPeriodNanos, WriteThrottle throttle,
            BooleanSupplier cancelled, boolean rawCopy) throws IOException {
        Objects.requireNonNull(fs, "fs");
        Objects.requireNonNull(deleted, "deleted");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(throttle, "throttle");
        Objects.requireNonNull(cancelled, "cancelled");
        Input[] inputs = new Input[inputsOldestFirst.size()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = new Input(Objects.requireNonNull(inputsOldestFirst.get(i), "input"), i);
        }
        checkCancelled(cancelled, output);
        try (TsmWriter writer = TsmWriter.create(fs, output, maxPointsPerBlock, blockPeriodNanos)) {
            Merge merge = new Merge(inputs, deleted, writer, maxPointsPerBlock, throttle, cancelled, rawCopy);
            merge.run();
            if (merge.points == 0) {
                // Closing the writer unfinished removes its temporary file.
                return Optional.empty();
            }
            // The index, directory and footer, throttled before they are written so that a wait cannot fail a
            // file that is already in place.
            merge.throttle.acquire(Math.max(0, writer.bytesWritten() + writer.unwrittenIndexBytes()
                    - merge.accounted));
            checkCancelled(cancelled, output);
            return Optional.of(writer.finish());
        }
    }

    private static void checkCancelled(BooleanSupplier cancelled, Path output) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("merge into " + output + " cancelled");
        }
    }

    /** One input file and its current key. Not thread-safe. */
    private static final class Input {
        final TsmReader reader;
        final int number;
        final TsmKeyEntry entry;
        /** The position of {@link #entry} in the file's key order; {@link TsmReader#keyCount()} once past the end. */
        int key = -1;
        /** This input's points of the key being merged, when it takes part. */
        final Source source;
        /** Where the pages of the file that were not released start (see {@link #releaseBefore}). */
        long released;

        Input(TsmReader reader, int number) {
            this.reader = reader;
            this.number = number;
            this.entry = reader.newKeyEntry();
            this.source = new Source(this);
        }

        boolean hasKey() {
            return key < reader.keyCount();
        }

        void nextKey() {
            key++;
            if (hasKey()) {
                reader.entryAt(key, entry);
            }
        }

        /**
         * Releases the file's mapped pages before {@code offset} once they are {@code minimum} bytes or more: a file
         * holds its blocks in key order, so the blocks before the current key's first were merged already.
         */
        void releaseBefore(long offset, long minimum) {
            if (offset - released >= minimum) {
                reader.releasePages(released, offset);
                released = offset;
            }
        }

        /** Compares the current keys of two inputs, in file order. */
        int compareKey(Input o) {
            int c = TsmSegments.compare(reader.segment(), entry.seriesKeyOffset, entry.seriesKeyLength,
                    o.reader.segment(), o.entry.seriesKeyOffset, o.entry.seriesKeyLength);
            if (c != 0) {
                return c;
            }
            return TsmSegments.compare(reader.segment(), entry.fieldOffset, entry.fieldLength, o.reader.segment(),
                    o.entry.fieldOffset, o.entry.fieldLength);
        }
    }

    /**
     * The points of one input for the key being merged: its blocks in time order, the current one either still
     * undecoded (known by its index entry only) or decoded with a position. Not thread-safe.
     */
    private static final class Source {
        final Input input;
        TsmBlockCursor blocks;
        /** Whether {@link #blocks} is on a block; false once the input's points of the key are used up. */
        boolean hasBlock;
        /** Blocks from the current one to the key's last, the current one included. */
        int remainingBlocks;
        /** The normalised deleted ranges of this input for the key, or null. */
        long[] deleted;
        /** The current block, decoded, or null if it was not decoded. */
        TsmBlock decoded;
        /** Whether deletions touch the decoded block, so that its points must be checked one by one. */
        boolean decodedHasDeletions;
        long[] times;
        int position;
        int count;

        Source(Input input) {
            this.input = input;
        }

        void start(long[] deletedRanges) {
            deleted = deletedRanges;
            blocks = new TsmBlockCursor(input.reader, input.entry, Long.MIN_VALUE, Long.MAX_VALUE);
            remainingBlocks = input.entry.blockCount + 1;
            nextBlock();
            if (hasBlock) {
                input.releaseBefore(blocks.offset(), RELEASE_BYTES);
            }
        }

        /**
         * The time of the next point, exact once the block is decoded; before that, the block's first time, a lower
         * bound (the point there may be deleted).
         */
        long nextTime() {
            return decoded != null ? times[position] : blocks.minTimeNanos();
        }

        void nextBlock() {
            decoded = null;
            times = null;
            hasBlock = blocks.next();
            remainingBlocks--;
        }

        boolean blockWhollyDeleted() {
            return TimeRanges.coversAll(deleted, blocks.minTimeNanos(), blocks.maxTimeNanos());
        }

        boolean blockTouchesDeletions() {
            return TimeRanges.overlaps(deleted, blocks.minTimeNanos(), blocks.maxTimeNanos());
        }

        void decode() throws CorruptionException {
            decoded = blocks.decode();
            times = decoded.timestamps();
            count = decoded.count();
            position = 0;
            decodedHasDeletions = blockTouchesDeletions();
            skipDeleted();
        }

        boolean isDeleted(int i) {
            return decodedHasDeletions && TimeRanges.covers(deleted, times[i]);
        }

        /** Moves past the current point. */
        void advance() {
            position++;
            skipDeleted();
        }

        /** Moves to {@code to}, a position in the decoded block, and past any deleted points there. */
        void moveTo(int to) {
            position = to;
            skipDeleted();
        }

        private void skipDeleted() {
            while (position < count && isDeleted(position)) {
                position++;
            }
            if (position == count) {
                nextBlock();
            }
        }
    }

    /** The state of one merge. Not thread-safe. */
    private static final class Merge {
        private final Input[] inputs;
        private final DeletedRanges deletedRanges;
        private final TsmWriter writer;
        private final int maxPointsPerBlock;
        final WriteThrottle throttle;
        private final BooleanSupplier cancelled;
        private final boolean rawCopy;
        /** The inputs that hold the key being merged, oldest first. */
        private final Input[] holders;
        /** The sources of the key being merged, oldest first. */
        private final Source[] sources;
        private int sourceCount;
        /** Points written to the output. */
        long points;
        /** Output bytes already passed to the throttle. */
        long accounted;

        Merge(Input[] inputs, DeletedRanges deletedRanges, TsmWriter writer, int maxPointsPerBlock,
                WriteThrottle throttle, BooleanSupplier cancelled, boolean rawCopy) {
            this.inputs = inputs;
            this.deletedRanges = deletedRanges;
            this.writer = writer;
            this.maxPointsPerBlock = maxPointsPerBlock;
            this.throttle = throttle;
            this.cancelled = cancelled;
            this.rawCopy = rawCopy;
            this.holders = new Input[inputs.length];
            this.sources = new Source[inputs.length];
        }

        void run() throws IOException {
            for (Input in : inputs) {
                in.nextKey();
            }
            while (true) {
                checkCancelled(cancelled, writer.path());
                // The smallest current key and the inputs that hold it, oldest first.
                Input smallest = null;
                int holderCount = 0;
                for (Input in : inputs) {
                    if (!in.hasKey()) {
                        continue;
                    }
                    int c = smallest == null ? -1 : in.compareKey(smallest);
                    if (c < 0) {
                        smallest = in;
                        holderCount = 0;
                    }
                    if (c <= 0) {
                        holders[holderCount++] = in;
                    }
                }
                if (smallest == null) {
                    for (Input in : inputs) {
                        in.releaseBefore(in.reader.segment().byteSize(), 0);
                    }
                    return;
                }
                mergeKey(holderCount);
                for (int i = 0; i < holderCount; i++) {
                    holders[i].nextKey();
                }
            }
        }

        private void mergeKey(int holderCount) throws IOException {
            Input newest = holders[holderCount - 1];
            FieldType type = newest.entry.type;
            byte[] seriesKey = newest.entry.seriesKey(newest.reader.segment());
            String field = newest.entry.field(newest.reader.segment());
            sourceCount = 0;
            for (int i = 0; i < holderCount; i++) {
                Input in = holders[i];
                if (in.entry.type != type) {
                    continue;
                }
                long[] deleted = deletedRanges.deleted(in.number, seriesKey, field);
                if (deleted != null && TimeRanges.coversAll(deleted, firstTime(in), lastTime(in))) {
                    continue;
                }
                in.source.start(deleted);
                sources[sourceCount++] = in.source;
            }
            if (sourceCount == 0) {
                return;
            }
            writer.beginKey(seriesKey, field, type);
            while (step()) {
                account();
            }
            account();
            for (int i = 0; i < sourceCount; i++) {
                // Hands the block decoding state back to its reader for the input's next key: a state per key is
                // tens of KB (the Huffman lookup tables), for keys of a few points each.
                sources[i].blocks.release();
                sources[i].blocks = null;
                sources[i].decoded = null;
                sources[i].times = null;
            }
        }

        private static long firstTime(Input in) {
            BlockEntries blocks = in.entry.blocks();
            return blocks.minTime(in.reader.segment(), blocks.entry(0));
        }

        private static long lastTime(Input in) {
            BlockEntries blocks = in.entry.blocks();
            return blocks.maxTime(in.reader.segment(), blocks.entry(in.entry.blockCount - 1));
        }

        /**
         * Does one step of the key's merge: copies a block, decodes one, or writes the points of one source up to
         * the next point of another.
         *
         * @return false once every source is used up
         */
        private boolean step() throws IOException {
            // The source with the smallest next time; on a tie an undecoded one, so that every source whose next
            // point might be at the smallest time is decoded before a point at that time is written.
            Source best = null;
            long bestTime = 0;
            for (int i = 0; i < sourceCount; i++) {
                Source s = sources[i];
                if (!s.hasBlock) {
                    continue;
                }
                long t = s.nextTime();
                if (best == null || t < bestTime || (t == bestTime && s.decoded == null && best.decoded != null)) {
                    best = s;
                    bestTime = t;
                }
            }
            if (best == null) {
                return false;
            }
            if (best.decoded == null) {
                checkCancelled(cancelled, writer.path());
                if (best.blockWhollyDeleted()) {
                    best.nextBlock();
                } else if (rawCopy && canCopyRaw(best)) {
                    writer.appendRawBlock(best.blocks);
                    points += best.blocks.count();
                    best.nextBlock();
                } else {
                    best.decode();
                }
                return true;
            }
            // Every source whose next point is at bestTime is decoded now. The newest of them wins that time; the
            // others' points there are dropped. Points of the only source below every other's next time go at once.
            Source winner = null;
            int tied = 0;
            long bound = Long.MAX_VALUE;
            for (int i = 0; i < sourceCount; i++) {
                Source s = sources[i];
                if (!s.hasBlock) {
                    continue;
                }
                long t = s.nextTime();
                if (t == bestTime) {
                    winner = s;
                    tied++;
                } else {
                    bound = Math.min(bound, t);
                }
            }
            if (tied == 1) {
                writeRun(winner, bound);
                return true;
            }
            writePoint(winner, winner.position);
            for (int i = 0; i < sourceCount; i++) {
                Source s = sources[i];
                if (s.hasBlock && s.nextTime() == bestTime) {
                    s.advance();
                }
            }
            return true;
        }

        /**
         * Whether the current (undecoded) block of {@code s} can go to the output as it is: nothing decoded waits
         * for a block, no other source has a point up to its end, none of its points is deleted, and it is full or
         * the key's last.
         */
        private boolean canCopyRaw(Source s) {
            TsmBlockCursor b = s.blocks;
            int n = b.count();
            if (writer.pendingPoints() != 0 || n > maxPointsPerBlock || s.blockTouchesDeletions()) {
                return false;
            }
            long maxTime = b.maxTimeNanos();
            boolean othersLeft = false;
            for (int i = 0; i < sourceCount; i++) {
                Source o = sources[i];
                if (o != s && o.hasBlock) {
                    if (o.nextTime() <= maxTime) {
                        return false;
                    }
                    othersLeft = true;
                }
            }
            return n == maxPointsPerBlock || (!othersLeft && s.remainingBlocks == 1);
        }

        /** Writes the points of {@code s}'s decoded block before {@code bound}. */
        private void writeRun(Source s, long bound) throws IOException {
            long[] times = s.times;
            int from = s.position;
            int to = s.count;
            if (bound != Long.MAX_VALUE && times[to - 1] >= bound) {
                to = firstAtOrAfter(times, from, to, bound);
            }
            for (int i = from; i < to; i++) {
                if (!s.isDeleted(i)) {
                    writePoint(s, i);
                }
            }
            s.moveTo(to);
        }

        private void writePoint(Source s, int i) throws IOException {
            TsmBlock block = s.decoded;
            if (block.type() == FieldType.STRING) {
                writer.appendString(s.times[i], block.stringBytes(i));
            } else {
                writer.append(s.times[i], block.valueBits()[i]);
            }
            points++;
        }

        /** The first index in [from, to) whose time is at least {@code key}; {@code to} if none. */
        private static int firstAtOrAfter(long[] times, int from, int to, long key) {
            int lo = from;
            int hi = to;
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

        /** Passes the bytes written since the last call to the throttle, in grains. */
        private void account() throws IOException {
            long written = writer.bytesWritten();
            if (written - accounted >= THROTTLE_GRAIN_BYTES) {
                throttle.acquire(written - accounted);
                accounted = written;
            }
        }
    }
}
