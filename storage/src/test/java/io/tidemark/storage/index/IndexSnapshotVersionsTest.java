package io.tidemark.storage.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Snapshots of every version load into the same index: version 1 (keys hashed as they load) as written before
 * version 2, version 2 (hashes stored) and version 3 (key orders kept); every live series is found by its key under
 * its id, deleted ones are not, and a series added after the load gets the next id.
 */
class IndexSnapshotVersionsTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    @Test
    void everyVersionLoadsEverySeriesUnderItsId() throws Exception {
        SplittableRandom rnd = new SplittableRandom(SEED);
        SeriesIndex original = new SeriesIndex();
        int n = 3_000;
        byte[][] keys = new byte[n][];
        for (int i = 0; i < n; i++) {
            keys[i] = key("cpu,host=h" + rnd.nextInt(100_000) + ",region=r" + rnd.nextInt(5) + (rnd.nextBoolean()
                    ? ",rack=k" + rnd.nextInt(40) : "") + ",zone=z\\ " + i);
            assertThat(original.addSeries(keys[i])).isEqualTo(i);
        }
        for (int i = 0; i < n; i += 7) {
            original.deleteSeries(i);
        }
        original.prepareKeyOrders();
        for (byte version : new byte[] {SeriesIndexFormat.VERSION_START, SeriesIndexFormat.SNAPSHOT_VERSION_HASHES,
            SeriesIndexFormat.SNAPSHOT_VERSION_KEY_ORDERS}) {
            byte[] snapshot = original.<byte[]>locked(() -> IndexSnapshotWriter.encode(original, 3, version));
            assertThat(snapshot[4]).isEqualTo(version);
            SeriesIndex loaded = new SeriesIndex();
            long generation = IndexSnapshotReader.load(Path.of("index.snapshot"), snapshot, loaded);
            assertThat(generation).isEqualTo(3);
            for (int i = 0; i < n; i++) {
                int expected = i % 7 == 0 ? -1 : i;
                assertThat(loaded.seriesId(keys[i], 0, keys[i].length))
                        .as("seed %d, version %d, series %d", SEED, version, i).isEqualTo(expected);
            }
            assertThat(loaded.seriesCardinality()).isEqualTo(original.seriesCardinality());
            assertThat(loaded.addSeries(key("cpu,host=new"))).isEqualTo(n);
        }
    }

    @Test
    void versionTwoStoresEachSeriesKeyHashAfterItsRecord() throws Exception {
        SeriesIndex index = new SeriesIndex();
        index.addSeries(key("m,t=v"));
        byte[] v1 = index.<byte[]>locked(() -> IndexSnapshotWriter.encode(index, 1, SeriesIndexFormat.VERSION_START));
        byte[] v2 = index.<byte[]>locked(() -> IndexSnapshotWriter.encode(index, 1,
                SeriesIndexFormat.SNAPSHOT_VERSION_HASHES));
        assertThat(v2.length).isEqualTo(v1.length + 4);
        byte[] k = key("m,t=v");
        int hash = KeyHash.hash(k, 0, k.length);
        int at = v2.length - SeriesIndexFormat.SNAPSHOT_FOOTER_BYTES - 4;
        int stored = (v2[at] & 0xFF) << 24 | (v2[at + 1] & 0xFF) << 16 | (v2[at + 2] & 0xFF) << 8 | (v2[at + 3] & 0xFF);
        assertThat(stored).isEqualTo(hash);
    }

    @Test
    void versionThreeKeepsTheKeyOrderThatLaterSeriesMergeInto() throws Exception {
        SplittableRandom rnd = new SplittableRandom(SEED);
        SeriesIndex original = new SeriesIndex();
        TreeSet<byte[]> live = new TreeSet<>(Arrays::compareUnsigned);
        // Ids in the order of writing, keys in another.
        for (int i = 0; i < 2_000; i++) {
            byte[] k = key("cpu,host=h" + rnd.nextInt(1_000_000) + ",i=" + i);
            original.addSeries(k);
            live.add(k);
        }
        original.addSeries(key("mem,host=a"));
        live.remove(original.seriesKey(5));
        original.deleteSeries(5);
        original.prepareKeyOrders();
        assertThat(original.keyOrder().orderOf("cpu")).isNotNull();
        assertThat(original.keyOrder().orderOf("mem")).as("too few series to keep an order").isNull();

        byte[] snapshot = original.<byte[]>locked(() -> IndexSnapshotWriter.encode(original, 2));
        assertThat(snapshot[4]).isEqualTo(SeriesIndexFormat.SNAPSHOT_VERSION_KEY_ORDERS);
        SeriesIndex loaded = new SeriesIndex();
        IndexSnapshotReader.load(Path.of("index.snapshot"), snapshot, loaded);
        SeriesKeyOrder.Order order = loaded.keyOrder().orderOf("cpu");
        assertThat(order).isNotNull();
        assertThat(order.ids()).isEqualTo(original.keyOrder().orderOf("cpu").ids());

        // Series added and deleted after the load: the kept order and the new series merge.
        for (int i = 0; i < 100; i++) {
            byte[] k = key("cpu,host=h" + rnd.nextInt(1_000_000) + ",late=" + i);
            loaded.addSeries(k);
            live.add(k);
        }
        byte[] gone = live.higher(key("cpu,host=h5"));
        loaded.deleteSeries(loaded.seriesId(gone, 0, gone.length));
        live.remove(gone);
        assertThat(loaded.sortedKeys("cpu", loaded.measurementSeries("cpu"))).containsExactlyElementsOf(live);
    }

    private static byte[] key(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
