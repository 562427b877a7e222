package io.tidemark.query.series;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.fs.RealFs;
import io.tidemark.common.metrics.MetricRegistry;
import io.tidemark.influxql.InfluxQLParser;
import io.tidemark.storage.Store;
import io.tidemark.storage.StoreConfig;
import io.tidemark.storage.api.PointBatchBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index-backed selector gives the scanning selector's answers: random series (tags present or not, values with
 * escaped characters) and random WHERE clauses mixing tag comparisons, regexes, {@code _name}, field comparisons,
 * literals, AND, OR and parentheses; before and after a restart of the store.
 */
class IndexSeriesSelectorPropertyTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final long SHARD = 1;
    private static final String[] MEASUREMENTS = {"m0", "m 1", "m,2"};
    private static final String[] TAG_KEYS = {"k0", "k1", "k 2", "k=3"};
    private static final String[] VALUES = {"a", "b", "ab", "a b", "x,y", "p=q", "é", "10", "b\\c", "zz"};
    private static final String[] REGEXES = {"^a", "b", ".*", "^$", "y", "[ab]", "^(a|b)$", "q$", "é", "^1"};

    @TempDir
    Path dir;

    @Test
    void indexSelectionEqualsScanningSelection() throws Exception {
        Random rnd = new Random(SEED);
        StoreConfig config = StoreConfig.defaults(dir.resolve("data"), dir.resolve("wal"));
        Store store = Store.open(config, new RealFs(), new MetricRegistry());
        try {
            store.createShard(SHARD, "db", "rp");
            for (int batch = 0; batch < 5; batch++) {
                store.write(SHARD, randomBatch(rnd, 40));
            }
            compare(store, rnd);
            store.close();
            store = Store.open(config, new RealFs(), new MetricRegistry());
            store.write(SHARD, randomBatch(rnd, 40));
            compare(store, rnd);
        } finally {
            store.close();
        }
    }

    private static void compare(Store store, Random rnd) throws Exception {
        ScanningSeriesSelector scanning = new ScanningSeriesSelector(store);
        IndexSeriesSelector indexed = new IndexSeriesSelector(store);
        assertThat(indexed.measurements(SHARD)).as("seed %d", SEED).isEqualTo(scanning.measurements(SHARD));
        for (String m : scanning.measurements(SHARD)) {
            assertThat(indexed.tagKeys(SHARD, m)).as("seed %d: tag keys of %s", SEED, m)
                    .isEqualTo(scanning.tagKeys(SHARD, m));
            for (String k : TAG_KEYS) {
                assertThat(indexed.tagValues(SHARD, m, k)).as("seed %d: values of %s in %s", SEED, k, m)
                        .isEqualTo(scanning.tagValues(SHARD, m, k));
            }
            assertThat(store.seriesCardinality(SHARD, m)).isEqualTo(scanning.series(SHARD, m, TagCondition.all())
                    .size());
            // A shard named twice holds the same series twice; one that does not exist holds none.
            List<Long> shards = List.of(SHARD, 99L, SHARD);
            assertThat(indexed.distinctSeriesCount(shards, m)).as("seed %d: series of %s", SEED, m)
                    .isEqualTo(scanning.distinctSeriesCount(shards, m))
                    .isEqualTo(indexed.estimatedDistinctSeriesCount(shards, m))
                    .isEqualTo(store.seriesCardinality(SHARD, m));
        }
        for (int round = 0; round < 300; round++) {
            String where = condition(rnd, 3);
            for (String m : MEASUREMENTS) {
                List<String> expected = keys(scanning.series(SHARD, m, tagCondition(where)));
                List<String> actual = keys(indexed.series(SHARD, m, tagCondition(where)));
                assertThat(actual).as("seed %d: %s WHERE %s", SEED, m, where).isEqualTo(expected);
            }
        }
    }

    private static TagCondition tagCondition(String where) throws Exception {
        return new TagCondition(InfluxQLParser.parseExpr(where), Set.of("v"));
    }

    private static List<String> keys(List<SeriesKey> series) {
        List<String> out = new ArrayList<>();
        for (SeriesKey s : series) {
            out.add(s.keyString());
        }
        return out;
    }

    private static io.tidemark.storage.api.PointBatch randomBatch(Random rnd, int points) {
        PointBatchBuilder b = new PointBatchBuilder();
        byte[] field = "v".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < points; i++) {
            String m = MEASUREMENTS[rnd.nextInt(MEASUREMENTS.length)];
            TreeMap<String, String> tags = new TreeMap<>(SeriesKeyParser.BYTE_ORDER);
            for (String k : TAG_KEYS) {
                if (rnd.nextInt(3) > 0) {
                    tags.put(k, VALUES[rnd.nextInt(VALUES.length)]);
                }
            }
            String escapedMeasurement = m.replace(",", "\\,").replace(" ", "\\ ");
            StringBuilder key = new StringBuilder(escapedMeasurement);
            tags.forEach((k, v) -> key.append(',').append(escapeTag(k)).append('=').append(escapeTag(v)));
            byte[] k = key.toString().getBytes(StandardCharsets.UTF_8);
            b.beginPoint(k, 0, k.length, escapedMeasurement.getBytes(StandardCharsets.UTF_8).length, i);
            b.addFloat(field, 0, field.length, rnd.nextInt(10));
            b.endPoint();
        }
        return b.build();
    }

    private static String escapeTag(String s) {
        return s.replace(",", "\\,").replace("=", "\\=").replace(" ", "\\ ");
    }

    private static String condition(Random rnd, int depth) {
        if (depth == 0 || rnd.nextInt(3) == 0) {
            return leaf(rnd);
        }
        String op = rnd.nextBoolean() ? " AND " : " OR ";
        String c = condition(rnd, depth - 1) + op + condition(rnd, depth - 1);
        return rnd.nextBoolean() ? "(" + c + ")" : c;
    }

    private static String leaf(Random rnd) {
        String key = "\"" + TAG_KEYS[rnd.nextInt(TAG_KEYS.length)] + "\"";
        String value = "'" + (rnd.nextInt(8) == 0 ? "" : VALUES[rnd.nextInt(VALUES.length)].replace("\\", "\\\\"))
                + "'";
        String re = "/" + REGEXES[rnd.nextInt(REGEXES.length)] + "/";
        return switch (rnd.nextInt(13)) {
            case 0, 1 -> key + " = " + value;
            case 2 -> key + " != " + value;
            case 3 -> value + " = " + key;
            case 4, 5 -> key + " =~ " + re;
            case 6 -> key + " !~ " + re;
            case 7 -> "v > 5";
            case 8 -> "_name = '" + MEASUREMENTS[rnd.nextInt(MEASUREMENTS.length)] + "'";
            case 9 -> key + " < 'b'";
            case 10 -> rnd.nextBoolean() ? "true" : "false";
            case 11 -> "v::field = 1 OR " + key + " = " + value;
            default -> key + "::tag != " + value;
        };
    }
}
