package io.tidemark.storage.shard;

import io.tidemark.storage.tsm.TsmReader;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A TSM file of a shard: the generations whose writes it holds ({@code firstSeq..lastSeq}, inclusive) and its
 * compaction level (1 for a snapshot of one cache generation; a compaction of level-n files makes a level n+1 file).
 * Its name says all three, {@code <firstSeq>-<lastSeq>-<level>.tsm}, so that the shard's open can order the files and
 * tell a compaction's output from the inputs a crash left behind. Immutable.
 */
public record TsmFile(TsmReader reader, long firstSeq, long lastSeq, int level) {
    public static final String EXTENSION = ".tsm";

    public TsmFile {
        if (firstSeq < 1 || lastSeq < firstSeq || level < 1 || level > 99) {
            throw new IllegalArgumentException("bad TSM file identity " + firstSeq + "-" + lastSeq + "-" + level);
        }
    }

    public Path path() {
        return reader.path();
    }

    /** Whether this file holds writes of every generation of {@code other} (and so replaces it). */
    public boolean covers(long otherFirst, long otherLast) {
        return firstSeq <= otherFirst && lastSeq >= otherLast;
    }

    public static String fileName(long firstSeq, long lastSeq, int level) {
        return String.format("%09d-%09d-%02d%s", firstSeq, lastSeq, level, EXTENSION);
    }

    /** The identity in a file name: {firstSeq, lastSeq, level}, or empty if the name is not a TSM file's. */
    public static Optional<long[]> parseName(String name) {
        if (!name.endsWith(EXTENSION)) {
            return Optional.empty();
        }
        String[] parts = name.substring(0, name.length() - EXTENSION.length()).split("-", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        long[] out = new long[3];
        for (int i = 0; i < 3; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 18 || !parts[i].chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            out[i] = Long.parseLong(parts[i]);
        }
        if (out[0] < 1 || out[1] < out[0] || out[2] < 1 || out[2] > 99) {
            return Optional.empty();
        }
        return Optional.of(out);
    }

    @Override
    public String toString() {
        return fileName(firstSeq, lastSeq, level);
    }
}
