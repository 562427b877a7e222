package io.tidemark.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on one of a node's directories (meta, data, WAL), taken before the node opens anything in it and
 * released after the node closed it: a second node given the same directory, in another process or in this JVM,
 * refuses to start instead of replaying, compacting and snapshotting beside the first (two processes on one data
 * directory raced on a compaction's output file, and the second, failing to bind its port, closed the storage the
 * first was using). The lock is the operating system's lock on the file {@value #FILE_NAME} in the directory, which
 * the kernel drops when the process dies: a node killed with SIGKILL leaves nothing to clear, and the file stays.
 */
final class DirectoryLock implements AutoCloseable {
    static final String FILE_NAME = "LOCK";

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir}, creating it if needed; {@code role} names it in the error ("data", "WAL", "meta").
     *
     * @throws DirectoryInUseException if another node holds it
     */
    static DirectoryLock acquire(Path dir, String role) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another node of this JVM
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new DirectoryInUseException("the " + role + " directory " + dir + " is in use by another Tidemark node (it "
                    + "holds the lock on " + file + "); stop that node, or give this one other directories");
        }
        return new DirectoryLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
