package io.tidemark.diagnostics.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.metrics.Statistic;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JvmStatisticsTest {
    private final JvmStatistics.Figures figures = JvmStatistics.ofThisJvm().read();

    @Test
    void runtimeCarriesInfluxDbsNamesAndTheJvmsFigures() {
        List<Statistic> stats = JvmStatistics.statistics(figures);

        Statistic runtime = stats.getFirst();
        assertThat(runtime.name()).isEqualTo("runtime");
        assertThat(runtime.values()).containsKeys("Alloc", "HeapAlloc", "HeapInUse", "HeapSys", "HeapIdle", "Sys",
                "NumGC", "PauseTotalNs", "NumGoroutine", "heapMax", "nonHeapUsed", "threadsBlocked",
                "threadsWaiting", "classesLoaded", "uptimeMs");
        assertThat((Long) runtime.values().get("NumGoroutine")).isPositive();
        long byState = 0;
        for (String k : List.of("threadsNew", "threadsRunnable", "threadsBlocked", "threadsWaiting",
                "threadsTimedWaiting")) {
            byState += (Long) runtime.values().get(k);
        }
        assertThat(byState).isLessThanOrEqualTo((Long) runtime.values().get("threadsLive"));
        assertThat(stats).extracting(Statistic::name).contains("jvm_gc", "jvm_memory_pool", "jvm_buffer_pool");
        assertThat(stats).filteredOn(s -> s.name().equals("jvm_buffer_pool"))
                .extracting(s -> s.tags().get("pool")).contains("direct", "mapped");
    }

    @Test
    void memstatsHasGoFieldsAsIntegersAndTheJvmsDetailNested() {
        Map<String, Object> m = JvmStatistics.memstats(figures);

        for (String goField : List.of("Alloc", "Sys", "HeapAlloc", "HeapSys", "HeapIdle", "HeapInuse", "PauseTotalNs",
                "NumGC")) {
            assertThat(m.get(goField)).as(goField).isInstanceOf(Long.class);
        }
        assertThat(m).containsKeys("heap", "nonHeap", "gc", "memoryPools", "bufferPools", "threads");
    }
}
