package io.tidemark.diagnostics.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestTrackerTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final RequestTracker tracker = new RequestTracker(scheduler);

    @AfterEach
    void end() throws InterruptedException {
        scheduler.shutdownNow();
        assertThat(scheduler.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void countsWritesAndQueriesPerUserAndAddressDuringThePeriodOnly() throws Exception {
        tracker.record("before", "10.0.0.9", RequestKind.WRITE);
        CompletableFuture<Map<String, RequestCounts>> counts = tracker.collect(Duration.ofMillis(300));
        tracker.record("alice", "10.0.0.1", RequestKind.WRITE);
        tracker.record("alice", "10.0.0.1", RequestKind.WRITE);
        tracker.record("alice", "10.0.0.1", RequestKind.QUERY);
        tracker.record(null, "10.0.0.2", RequestKind.QUERY);
        tracker.record("", "10.0.0.3", RequestKind.WRITE);

        Map<String, RequestCounts> result = counts.get(1, TimeUnit.MINUTES);
        tracker.record("after", "10.0.0.9", RequestKind.WRITE);

        assertThat(result).containsExactly(
                Map.entry("10.0.0.2", new RequestCounts(0, 1)),
                Map.entry("10.0.0.3", new RequestCounts(1, 0)),
                Map.entry("alice:10.0.0.1", new RequestCounts(2, 1)));
    }

    @Test
    void closingCancelsTheCollectionsUnderWay() {
        CompletableFuture<Map<String, RequestCounts>> running = tracker.collect(Duration.ofHours(1));

        tracker.close();

        assertThat(running).isCancelled();
    }

    @Test
    void aPeriodOfZeroOrLessEndsAtOnceEmpty() throws Exception {
        assertThat(tracker.collect(Duration.ZERO).get()).isEmpty();
        assertThat(tracker.collect(Duration.ofSeconds(-5)).get()).isEmpty();
    }

    @Test
    void boundsTheCollectionsRunningAtOnceAndFreesCancelledOnes() {
        List<CompletableFuture<Map<String, RequestCounts>>> running = new ArrayList<>();
        for (int i = 0; i < RequestTracker.MAX_COLLECTIONS; i++) {
            running.add(tracker.collect(Duration.ofHours(1)));
        }

        CompletableFuture<Map<String, RequestCounts>> refused = tracker.collect(Duration.ofHours(1));
        assertThatThrownBy(refused::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(RequestTracker.TooManyCollectionsException.class);

        running.getFirst().cancel(false);
        CompletableFuture<Map<String, RequestCounts>> admitted = tracker.collect(Duration.ofHours(1));
        assertThat(admitted).isNotCompleted();
        admitted.cancel(false);
        running.forEach(f -> f.cancel(false));
    }
}
