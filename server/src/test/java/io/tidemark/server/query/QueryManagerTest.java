package io.tidemark.server.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.common.metrics.MetricRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QueryManagerTest {

    /** Runs a "query" that waits until interrupted, as the engine's read loop does. */
    private static CompletableFuture<String> runUntilInterrupted(QueryManager m, CountDownLatch started,
                                                                 QueryManager.Running[] handle) {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            try {
                handle[0] = m.start("SELECT * FROM slow", "db");
            } catch (QueryManager.QueryLimitException e) {
                outcome.complete(e.getMessage());
                return;
            }
            try {
                started.countDown();
                new CountDownLatch(1).await();
                outcome.complete("finished");
            } catch (InterruptedException e) {
                handle[0].finish();
                outcome.complete((handle[0].timedOut() ? "timeout" : "killed") + " interruptedAfterFinish="
                        + Thread.currentThread().isInterrupted());
            }
        });
        return outcome;
    }

    @Test
    void killInterruptsTheQueryAndShowListsIt() throws Exception {
        try (QueryManager m = new QueryManager(0, Duration.ZERO, Duration.ZERO, new MetricRegistry(), "t")) {
            CountDownLatch started = new CountDownLatch(1);
            QueryManager.Running[] handle = new QueryManager.Running[1];
            CompletableFuture<String> outcome = runUntilInterrupted(m, started, handle);
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(m.show()).singleElement().satisfies(row -> {
                assertThat(row.get(1)).isEqualTo("SELECT * FROM slow");
                assertThat(row.get(2)).isEqualTo("db");
                assertThat(row.get(4)).isEqualTo("running");
            });
            m.kill(handle[0].id());
            assertThat(outcome.get(10, TimeUnit.SECONDS)).isEqualTo("killed interruptedAfterFinish=false");
            assertThat(m.show()).isEmpty();
            assertThatThrownBy(() -> m.kill(99_999)).hasMessage("no such query id: 99999");
        }
    }

    @Test
    void queryTimeoutStopsTheQuery() throws Exception {
        try (QueryManager m = new QueryManager(0, Duration.ofMillis(50), Duration.ZERO, new MetricRegistry(), "t")) {
            QueryManager.Running[] handle = new QueryManager.Running[1];
            CompletableFuture<String> outcome = runUntilInterrupted(m, new CountDownLatch(1), handle);
            assertThat(outcome.get(10, TimeUnit.SECONDS)).isEqualTo("timeout interruptedAfterFinish=false");
        }
    }

    @Test
    void maxConcurrentQueriesRefusesTheExtraOne() throws Exception {
        try (QueryManager m = new QueryManager(1, Duration.ZERO, Duration.ZERO, new MetricRegistry(), "t")) {
            QueryManager.Running first = m.start("SHOW DATABASES", "");
            assertThatThrownBy(() -> m.start("SHOW DATABASES", ""))
                    .hasMessage("max-concurrent-queries limit exceeded(2, 1)");
            first.finish();
            m.start("SHOW DATABASES", "").finish();
        }
    }

    @Test
    void durationsAreShownInTheLargestWholeUnit() {
        assertThat(QueryManager.formatDuration(62_000)).isEqualTo("62µs");
        assertThat(QueryManager.formatDuration(120_000_000)).isEqualTo("120ms");
        assertThat(QueryManager.formatDuration(5_300_000_000L)).isEqualTo("5s");
        assertThat(QueryManager.formatDuration(61_000_000_000L)).isEqualTo("1m1s");
    }
}
