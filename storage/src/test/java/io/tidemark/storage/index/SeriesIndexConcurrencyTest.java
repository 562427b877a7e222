package io.tidemark.storage.index;

import io.tidemark.storage.api.TagFilter;
import static io.tidemark.storage.index.SeriesIndexTest.b;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.api.TagFilter.Eq;
import io.tidemark.storage.api.TagFilter.NotEq;
import io.tidemark.storage.api.TagFilter.Regex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

class SeriesIndexConcurrencyTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    private static String key(int i) {
        return "cpu,host=h" + i + ",region=r" + (i % 5) + ",team=t" + (i % 3);
    }

    @Test
    void threadsAddingOverlappingKeysGetOneIdPerKey() throws Exception {
        int threads = 8;
        int keys = 20_000;
        SeriesIndex index = new SeriesIndex();
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<int[]>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long seed = SEED + t;
            results.add(pool.submit(() -> {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < keys; i++) {
                    order.add(i);
                }
                Collections.shuffle(order, new Random(seed));
                int[] ids = new int[keys];
                start.await(30, TimeUnit.SECONDS);
                for (int i : order) {
                    ids[i] = index.addSeries(b(key(i)));
                }
                return ids;
            }));
        }
        int[] first = results.getFirst().get(60, TimeUnit.SECONDS);
        for (Future<int[]> f : results) {
            assertThat(f.get(60, TimeUnit.SECONDS)).as("seed %d", SEED).containsExactly(first);
        }
        pool.shutdown();
        Set<Integer> distinct = new HashSet<>();
        for (int i = 0; i < keys; i++) {
            distinct.add(first[i]);
            assertThat(new String(index.seriesKey(first[i]), StandardCharsets.UTF_8)).isEqualTo(key(i));
        }
        assertThat(distinct).hasSize(keys);
        assertThat(index.nextSeriesId()).isEqualTo(keys);
        assertThat(index.seriesCardinality()).isEqualTo(keys);
        assertThat(index.select("cpu", new Eq("region", "r2")).getCardinality()).isEqualTo(keys / 5);
    }

    /**
     * Readers selecting while a writer adds and deletes series never see a series in a result it does not
     * satisfy, whatever point of its insertion or deletion the writer is at.
     */
    @Test
    void selectsDuringWritesOnlyReturnSeriesThatSatisfyThePredicate() throws Exception {
        SeriesIndex index = new SeriesIndex();
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        Future<?> writer = pool.submit(() -> {
            Random rnd = new Random(SEED);
            List<Integer> live = new ArrayList<>();
            for (int i = 0; i < 30_000; i++) {
                live.add(index.addSeries(b(key(rnd.nextInt(10_000)))));
                if (rnd.nextInt(4) == 0) {
                    index.deleteSeries(live.remove(rnd.nextInt(live.size())));
                }
            }
            done.set(true);
            return null;
        });
        List<Future<Long>> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            readers.add(pool.submit(() -> {
                long checked = 0;
                TagFilter[] predicates = {new NotEq("region", "r1"), new Eq("region", "r1"),
                    new Regex("host", "^h1"), new TagFilter.And(new NotEq("team", "t0"), new Eq("region", "r3"))};
                int round = 0;
                while (!done.get() || round < 5) {
                    TagFilter p = predicates[round++ % predicates.length];
                    RoaringBitmap result = index.select("cpu", p);
                    for (IntIterator it = result.getIntIterator(); it.hasNext();) {
                        byte[] k = index.seriesKey(it.next());
                        if (k != null) {
                            assertThat(satisfies(p, new String(k, StandardCharsets.UTF_8))).as("seed %d: %s in %s",
                                    SEED, new String(k, StandardCharsets.UTF_8), p).isTrue();
                            checked++;
                        }
                    }
                }
                return checked;
            }));
        }
        writer.get(120, TimeUnit.SECONDS);
        for (Future<Long> r : readers) {
            assertThat(r.get(120, TimeUnit.SECONDS)).isPositive();
        }
        pool.shutdown();
    }

    private static boolean satisfies(TagFilter p, String key) {
        java.util.Map<String, String> tags = new java.util.HashMap<>();
        String[] parts = key.split(",");
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=");
            tags.put(kv[0], kv[1]);
        }
        return TagFilterPropertyTest.matches(p, tags);
    }
}
