package io.tidemark.query.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.query.QueryException;
import org.junit.jupiter.api.Test;

class MemoryAccountTest {
    @Test
    void countsWhatIsHeldAndThePeak() throws Exception {
        MemoryAccount a = new MemoryAccount(1000);
        a.charge(300);
        a.charge(500);
        a.release(600);
        a.change(100);
        a.change(-150);
        a.change(0);
        assertThat(a.heldBytes()).isEqualTo(150);
        assertThat(a.peakBytes()).isEqualTo(800);
        assertThat(a.limitBytes()).isEqualTo(1000);
    }

    @Test
    void aChargeOverTheLimitFailsTheStatementWithTheHeldAndTheLimit() throws Exception {
        MemoryAccount a = new MemoryAccount(1024);
        a.charge(1024);
        assertThatThrownBy(() -> a.charge(1))
                .isInstanceOf(QueryException.class)
                .hasMessage("max-query-memory limit exceeded: (1025/1024 bytes)");
        assertThatThrownBy(() -> a.change(10))
                .hasMessage("max-query-memory limit exceeded: (1035/1024 bytes)");
    }

    @Test
    void zeroIsUnlimited() throws Exception {
        MemoryAccount a = MemoryAccount.unlimited();
        a.charge(Long.MAX_VALUE / 2);
        a.charge(Long.MAX_VALUE / 4);
        assertThat(a.heldBytes()).isEqualTo(Long.MAX_VALUE / 2 + Long.MAX_VALUE / 4);
        assertThat(new MemoryAccount(0).limitBytes()).isZero();
    }

    @Test
    void releasingMoreThanIsHeldIsABug() throws Exception {
        MemoryAccount a = MemoryAccount.unlimited();
        a.charge(10);
        assertThatThrownBy(() -> a.release(11)).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("BUG:");
        assertThatThrownBy(() -> a.charge(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MemoryAccount(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
