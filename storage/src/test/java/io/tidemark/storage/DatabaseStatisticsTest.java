package io.tidemark.storage;

import static io.tidemark.storage.Lines.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.metrics.Statistic;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** InfluxDB's per-database statistics: distinct series and measurements over a database's shards. */
class DatabaseStatisticsTest extends StoreTestSupport {

    private Optional<Map<String, Object>> database(String name) {
        return metrics.snapshot().stream()
                .filter(s -> s.name().equals("database") && s.tags().equals(Map.of("database", name)))
                .map(Statistic::values).findFirst();
    }

    @Test
    void countsDistinctSeriesAndMeasurementsOverTheShardsOfEachDatabase() throws Exception {
        Store store = open();
        store.createShard(1, "db", "autogen");
        store.createShard(2, "db", "autogen");
        store.createShard(3, "db", "week");
        store.createShard(4, "other", "autogen");
        store.write(1, batch("cpu,host=a v=1 1", "cpu,host=b v=1 1", "mem,host=a v=1 1"));
        assertThat(database("db")).contains(Map.of("numMeasurements", 2L, "numSeries", 3L));
        // The same series in another shard (the next week) and another retention policy count once.
        store.write(2, batch("cpu,host=a v=2 2", "cpu,host=c v=2 2"));
        store.write(3, batch("cpu,host=b v=3 3", "disk,path=/ v=3 3"));
        store.write(4, batch("cpu,host=a v=1 1"));
        assertThat(database("db")).contains(Map.of("numMeasurements", 3L, "numSeries", 5L));
        assertThat(database("other")).contains(Map.of("numMeasurements", 1L, "numSeries", 1L));

        store.dropMeasurement(3, "disk");
        assertThat(database("db")).contains(Map.of("numMeasurements", 2L, "numSeries", 4L));
        store.deleteShard(1);
        store.deleteShard(3);
        assertThat(database("db")).contains(Map.of("numMeasurements", 1L, "numSeries", 2L));
        store.deleteShard(2);
        assertThat(database("db")).isEmpty();
        assertThat(database("other")).isPresent();
    }

    @Test
    void aReopenedStoreCountsItsShardsAgain() throws Exception {
        Store store = open();
        store.createShard(1, "db", "autogen");
        store.createShard(2, "db", "autogen");
        store.write(1, batch("cpu,host=a v=1 1", "cpu,host=b v=1 1"));
        store.write(2, batch("cpu,host=b v=1 2", "cpu,host=c v=1 2"));
        store = reopen(store);
        assertThat(database("db")).contains(Map.of("numMeasurements", 1L, "numSeries", 3L));
    }
}
