package io.tidemark.storage.tsm;

import java.nio.file.Path;

/**
 * What a finished TSM file holds, as its writer saw it.
 *
 * @param path where the file is
 * @param sizeBytes its length
 * @param keyCount the series fields in it
 * @param minTimeNanos the earliest point ({@link Long#MAX_VALUE} if the file has no point)
 * @param maxTimeNanos the latest point ({@link Long#MIN_VALUE} if the file has no point)
 */
public record TsmFileSummary(Path path, long sizeBytes, int keyCount, long minTimeNanos, long maxTimeNanos) {
}
