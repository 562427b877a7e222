package io.tidemark.query.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeapEstimatesTest {
    @Test
    void valuesCostTheirBoxOrTheirCharacters() {
        assertThat(HeapEstimates.value(1L)).isEqualTo(24);
        assertThat(HeapEstimates.value(1.5)).isEqualTo(24);
        assertThat(HeapEstimates.value(true)).isZero();
        assertThat(HeapEstimates.value(null)).isZero();
        assertThat(HeapEstimates.value("")).isEqualTo(32 + 24);
        assertThat(HeapEstimates.value("abcd")).isEqualTo(32 + 32);
        assertThat(HeapEstimates.value("x".repeat(1000))).isEqualTo(32 + 24 + 2000);
    }

    @Test
    void arraysAndRowsCountEveryElement() {
        assertThat(HeapEstimates.array(0)).isEqualTo(24);
        assertThat(HeapEstimates.array(3)).isEqualTo(48);
        assertThat(HeapEstimates.values((Object[]) null)).isZero();
        assertThat(HeapEstimates.values(new Object[] {1L, "ab", null})).isEqualTo(48 + 24 + 32 + 32);
        List<Object> row = new ArrayList<>(List.of(1L, 2.0));
        assertThat(HeapEstimates.values(row)).isEqualTo(32 + 40 + 24 + 24);
        assertThat(HeapEstimates.object(9)).isEqualTo(32);
    }
}
