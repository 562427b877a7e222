package io.tidemark.storage.shard;

import io.tidemark.common.fs.Fs;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.tombstone.Tombstone;
import io.tidemark.storage.tombstone.TombstoneFile;
import io.tidemark.storage.tombstone.TombstoneSet;
import io.tidemark.storage.tsm.TsmFormat;
import io.tidemark.storage.tsm.TsmReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shard's TSM files and tombstones. Readers take {@link #files()} and {@link #tombstones()} without locking: each
 * is an immutable list or set replaced whole. Snapshots add files, compactions replace files, deletes add
 * tombstones; the replacement itself happens under a lock that guards no I/O.
 *
 * <p>A file that leaves the set is deleted from disk at once; its mapping stays valid for the cursors that still
 * read it and is released when they are unreachable (see {@link TsmReader#openGcManaged}).
 */
final class ShardFiles {
    private static final Logger LOG = LoggerFactory.getLogger(ShardFiles.class);
    static final String TOMBSTONE_FILE = "tombstones";

    private final long shardId;
    private final Path dir;
    private final Fs fs;
    private final TombstoneFile tombstoneFile;
    private final Object lock = new Object();
    /** Sorted by first generation; the generation ranges are disjoint. */
    private volatile List<TsmFile> files;
    private volatile TombstoneSet tombstones;

    /** Files found damaged and moved aside since the shard opened, at open or by {@link #checkIndexes}. */
    private final AtomicLong movedAside;

    private ShardFiles(long shardId, Path dir, Fs fs, TombstoneFile tombstoneFile, List<TsmFile> files,
            long movedAsideAtOpen) {
        this.movedAside = new AtomicLong(movedAsideAtOpen);
        this.shardId = shardId;
        this.dir = dir;
        this.fs = fs;
        this.tombstoneFile = tombstoneFile;
        this.files = List.copyOf(files);
        this.tombstones = TombstoneSet.EMPTY;
        for (Tombstone t : tombstoneFile.entries()) {
            this.tombstones = tombstones.with(t);
        }
    }

    /**
     * Opens the TSM files and tombstones of a shard's data directory. Removes what a crash left behind: temporary
     * files, and the inputs of a compaction whose output is complete (a file whose generations another file's
     * cover). A file that cannot be opened (damaged header, footer or index checksum) is renamed to {@code .bad}
     * and reported: the shard opens with the others, since its WAL no longer holds that data there is nothing
     * better to do, and hiding the damage would serve wrong answers without a trace. The files' index entries are
     * checked afterwards, by {@link #checkIndexes}.
     */
    static ShardFiles open(long shardId, Path dir, Fs fs, Executor openers) throws IOException {
        List<long[]> ids = new ArrayList<>();
        for (Path p : fs.list(dir)) {
            String name = p.getFileName().toString();
            if (name.endsWith(TsmFormat.TEMPORARY_SUFFIX)) {
                LOG.info("shard {}: deleting {}, left by an interrupted write", shardId, p);
                fs.delete(p);
                continue;
            }
            TsmFile.parseName(name).ifPresent(ids::add);
        }
        // Widest first, so that a compaction's output is kept over the inputs it covers.
        // (A file rewritten to apply tombstones keeps its generations and gets a higher level.)
        ids.sort(Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> -a[1])
                .thenComparingLong(a -> -a[2]));
        // Opening maps each file and checks its index checksum, which takes a while for big files: they are opened
        // in parallel, then kept or dropped in order.
        List<Object> outcomes = openAll(fs, dir, ids, openers);
        List<TsmFile> opened = new ArrayList<>();
        long movedAside = 0;
        long coveredUpTo = 0;
        for (int i = 0; i < ids.size(); i++) {
            long[] id = ids.get(i);
            Path p = dir.resolve(TsmFile.fileName(id[0], id[1], (int) id[2]));
            if (id[1] <= coveredUpTo) {
                LOG.info("shard {}: deleting {}, a compaction input whose output is complete", shardId, p);
                fs.delete(p);
                continue;
            }
            if (id[0] <= coveredUpTo) {
                throw new IOException("shard " + shardId + ": TSM files overlap in generations: " + p
                        + " starts at or below " + coveredUpTo);
            }
            switch (outcomes.get(i)) {
                case TsmReader r -> {
                    opened.add(new TsmFile(r, id[0], id[1], (int) id[2]));
                    coveredUpTo = id[1];
                }
                case CorruptionException e -> {
                    moveAside(fs, shardId, p, e);
                    movedAside++;
                }
                case IOException e -> throw e;
                case RuntimeException e -> throw e;
                default -> throw new IllegalStateException("BUG: " + outcomes.get(i));
            }
        }
        fs.fsyncDirectory(dir);
        TombstoneFile tf = TombstoneFile.open(fs, dir.resolve(TOMBSTONE_FILE));
        return new ShardFiles(shardId, dir, fs, tf, opened, movedAside);
    }

    /** Each file's reader, or the exception opening it threw. */
    private static List<Object> openAll(Fs fs, Path dir, List<long[]> ids, Executor openers) throws IOException {
        List<FutureTask<Object>> tasks = new ArrayList<>();
        for (long[] id : ids) {
            Path p = dir.resolve(TsmFile.fileName(id[0], id[1], (int) id[2]));
            FutureTask<Object> task = new FutureTask<>(() -> openOne(fs, p));
            openers.execute(task);
            tasks.add(task);
        }
        List<Object> out = new ArrayList<>();
        for (FutureTask<Object> task : tasks) {
            out.add(OpenTasks.await(task, dir));
        }
        return out;
    }

    /** Renames a damaged file to {@code .bad}, out of the shard's way and kept for inspection. */
    private static void moveAside(Fs fs, long shardId, Path p, CorruptionException damage) throws IOException {
        Path bad = p.resolveSibling(p.getFileName() + ".bad");
        LOG.error("shard {}: TSM file {} is damaged ({}); moved aside to {}, the shard serves the rest", shardId, p,
                damage.getMessage(), bad);
        fs.rename(p, bad);
    }

    /** Header, footer and index checksum; the walk over the index entries is {@link #checkIndexes}'s. */
    private static Object openOne(Fs fs, Path p) {
        try {
            return TsmReader.openGcManagedChecksummed(fs, p);
        } catch (IOException | RuntimeException e) {
            return e;
        }
    }

    List<TsmFile> files() {
        return files;
    }

    TombstoneSet tombstones() {
        return tombstones;
    }

    /** The highest generation number any file or tombstone holds; 0 if none. */
    long maxSeq() {
        long max = Math.max(0, tombstones.maxSeq());
        for (TsmFile f : files) {
            max = Math.max(max, f.lastSeq());
        }
        return max;
    }

    long diskBytes() {
        long n = 0;
        for (TsmFile f : files) {
            n += f.reader().sizeBytes();
        }
        return n;
    }

    /** The heap of the files' tables of series starts (built for lookups out of key order), in bytes. */
    long lookupTableBytes() {
        long n = 0;
        for (TsmFile f : files) {
            n += f.reader().lookupTableBytes();
        }
        return n;
    }

    /** Adds a snapshot's file. */
    void add(TsmFile file) {
        synchronized (lock) {
            List<TsmFile> grown = new ArrayList<>(files);
            grown.add(file);
            grown.sort(Comparator.comparingLong(TsmFile::firstSeq));
            files = List.copyOf(grown);
        }
    }

    /**
     * Replaces a compaction's inputs by its output (absent if nothing remained), unless a tombstone added since the
     * compaction began ({@code appliedTombstones} is what it applied) would be lost: one that applies to an input
     * but not to the output. Returns whether it replaced them; the caller deletes the output otherwise.
     */
    boolean replace(List<TsmFile> inputs, Optional<TsmFile> output, TombstoneSet appliedTombstones) {
        long outputLast = inputs.stream().mapToLong(TsmFile::lastSeq).max().orElseThrow();
        long inputLastMin = inputs.stream().mapToLong(TsmFile::lastSeq).min().orElseThrow();
        synchronized (lock) {
            for (Tombstone t : tombstones.tombstones()) {
                if (!appliedTombstones.tombstones().contains(t) && t.seq() >= inputLastMin && t.seq() < outputLast) {
                    return false;
                }
            }
            List<TsmFile> kept = new ArrayList<>(files);
            if (!kept.removeAll(inputs) || kept.size() != files.size() - inputs.size()) {
                throw new IllegalStateException("BUG: compaction inputs " + inputs + " are not all in " + files);
            }
            output.ifPresent(kept::add);
            kept.sort(Comparator.comparingLong(TsmFile::firstSeq));
            files = List.copyOf(kept);
        }
        return true;
    }

    /** Deletes files that left the set, and fsyncs the directory. */
    void deleteFromDisk(Collection<TsmFile> gone) throws IOException {
        for (TsmFile f : gone) {
            fs.delete(f.path());
        }
        fs.fsyncDirectory(dir);
    }

    /**
     * Makes a tombstone durable, then visible to reads. One caller at a time (the shard's deletes are serialised).
     */
    void addTombstone(Tombstone t) throws IOException {
        tombstoneFile.append(t);
        synchronized (lock) {
            tombstones = tombstones.with(t);
        }
    }

    /**
     * Forgets tombstones a full compaction applied to every file that was older than them, and rewrites the
     * tombstone file. One caller at a time, like {@link #addTombstone}.
     */
    void dropTombstones(Collection<Tombstone> applied) throws IOException {
        // Tombstones change only through this class's callers, one at a time: none was added meanwhile.
        TombstoneSet remaining = tombstones.without(applied);
        tombstoneFile.rewrite(remaining.tombstones());
        synchronized (lock) {
            tombstones = remaining;
        }
    }

    /**
     * Checks the index entries of the files opened without that check (see {@link TsmReader#checkIndex()}); a file
     * whose index is damaged leaves the set and is moved aside, as one that fails to open is. Not concurrently with
     * a compaction of the shard: it could take a file that compaction reads.
     */
    void checkIndexes() throws IOException {
        for (TsmFile f : files) {
            try {
                f.reader().checkIndex();
            } catch (CorruptionException e) {
                boolean removed;
                synchronized (lock) {
                    List<TsmFile> rest = new ArrayList<>(files);
                    removed = rest.remove(f);
                    files = List.copyOf(rest);
                }
                if (removed) {
                    movedAside.incrementAndGet();
                    moveAside(fs, shardId, f.reader().path(), e);
                    fs.fsyncDirectory(dir);
                }
            }
        }
    }

    /** Files found damaged and moved aside since the shard opened. */
    long movedAside() {
        return movedAside.get();
    }

    /** Whether a file's index entries are still to be checked by {@link #checkIndexes}. */
    boolean hasUncheckedIndexes() {
        for (TsmFile f : files) {
            if (!f.reader().indexChecked()) {
                return true;
            }
        }
        return false;
    }

    void close() throws IOException {
        tombstoneFile.close();
    }

    @Override
    public String toString() {
        return "ShardFiles[" + shardId + ": " + files + ", " + tombstones.tombstones().size() + " tombstones]";
    }
}
