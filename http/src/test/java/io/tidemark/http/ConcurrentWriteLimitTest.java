package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrentWriteLimitTest {
    private final List<String> events = new ArrayList<>();

    private void admit(ConcurrentWriteLimit t, String name, ScheduledExecutorService timers) {
        t.admit(() -> events.add("start " + name), reason -> events.add(name + ": " + reason), timers);
    }

    @Test
    void waitingWritesStartInTheirOrderAsRunningOnesFinish() {
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        try {
            ConcurrentWriteLimit t = new ConcurrentWriteLimit(2, 2, Duration.ZERO);
            for (String name : List.of("a", "b", "c", "d", "e")) {
                admit(t, name, timers);
            }
            assertThat(events).containsExactly("start a", "start b", "e: " + ConcurrentWriteLimit.QUEUE_FULL);
            t.finished();
            t.finished();
            assertThat(events).endsWith("start c", "start d");
            assertThat(t.running()).isEqualTo(2);
            t.finished();
            t.finished();
            assertThat(t.running()).isZero();
            admit(t, "f", timers);
            assertThat(events).endsWith("start f");
        } finally {
            timers.shutdownNow();
        }
    }

    @Test
    void aWriteWaitingPastTheTimeoutIsRefusedAndNeverStarts() throws InterruptedException {
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        try {
            ConcurrentWriteLimit t = new ConcurrentWriteLimit(1, 4, Duration.ofMillis(50));
            CountDownLatch refused = new CountDownLatch(1);
            List<String> seen = new ArrayList<>();
            t.admit(() -> { }, reason -> { }, timers);
            t.admit(() -> seen.add("started"), reason -> {
                seen.add(reason);
                refused.countDown();
            }, timers);
            assertThat(refused.await(10, TimeUnit.SECONDS)).isTrue();
            t.finished();
            assertThat(seen).containsExactly(ConcurrentWriteLimit.TIMED_OUT);
            assertThat(t.running()).isZero();
        } finally {
            timers.shutdownNow();
        }
    }
}
