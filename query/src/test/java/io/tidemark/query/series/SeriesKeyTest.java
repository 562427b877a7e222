package io.tidemark.query.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.query.memory.HeapEstimates;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SeriesKeyTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    /**
     * A tag read from the key alone is the tag the full parse gives, for random keys whose names and values hold the
     * escaped characters, backslashes before other characters and non-ASCII text; absent tags are "" and not had.
     * Re-run a failure with {@code -Dtests.seed=<seed>}.
     */
    @Test
    void oneTagReadFromTheKeyEqualsTheParsedTag() {
        Random rnd = new Random(SEED);
        // A backslash only before an ordinary character: before ',', '=', ' ' or at the end, the canonical key
        // cannot tell it from an escape (nor can line protocol).
        String[] pieces = {"a", "b", "host", "é", ",", "=", " ", "\\x", "1"};
        for (int round = 0; round < 3_000; round++) {
            TreeMap<String, String> tags = new TreeMap<>(SeriesKeyParser.BYTE_ORDER);
            int n = rnd.nextInt(5);
            for (int i = 0; i < n; i++) {
                tags.put(word(rnd, pieces), word(rnd, pieces));
            }
            String measurement = word(rnd, pieces);
            StringBuilder key = new StringBuilder(measurement.replace(",", "\\,").replace(" ", "\\ "));
            tags.forEach((k, v) -> key.append(',').append(escape(k)).append('=').append(escape(v)));
            byte[] bytes = key.toString().getBytes(StandardCharsets.UTF_8);
            SeriesKey parsed = SeriesKeyParser.parse(bytes);
            parsed.tags();
            List<String> asked = new ArrayList<>(tags.keySet());
            asked.add(word(rnd, pieces));
            asked.add("absent");
            SeriesKey reused = SeriesKeyParser.parse(bytes);
            for (String k : asked) {
                for (int twice = 0; twice < 2; twice++) {
                    assertThat(reused.tag(k)).as("seed %d: %s tag %s, asked again", SEED, key, k)
                            .isEqualTo(tags.getOrDefault(k, ""));
                    assertThat(reused.hasTag(k)).isEqualTo(tags.containsKey(k));
                }
                SeriesKey fresh = SeriesKeyParser.parse(bytes);
                String what = "seed " + SEED + ": " + key + " tag " + k;
                assertThat(fresh.tag(k)).as(what).isEqualTo(parsed.tag(k)).isEqualTo(tags.getOrDefault(k, ""));
                assertThat(fresh.hasTag(k)).as(what).isEqualTo(tags.containsKey(k));
            }
            assertThat(SeriesKeyParser.parse(bytes).measurement()).isEqualTo(parsed.measurement());
            // All at once: the tags asked for, in a random order, a name twice among them.
            List<String> names = new ArrayList<>(asked);
            Collections.shuffle(names, rnd);
            names.add(names.getFirst());
            SeriesKey together = SeriesKeyParser.parse(bytes);
            together.readTags(SeriesKey.TagNames.of(names));
            // And after one of them was read alone, as grouping reads a GROUP BY tag before the tag columns.
            SeriesKey afterOne = SeriesKeyParser.parse(bytes);
            afterOne.tag(names.get(rnd.nextInt(names.size())));
            afterOne.readTags(SeriesKey.TagNames.of(names));
            for (String k : asked) {
                assertThat(together.tag(k)).as("seed %d: %s tag %s, read with others", SEED, key, k)
                        .isEqualTo(tags.getOrDefault(k, ""));
                assertThat(together.hasTag(k)).isEqualTo(tags.containsKey(k));
                assertThat(afterOne.tag(k)).as("seed %d: %s tag %s, read with others after one", SEED, key, k)
                        .isEqualTo(tags.getOrDefault(k, ""));
            }
        }
    }

    @Test
    void theEstimateCoversTheKeyTheTagsReadAndTheTagsOnceParsed() {
        SeriesKey s = SeriesKeyParser.parse("cpu,host=a,region=eu".getBytes(StandardCharsets.UTF_8));
        long keyOnly = HeapEstimates.object(3 * HeapEstimates.REFERENCE) + HeapEstimates.array((20 + 7) / 8);
        assertThat(s.estimatedBytes()).isEqualTo(keyOnly);
        String host = s.tag("host");
        assertThat(host).isEqualTo("a");
        assertThat(s.tag("host")).as("read once, then kept").isSameAs(host);
        assertThat(s.estimatedBytes()).as("a tag read is held").isGreaterThanOrEqualTo(keyOnly
                + HeapEstimates.string("a"));
        assertThat(s.tagCount()).isEqualTo(2);
        long parts = HeapEstimates.string("cpu") + 2 * HeapEstimates.array(2) + HeapEstimates.string("host")
                + HeapEstimates.string("a") + HeapEstimates.string("region") + HeapEstimates.string("eu");
        assertThat(s.estimatedBytes()).isGreaterThanOrEqualTo(keyOnly + parts);
    }

    private static String word(Random rnd, String[] pieces) {
        StringBuilder b = new StringBuilder();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            b.append(pieces[rnd.nextInt(pieces.length)]);
        }
        return b.toString();
    }

    private static String escape(String s) {
        return s.replace(",", "\\,").replace("=", "\\=").replace(" ", "\\ ");
    }

    @Test
    void aMalformedKeyFailsWhenItsTagsAreFirstAskedFor() {
        SeriesKey s = SeriesKeyParser.parse("cpu,host".getBytes(StandardCharsets.UTF_8));
        assertThat(s.keyString()).isEqualTo("cpu,host");
        assertThatThrownBy(() -> s.tag("host")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed series key");
    }
}
