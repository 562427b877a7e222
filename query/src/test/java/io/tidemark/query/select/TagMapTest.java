package io.tidemark.query.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagMapTest {
    @Test
    void behavesAsTheMapOfItsEntriesInKeyOrder() {
        TagMap tags = new TagMap(List.of("host", "region"), List.of("a", ""));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("host", "a");
        expected.put("region", "");
        assertThat(tags).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(expected).isEqualTo(tags);
        assertThat(tags.entrySet()).containsExactly(Map.entry("host", "a"), Map.entry("region", ""));
        assertThat(tags.get("region")).isEmpty();
        assertThat(tags.get("zone")).isNull();
        assertThat(tags.containsKey("host")).isTrue();
        assertThat(tags.containsKey("zone")).isFalse();
        assertThat(new TagMap(List.of(), List.of())).isEqualTo(Map.of());
        assertThat(tags).isNotEqualTo(Map.of("host", "a", "region", "b"));
    }

    @Test
    void cannotBeChanged() {
        TagMap tags = new TagMap(List.of("host"), List.of("a"));
        assertThatThrownBy(() -> tags.put("host", "b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> tags.entrySet().iterator().next().setValue("b"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> tags.entrySet().iterator().remove())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new TagMap(List.of("host"), List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
