package io.tidemark.it.diff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A database of its own where the series of one measurement share most of their timestamps and differ in value,
 * and the integral() statements over it. InfluxDB keeps the last of the points its reducer gets at one time, and
 * gets them in the order its merge heap yields them, which depends on the heap's history (no fixed order of the
 * series reproduces it). The main data keeps series apart in time (see {@link DataGenerator}) so that its generated
 * queries do not meet that order; these statements meet it at almost every timestamp, over two shards (the span
 * crosses a Thursday, where 7-day shard groups start), in both time orders, with GROUP BY time() and tags, field
 * conditions, a measurement named twice, and integrals of two fields, one of them (u) at half the points only. Then
 * first() and last() without GROUP BY time(), which choose between the first two points of a shard's merge.
 * Not thread-safe.
 */
final class TiedSeries {
    static final String DATABASE = "diff_ties";
    /** 2021-03-03T00:00:00Z, a Wednesday. */
    private static final long START_SECONDS = 1_614_729_600L;
    private static final int SLOTS = 96;
    private static final long SLOT_SECONDS = 1800;

    static final List<String> QUERIES = List.of(
            "SELECT integral(v) FROM ticks",
            "SELECT integral(v, 1m) FROM ticks",
            "SELECT integral(i) FROM ticks",
            "SELECT integral(v) FROM ticks ORDER BY time DESC",
            "SELECT integral(v) FROM ticks WHERE region = 'r0'",
            "SELECT integral(v) FROM ticks WHERE host =~ /h[1-5]/",
            "SELECT integral(v) FROM ticks WHERE w > 50",
            "SELECT integral(v) FROM ticks, ticks",
            "SELECT integral(v) FROM ticks GROUP BY region",
            "SELECT integral(v) FROM ticks WHERE time >= '2021-03-03T06:00:00Z' AND time < '2021-03-05T00:00:00Z'"
                    + " GROUP BY time(6h)",
            "SELECT integral(v) FROM ticks WHERE time >= '2021-03-03T06:00:00Z' AND time < '2021-03-05T00:00:00Z'"
                    + " GROUP BY time(12h) ORDER BY time DESC",
            "SELECT integral(i, 1h) FROM ticks WHERE time >= '2021-03-03T00:00:00Z' AND time < '2021-03-05T00:00:00Z'"
                    + " GROUP BY time(1d), region",
            "SELECT integral(v), integral(u) FROM ticks",
            "SELECT integral(u), mean(v), integral(v, 1m) FROM ticks",
            "SELECT integral(v) FROM ticks WHERE u > 500000",
            "SELECT first(v) FROM ticks",
            "SELECT last(v) FROM ticks",
            "SELECT first(v), host FROM ticks",
            "SELECT last(i), host, region FROM ticks",
            "SELECT first(i) FROM ticks GROUP BY region",
            "SELECT last(v), host FROM ticks WHERE w > 50",
            "SELECT first(u), last(i) FROM ticks",
            "SELECT last(w) FROM ticks WHERE time < '2021-03-04T00:00:00Z'");

    private TiedSeries() {
    }

    /**
     * The line-protocol body (precision {@code s}): eight series, each at a random half of 96 half-hours, with v, i
     * and w at every point and u at half of them.
     */
    static String lines(Random random) {
        List<String> lines = new ArrayList<>();
        Set<Integer> values = new HashSet<>();
        for (int h = 0; h < 8; h++) {
            String key = "ticks,host=h" + h + ",region=r" + (h % 2);
            for (int slot = 0; slot < SLOTS; slot++) {
                if (random.nextBoolean()) {
                    continue;
                }
                int tenths;
                do {
                    tenths = random.nextInt(100_000);
                } while (!values.add(tenths));
                String u = random.nextBoolean() ? ",u=" + random.nextInt(1_000_000) : "";
                lines.add(key + " v=" + tenths / 10 + "." + tenths % 10 + ",i=" + random.nextInt(1000) + "i,w="
                        + random.nextInt(100) + u + " "
                        + (START_SECONDS + slot * SLOT_SECONDS));
            }
        }
        Collections.shuffle(lines, random);
        return String.join("\n", lines);
    }
}
