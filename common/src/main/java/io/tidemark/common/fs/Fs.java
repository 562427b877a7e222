package io.tidemark.common.fs;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;

/**
 * Every file operation of the storage engine and the metadata store goes through this interface, so that tests
 * can fail the N-th open, write or fsync of a path, or simulate a crash that loses what was not fsynced
 * (see {@code FaultyFs} in the test-jar). Implementations are thread-safe.
 */
public interface Fs {

    /** Opens a file for appending, creating it if absent. */
    FsFile openAppend(Path path) throws IOException;

    /** Opens an existing file for reading (and truncation, for WAL repair). */
    FsFile openRead(Path path) throws IOException;

    /**
     * Maps a whole existing file into memory, read-only, for as long as {@code arena} is alive: closing the arena
     * unmaps it. The contents stay off the Java heap and are paged in on access. The file must not be truncated or
     * rewritten while mapped (an access past a truncated end faults); immutable files are what this is for.
     */
    MemorySegment mapReadOnly(Path path, Arena arena) throws IOException;

    /**
     * Maps a whole existing file read-only until the segment (and every segment derived from it) is unreachable,
     * when the garbage collector unmaps it: for files that readers may still use after their owner dropped them.
     */
    default MemorySegment mapReadOnlyUntilUnreachable(Path path) throws IOException {
        return mapReadOnly(path, Arena.ofAuto());
    }

    boolean exists(Path path);

    void createDirectories(Path dir) throws IOException;

    /**
     * Creates a directory and its missing parents so that they survive a crash: each directory created is made
     * durable by an fsync of its parent.
     */
    default void createDirectoriesDurably(Path dir) throws IOException {
        java.util.List<Path> missing = new java.util.ArrayList<>();
        for (Path p = dir.toAbsolutePath().normalize(); p != null && !exists(p); p = p.getParent()) {
            missing.add(p);
        }
        createDirectories(dir);
        for (int i = missing.size() - 1; i >= 0; i--) {
            Path parent = missing.get(i).getParent();
            if (parent != null) {
                fsyncDirectory(parent);
            }
        }
    }

    /** The entries of a directory, sorted by name; empty if the directory does not exist. */
    List<Path> list(Path dir) throws IOException;

    long size(Path path) throws IOException;

    void delete(Path path) throws IOException;

    /** Deletes a directory and everything under it; absent is fine. */
    void deleteRecursively(Path dir) throws IOException;

    /** Atomic rename within one file system (replacing the target). Does not fsync the directory. */
    void rename(Path from, Path to) throws IOException;

    /** Makes the directory's entries (creations, renames, deletions) durable. */
    void fsyncDirectory(Path dir) throws IOException;

    byte[] readAllBytes(Path path) throws IOException;

    /**
     * Replaces {@code file} with {@code content} so that after a crash the file holds either the old or the new
     * content, never a mix: write a temporary file beside it, fsync it, rename it over, fsync the directory.
     */
    default void writeAtomically(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try (FsFile f = openAppend(tmp)) {
            f.truncate(0);
            f.write(java.nio.ByteBuffer.wrap(content));
            f.force();
        }
        rename(tmp, file);
        fsyncDirectory(dir);
    }
}
