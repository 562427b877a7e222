package io.tidemark.storage.tsm;

import io.tidemark.common.FieldType;
import io.tidemark.common.fs.Fs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * Random contents for TSM files and the model they are checked against: per (series key, field), a type and points
 * in time order. Not thread-safe.
 */
final class TsmTestFiles {
    private TsmTestFiles() {
    }

    /** A series field and its points; values are bits, or UTF-8 bytes for strings. */
    record Key(String seriesKey, String field, FieldType type, TreeMap<Long, Object> points)
            implements Comparable<Key> {

        byte[] seriesKeyBytes() {
            return seriesKey.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int compareTo(Key o) {
            return TsmWriter.compareKeys(seriesKeyBytes(), field.getBytes(StandardCharsets.UTF_8),
                    o.seriesKeyBytes(), o.field.getBytes(StandardCharsets.UTF_8));
        }
    }

    static final String[] SERIES = {"cpu", "cpu,host=a", "cpu,host=a,region=eu", "cpu,host=b", "disk,path=/",
        "mem,host=é", "mem,host=日本", "z"};
    static final String[] FIELDS = {"usage", "usage_user", "value", "état", "x"};

    /** A random set of series fields, sorted as a file holds them. */
    static List<Key> randomKeys(SplittableRandom rnd, int maxKeys, int maxPoints) {
        TreeMap<Key, Key> keys = new TreeMap<>();
        int n = 1 + rnd.nextInt(maxKeys);
        for (int i = 0; i < n; i++) {
            String s = SERIES[rnd.nextInt(SERIES.length)];
            String f = FIELDS[rnd.nextInt(FIELDS.length)];
            FieldType type = FieldType.values()[rnd.nextInt(FieldType.values().length)];
            Key k = new Key(s, f, type, randomPoints(rnd, type, 1 + rnd.nextInt(maxPoints)));
            keys.putIfAbsent(k, k);
        }
        return new ArrayList<>(keys.keySet());
    }

    static TreeMap<Long, Object> randomPoints(SplittableRandom rnd, FieldType type, int n) {
        TreeMap<Long, Object> points = new TreeMap<>();
        long t = rnd.nextLong(-(1L << 40), 1L << 40);
        long step = 1 + rnd.nextLong(10_000_000_000L);
        double walk = rnd.nextDouble() * 100;
        for (int i = 0; i < n; i++) {
            t += rnd.nextInt(4) == 0 ? 1 + rnd.nextLong(step) : step;
            Object v = switch (type) {
                case FLOAT -> Double.doubleToRawLongBits(rnd.nextInt(20) == 0 ? -0.0 : (walk += rnd.nextGaussian()));
                case INTEGER -> rnd.nextInt(10) == 0 ? rnd.nextLong() : (long) rnd.nextInt(-100, 100);
                case UNSIGNED -> rnd.nextBoolean() ? -1L - rnd.nextInt(5) : (long) rnd.nextInt(1000);
                case BOOLEAN -> (long) rnd.nextInt(2);
                case STRING -> ("value " + rnd.nextInt(5) + (rnd.nextInt(10) == 0 ? " é" : ""))
                        .getBytes(StandardCharsets.UTF_8);
            };
            points.put(t, v);
        }
        return points;
    }

    /** A file of random keys, written by {@link #writeRandom}. */
    record RandomFile(Path path, List<Key> keys, int pointsPerBlock) {
    }

    /**
     * Writes the {@code index}-th random file of a test into {@code dir}: up to 10 keys of up to 5 points (the first
     * five files) or 2,000, in blocks of the default size or of 1 to 50 points.
     */
    static RandomFile writeRandom(Fs fs, Path dir, SplittableRandom rnd, int index) throws IOException {
        List<Key> keys = randomKeys(rnd, 10, index < 5 ? 5 : 2000);
        int perBlock = rnd.nextBoolean() ? TsmFormat.DEFAULT_POINTS_PER_BLOCK : 1 + rnd.nextInt(50);
        Path p = dir.resolve("random-" + index + TsmFormat.EXTENSION);
        write(fs, p, keys, perBlock);
        return new RandomFile(p, keys, perBlock);
    }

    /** Writes the keys (already sorted) and finishes the file. */
    static TsmFileSummary write(Fs fs, Path path, List<Key> keys, int pointsPerBlock) throws IOException {
        try (TsmWriter w = TsmWriter.create(fs, path, pointsPerBlock)) {
            for (Key k : keys) {
                w.beginKey(k.seriesKeyBytes(), k.field(), k.type());
                for (Map.Entry<Long, Object> p : k.points().entrySet()) {
                    if (k.type() == FieldType.STRING) {
                        w.appendString(p.getKey(), (byte[]) p.getValue());
                    } else {
                        w.append(p.getKey(), (Long) p.getValue());
                    }
                }
            }
            return w.finish();
        }
    }

    /**
     * Recomputes the index and file checksums of a file's bytes after a test changed its index: the damage a
     * writer's bug would leave, which the checksums do not catch.
     */
    static void resealChecksums(byte[] file) {
        int footerAt = file.length - TsmFormat.FOOTER_BYTES;
        ByteBuffer footer = ByteBuffer.wrap(file, footerAt, TsmFormat.FOOTER_BYTES).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        int indexAt = (int) footer.getLong(8);
        footer.putInt(40, crc32c(file, indexAt, footerAt + 40));
        footer.putInt(44, crc32c(file, 0, footerAt + 44));
    }

    private static int crc32c(byte[] bytes, int from, int to) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, to - from);
        return (int) crc.getValue();
    }
}
