package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * RFC 3339 times as Go's {@code time.RFC3339Nano} writes them, checked against java.time's formatter over random
 * times of InfluxDB's whole range (1677-2262), in UTC and in zones with odd offsets and daylight saving.
 * Randomized: re-run a failure with {@code -Dtests.seed=<seed>}.
 */
class EpochFormatTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("America/Chicago"), ZoneId.of("Asia/Kolkata"),
            ZoneId.of("Australia/Lord_Howe"), ZoneId.of("UTC"), ZoneId.of("Europe/Dublin"));

    private static String reference(long nanos, ZoneId zone) {
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L));
        int frac = (int) Math.floorMod(nanos, 1_000_000_000L);
        ZoneOffset offset = zone == null ? ZoneOffset.UTC : zone.getRules().getOffset(instant);
        String fraction = frac == 0 ? "" : ("." + String.format("%09d", frac)).replaceAll("0+$", "");
        String suffix = offset.getTotalSeconds() == 0 ? "Z" : offset.getId().substring(0, 6);
        return LOCAL.withZone(offset).format(instant) + fraction + suffix;
    }

    @Test
    void randomTimesMatchJavaTime() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int i = 0; i < 100_000; i++) {
            long nanos = switch (i % 3) {
                case 0 -> rnd.nextLong(Long.MIN_VALUE + 2, Long.MAX_VALUE);
                case 1 -> rnd.nextLong(-4_000_000_000L, 4_000_000_000L) * 1_000_000_000L;
                default -> rnd.nextLong(-4_000_000_000L, 4_000_000_000L) * 1_000_000_000L + rnd.nextInt(1, 1000)
                        * (long) Math.pow(10, rnd.nextInt(0, 7));
            };
            ZoneId zone = i % 2 == 0 ? null : ZONES.get(rnd.nextInt(ZONES.size()));
            assertThat(EpochFormat.rfc3339(nanos, zone)).as("%d in %s, seed %d", nanos, zone, SEED)
                    .isEqualTo(reference(nanos, zone));
        }
    }
}
