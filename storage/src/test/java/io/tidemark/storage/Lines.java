package io.tidemark.storage;

import io.tidemark.storage.api.PointBatch;
import io.tidemark.storage.api.PointBatchBuilder;
import java.nio.charset.StandardCharsets;

/**
 * Builds point batches from a tiny subset of line protocol, for tests: {@code measurement[,tag=v...] field=value[,...]
 * timestamp}, values {@code 1.5} (float), {@code 5i}, {@code 5u}, {@code true}/{@code false}, {@code "text"} (no
 * spaces or commas in strings), no escapes. Stateless.
 */
public final class Lines {
    private Lines() {
    }

    public static PointBatch batch(String... lines) {
        PointBatchBuilder b = new PointBatchBuilder();
        for (String line : lines) {
            add(b, line);
        }
        return b.build();
    }

    public static void add(PointBatchBuilder b, String line) {
        String[] parts = line.trim().split("(?<!\\\\) ");
        if (parts.length != 3) {
            throw new IllegalArgumentException("want 'key fields timestamp': " + line);
        }
        byte[] key = parts[0].getBytes(StandardCharsets.UTF_8);
        int comma = parts[0].split("(?<!\\\\),", 2)[0].length();
        comma = comma == parts[0].length() ? -1 : comma;
        int measurementLength = comma < 0 ? key.length : parts[0].substring(0, comma).getBytes(StandardCharsets.UTF_8).length;
        b.beginPoint(key, 0, key.length, measurementLength, Long.parseLong(parts[2]));
        for (String field : parts[1].split(",")) {
            int eq = field.indexOf('=');
            byte[] name = field.substring(0, eq).getBytes(StandardCharsets.UTF_8);
            String v = field.substring(eq + 1);
            if (v.startsWith("\"")) {
                byte[] s = v.substring(1, v.length() - 1).getBytes(StandardCharsets.UTF_8);
                b.addString(name, 0, name.length, s, 0, s.length);
            } else if (v.equals("true") || v.equals("false")) {
                b.addBoolean(name, 0, name.length, Boolean.parseBoolean(v));
            } else if (v.endsWith("i")) {
                b.addInteger(name, 0, name.length, Long.parseLong(v.substring(0, v.length() - 1)));
            } else if (v.endsWith("u")) {
                b.addUnsigned(name, 0, name.length, Long.parseUnsignedLong(v.substring(0, v.length() - 1)));
            } else {
                b.addFloat(name, 0, name.length, Double.parseDouble(v));
            }
        }
        b.endPoint();
    }

    public static byte[] key(String seriesKey) {
        return seriesKey.getBytes(StandardCharsets.UTF_8);
    }
}
