package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
    @Test
    void idsAreTimeBasedUuidsOfNowAndNeverRepeat() {
        RequestIds ids = new RequestIds();
        long before = System.currentTimeMillis();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add(ids.next())).isTrue();
        }
        UUID id = UUID.fromString(ids.next());
        assertThat(id.version()).isEqualTo(1);
        assertThat(id.variant()).isEqualTo(2);
        // UUID.timestamp() counts 100 ns from 1582-10-15; 100,000 ids may run ahead of the clock by 10 ms at most.
        long millis = (id.timestamp() - 0x01b21dd213814000L) / 10_000;
        assertThat(millis).isBetween(before, System.currentTimeMillis() + 10);
        assertThat(UUID.fromString(new RequestIds().next()).node() & 0x0100_0000_0000L).isNotZero();
    }
}
