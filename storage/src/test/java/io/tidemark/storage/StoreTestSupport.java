package io.tidemark.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.fs.FaultyFs;
import io.tidemark.common.fs.RealFs;
import io.tidemark.common.metrics.MetricRegistry;
import io.tidemark.common.metrics.Statistic;
import io.tidemark.storage.api.SeriesCursor;
import io.tidemark.storage.api.ShardException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Opens stores on a {@link FaultyFs} in a temporary directory and checks for leaked handles after each test. */
abstract class StoreTestSupport {
    @TempDir
    Path tmp;

    FaultyFs fs = new FaultyFs(new RealFs());
    MetricRegistry metrics = new MetricRegistry();
    final List<Store> opened = new ArrayList<>();

    StoreConfig config() {
        return StoreConfig.defaults(tmp.resolve("data"), tmp.resolve("wal"));
    }

    Store open() throws IOException {
        return open(config());
    }

    Store open(StoreConfig config) throws IOException {
        metrics = new MetricRegistry();
        Store s = Store.open(config, fs, metrics);
        opened.add(s);
        return s;
    }

    /** Closes and opens again on the same files, as after a clean restart. */
    Store reopen(Store store) throws IOException {
        store.close();
        return open();
    }

    @AfterEach
    void closeStoresAndCheckLeaks() {
        opened.forEach(Store::close);
        assertThat(fs.openHandles()).as("file handles left open").isEmpty();
    }

    /** The values of a field as "timestamp=value" strings, the way a reader sees them. */
    static List<String> values(Store store, long shard, String seriesKey, String field) throws ShardException {
        return values(store, shard, seriesKey, field, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    static List<String> values(Store store, long shard, String seriesKey, String field, long min, long max)
            throws ShardException {
        SeriesCursor c = store.read(shard, Lines.key(seriesKey), field, min, max);
        List<String> out = new ArrayList<>();
        while (c.next()) {
            String v = switch (c.type()) {
                case FLOAT -> Double.toString(c.floatValue());
                case INTEGER -> c.longValue() + "i";
                case UNSIGNED -> Long.toUnsignedString(c.longValue()) + "u";
                case BOOLEAN -> Boolean.toString(c.booleanValue());
                case STRING -> "\"" + c.stringValue() + "\"";
            };
            out.add(c.timestamp() + "=" + v);
        }
        return out;
    }

    long stat(String group, long shardId, String key) {
        for (Statistic s : metrics.snapshot()) {
            if (s.name().equals(group) && Long.toString(shardId).equals(s.tags().get("id"))) {
                return ((Number) s.values().get(key)).longValue();
            }
        }
        throw new AssertionError("no statistic " + group + " " + shardId + " " + key);
    }

    long stat(String group, String key) {
        for (Statistic s : metrics.snapshot()) {
            if (s.name().equals(group) && s.tags().isEmpty()) {
                return ((Number) s.values().get(key)).longValue();
            }
        }
        throw new AssertionError("no statistic " + group + " " + key);
    }

    /** The WAL segments of a shard, by name. */
    List<Path> segments(String db, String rp, long shard) {
        try (Stream<Path> s = Files.list(tmp.resolve("wal").resolve(db).resolve(rp).resolve(Long.toString(shard)))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".wal")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long walBytes(String db, String rp, long shard) throws IOException {
        long total = 0;
        for (Path p : segments(db, rp, shard)) {
            total += Files.size(p);
        }
        return total;
    }
}
