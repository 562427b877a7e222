package io.tidemark.storage.index;

import io.tidemark.storage.api.TagFilter;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.api.TagFilter.And;
import io.tidemark.storage.api.TagFilter.Eq;
import io.tidemark.storage.api.TagFilter.NotEq;
import io.tidemark.storage.api.TagFilter.NotRegex;
import io.tidemark.storage.api.TagFilter.Or;
import io.tidemark.storage.api.TagFilter.Regex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/**
 * {@link SeriesIndex#select} against a brute-force evaluator that reads a missing tag as the empty string, over
 * random series sets with deletions. Re-run a failure with {@code -Dtests.seed=}.
 */
class TagFilterPropertyTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final String[] MEASUREMENTS = {"cpu", "mem", "we ird,m"};
    private static final String[] KEYS = {"host", "region", "a", "sp ace", "k=q", "zone"};
    private static final String[] VALUES = {"a", "ab", "b", "web-1", "web-2", "db-1", "x y", "c,d", "e=f", "é",
        "日本", "x\\y", "10", "9"};
    private static final String[] PATTERNS = {"^a", "b$", ".*", "^$", "x*", "web", "^(a|db)", "[0-9]", "é", " ",
        ",", "=", "\\\\", "^web-[12]$", "(?i)WEB",
        // Literal alternatives as GoRegex writes Grafana's /^(a|b)$/, and look-alikes that are not.
        "^a\\z", "^(a|web-1|x y)\\z", "^(?:c,d|e=f|日本|nope)\\z", "^x\\\\y\\z", "^web\\-1\\z", "^a|b\\z",
        "^(a|)\\z", "^(a)|(b)\\z", "^(a|b)|(c|9)\\z", "^(A|B)\\z"};

    record Series(String measurement, Map<String, String> tags) {
    }

    @Test
    void selectMatchesBruteForce() {
        Random rnd = new Random(SEED);
        for (int round = 0; round < 30; round++) {
            SeriesIndex index = new SeriesIndex();
            Map<Integer, Series> live = new HashMap<>();
            int n = 1 + rnd.nextInt(400);
            for (int i = 0; i < n; i++) {
                Series s = randomSeries(rnd);
                int id = index.addSeries(key(s).getBytes(StandardCharsets.UTF_8));
                live.put(id, s);
            }
            for (Integer id : new ArrayList<>(live.keySet())) {
                if (rnd.nextInt(5) == 0) {
                    assertThat(index.deleteSeries(id)).isTrue();
                    live.remove(id);
                }
            }
            for (int q = 0; q < 100; q++) {
                String m = MEASUREMENTS[rnd.nextInt(MEASUREMENTS.length)];
                TagFilter p = randomPredicate(rnd, 3);
                RoaringBitmap expected = new RoaringBitmap();
                live.forEach((id, s) -> {
                    if (s.measurement.equals(m) && matches(p, s.tags)) {
                        expected.add(id);
                    }
                });
                assertThat(index.select(m, p)).as("seed %d round %d: %s in %s", SEED, round, p, m)
                        .isEqualTo(expected);
            }
            checkListings(index, live);
        }
    }

    private static void checkListings(SeriesIndex index, Map<Integer, Series> live) {
        TreeSet<String> measurements = new TreeSet<>();
        Map<String, TreeMap<String, TreeSet<String>>> values = new HashMap<>();
        for (Series s : live.values()) {
            measurements.add(s.measurement);
            s.tags.forEach((k, v) -> values.computeIfAbsent(s.measurement, x -> new TreeMap<>())
                    .computeIfAbsent(k, x -> new TreeSet<>()).add(v));
        }
        assertThat(index.measurements()).as("seed %d", SEED).containsExactlyElementsOf(measurements);
        assertThat(index.seriesCardinality()).isEqualTo(live.size());
        for (String m : MEASUREMENTS) {
            TreeMap<String, TreeSet<String>> byKey = values.getOrDefault(m, new TreeMap<>());
            assertThat(index.tagKeys(m)).as("seed %d", SEED).containsExactlyElementsOf(byKey.keySet());
            for (String k : KEYS) {
                TreeSet<String> vs = byKey.getOrDefault(k, new TreeSet<>());
                assertThat(index.tagValues(m, k)).as("seed %d", SEED).containsExactlyElementsOf(vs);
                assertThat(index.tagValueCardinality(m, k)).isEqualTo(vs.size());
            }
        }
        live.forEach((id, s) -> assertThat(new String(index.seriesKey(id), StandardCharsets.UTF_8))
                .isEqualTo(key(s)));
    }

    static boolean matches(TagFilter p, Map<String, String> tags) {
        return switch (p) {
            case Eq e -> tags.getOrDefault(e.key(), "").equals(e.value());
            case NotEq e -> !tags.getOrDefault(e.key(), "").equals(e.value());
            case Regex r -> r.pattern().matcher(tags.getOrDefault(r.key(), "")).find();
            case NotRegex r -> !r.pattern().matcher(tags.getOrDefault(r.key(), "")).find();
            case And a -> matches(a.left(), tags) && matches(a.right(), tags);
            case Or o -> matches(o.left(), tags) || matches(o.right(), tags);
        };
    }

    static TagFilter randomPredicate(Random rnd, int depth) {
        int kind = rnd.nextInt(depth > 0 ? 6 : 4);
        String key = KEYS[rnd.nextInt(KEYS.length)];
        return switch (kind) {
            case 0 -> new Eq(key, randomValueOrEmpty(rnd));
            case 1 -> new NotEq(key, randomValueOrEmpty(rnd));
            case 2 -> new Regex(key, Pattern.compile(PATTERNS[rnd.nextInt(PATTERNS.length)]));
            case 3 -> new NotRegex(key, Pattern.compile(PATTERNS[rnd.nextInt(PATTERNS.length)]));
            case 4 -> new And(randomPredicate(rnd, depth - 1), randomPredicate(rnd, depth - 1));
            default -> new Or(randomPredicate(rnd, depth - 1), randomPredicate(rnd, depth - 1));
        };
    }

    private static String randomValueOrEmpty(Random rnd) {
        int i = rnd.nextInt(VALUES.length + 2);
        return i < VALUES.length ? VALUES[i] : i == VALUES.length ? "" : "absent";
    }

    static Series randomSeries(Random rnd) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String k : KEYS) {
            if (rnd.nextInt(3) > 0) {
                tags.put(k, VALUES[rnd.nextInt(VALUES.length)]);
            }
        }
        return new Series(MEASUREMENTS[rnd.nextInt(MEASUREMENTS.length)], tags);
    }

    /** The canonical key: escaped measurement, tags sorted by key, escaped. */
    static String key(Series s) {
        StringBuilder sb = new StringBuilder(s.measurement.replace(",", "\\,").replace(" ", "\\ "));
        new TreeMap<>(s.tags).forEach((k, v) -> sb.append(',').append(escapeTag(k)).append('=').append(escapeTag(v)));
        return sb.toString();
    }

    private static String escapeTag(String s) {
        return s.replace(",", "\\,").replace("=", "\\=").replace(" ", "\\ ");
    }
}
