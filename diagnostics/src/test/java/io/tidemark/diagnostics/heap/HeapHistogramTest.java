package io.tidemark.diagnostics.heap;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeapHistogramTest {
    /** Instances the histogram must find. */
    static final class Marker {
        final long value;

        Marker(long value) {
            this.value = value;
        }
    }

    @Test
    void countsLiveInstancesOfAClass() throws Exception {
        List<Marker> retained = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            retained.add(new Marker(i));
        }

        HeapHistogram.Histogram h = HeapHistogram.ofThisJvm().capture(true, 10_000);

        assertThat(h.liveOnly()).isTrue();
        assertThat(h.classes()).isGreaterThan(100);
        assertThat(h.totalBytes()).isPositive();
        assertThat(h.top()).isSortedAccordingTo((a, b) -> Long.compare(b.bytes(), a.bytes()));
        HeapHistogram.Entry marker = h.top().stream()
                .filter(e -> e.className().equals(Marker.class.getName())).findFirst().orElseThrow();
        assertThat(marker.instances()).isGreaterThanOrEqualTo(20_000);
        assertThat(marker.bytes()).isGreaterThanOrEqualTo(20_000L * 16);
        assertThat(retained).hasSize(20_000);
    }

    @Test
    void keepsTheLargestClassesOnly() throws Exception {
        HeapHistogram.Histogram h = HeapHistogram.ofThisJvm().capture(false, 5);

        assertThat(h.liveOnly()).isFalse();
        assertThat(h.top()).hasSize(5);
        assertThat(h.top()).extracting(HeapHistogram.Entry::rank).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void parsesTheDiagnosticCommandsTable() {
        String text = """
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:          4420         383408  [B (java.base@25.0.3)
                   2:          3836          92064  java.lang.String (java.base@25.0.3)
                   3:            12            384  io.tidemark.Foo$Bar
                Total          8268         475856
                """;

        HeapHistogram.Histogram h = HeapHistogram.parse(text, true, 2);

        assertThat(h.top()).containsExactly(
                new HeapHistogram.Entry(1, 4420, 383408, "[B (java.base@25.0.3)"),
                new HeapHistogram.Entry(2, 3836, 92064, "java.lang.String (java.base@25.0.3)"));
        assertThat(h.classes()).isEqualTo(3);
        assertThat(h.totalInstances()).isEqualTo(8268);
        assertThat(h.totalBytes()).isEqualTo(475856);
        assertThat(HeapHistogram.format(h, new MemoryUsage(0, 1000, 2000, 4000))).isEqualTo("""
                heap histogram: live objects (a full GC ran first); top 2 of 3 classes
                heap: used 1000 bytes, committed 2000 bytes, max 4000 bytes
                total: 8268 instances, 475856 bytes

                 rank      instances            bytes  class
                    1           4420           383408  [B (java.base@25.0.3)
                    2           3836            92064  java.lang.String (java.base@25.0.3)
                """);
    }
}
