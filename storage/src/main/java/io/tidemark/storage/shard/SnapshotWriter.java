package io.tidemark.storage.shard;

import io.tidemark.common.FieldType;
import io.tidemark.common.fs.Fs;
import io.tidemark.storage.cache.CacheGeneration;
import io.tidemark.storage.cache.FieldDef;
import io.tidemark.storage.tsm.TsmFileSummary;
import io.tidemark.storage.tsm.TsmReader;
import io.tidemark.storage.tsm.TsmWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Writes a frozen cache generation to a level-1 TSM file in the shard's data directory, in key order, and opens it.
 * The file appears under its final name only when complete and durable ({@link TsmWriter}). Stateless.
 */
final class SnapshotWriter {
    private SnapshotWriter() {
    }

    /** The file holding the generation's values, or empty if it holds none. */
    static Optional<TsmFile> write(Fs fs, Path dataDir, CacheGeneration generation, int pointsPerBlock)
            throws IOException {
        if (generation.isEmpty()) {
            return Optional.empty();
        }
        Path path = dataDir.resolve(TsmFile.fileName(generation.seq(), generation.seq(), 1));
        if (fs.exists(path)) {
            // A crash after the file was written and before the WAL was trimmed, then the same generation number
            // replayed: impossible, since a shard opens with a generation above every file's.
            throw new IOException("snapshot target " + path + " exists already");
        }
        TsmFileSummary summary;
        try (TsmWriter w = TsmWriter.create(fs, path, pointsPerBlock)) {
            boolean[] any = {false};
            generation.forEachFieldInKeyOrder((key, f, values) -> {
                w.beginKey(key, f.nameString(), f.type());
                boolean strings = f.type() == FieldType.STRING;
                any[0] |= values.drainTo((t, bits, s) -> {
                    if (strings) {
                        w.appendString(t, s);
                    } else {
                        w.append(t, bits);
                    }
                });
            });
            if (!any[0]) {
                return Optional.empty();
            }
            summary = w.finish();
        }
        TsmReader reader = TsmReader.openGcManaged(fs, summary.path());
        return Optional.of(new TsmFile(reader, generation.seq(), generation.seq(), 1));
    }
}
