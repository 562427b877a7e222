package io.tidemark.storage;

import java.util.OptionalLong;

/**
 * Every on-disk name of the storage engine. A shard lives in {@code <dir>/<db>/<rp>/<shardId>/} under both the data
 * directory and the WAL directory, as in InfluxDB; WAL segments are {@code _00001.wal}, {@code _00002.wal}, ...
 * Stateless.
 */
public final class FileNames {
    public static final String WAL_SEGMENT_PREFIX = "_";
    public static final String WAL_SEGMENT_EXTENSION = ".wal";

    private FileNames() {
    }

    /** The file name of WAL segment {@code id} (1-based): at least five digits, more when needed. */
    public static String walSegment(long id) {
        return WAL_SEGMENT_PREFIX + String.format("%05d", id) + WAL_SEGMENT_EXTENSION;
    }

    /** The id of a WAL segment file name, or empty if the name is not one. */
    public static OptionalLong parseWalSegment(String fileName) {
        if (!fileName.startsWith(WAL_SEGMENT_PREFIX) || !fileName.endsWith(WAL_SEGMENT_EXTENSION)) {
            return OptionalLong.empty();
        }
        String digits = fileName.substring(WAL_SEGMENT_PREFIX.length(), fileName.length() - WAL_SEGMENT_EXTENSION.length());
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        long id = Long.parseLong(digits);
        return id == 0 ? OptionalLong.empty() : OptionalLong.of(id);
    }

    /** The shard id of a shard directory name, or empty if the name is not a shard id. */
    public static OptionalLong parseShardDirectory(String fileName) {
        if (fileName.isEmpty() || fileName.length() > 18 || !fileName.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(fileName));
    }
}
