package io.tidemark.storage.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.api.PointBatch;
import io.tidemark.storage.api.PointBatchBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

/**
 * Loading many new series at full speed: 100,000 new hosts with 10 integer fields each, in batches of 5,000 lines,
 * four batches reserved at once (as four writers whose batches wait for the WAL), under the default
 * {@code cache-max-memory-size} of 1 GiB. Each batch reserves what it really adds, so nothing is refused.
 */
class HighCardinalityReservationTest {
    private static final long LIMIT = 1L << 30;
    private static final int SERIES = 100_000;
    private static final int LINES_PER_BATCH = 5_000;
    private static final int IN_FLIGHT = 4;
    private static final String[] FIELDS = {"usage_user", "usage_system", "usage_idle", "usage_nice", "usage_iowait",
        "usage_irq", "usage_softirq", "usage_steal", "usage_guest", "usage_guest_nice"};

    private static byte[] key(int host) {
        return String.format("cpu,host=host_%06d,region=eu-west-1", host).getBytes(StandardCharsets.UTF_8);
    }

    private static PointBatch batch(int number) {
        PointBatchBuilder b = new PointBatchBuilder();
        for (int i = 0; i < LINES_PER_BATCH; i++) {
            byte[] k = key(number * LINES_PER_BATCH + i);
            b.beginPoint(k, 0, k.length, 3, 1_700_000_000_000_000_000L);
            for (String f : FIELDS) {
                byte[] name = f.getBytes(StandardCharsets.UTF_8);
                b.addInteger(name, 0, name.length, i);
            }
            b.endPoint();
        }
        return b.build();
    }

    @Test
    void hundredThousandNewSeriesFitUnderOneGibWithFourBatchesReservedAtOnce() throws Exception {
        ShardCache cache = new ShardCache(LIMIT);
        CacheApplier applier = new CacheApplier();
        // What a new series with one value in each of 10 new columns costs: its series, columns and first chunks.
        long perSeries = CacheSizes.seriesBytes(key(0).length)
                + FIELDS.length * (CacheSizes.COLUMN_BYTES + CacheSizes.chunkBytes(8, false));
        long perBatch = LINES_PER_BATCH * perSeries;
        Deque<ValidatedBatch> reserved = new ArrayDeque<>();
        long peak = 0;
        int batches = SERIES / LINES_PER_BATCH;
        for (int n = 0; n < batches; n++) {
            ValidatedBatch v = cache.validate(batch(n));
            assertThat(v.accepted()).isEqualTo(LINES_PER_BATCH);
            assertThat(v.reservationBytes()).as("batch %d", n).isEqualTo(perBatch);
            cache.reserve(v.reservationBytes());
            reserved.add(v);
            peak = Math.max(peak, cache.heldBytes() + cache.reservedBytes());
            if (reserved.size() == IN_FLIGHT) {
                applyOldest(cache, applier, reserved);
            }
        }
        while (!reserved.isEmpty()) {
            applyOldest(cache, applier, reserved);
        }
        assertThat(cache.reservedBytes()).isZero();
        assertThat(cache.heldBytes()).isEqualTo(SERIES * perSeries);
        assertThat(cache.active().seriesCount()).isEqualTo(SERIES);
        assertThat(peak).isLessThanOrEqualTo(LIMIT);

        // With all 100,000 series held, four more such batches still fit, with room to spare.
        for (int n = batches; n < batches + IN_FLIGHT; n++) {
            cache.reserve(cache.validate(batch(n)).reservationBytes());
        }
        assertThat(cache.heldBytes() + cache.reservedBytes()).isLessThan(LIMIT / 2);
    }

    private static void applyOldest(ShardCache cache, CacheApplier applier, Deque<ValidatedBatch> reserved) {
        ValidatedBatch oldest = reserved.poll();
        long before = cache.heldBytes();
        applier.apply(cache, oldest.acceptedBatch(), oldest.reservationBytes());
        assertThat(cache.heldBytes() - before).as("a batch of new series adds what it reserved")
                .isEqualTo(oldest.reservationBytes());
    }
}
