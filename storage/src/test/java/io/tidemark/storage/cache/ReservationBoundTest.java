package io.tidemark.storage.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.FieldType;
import io.tidemark.storage.api.PointBatchBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A write's reservation bounds what applying it adds to the cache, however the cache changed between its validation
 * and its application: random batches (new and known series, every field type, strings of any length, a series or a
 * field several times, points with more than 64 fields, type conflicts) are validated in windows of several, then
 * applied in random order with generations rotated and dropped in between, as concurrent writers and the snapshot
 * thread would. Randomized: re-run a failure with {@code -Dtests.seed=<seed>}.
 */
class ReservationBoundTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final String[] MEASUREMENTS = {"cpu", "disk", "wide"};
    private static final FieldType[] TYPES = FieldType.values();

    private final CacheApplier applier = new CacheApplier();
    private final Random rnd = new Random(SEED);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The type of field {@code f} of measurement {@code m}: fixed, so that only chosen conflicts drop points. */
    private static FieldType typeOf(int m, int f) {
        return TYPES[(f * 7 + m) % TYPES.length];
    }

    @Test
    void whatABatchAddsNeverExceedsItsReservation() throws Exception {
        ShardCache cache = new ShardCache(0);
        List<String> known = new ArrayList<>();
        long reservedTotal = 0;
        long addedTotal = 0;
        int nextSeries = 0;
        int batches = 0;
        for (int round = 0; round < 400; round++) {
            // Series new to this round, shared by its batches: new when validated, maybe not when applied.
            List<String> fresh = new ArrayList<>();
            for (int i = rnd.nextInt(20); i > 0; i--) {
                int m = rnd.nextInt(MEASUREMENTS.length);
                fresh.add(MEASUREMENTS[m] + ",host=h" + nextSeries++);
            }
            // Some rounds trickle single values into a few series, the way steady ingest crosses chunk boundaries.
            boolean trickle = known.size() > 3 && rnd.nextInt(3) == 0;
            List<ValidatedBatch> window = new ArrayList<>();
            for (int w = 1 + rnd.nextInt(5); w > 0; w--) {
                PointBatchBuilder b = trickle ? trickleBatch(known.subList(0, 3)) : randomBatch(known, fresh);
                ValidatedBatch v = cache.validate(b.build());
                if (v.accepted() > 0) {
                    cache.reserve(v.reservationBytes());
                    window.add(v);
                }
            }
            Collections.shuffle(window, rnd);
            for (ValidatedBatch v : window) {
                maybeRotate(cache);
                long before = cache.heldBytes();
                applier.apply(cache, v.acceptedBatch(), v.reservationBytes());
                long added = cache.heldBytes() - before;
                assertThat(added).as("seed %d, round %d: added vs reserved", SEED, round)
                        .isLessThanOrEqualTo(v.reservationBytes());
                reservedTotal += v.reservationBytes();
                addedTotal += added;
                batches++;
            }
            assertThat(cache.reservedBytes()).isZero();
            known.addAll(fresh);
        }
        assertThat(batches).isGreaterThan(600);
        assertThat(addedTotal).as("seed %d: the bound is not vacuous", SEED).isGreaterThan(reservedTotal / 2);
    }

    private void maybeRotate(ShardCache cache) {
        int dice = rnd.nextInt(40);
        if (dice == 0) {
            cache.rotate(0);
        } else if (dice == 1 && !cache.frozen().isEmpty()) {
            cache.dropFrozen(cache.frozen().getFirst());
        }
    }

    /** One or two points of one field each. */
    private PointBatchBuilder trickleBatch(List<String> series) {
        PointBatchBuilder b = new PointBatchBuilder();
        for (int p = 1 + rnd.nextInt(2); p > 0; p--) {
            String key = series.get(rnd.nextInt(series.size()));
            int comma = key.indexOf(',');
            int m = List.of(MEASUREMENTS).indexOf(key.substring(0, comma));
            byte[] k = utf8(key);
            b.beginPoint(k, 0, k.length, comma, rnd.nextInt(1_000_000));
            int f = rnd.nextInt(2);
            addField(b, utf8("f" + f), typeOf(m, f));
            b.endPoint();
        }
        return b;
    }

    private PointBatchBuilder randomBatch(List<String> known, List<String> fresh) {
        PointBatchBuilder b = new PointBatchBuilder();
        int points = 1 + rnd.nextInt(rnd.nextBoolean() ? 10 : 600);
        // A few series per batch make long runs of values per column, crossing chunk boundaries within a batch.
        List<String> pool = new ArrayList<>();
        if (known.isEmpty() && fresh.isEmpty()) {
            pool.add("cpu,host=first");
        } else {
            for (int i = 1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 50); i > 0; i--) {
                boolean useFresh = !fresh.isEmpty() && (known.isEmpty() || rnd.nextBoolean());
                pool.add(useFresh ? fresh.get(rnd.nextInt(fresh.size())) : known.get(rnd.nextInt(known.size())));
            }
        }
        long time = rnd.nextInt(1_000_000);
        for (int p = 0; p < points; p++) {
            String key = pool.get(rnd.nextInt(pool.size()));
            int comma = key.indexOf(',');
            int m = List.of(MEASUREMENTS).indexOf(key.substring(0, comma));
            byte[] k = utf8(key);
            b.beginPoint(k, 0, k.length, comma, time + rnd.nextInt(100));
            int fieldCount = m == 2 ? 1 + rnd.nextInt(150) : 1 + rnd.nextInt(rnd.nextBoolean() ? 2 : 6);
            for (int i = 0; i < fieldCount; i++) {
                int f = m == 2 ? rnd.nextInt(150) : rnd.nextInt(8);
                FieldType type = rnd.nextInt(500) == 0 ? TYPES[rnd.nextInt(TYPES.length)] : typeOf(m, f);
                addField(b, utf8("f" + f), type);
            }
            b.endPoint();
        }
        return b;
    }

    private void addField(PointBatchBuilder b, byte[] name, FieldType type) {
        switch (type) {
            case FLOAT -> b.addFloat(name, 0, name.length, rnd.nextDouble());
            case INTEGER -> b.addInteger(name, 0, name.length, rnd.nextLong());
            case UNSIGNED -> b.addUnsigned(name, 0, name.length, rnd.nextLong() >>> 1);
            case BOOLEAN -> b.addBoolean(name, 0, name.length, rnd.nextBoolean());
            case STRING -> {
                byte[] v = new byte[rnd.nextInt(4) == 0 ? rnd.nextInt(300) : rnd.nextInt(12)];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (byte) ('a' + rnd.nextInt(26));
                }
                b.addString(name, 0, name.length, v, 0, v.length);
            }
        }
    }
}
