package io.tidemark.query.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.query.agg.AggPoint;
import io.tidemark.query.memory.MemoryAccount;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupResultsTest {
    private static List<List<AggPoint>> pointsOf(int group) {
        return List.of(List.of(new AggPoint(group, "call0", null)), List.of(new AggPoint(group, "call1", null)),
                List.of());
    }

    @Test
    void computesEachGroupOnceInOrderAndDropsItWhenEveryReadingCallIsPastIt() throws Exception {
        List<Integer> computed = new ArrayList<>();
        GroupResults results = new GroupResults(3, new boolean[] {true, true, false}, g -> {
            computed.add(g);
            return new GroupResults.Computed(pointsOf(g), 0);
        }, MemoryAccount.unlimited());

        assertThat(results.points(1, 0).getFirst().time()).isEqualTo(1);
        assertThat(computed).containsExactly(0, 1);
        assertThat(results.points(0, 1).getFirst().value()).isEqualTo("call1");
        results.release(0, 0);
        results.release(0, 1);
        assertThat(results.points(1, 1).getFirst().value()).isEqualTo("call1");
        results.release(1, 0);
        results.release(1, 1);
        assertThat(results.points(2, 0).getFirst().time()).isEqualTo(2);
        assertThat(computed).containsExactly(0, 1, 2);

        // The third call never reads, so the first two releasing a group drops it.
        assertThatThrownBy(() -> results.release(0, 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aGroupsChargedBytesAreReleasedWhenItIsDroppedOrTheResultsClose() throws Exception {
        MemoryAccount memory = MemoryAccount.unlimited();
        GroupResults results = new GroupResults(3, new boolean[] {true, true}, g -> {
            memory.charge(100);
            return new GroupResults.Computed(pointsOf(g), 100);
        }, memory);

        results.points(1, 0);
        assertThat(memory.heldBytes()).isEqualTo(200);
        results.release(0, 0);
        assertThat(memory.heldBytes()).isEqualTo(200);
        results.release(0, 1);
        assertThat(memory.heldBytes()).isEqualTo(100);
        results.points(2, 1);
        results.close();
        assertThat(memory.heldBytes()).isZero();
        assertThat(memory.peakBytes()).isEqualTo(200);
    }
}
