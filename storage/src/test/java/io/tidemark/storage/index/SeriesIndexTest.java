package io.tidemark.storage.index;

import io.tidemark.storage.api.TagFilter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.common.FieldType;
import io.tidemark.storage.api.TagFilter.Eq;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SeriesIndexTest {
    private final SeriesIndex index = new SeriesIndex();

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private int add(String key) {
        return index.addSeries(b(key));
    }

    @Test
    void idsAreDenseFromZeroAndAddingIsIdempotent() {
        assertThat(add("cpu,host=a")).isZero();
        assertThat(add("cpu,host=b")).isEqualTo(1);
        assertThat(add("mem,host=a")).isEqualTo(2);
        assertThat(add("cpu,host=a")).isZero();
        assertThat(add("cpu")).isEqualTo(3);
        assertThat(add("cpu")).isEqualTo(3);
        assertThat(index.seriesCardinality()).isEqualTo(4);
        assertThat(index.nextSeriesId()).isEqualTo(4);
    }

    @Test
    void aKeyInsideALargerArrayIsFoundByItsRange() {
        byte[] buf = b("xxcpu,host=a,region=euyy");
        int id = index.addSeries(buf, 2, buf.length - 4);
        assertThat(new String(index.seriesKey(id), StandardCharsets.UTF_8)).isEqualTo("cpu,host=a,region=eu");
        assertThat(add("cpu,host=a,region=eu")).isEqualTo(id);
        assertThat(index.seriesId(buf, 2, buf.length - 4)).isEqualTo(id);
        assertThat(index.seriesId(buf, 2, buf.length - 5)).isEqualTo(-1);
    }

    @Test
    void keysThatShareAPrefixAreDifferentSeries() {
        int a = add("cpu,host=a");
        int ab = add("cpu,host=ab");
        int aRegion = add("cpu,host=a,region=eu");
        int cpux = add("cpux,host=a");
        assertThat(new int[] {a, ab, aRegion, cpux}).doesNotHaveDuplicates();
        assertThat(index.seriesId(b("cpu,host=a"), 0, 10)).isEqualTo(a);
        assertThat(index.seriesId(b("cpu,hos=a"), 0, 9)).isEqualTo(-1);
        assertThat(index.seriesId(b("cpu,host=a,region=e"), 0, 19)).isEqualTo(-1);
    }

    @Test
    void seriesKeyGivesBackTheExactBytes() {
        String[] keys = {"cpu", "cpu,host=a", "we\\ ird\\,m=x,k\\=ey=v\\ al\\,ue,z=1", "ünï,tag=välue",
            "m,a=1,b=2,c=3,d=4,e=5,f=6,g=7,h=8,i=9,j=10,k=11,l=12,m=13,n=14,o=15,p=16,q=17,r=18"};
        for (String k : keys) {
            int id = add(k);
            assertThat(new String(index.seriesKey(id), StandardCharsets.UTF_8)).isEqualTo(k);
            assertThat(add(k)).isEqualTo(id);
        }
        assertThat(index.seriesKey(99)).isNull();
        assertThat(index.seriesKey(-1)).isNull();
    }

    @Test
    void namesInTheApiAreUnescaped() {
        add("we\\ ird\\,m=x,k\\=ey=v\\ al\\,ue");
        assertThat(index.measurements()).containsExactly("we ird,m=x");
        assertThat(index.tagKeys("we ird,m=x")).containsExactly("k=ey");
        assertThat(index.tagValues("we ird,m=x", "k=ey")).containsExactly("v al,ue");
        assertThat(index.select("we ird,m=x", new Eq("k=ey", "v al,ue")).toArray()).containsExactly(0);
        assertThat(index.tagValue(0, "k=ey")).isEqualTo("v al,ue");
    }

    @Test
    void listsAndCardinalities() {
        add("cpu,host=a,region=eu");
        add("cpu,host=b,region=eu");
        add("cpu,host=c");
        add("mem,host=a");
        assertThat(index.measurements()).containsExactly("cpu", "mem");
        assertThat(index.tagKeys("cpu")).containsExactly("host", "region");
        assertThat(index.tagKeys("nope")).isEmpty();
        assertThat(index.tagValues("cpu", "host")).containsExactly("a", "b", "c");
        assertThat(index.tagValues("cpu", "region")).containsExactly("eu");
        assertThat(index.tagValues("cpu", "nope")).isEmpty();
        assertThat(index.measurementCardinality()).isEqualTo(2);
        assertThat(index.seriesCardinality("cpu")).isEqualTo(3);
        assertThat(index.tagKeyCardinality("cpu")).isEqualTo(2);
        assertThat(index.tagValueCardinality("cpu", "host")).isEqualTo(3);
        assertThat(index.tagValueCardinality("mem", "region")).isZero();
        assertThat(index.measurementSeries("cpu").toArray()).containsExactly(0, 1, 2);
        assertThat(index.tagValue(2, "host")).isEqualTo("c");
        assertThat(index.tagValue(2, "region")).isNull();
    }

    @Test
    void deletedSeriesLeaveEveryListAndTheirIdsAreNotReused() {
        int a = add("cpu,host=a,region=eu");
        int b = add("cpu,host=b,region=eu");
        int m = add("mem,host=a");
        assertThat(index.isLive(a)).isTrue();
        assertThat(index.deleteSeries(a)).isTrue();
        assertThat(index.deleteSeries(a)).isFalse();
        assertThat(index.seriesKey(a)).isNull();
        assertThat(index.isLive(a)).isFalse();
        assertThat(index.isLive(b)).isTrue();
        assertThat(index.seriesId(b("cpu,host=a,region=eu"), 0, 20)).isEqualTo(-1);
        assertThat(index.tagValues("cpu", "host")).containsExactly("b");
        assertThat(index.tagValueCardinality("cpu", "host")).isEqualTo(1);
        assertThat(index.select("cpu", new Eq("host", "a")).isEmpty()).isTrue();
        assertThat(index.seriesCardinality()).isEqualTo(2);

        int again = add("cpu,host=a,region=eu");
        assertThat(again).isNotIn(a, b, m).isEqualTo(3);
        assertThat(index.select("cpu", new Eq("host", "a")).toArray()).containsExactly(again);

        assertThat(index.deleteMeasurement("cpu")).isEqualTo(2);
        assertThat(index.measurements()).containsExactly("mem");
        assertThat(index.tagKeys("cpu")).isEmpty();
        assertThat(index.measurementCardinality()).isEqualTo(1);
        assertThat(index.seriesCardinality()).isEqualTo(1);
        assertThat(add("cpu,host=z")).isEqualTo(4);
        assertThat(index.deleteSeries(1000)).isFalse();
        assertThat(index.deleteSeries(-5)).isFalse();
    }

    @Test
    void fieldsKeepTheirFirstTypeUntilTheMeasurementIsDropped() {
        add("cpu,host=a");
        assertThat(index.addField("cpu", "usage", FieldType.FLOAT)).isEqualTo(FieldType.FLOAT);
        assertThat(index.addField("cpu", "usage", FieldType.INTEGER)).isEqualTo(FieldType.FLOAT);
        assertThat(index.addField("cpu", "state", FieldType.STRING)).isEqualTo(FieldType.STRING);
        assertThat(index.addField("we ird", "f", FieldType.BOOLEAN)).isEqualTo(FieldType.BOOLEAN);
        assertThat(index.fieldTypes("cpu")).containsExactly(
                java.util.Map.entry("state", FieldType.STRING), java.util.Map.entry("usage", FieldType.FLOAT));
        assertThat(index.fieldKeyCardinality("cpu")).isEqualTo(2);
        assertThat(index.fieldTypes("we ird")).containsOnlyKeys("f");
        assertThat(index.fieldTypes("nope")).isEmpty();
        index.deleteMeasurement("cpu");
        assertThat(index.fieldTypes("cpu")).isEmpty();
        assertThat(index.addField("cpu", "usage", FieldType.INTEGER)).isEqualTo(FieldType.INTEGER);
    }

    @Test
    void keysThatAreNotCanonicalAreRejectedAndLeaveNoSeries() {
        for (String bad : new String[] {"", ",host=a", "cpu,", "cpu,host", "cpu,host=", "cpu,=a", "cpu host=a",
            "cpu,host=a=b", "cpu,host=a,host=b", "cpu,host=a b"}) {
            assertThatThrownBy(() -> add(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a canonical series key");
        }
        assertThat(index.seriesCardinality()).isZero();
        assertThat(index.measurements()).isEmpty();
        assertThat(add("cpu,host=a")).isZero();
    }

    @Test
    void manySeriesSurviveHashTableAndArenaGrowth() {
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            assertThat(add("m" + (i % 7) + ",host=h" + i + ",rack=" + (i % 13))).isEqualTo(i);
        }
        for (int i = 0; i < n; i += 7) {
            String k = "m" + (i % 7) + ",host=h" + i + ",rack=" + (i % 13);
            assertThat(add(k)).isEqualTo(i);
            assertThat(new String(index.seriesKey(i), StandardCharsets.UTF_8)).isEqualTo(k);
        }
        assertThat(index.tagValueCardinality("m3", "rack")).isEqualTo(13);
        assertThat(index.select("m3", new Eq("rack", "5")).getCardinality())
                .isEqualTo((int) java.util.stream.IntStream.range(0, n).filter(i -> i % 7 == 3 && i % 13 == 5)
                        .count());
    }
}
