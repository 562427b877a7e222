package io.tidemark.storage.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.common.FieldType;
import io.tidemark.storage.Lines;
import io.tidemark.storage.api.CacheFullException;
import io.tidemark.storage.api.PointBatch;
import io.tidemark.storage.api.PointBatchBuilder;
import io.tidemark.storage.api.SeriesCursor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShardCacheTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    private final CacheApplier applier = new CacheApplier();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Validates, reserves and applies like the store does; returns the validation. */
    private ValidatedBatch write(ShardCache cache, PointBatch batch) throws CacheFullException {
        ValidatedBatch v = cache.validate(batch);
        if (v.accepted() > 0) {
            cache.reserve(v.reservationBytes());
            long before = cache.heldBytes();
            applier.apply(cache, v.acceptedBatch(), v.reservationBytes());
            assertThat(cache.heldBytes() - before).as("growth within reservation, seed %d", SEED)
                    .isLessThanOrEqualTo(v.reservationBytes());
        }
        assertThat(cache.reservedBytes()).isZero();
        return v;
    }

    private static List<String> read(ShardCache cache, String key, String field, long min, long max) {
        SeriesCursor c = cache.active().read(utf8(key), field, min, max);
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
        assertThat(c.next()).isFalse();
        return out;
    }

    @Test
    void randomWritesReadLikeALastWriteWinsMap() throws Exception {
        Random rnd = new Random(SEED);
        ShardCache cache = new ShardCache(0);
        String[] series = {"m,h=a", "m,h=b", "m,h=c", "n,h=a"};
        String[] fields = {"f", "i", "s", "b", "u"};
        FieldType[] types = {FieldType.FLOAT, FieldType.INTEGER, FieldType.STRING, FieldType.BOOLEAN,
            FieldType.UNSIGNED};
        Map<String, TreeMap<Long, String>> model = new HashMap<>();
        PointBatchBuilder b = new PointBatchBuilder();
        long base = 1_000_000;
        for (int round = 0; round < 300; round++) {
            b.reset();
            int points = 1 + rnd.nextInt(rnd.nextBoolean() ? 5 : 400);
            List<Runnable> modelUpdates = new ArrayList<>();
            for (int p = 0; p < points; p++) {
                String key = series[rnd.nextInt(series.length)];
                long ts = switch (rnd.nextInt(3)) {
                    case 0 -> base++;
                    case 1 -> base - rnd.nextInt(2000);
                    default -> base;
                };
                byte[] k = utf8(key);
                b.beginPoint(k, 0, k.length, 1, ts);
                int nf = 1 + rnd.nextInt(fields.length);
                for (int f = 0; f < nf; f++) {
                    int fi = rnd.nextInt(fields.length);
                    byte[] name = utf8(fields[fi]);
                    String value;
                    switch (types[fi]) {
                        case FLOAT -> {
                            double d = rnd.nextInt(1000) / 8.0;
                            b.addFloat(name, 0, name.length, d);
                            value = Double.toString(d);
                        }
                        case INTEGER -> {
                            long l = rnd.nextLong();
                            b.addInteger(name, 0, name.length, l);
                            value = Long.toString(l);
                        }
                        case UNSIGNED -> {
                            long l = rnd.nextInt(100);
                            b.addUnsigned(name, 0, name.length, l);
                            value = Long.toString(l);
                        }
                        case BOOLEAN -> {
                            boolean v = rnd.nextBoolean();
                            b.addBoolean(name, 0, name.length, v);
                            value = Boolean.toString(v);
                        }
                        default -> {
                            String s = "s" + rnd.nextInt(100);
                            byte[] sv = utf8(s);
                            b.addString(name, 0, name.length, sv, 0, sv.length);
                            value = s;
                        }
                    }
                    String col = key + " " + fields[fi];
                    modelUpdates.add(() -> model.computeIfAbsent(col, c -> new TreeMap<>()).put(ts, value));
                }
                b.endPoint();
            }
            ValidatedBatch v = write(cache, b.build());
            assertThat(v.dropped()).isZero();
            modelUpdates.forEach(Runnable::run);
        }
        for (Map.Entry<String, TreeMap<Long, String>> e : model.entrySet()) {
            String[] kf = e.getKey().split(" ");
            TreeMap<Long, String> m = e.getValue();
            List<String> all = m.entrySet().stream().map(x -> x.getKey() + "=" + x.getValue()).toList();
            assertThat(read(cache, kf[0], kf[1], Long.MIN_VALUE, Long.MAX_VALUE)).as("seed %d", SEED).isEqualTo(all);
            long lo = m.firstKey() + rnd.nextInt(1000);
            long hi = lo + rnd.nextInt(3000);
            List<String> range = m.subMap(lo, true, hi, true).entrySet().stream()
                    .map(x -> x.getKey() + "=" + x.getValue()).toList();
            assertThat(read(cache, kf[0], kf[1], lo, hi)).as("seed %d range %d..%d", SEED, lo, hi).isEqualTo(range);
        }
    }

    @Test
    void sortedColumnsReadRangesAcrossChunks() throws Exception {
        ShardCache cache = new ShardCache(0);
        PointBatchBuilder b = new PointBatchBuilder();
        byte[] k = utf8("m");
        byte[] f = utf8("v");
        for (int t = 0; t < 2000; t++) {
            b.beginPoint(k, 0, 1, 1, t * 10L);
            b.addInteger(f, 0, 1, t);
            b.endPoint();
        }
        write(cache, b.build());
        // Chunks hold 8, 32, then 64 values: ranges starting and ending on every kind of boundary.
        for (int from : new int[] {0, 7, 8, 39, 40, 103, 104, 167, 168, 1999}) {
            for (int len : new int[] {1, 2, 300}) {
                int to = Math.min(1999, from + len - 1);
                List<String> got = read(cache, "m", "v", from * 10L - 5, to * 10L + 5);
                assertThat(got).hasSize(to - from + 1);
                assertThat(got.getFirst()).isEqualTo((from * 10L) + "=" + from);
                assertThat(got.getLast()).isEqualTo((to * 10L) + "=" + to);
            }
        }
    }

    @Test
    void reservationIsRefusedOverTheLimitAndCountsWhatIsInFlight() throws Exception {
        ShardCache cache = new ShardCache(10_000);
        cache.reserve(6_000);
        assertThatThrownBy(() -> cache.reserve(5_000)).isInstanceOf(CacheFullException.class)
                .hasMessage("cache-max-memory-size exceeded: (11000/10000)");
        cache.release(6_000);
        cache.reserve(5_000);
        assertThat(cache.reservedBytes()).isEqualTo(5_000);
    }

    @Test
    void aFullCacheMakesWritesWaitForTheSnapshotUnderWay() throws Exception {
        ShardCache cache = new ShardCache(3_000);
        write(cache, Lines.batch("cpu,host=a v=1 1", "cpu,host=b v=2 2"));
        long held = cache.heldBytes();
        assertThat(held).isBetween(1L, 3_000L);
        long wanted = 3_000 - held + 1;
        // Nothing frozen: no snapshot will free memory, the write fails at once however long it may wait.
        assertThatThrownBy(() -> cache.reserve(wanted, TimeUnit.MINUTES.toNanos(10)))
                .isInstanceOf(CacheFullException.class);
        CacheGeneration frozen = cache.rotate(1);
        // A snapshot under way: the write waits, and fails only after its time is up.
        assertThatThrownBy(() -> cache.reserve(wanted, TimeUnit.MILLISECONDS.toNanos(20)))
                .isInstanceOf(CacheFullException.class);
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                cache.reserve(wanted, TimeUnit.MINUTES.toNanos(10));
            } catch (CacheFullException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(waiting).isNotDone();
        cache.dropFrozen(frozen);
        waiting.get(1, TimeUnit.MINUTES);
        assertThat(cache.reservedBytes()).isEqualTo(wanted);
    }

    @Test
    void heldBytesCountChunkCapacitiesNotJustValues() throws Exception {
        ShardCache cache = new ShardCache(0);
        PointBatchBuilder b = new PointBatchBuilder();
        byte[] k = utf8("m,t=1");
        byte[] f = utf8("v");
        b.beginPoint(k, 0, k.length, 1, 1);
        b.addInteger(f, 0, 1, 1);
        b.endPoint();
        write(cache, b.build());
        long oneValue = cache.heldBytes();
        assertThat(oneValue).isEqualTo(CacheSizes.seriesBytes(k.length) + CacheSizes.COLUMN_BYTES
                + CacheSizes.chunkBytes(8, false));
        b.reset();
        for (int t = 2; t <= 8; t++) {
            b.beginPoint(k, 0, k.length, 1, t);
            b.addInteger(f, 0, 1, t);
            b.endPoint();
        }
        write(cache, b.build());
        // The first chunk had room for 8: nothing allocated, but the next chunk (32 slots) is prepaid by now.
        long eightValues = cache.heldBytes();
        assertThat(eightValues).isEqualTo(oneValue + CacheSizes.chunkBytes(32, false));
        b.reset();
        b.beginPoint(k, 0, k.length, 1, 9);
        b.addInteger(f, 0, 1, 9);
        b.endPoint();
        write(cache, b.build());
        assertThat(cache.active().unpackedBytes()).as("the second chunk was paid for").isEqualTo(eightValues);
        assertThat(cache.heldBytes()).as("the full first chunk was packed, giving back part of its bytes")
                .isLessThan(eightValues).isGreaterThan(eightValues - CacheSizes.chunkBytes(8, false));
    }

    @Test
    void pointsWithManyFieldsResolveEveryColumn() throws Exception {
        ShardCache cache = new ShardCache(0);
        PointBatchBuilder b = new PointBatchBuilder();
        for (int round = 0; round < 3; round++) {
            b.reset();
            for (int s = 0; s < 5; s++) {
                byte[] k = utf8("wide,s=" + s);
                b.beginPoint(k, 0, k.length, 4, round);
                for (int f = 0; f < 150; f++) {
                    // Each series lists the fields in another order: batch name indexes go past 64 in all orders.
                    int n = (f * 7 + s * 11) % 150;
                    byte[] name = utf8("f" + n);
                    if (n % 3 == 0) {
                        byte[] v = utf8("v" + round);
                        b.addString(name, 0, name.length, v, 0, v.length);
                    } else {
                        b.addInteger(name, 0, name.length, round * 1000L + n);
                    }
                }
                b.endPoint();
            }
            assertThat(write(cache, b.build()).accepted()).isEqualTo(5);
        }
        for (int s = 0; s < 5; s++) {
            for (int n = 0; n < 150; n++) {
                List<String> got = read(cache, "wide,s=" + s, "f" + n, 0, 10);
                if (n % 3 == 0) {
                    assertThat(got).containsExactly("0=v0", "1=v1", "2=v2");
                } else {
                    assertThat(got).containsExactly("0=" + n, "1=" + (1000 + n), "2=" + (2000 + n));
                }
            }
        }
    }
}
