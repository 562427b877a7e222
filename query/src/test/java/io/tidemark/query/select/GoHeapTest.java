package io.tidemark.query.select;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GoHeapTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    /** A series being merged: its name and the times still to come, the first being its current one. */
    private static final class Series {
        final String name;
        final Iterator<Long> times;
        long time;

        Series(String name, List<Long> times) {
            this.name = name;
            this.times = times.iterator();
            this.time = this.times.next();
        }
    }

    /** Merges the series as InfluxDB's sorted merge does: pop, then push back the popped series' next time. */
    private static List<String> merge(List<Series> series) {
        GoHeap<Series> heap = new GoHeap<>(series, Comparator.comparingLong(s -> s.time));
        List<String> out = new ArrayList<>();
        while (!heap.isEmpty()) {
            assertThat(heap.peek()).isSameAs(heap.peek());
            Series s = heap.pop();
            out.add(s.time + s.name);
            if (s.times.hasNext()) {
                s.time = s.times.next();
                heap.push(s);
            }
        }
        return out;
    }

    @Test
    void equalElementsComeOutInGoHeapOrderNotInTheOrderGiven() {
        // Go's heap.Init leaves [a b c d] as it is; each Pop swaps the last element to the root before sifting it.
        List<Series> four = List.of(new Series("a", List.of(5L)), new Series("b", List.of(5L)),
                new Series("c", List.of(5L)), new Series("d", List.of(5L)));
        assertThat(merge(four)).containsExactly("5a", "5d", "5c", "5b");
    }

    @Test
    void tiesAtLaterTimesDependOnWhatThePushesDid() {
        // Worked through Go's container/heap by hand and replayed against InfluxDB 1.6.7's integral(), whose
        // answers depend on this order.
        List<Series> five = List.of(new Series("a", List.of(1L, 2L)), new Series("b", List.of(1L, 3L)),
                new Series("c", List.of(1L, 2L)), new Series("d", List.of(1L)), new Series("e", List.of(1L, 2L)));
        assertThat(merge(five)).containsExactly("1a", "1e", "1b", "1d", "1c", "2a", "2c", "2e", "3b");
    }

    @Test
    void everyElementComesOutOnceInOrder() {
        Random random = new Random(SEED);
        for (int round = 0; round < 200; round++) {
            List<Series> series = new ArrayList<>();
            int total = 0;
            for (int s = random.nextInt(12); s >= 0; s--) {
                List<Long> times = new ArrayList<>();
                long t = random.nextInt(5);
                for (int i = random.nextInt(6); i >= 0; i--) {
                    times.add(t);
                    t += random.nextInt(3);
                }
                total += times.size();
                series.add(new Series("s" + s, times));
            }
            List<String> out = merge(series);
            assertThat(out).as("seed %d", SEED).hasSize(total);
            List<Long> times = out.stream().map(x -> Long.parseLong(x.substring(0, x.indexOf('s')))).toList();
            assertThat(times).as("seed %d", SEED).isSorted();
        }
    }
}
