package io.tidemark.storage;

import static io.tidemark.storage.Lines.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.common.FieldType;
import io.tidemark.storage.api.PointBatch;
import io.tidemark.storage.api.ShardNotFoundException;
import io.tidemark.storage.api.ShardWriteException;
import io.tidemark.storage.api.WriteResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreTest extends StoreTestSupport {

    @Test
    void writtenPointsAreReadBackInTimeOrder() throws Exception {
        Store store = open();
        store.createShard(1, "db", "autogen");
        WriteResult r = store.write(1, batch(
                "cpu,host=a usage=1.5,n=1i,up=true,name=\"x\",big=18446744073709551615u 30",
                "cpu,host=a usage=0.5,n=2i,up=false,name=\"y\",big=1u 10",
                "cpu,host=b usage=9.0 20"));
        assertThat(r).isEqualTo(new WriteResult(3, 0, null));
        assertThat(values(store, 1, "cpu,host=a", "usage")).containsExactly("10=0.5", "30=1.5");
        assertThat(values(store, 1, "cpu,host=a", "n")).containsExactly("10=2i", "30=1i");
        assertThat(values(store, 1, "cpu,host=a", "up")).containsExactly("10=false", "30=true");
        assertThat(values(store, 1, "cpu,host=a", "name")).containsExactly("10=\"y\"", "30=\"x\"");
        assertThat(values(store, 1, "cpu,host=a", "big")).containsExactly("10=1u", "30=18446744073709551615u");
        assertThat(values(store, 1, "cpu,host=b", "usage")).containsExactly("20=9.0");
        assertThat(values(store, 1, "cpu,host=b", "n")).isEmpty();
        assertThat(values(store, 1, "cpu,host=zzz", "usage")).isEmpty();
    }

    @Test
    void readBoundsAreInclusive() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        store.write(1, batch("m v=1i 10", "m v=2i 20", "m v=3i 30", "m v=4i 40"));
        assertThat(values(store, 1, "m", "v", 20, 30)).containsExactly("20=2i", "30=3i");
        assertThat(values(store, 1, "m", "v", 21, 29)).isEmpty();
        assertThat(values(store, 1, "m", "v", 40, 10)).isEmpty();
    }

    @Test
    void fieldTypeConflictWithinABatchDropsTheLaterPoint() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        WriteResult r = store.write(1, batch("ev val=5.0 1", "ev val=6i 2", "ev val=7.0 3"));
        assertThat(r.accepted()).isEqualTo(2);
        assertThat(r.dropped()).isEqualTo(1);
        assertThat(r.firstDropReason()).isEqualTo(
                "field type conflict: input field \"val\" on measurement \"ev\" is type integer, already exists as type float");
        assertThat(values(store, 1, "ev", "val")).containsExactly("1=5.0", "3=7.0");
    }

    @Test
    void fieldTypeConflictAcrossBatchesDropsTheWholePoint() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        store.write(1, batch("ev val=5.0 1"));
        WriteResult r = store.write(1, batch("ev other=1i,val=6i 2", "ev other=2i 3"));
        assertThat(r).isEqualTo(new WriteResult(1, 1,
                "field type conflict: input field \"val\" on measurement \"ev\" is type integer, already exists as type float"));
        // The dropped point's fields are not written, not even the one without conflict.
        assertThat(values(store, 1, "ev", "other")).containsExactly("3=2i");
        assertThat(store.fieldTypes(1, "ev")).isEqualTo(Map.of("val", FieldType.FLOAT, "other", FieldType.INTEGER));
    }

    @Test
    void aFieldRepeatedInAPointWithAnotherTypeDropsThePointAsInfluxDbDoes() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        store.write(1, batch("d v=1 10"));
        // influxd 1.6.7 checks every value of a point: the first against the field's type, a later one against that.
        WriteResult r = store.write(1, batch("d v=1i,v=2 20", "d w=1,w=2 30", "d y=1,y=2i 40", "d z=1,z=\"s\" 50"));
        assertThat(r.accepted()).isEqualTo(1);
        assertThat(r.dropped()).isEqualTo(3);
        assertThat(r.firstDropReason()).isEqualTo(
                "field type conflict: input field \"v\" on measurement \"d\" is type integer, already exists as type float");
        assertThat(store.write(1, batch("d y=1,y=2i 40")).firstDropReason()).isEqualTo(
                "field type conflict: input field \"y\" on measurement \"d\" is type integer, already exists as type float");
        // Repeats of one type: the last value is the point's.
        assertThat(values(store, 1, "d", "w")).containsExactly("30=2.0");
        assertThat(values(store, 1, "d", "v")).containsExactly("10=1.0");
        assertThat(values(store, 1, "d", "y")).isEmpty();
    }

    @Test
    void conflictMessageNamesTheMeasurementUnescaped() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        store.write(1, batch("my\\ ev,t=1 val=\"s\" 1"));
        WriteResult r = store.write(1, batch("my\\ ev,t=2 val=true 2"));
        assertThat(r.firstDropReason()).isEqualTo(
                "field type conflict: input field \"val\" on measurement \"my ev\" is type boolean, already exists as type string");
        assertThat(store.measurements(1)).containsExactly("my ev");
        assertThat(store.seriesKeys(1, "my\\ ev")).extracting(k -> new String(k, StandardCharsets.UTF_8))
                .containsExactly("my\\ ev,t=1");
    }

    @Test
    void aDroppedPointDoesNotDefineTypes() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        store.write(1, batch("ev a=1.0 1"));
        WriteResult r = store.write(1, batch("ev a=1i,b=1i 2", "ev b=2.0 3"));
        assertThat(r.accepted()).isEqualTo(1);
        assertThat(store.fieldTypes(1, "ev")).containsEntry("b", FieldType.FLOAT);
    }

    @Test
    void typesArePerShardAndPerMeasurement() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        store.createShard(2, "db", "rp");
        assertThat(store.write(1, batch("m v=1.0 1", "n v=1i 1")).dropped()).isZero();
        assertThat(store.write(2, batch("m v=1i 1")).dropped()).isZero();
    }

    @Test
    void allPointsDroppedWritesNothing() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        store.write(1, batch("m v=1.0 1"));
        long walBefore = walBytes("db", "rp", 1);
        WriteResult r = store.write(1, batch("m v=1i 2", "m v=true 3"));
        assertThat(r.accepted()).isZero();
        assertThat(r.dropped()).isEqualTo(2);
        assertThat(walBytes("db", "rp", 1)).isEqualTo(walBefore);
    }

    @Test
    void duplicatePointsLastWriteWinsAlsoAfterReplay() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        store.write(1, batch("m,t=1 v=1i,s=\"a\" 10", "m,t=1 v=2i,s=\"b\" 10", "m,t=1 v=3i 5"));
        store.write(1, batch("m,t=1 v=4i 10", "m,t=1 v=5i 20"));
        List<String> expected = List.of("5=3i", "10=4i", "20=5i");
        assertThat(values(store, 1, "m,t=1", "v")).isEqualTo(expected);
        assertThat(values(store, 1, "m,t=1", "s")).containsExactly("10=\"b\"");
        assertThat(values(store, 1, "m,t=1", "v", 6, 15)).containsExactly("10=4i");
        store = reopen(store);
        assertThat(values(store, 1, "m,t=1", "v")).isEqualTo(expected);
        assertThat(values(store, 1, "m,t=1", "s")).containsExactly("10=\"b\"");
    }

    @Test
    void catalogueCallsListWhatHasData() throws Exception {
        Store store = open();
        store.createShard(7, "db", "rp");
        store.write(7, batch("cpu,host=b usage=1.0 1", "cpu,host=a usage=1.0,idle=2i 1", "mem,host=a free=3i 1"));
        assertThat(store.measurements(7)).containsExactly("cpu", "mem");
        assertThat(store.seriesKeys(7, "cpu")).extracting(k -> new String(k, StandardCharsets.UTF_8))
                .containsExactly("cpu,host=a", "cpu,host=b");
        assertThat(store.fieldTypes(7, "cpu")).containsExactly(
                Map.entry("idle", FieldType.INTEGER), Map.entry("usage", FieldType.FLOAT));
        assertThat(store.fieldTypes(7, "nope")).isEmpty();
        assertThat(store.seriesKeys(7, "nope")).isEmpty();
    }

    @Test
    void unknownShard() throws Exception {
        Store store = open();
        assertThatThrownBy(() -> store.write(3, batch("m v=1 1"))).isInstanceOf(ShardNotFoundException.class)
                .hasMessage("shard not found: 3");
        assertThatThrownBy(() -> store.read(3, Lines.key("m"), "v", 0, 1)).isInstanceOf(ShardNotFoundException.class);
        assertThatThrownBy(() -> store.measurements(3)).isInstanceOf(ShardNotFoundException.class);
    }

    @Test
    void shardsAreFoundAgainOnOpenAndCreateIsIdempotent() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        store.createShard(1, "db", "rp");
        store.createShard(2, "other", "rp2");
        assertThatThrownBy(() -> store.createShard(1, "db", "other")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.createShard(9, "a/b", "rp")).isInstanceOf(IllegalArgumentException.class);
        store.write(2, batch("m v=1i 1"));
        Store again = reopen(store);
        assertThat(again.shardIds()).containsExactly(1L, 2L);
        assertThat(values(again, 2, "m", "v")).containsExactly("1=1i");
        assertThat(again.recoveryReport().entriesReplayed()).isEqualTo(1);
        assertThat(again.recoveryReport().isClean()).isTrue();
    }

    @Test
    void deletedShardIsGoneWithItsFiles() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        store.write(1, batch("m v=1i 1"));
        store.deleteShard(1);
        store.deleteShard(1);
        assertThat(store.shardIds()).isEmpty();
        assertThatThrownBy(() -> store.write(1, batch("m v=1i 1"))).isInstanceOf(ShardNotFoundException.class);
        // Metadata never gives an id twice: a write routed before the drop does not create it again.
        assertThat(store.wasDeleted(1)).isTrue();
        assertThatThrownBy(() -> store.createShard(1, "db", "rp")).hasMessage("shard 1 was deleted");
        assertThat(tmp.resolve("wal/db/rp/1")).doesNotExist();
        assertThat(tmp.resolve("data/db/rp/1")).doesNotExist();
        assertThat(reopen(store).shardIds()).isEmpty();
    }

    @Test
    void emptyBatchIsANoOp() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        assertThat(store.write(1, PointBatch.empty())).isEqualTo(WriteResult.allAccepted(0));
        assertThat(segments("db", "rp", 1)).isEmpty();
    }

    @Test
    void writesAfterCloseFail() throws Exception {
        Store store = open();
        store.createShard(1, "db", "rp");
        store.close();
        assertThatThrownBy(() -> store.write(1, batch("m v=1i 1"))).isInstanceOf(ShardWriteException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void statisticsCountWrites() throws Exception {
        Store store = open();
        store.createShard(4, "db", "rp");
        store.write(4, batch("m v=1i 1", "m v=2.0 2"));
        assertThat(stat("shard", 4, "writeReq")).isEqualTo(1);
        assertThat(stat("shard", 4, "writePointsOk")).isEqualTo(1);
        assertThat(stat("shard", 4, "writePointsDropped")).isEqualTo(1);
        assertThat(stat("tsm1_cache", 4, "memBytes")).isPositive();
        assertThat(stat("tsm1_wal", 4, "currentSegmentDiskBytes")).isEqualTo(walBytes("db", "rp", 4));
        // InfluxDB's names: series and fields created, and the cache's snapshots.
        store.write(4, batch("m,t=a v=3i 3", "n w=1 4"));
        assertThat(stat("shard", 4, "seriesCreate")).isEqualTo(3);
        assertThat(stat("shard", 4, "fieldsCreate")).isEqualTo(2);
        assertThat(stat("tsm1_cache", 4, "cachedBytes")).isZero();
        long memBytes = stat("tsm1_cache", 4, "memBytes");
        store.flush(4);
        assertThat(stat("tsm1_cache", 4, "cachedBytes")).isEqualTo(memBytes);
        assertThat(stat("tsm1_cache", 4, "snapshotCount")).isEqualTo(1);
        // Loaded again, they count from zero, as InfluxDB's do after a restart.
        store = reopen(store);
        assertThat(stat("shard", 4, "seriesCreate")).isZero();
        assertThat(stat("shard", 4, "fieldsCreate")).isZero();
    }
}
