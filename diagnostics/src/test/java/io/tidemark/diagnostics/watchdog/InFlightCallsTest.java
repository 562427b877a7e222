package io.tidemark.diagnostics.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class InFlightCallsTest {
    @Test
    void registersCallsUntilClosedOldestFirst() {
        Instant now = Instant.parse("2024-03-04T05:06:07Z");
        InFlightCalls calls = new InFlightCalls(InstantSource.fixed(now));

        InFlightCalls.Call first = calls.begin("write to node 2", Duration.ofSeconds(10));
        try (InFlightCalls.Call _ = calls.begin("query node 3", now.plusSeconds(5))) {
            assertThat(calls.snapshot()).extracting(InFlightCall::description)
                    .containsExactly("write to node 2", "query node 3");
            InFlightCall c = calls.snapshot().getFirst();
            assertThat(c.threadName()).isEqualTo(Thread.currentThread().getName());
            assertThat(c.threadId()).isEqualTo(Thread.currentThread().threadId());
            assertThat(c.started()).isEqualTo(now);
            assertThat(c.deadline()).isEqualTo(now.plusSeconds(10));
        }
        assertThat(calls.snapshot()).extracting(InFlightCall::description).containsExactly("write to node 2");
        first.close();
        first.close();
        assertThat(calls.size()).isZero();
    }
}
