package io.tidemark.storage.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.api.PointBatchBuilder;
import io.tidemark.storage.api.SeriesCursor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link CacheGeneration#readDescending} serves what {@link CacheGeneration#read} serves, latest first: for columns
 * written in time order and for columns with disorder and overwrites (the last write of a timestamp wins).
 * Randomized: re-run a failure with {@code -Dtests.seed=<seed>}.
 */
class CacheDescendingReadTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    private final CacheApplier applier = new CacheApplier();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void write(ShardCache cache, PointBatchBuilder b) throws Exception {
        ValidatedBatch v = cache.validate(b.build());
        assertThat(v.dropped()).isZero();
        cache.reserve(v.reservationBytes());
        applier.apply(cache, v.acceptedBatch(), v.reservationBytes());
    }

    private static List<String> drain(SeriesCursor c) {
        List<String> out = new ArrayList<>();
        if (c == null) {
            return out;
        }
        while (c.next()) {
            out.add(c.timestamp() + "=" + switch (c.type()) {
                case FLOAT -> Double.toString(c.floatValue());
                case STRING -> c.stringValue();
                case BOOLEAN -> Boolean.toString(c.booleanValue());
                default -> Long.toString(c.longValue());
            });
        }
        assertThat(c.next()).as("stays exhausted").isFalse();
        return out;
    }

    @Test
    void descendingReadsAreAscendingReadsReversed() throws Exception {
        Random rnd = new Random(SEED);
        ShardCache cache = new ShardCache(0);
        // "in-order" gets strictly increasing times (the fast path); "mixed" gets disorder and overwrites.
        String[] series = {"m,h=in-order", "m,h=mixed"};
        Map<String, TreeMap<Long, String>> model = new TreeMap<>();
        PointBatchBuilder b = new PointBatchBuilder();
        long next = 1_000;
        for (int round = 0; round < 100; round++) {
            b.reset();
            for (int p = 0; p < 1 + rnd.nextInt(50); p++) {
                String key = series[rnd.nextInt(series.length)];
                long ts = key.endsWith("in-order") ? next++ : 1_000 + rnd.nextInt(3_000);
                byte[] k = utf8(key);
                b.beginPoint(k, 0, k.length, 1, ts);
                long i = rnd.nextInt(1_000);
                String s = "s" + rnd.nextInt(100);
                byte[] sv = utf8(s);
                b.addInteger(utf8("i"), 0, 1, i);
                b.addString(utf8("s"), 0, 1, sv, 0, sv.length);
                b.endPoint();
                model.computeIfAbsent(key + " i", x -> new TreeMap<>()).put(ts, Long.toString(i));
                model.computeIfAbsent(key + " s", x -> new TreeMap<>()).put(ts, s);
            }
            write(cache, b);
        }
        CacheGeneration g = cache.active();
        for (Map.Entry<String, TreeMap<Long, String>> e : model.entrySet()) {
            String[] kf = e.getKey().split(" ");
            byte[] key = utf8(kf[0]);
            for (int r = 0; r < 30; r++) {
                long lo = r == 0 ? Long.MIN_VALUE : 900 + rnd.nextInt(4_000);
                long hi = r == 0 ? Long.MAX_VALUE : lo + rnd.nextInt(r % 2 == 0 ? 50 : 5_000);
                List<String> expected = new ArrayList<>();
                e.getValue().subMap(lo, true, hi, true).descendingMap()
                        .forEach((t, v) -> expected.add(t + "=" + v));
                assertThat(drain(g.readDescending(key, kf[1], lo, hi))).as("seed %d, %s [%d, %d]", SEED, e.getKey(),
                        lo, hi).containsExactlyElementsOf(expected);
                assertThat(drain(g.read(key, kf[1], lo, hi))).containsExactlyElementsOf(expected.reversed());
            }
            assertThat(drain(g.readDescending(key, kf[1], 10, 5))).isEmpty();
        }
        assertThat(g.readDescending(utf8("m,h=other"), "i", Long.MIN_VALUE, Long.MAX_VALUE)).isNull();
        assertThat(g.readDescending(utf8("m,h=mixed"), "other", Long.MIN_VALUE, Long.MAX_VALUE)).isNull();
    }
}
