package io.tidemark.storage.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.api.TagFilter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SeriesKeyOrderTest {
    private final SeriesIndex index = new SeriesIndex();
    private final SeriesKeyOrder order = new SeriesKeyOrder();
    /** What is live, in unsigned key order: the model. */
    private final TreeSet<byte[]> live = new TreeSet<>(Arrays::compareUnsigned);
    private final Map<String, Integer> ids = new HashMap<>();

    private void add(String key) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        ids.put(key, index.addSeries(k));
        live.add(k);
    }

    private void delete(String key) {
        index.deleteSeries(ids.remove(key));
        live.remove(key.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> select(String measurement, TagFilter filter) {
        List<String> out = new ArrayList<>();
        for (byte[] k : order.sortedKeys(index, measurement, index.select(measurement, filter))) {
            out.add(new String(k, StandardCharsets.UTF_8));
        }
        return out;
    }

    private List<String> expected(String prefix) {
        List<String> out = new ArrayList<>();
        for (byte[] k : live) {
            String s = new String(k, StandardCharsets.UTF_8);
            if (s.startsWith(prefix)) {
                out.add(s);
            }
        }
        return out;
    }

    @Test
    void keysComeInKeyOrderThoughIdsFollowTheOrderOfWriting() {
        // host_0, host_1, ..., host_999: ids in numeric order, keys in byte order host_0, host_1, host_10, ...
        for (int i = 0; i < 1000; i++) {
            add("cpu,host=host_" + i);
        }
        assertThat(select("cpu", null)).containsExactlyElementsOf(expected("cpu,"));
        // Again from the remembered order, then with series added and deleted since.
        assertThat(select("cpu", null)).containsExactlyElementsOf(expected("cpu,"));
        add("cpu,host=host_10a");
        add("cpu,host=a");
        delete("cpu,host=host_5");
        assertThat(select("cpu", null)).containsExactlyElementsOf(expected("cpu,"));
        assertThat(select("cpu", new TagFilter.NotEq("host", "host_7")))
                .containsExactlyElementsOf(expected("cpu,").stream().filter(k -> !k.equals("cpu,host=host_7"))
                        .toList());
        assertThat(select("cpu", new TagFilter.Eq("host", "host_42"))).containsExactly("cpu,host=host_42");
    }

    @Test
    void manySeriesAddedSinceRebuildTheOrder() {
        for (int i = 0; i < 600; i++) {
            add("m,k=" + Integer.toString(i * 7919 % 600, 36));
        }
        assertThat(select("m", null)).containsExactlyElementsOf(expected("m,"));
        for (int i = 0; i < 2000; i++) {
            add("m,k=z" + (2000 - i));
        }
        assertThat(select("m", null)).containsExactlyElementsOf(expected("m,"));
    }

    @Test
    void aDroppedMeasurementWrittenAgainGetsItsNewSeriesInOrder() {
        for (int i = 0; i < 500; i++) {
            add("m,k=" + (500 - i));
        }
        assertThat(select("m", null)).containsExactlyElementsOf(expected("m,"));
        order.forget("m");
        index.deleteMeasurement("m");
        live.clear();
        ids.clear();
        for (int i = 0; i < 300; i++) {
            add("m,k=" + (i % 2 == 0 ? "b" : "a") + i);
        }
        assertThat(select("m", null)).containsExactlyElementsOf(expected("m,"));
    }

    @Test
    void randomAddsDeletesAndSelectionsAgreeWithASortedModel() {
        Random r = new Random(42);
        List<String> names = new ArrayList<>();
        for (int step = 0; step < 4000; step++) {
            int action = r.nextInt(10);
            if (action < 6 || names.isEmpty()) {
                String key = "m,a=" + r.nextInt(50) + ",b=" + Long.toString(r.nextLong() & 0xffffff, 36);
                if (!ids.containsKey(key)) {
                    add(key);
                    names.add(key);
                }
            } else if (action < 8) {
                String key = names.remove(r.nextInt(names.size()));
                delete(key);
            } else {
                assertThat(select("m", null)).containsExactlyElementsOf(expected("m,"));
                String a = Integer.toString(r.nextInt(50));
                assertThat(select("m", new TagFilter.NotEq("a", a))).containsExactlyElementsOf(expected("m,")
                        .stream().filter(k -> !k.startsWith("m,a=" + a + ",")).toList());
            }
        }
    }
}
