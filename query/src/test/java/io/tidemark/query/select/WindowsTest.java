package io.tidemark.query.select;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.query.expr.TimeRange;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class WindowsTest {
    private static final long M = 60_000_000_000L;
    private static final long H = 60 * M;

    private static long nanos(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static Windows windows(long duration, long offset, String zone) {
        return new Windows(new TimeRange(TimeRange.MIN_TIME, TimeRange.MAX_TIME), new Interval(duration, offset),
                zone == null ? null : ZoneId.of(zone));
    }

    @Test
    void bucketsAlignOnTheEpochPlusOffset() {
        Windows w = windows(30 * M, 0, null);
        long t = nanos("2021-03-04T00:44:00Z");
        assertThat(w.start(t)).isEqualTo(nanos("2021-03-04T00:30:00Z"));
        assertThat(w.end(t)).isEqualTo(nanos("2021-03-04T01:00:00Z"));
        Windows shifted = windows(30 * M, 15 * M, null);
        assertThat(shifted.start(t)).isEqualTo(nanos("2021-03-04T00:15:00Z"));
        Windows negative = windows(30 * M, -15 * M, null);
        assertThat(negative.start(t)).isEqualTo(nanos("2021-03-04T00:15:00Z"));
        assertThat(negative.start(nanos("2021-03-04T00:05:00Z"))).isEqualTo(nanos("2021-03-03T23:45:00Z"));
    }

    @Test
    void bucketsBeforeTheEpoch() {
        Windows w = windows(H, 0, null);
        assertThat(w.start(-1)).isEqualTo(-H);
        assertThat(w.start(TimeRange.MIN_TIME)).isEqualTo(TimeRange.MIN_TIME);
    }

    @Test
    void daysStartAtLocalMidnightInTheZone() {
        Windows w = windows(24 * H, 0, "Asia/Kolkata");
        assertThat(w.start(nanos("2021-03-04T00:00:00Z"))).isEqualTo(nanos("2021-03-03T18:30:00Z"));
        assertThat(w.end(nanos("2021-03-04T00:00:00Z"))).isEqualTo(nanos("2021-03-04T18:30:00Z"));
    }

    @Test
    void theDayOfADaylightSavingChangeLasts25Hours() {
        Windows w = windows(24 * H, 0, "America/Chicago");
        long noon = nanos("2019-11-03T18:00:00Z");
        assertThat(w.start(noon)).isEqualTo(nanos("2019-11-03T05:00:00Z"));
        assertThat(w.end(noon)).isEqualTo(nanos("2019-11-04T06:00:00Z"));
        assertThat(w.start(nanos("2019-11-04T18:00:00Z"))).isEqualTo(nanos("2019-11-04T06:00:00Z"));
    }

    @Test
    void withoutIntervalThereIsOneBucketForTheRange() {
        Windows w = new Windows(new TimeRange(100, 200), null, null);
        assertThat(w.start(150)).isEqualTo(100);
        assertThat(w.end(150)).isEqualTo(201);
    }
}
