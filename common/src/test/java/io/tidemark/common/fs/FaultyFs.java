package io.tidemark.common.fs;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * A test {@link Fs} over another one (usually {@link RealFs} on a temporary directory) that injects faults and
 * simulates crashes, in the manner of QuestDB's failing {@code FilesFacade} and Lucene's
 * {@code MockDirectoryWrapper}:
 *
 * <ul>
 *   <li>{@link #failNth} / {@link #failFrom} make the N-th (and later) operation of a kind on matching paths throw
 *       an {@link IOException}; {@link #onBefore} runs a hook before matching operations (to block one, say);
 *   <li>{@link #count} counts performed operations, for tests such as "fewer fsyncs than writes";
 *   <li>{@link #crash} loses what a power failure may lose: bytes written since the file's last fsync are dropped
 *       or corrupted, files and directories whose directory entry was never made durable by
 *       {@link #fsyncDirectory} disappear, and renames not yet made durable are undone. Every handle open at the
 *       crash fails from then on; the instance can be used again, as the rebooted machine's file system;
 *   <li>{@link #openHandles()} lists handles not closed and mappings whose arena is still alive, with where they
 *       were opened, for leak checks. A mapping counts as an {@link Op#OPEN} of its file.
 * </ul>
 *
 * Simplifications: deletions and truncations are durable at once, and a file that existed before this wrapper
 * first saw it counts as fully durable. Thread-safe; operations hold a read lock of {@link #crash}'s lock while
 * they touch the delegate (test code, where holding a lock across I/O is acceptable), hooks run outside it.
 */
public final class FaultyFs implements Fs {

    /** The kinds of operation that can fail or be counted. */
    public enum Op {
        OPEN, READ, WRITE, TRUNCATE, FORCE, FORCE_DIRECTORY, RENAME, DELETE, CREATE_DIRECTORIES
    }

    /** What a crash does to bytes written after a file's last fsync. */
    public enum CrashMode {
        /** They are lost: the file ends where its last fsync left it. */
        DROP_UNSYNCED,
        /** A random part of them survives, with random bytes of that part overwritten. */
        CORRUPT_UNSYNCED
    }

    /** A hook run before an operation; it may throw to fail the operation, or block. */
    @FunctionalInterface
    public interface IoAction {
        void run(Path path) throws IOException;
    }

    private final Fs delegate;
    private final ReentrantReadWriteLock crashLock = new ReentrantReadWriteLock();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();
    /** What is known about each file or directory this wrapper created or opened; keys are absolute, normalized. */
    private final ConcurrentHashMap<Path, Entry> entries = new ConcurrentHashMap<>();
    /** Renames whose target directory was not fsynced since; guarded by {@code entries}' monitor. */
    private final List<PendingRename> pendingRenames = new ArrayList<>();
    private final Set<Handle> handles = ConcurrentHashMap.newKeySet();
    /** Mappings made through this wrapper; one whose segment's scope is no longer alive was unmapped. */
    private final Set<Mapping> mappings = ConcurrentHashMap.newKeySet();
    /** Incremented by every crash; a handle from an older generation is dead. */
    private volatile int generation;

    public FaultyFs(Fs delegate) {
        this.delegate = delegate;
    }

    /** Makes the {@code n}-th (1-based, counted from now) matching operation throw, once. */
    public FaultyFs failNth(Op op, Predicate<Path> paths, int n) {
        rules.add(new Rule(op, paths, n, false, null));
        return this;
    }

    /** Makes the {@code n}-th (1-based, counted from now) and every later matching operation throw. */
    public FaultyFs failFrom(Op op, Predicate<Path> paths, int n) {
        rules.add(new Rule(op, paths, n, true, null));
        return this;
    }

    /** Runs {@code action} before every matching operation, outside any lock of this wrapper. */
    public FaultyFs onBefore(Op op, Predicate<Path> paths, IoAction action) {
        rules.add(new Rule(op, paths, 1, true, action));
        return this;
    }

    /** Removes every fault and hook. */
    public FaultyFs clearFaults() {
        rules.clear();
        return this;
    }

    /** How many operations of this kind on matching paths were attempted (failed ones included). */
    public long count(Op op, Predicate<Path> paths) {
        return events.stream().filter(e -> e.op == op && paths.test(e.path)).count();
    }

    /** Descriptions of the handles opened and not closed, each with the stack that opened it. */
    public List<String> openHandles() {
        List<String> out = new ArrayList<>();
        for (Handle h : handles) {
            StringBuilder sb = new StringBuilder(h.path.toString()).append(" opened at");
            for (StackTraceElement e : h.openedAt.getStackTrace()) {
                sb.append("\n\tat ").append(e);
            }
            out.add(sb.toString());
        }
        mappings.removeIf(m -> !m.segment.scope().isAlive());
        for (Mapping m : mappings) {
            StringBuilder sb = new StringBuilder(m.path.toString()).append(" mapped at");
            for (StackTraceElement e : m.mappedAt.getStackTrace()) {
                sb.append("\n\tat ").append(e);
            }
            out.add(sb.toString());
        }
        return out;
    }

    /** A matcher for paths whose file name ends with {@code suffix}. */
    public static Predicate<Path> nameEndsWith(String suffix) {
        return p -> p.getFileName() != null && p.getFileName().toString().endsWith(suffix);
    }

    /**
     * Simulates a power failure: see the class comment. Random choices come from {@code seed}.
     */
    public void crash(CrashMode mode, long seed) throws IOException {
        Random random = new Random(seed);
        crashLock.writeLock().lock();
        try {
            generation++;
            handles.clear();
            synchronized (entries) {
                for (int i = pendingRenames.size() - 1; i >= 0; i--) {
                    undo(pendingRenames.get(i));
                }
                pendingRenames.clear();
            }
            List<Path> paths = new ArrayList<>(entries.keySet());
            paths.sort(Comparator.naturalOrder());
            for (Path p : paths) {
                Entry e = entries.get(p);
                if (e == null || e.directory || !delegate.exists(p)) {
                    continue;
                }
                if (!e.entryDurable) {
                    delegate.delete(p);
                    continue;
                }
                long size = delegate.size(p);
                if (size > e.synced) {
                    loseUnsynced(p, e.synced, size, mode, random);
                }
            }
            // Directories last and deepest first, so that their files were handled above.
            paths.sort(Comparator.reverseOrder());
            for (Path p : paths) {
                Entry e = entries.get(p);
                if (e != null && e.directory && !e.entryDurable) {
                    delegate.deleteRecursively(p);
                }
            }
            entries.clear();
        } finally {
            crashLock.writeLock().unlock();
        }
    }

    private void undo(PendingRename r) throws IOException {
        if (r.fromEntryDurable && delegate.exists(r.to)) {
            Entry e = entries.get(r.to);
            byte[] content = delegate.readAllBytes(r.to);
            long synced = e == null ? content.length : Math.min(e.synced, content.length);
            overwrite(r.from, Arrays.copyOf(content, (int) synced));
            entries.put(r.from, Entry.durableFile(synced));
        }
        if (r.previousContent != null) {
            overwrite(r.to, r.previousContent);
            entries.put(r.to, Entry.durableFile(r.previousContent.length));
        } else {
            delegate.delete(r.to);
            entries.remove(r.to);
        }
    }

    private void loseUnsynced(Path p, long synced, long size, CrashMode mode, Random random) throws IOException {
        byte[] content = delegate.readAllBytes(p);
        int keep = (int) synced;
        if (mode == CrashMode.CORRUPT_UNSYNCED) {
            keep = (int) (synced + random.nextLong(size - synced + 1));
            int unsynced = keep - (int) synced;
            if (unsynced > 0) {
                int flips = 1 + random.nextInt(Math.min(8, unsynced));
                for (int i = 0; i < flips; i++) {
                    int at = (int) synced + random.nextInt(unsynced);
                    content[at] = (byte) (content[at] ^ (1 + random.nextInt(255)));
                }
            }
        }
        overwrite(p, Arrays.copyOf(content, keep));
    }

    private void overwrite(Path p, byte[] content) throws IOException {
        try (FsFile f = delegate.openAppend(p)) {
            f.truncate(0);
            f.write(ByteBuffer.wrap(content));
            f.force();
        }
    }

    // ---------------------------------------------------------------- Fs

    @Override
    public FsFile openAppend(Path path) throws IOException {
        Path p = key(path);
        before(Op.OPEN, p);
        return guarded(() -> {
            boolean existed = delegate.exists(p);
            FsFile f = delegate.openAppend(p);
            entries.computeIfAbsent(p, k -> existed ? Entry.durableFile(sizeOrZero(f)) : Entry.newFile());
            return track(p, f);
        });
    }

    @Override
    public FsFile openRead(Path path) throws IOException {
        Path p = key(path);
        before(Op.OPEN, p);
        return guarded(() -> {
            FsFile f = delegate.openRead(p);
            entries.computeIfAbsent(p, k -> Entry.durableFile(sizeOrZero(f)));
            return track(p, f);
        });
    }

    @Override
    public MemorySegment mapReadOnly(Path path, Arena arena) throws IOException {
        Path p = key(path);
        before(Op.OPEN, p);
        return guarded(() -> {
            MemorySegment segment = delegate.mapReadOnly(p, arena);
            mappings.add(new Mapping(p, segment, new Throwable("mapped here")));
            return segment;
        });
    }

    /** Counted and failable like an open; not a handle to leak-check, since only the garbage collector frees it. */
    @Override
    public MemorySegment mapReadOnlyUntilUnreachable(Path path) throws IOException {
        Path p = key(path);
        before(Op.OPEN, p);
        return guarded(() -> delegate.mapReadOnly(p, Arena.ofAuto()));
    }

    @Override
    public boolean exists(Path path) {
        return delegate.exists(path);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        Path d = key(dir);
        before(Op.CREATE_DIRECTORIES, d);
        guarded(() -> {
            List<Path> created = new ArrayList<>();
            for (Path p = d; p != null && !delegate.exists(p); p = p.getParent()) {
                created.add(p);
            }
            delegate.createDirectories(d);
            for (Path p : created) {
                entries.put(p, Entry.newDirectory());
            }
            return null;
        });
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
        before(Op.READ, key(dir));
        return guarded(() -> delegate.list(dir));
    }

    @Override
    public long size(Path path) throws IOException {
        return guarded(() -> delegate.size(path));
    }

    @Override
    public void delete(Path path) throws IOException {
        Path p = key(path);
        before(Op.DELETE, p);
        guarded(() -> {
            delegate.delete(p);
            entries.remove(p);
            return null;
        });
    }

    @Override
    public void deleteRecursively(Path dir) throws IOException {
        Path d = key(dir);
        before(Op.DELETE, d);
        guarded(() -> {
            delegate.deleteRecursively(d);
            entries.keySet().removeIf(p -> p.startsWith(d));
            return null;
        });
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        Path f = key(from);
        Path t = key(to);
        before(Op.RENAME, t);
        guarded(() -> {
            synchronized (entries) {
                Entry fromEntry = entries.get(f);
                Entry toEntry = entries.get(t);
                byte[] previous = null;
                if (delegate.exists(t) && (toEntry == null || toEntry.entryDurable)) {
                    byte[] all = delegate.readAllBytes(t);
                    previous = toEntry == null ? all : Arrays.copyOf(all, (int) Math.min(all.length, toEntry.synced));
                }
                delegate.rename(f, t);
                entries.remove(f);
                Entry moved = fromEntry == null ? Entry.durableFile(delegate.size(t)) : fromEntry.copy();
                moved.entryDurable = false;
                entries.put(t, moved);
                pendingRenames.add(new PendingRename(f, t, previous, fromEntry == null || fromEntry.entryDurable));
            }
            return null;
        });
    }

    @Override
    public void fsyncDirectory(Path dir) throws IOException {
        Path d = key(dir);
        before(Op.FORCE_DIRECTORY, d);
        guarded(() -> {
            delegate.fsyncDirectory(d);
            synchronized (entries) {
                for (Map.Entry<Path, Entry> e : entries.entrySet()) {
                    if (d.equals(e.getKey().getParent())) {
                        e.getValue().entryDurable = true;
                    }
                }
                pendingRenames.removeIf(r -> d.equals(r.to.getParent()));
            }
            return null;
        });
    }

    @Override
    public byte[] readAllBytes(Path path) throws IOException {
        Path p = key(path);
        before(Op.READ, p);
        return guarded(() -> delegate.readAllBytes(p));
    }

    // ---------------------------------------------------------------- internals

    private static Path key(Path path) {
        return path.toAbsolutePath().normalize();
    }

    private static long sizeOrZero(FsFile f) {
        try {
            return f.size();
        } catch (IOException e) {
            return 0;
        }
    }

    private FsFile track(Path p, FsFile f) {
        Handle h = new Handle(p, f, generation, new Throwable("opened here"));
        handles.add(h);
        return h;
    }

    /** Records the operation, runs hooks and throws an injected fault if a rule says so. */
    private void before(Op op, Path path) throws IOException {
        events.add(new Event(op, path));
        for (Rule r : rules) {
            if (r.op == op && r.paths.test(path)) {
                int n = r.seen.incrementAndGet();
                if (r.action != null) {
                    r.action.run(path);
                } else if (n == r.nth || (r.sticky && n > r.nth)) {
                    throw new IOException("injected fault: " + op + " #" + n + " of " + path);
                }
            }
        }
    }

    private <T> T guarded(IoCall<T> call) throws IOException {
        crashLock.readLock().lock();
        try {
            return call.call();
        } finally {
            crashLock.readLock().unlock();
        }
    }

    @FunctionalInterface
    private interface IoCall<T> {
        T call() throws IOException;
    }

    private record Event(Op op, Path path) {
    }

    private static final class Rule {
        final Op op;
        final Predicate<Path> paths;
        final int nth;
        final boolean sticky;
        final IoAction action;
        final AtomicInteger seen = new AtomicInteger();

        Rule(Op op, Predicate<Path> paths, int nth, boolean sticky, IoAction action) {
            if (nth < 1) {
                throw new IllegalArgumentException("n is 1-based: " + nth);
            }
            this.op = op;
            this.paths = paths;
            this.nth = nth;
            this.sticky = sticky;
            this.action = action;
        }
    }

    private record Mapping(Path path, MemorySegment segment, Throwable mappedAt) {
    }

    private record PendingRename(Path from, Path to, byte[] previousContent, boolean fromEntryDurable) {
    }

    /** Durability state of one file or directory. Fields guarded by the {@code entries} monitor or the crash lock. */
    private static final class Entry {
        final boolean directory;
        /** Bytes that survive a crash: the size when the last fsync started. */
        volatile long synced;
        /** Whether the parent directory was fsynced since this entry was created or renamed here. */
        volatile boolean entryDurable;

        private Entry(boolean directory, long synced, boolean entryDurable) {
            this.directory = directory;
            this.synced = synced;
            this.entryDurable = entryDurable;
        }

        static Entry newFile() {
            return new Entry(false, 0, false);
        }

        static Entry durableFile(long size) {
            return new Entry(false, size, true);
        }

        static Entry newDirectory() {
            return new Entry(true, 0, false);
        }

        Entry copy() {
            return new Entry(directory, synced, entryDurable);
        }
    }

    /** An open file whose operations are counted, can fail, and die with a crash. */
    private final class Handle implements FsFile {
        final Path path;
        final FsFile file;
        final int openedInGeneration;
        final Throwable openedAt;

        Handle(Path path, FsFile file, int generation, Throwable openedAt) {
            this.path = path;
            this.file = file;
            this.openedInGeneration = generation;
            this.openedAt = openedAt;
        }

        @Override
        public void write(ByteBuffer src) throws IOException {
            before(Op.WRITE, path);
            guarded(() -> {
                checkAlive();
                file.write(src);
                return null;
            });
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            before(Op.READ, path);
            return guarded(() -> {
                checkAlive();
                return file.read(dst, position);
            });
        }

        @Override
        public void force() throws IOException {
            before(Op.FORCE, path);
            guarded(() -> {
                checkAlive();
                long size = file.size();
                file.force();
                Entry e = entries.get(path);
                if (e != null && e.synced < size) {
                    e.synced = size;
                }
                return null;
            });
        }

        @Override
        public long size() throws IOException {
            return guarded(() -> {
                checkAlive();
                return file.size();
            });
        }

        @Override
        public void truncate(long size) throws IOException {
            before(Op.TRUNCATE, path);
            guarded(() -> {
                checkAlive();
                file.truncate(size);
                Entry e = entries.get(path);
                if (e != null && e.synced > size) {
                    e.synced = size;
                }
                return null;
            });
        }

        @Override
        public void close() throws IOException {
            handles.remove(this);
            // The delegate's handle is closed even after a crash, so that no descriptor leaks.
            file.close();
        }

        private void checkAlive() throws IOException {
            if (openedInGeneration != generation) {
                throw new IOException("file handle died in a simulated crash: " + path);
            }
        }
    }
}
