package io.tidemark.storage.tombstone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TombstoneTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void validatesInConstructor() {
        TombstoneTarget cpu = TombstoneTarget.measurement("cpu");
        assertThatThrownBy(() -> new Tombstone(-1, cpu, null, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seq");
        assertThatThrownBy(() -> new Tombstone(1, null, null, 0, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Tombstone(1, cpu, "", 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty field");
        assertThatThrownBy(() -> new Tombstone(1, cpu, null, 2, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty time range");
        Tombstone point = new Tombstone(0, cpu, "usage", 5, 5);
        assertThat(point.appliesTo(0)).isTrue();
        assertThat(point.appliesTo(1)).isFalse();
    }

    @Test
    void measurementTargetMustBeOneEscapedName() {
        assertThat(TombstoneTarget.measurement("cpu\\,x").escapedName()).isEqualTo(utf8("cpu\\,x"));
        assertThat(TombstoneTarget.measurement("a\\ b").escapedName()).isEqualTo(utf8("a\\ b"));
        assertThatThrownBy(() -> TombstoneTarget.measurement("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TombstoneTarget.measurement("cpu,host=a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cpu,host=a");
        assertThatThrownBy(() -> TombstoneTarget.measurement("a b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void seriesKeysAreSortedDeduplicatedAndCopied() {
        byte[] b = utf8("cpu,host=b");
        TombstoneTarget.SeriesKeys keys = TombstoneTarget.seriesKeys(List.of(b, utf8("cpu,host=a"), utf8("cpu,host=b")));
        b[0] = 'x';
        assertThat(keys.size()).isEqualTo(2);
        assertThat(keys.keys()).containsExactly(utf8("cpu,host=a"), utf8("cpu,host=b"));
        keys.key(0)[0] = 'x';
        assertThat(keys.key(0)).isEqualTo(utf8("cpu,host=a"));
        assertThat(keys).isEqualTo(TombstoneTarget.seriesKeys(List.of(utf8("cpu,host=b"), utf8("cpu,host=a"))))
                .hasSameHashCodeAs(TombstoneTarget.seriesKeys(List.of(utf8("cpu,host=a"), utf8("cpu,host=b"))));
        assertThat(keys.toString()).isEqualTo("2 series: cpu,host=a, cpu,host=b");
        assertThatThrownBy(() -> TombstoneTarget.seriesKeys(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TombstoneTarget.seriesKeys(List.of(utf8(",host=a"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty measurement");
        assertThatThrownBy(() -> TombstoneTarget.seriesKeys(List.of(utf8("cpu x,host=a"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unescaped space");
    }

    @Test
    void equalByValue() {
        Tombstone a = new Tombstone(3, TombstoneTarget.measurement("cpu"), "f", 1, 2);
        Tombstone b = new Tombstone(3, TombstoneTarget.measurement(utf8("cpu")), "f", 1, 2);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new Tombstone(4, TombstoneTarget.measurement("cpu"), "f", 1, 2));
        assertThat(a.target()).isNotEqualTo(TombstoneTarget.seriesKeys(List.of(utf8("cpu"))));
    }

    @Test
    void measurementOfEscapedKey() {
        assertThat(measurementOf("cpu\\,x,host=a")).isEqualTo("cpu\\,x");
        assertThat(measurementOf("cpu,host=a")).isEqualTo("cpu");
        assertThat(measurementOf("cpu")).isEqualTo("cpu");
        assertThat(measurementOf("a\\ b\\=c,t=v")).isEqualTo("a\\ b\\=c");
        assertThat(measurementOf("back\\slash,t=v")).isEqualTo("back\\slash");
        assertThat(SeriesKeyMeasurement.end(utf8("a b,t=v"), 0, 7)).isEqualTo(-2);
    }

    private static String measurementOf(String key) {
        byte[] k = utf8(key);
        return new String(k, 0, SeriesKeyMeasurement.end(k, 0, k.length), StandardCharsets.UTF_8);
    }
}
