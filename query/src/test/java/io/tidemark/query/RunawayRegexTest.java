package io.tidemark.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidemark.common.result.StatementResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pattern on which Java's backtracking engine takes time exponential in the text stops when its thread is
 * interrupted, as a killed or timed-out query's thread is: over tag values (matched in the series index), over field
 * values (matched row by row) and in SHOW statements. Without the check these ran for minutes whatever the thread's
 * interrupt status.
 */
class RunawayRegexTest {
    private static final String DB = "db";
    /** 35 a's then a b: (.*a){25}c tries every way of cutting them into 25 pieces before failing. */
    private static final String VALUE = "a".repeat(35) + "b";

    @TempDir
    static Path dir;
    private static TestNode node;

    @BeforeAll
    static void load() throws Exception {
        node = new TestNode(dir);
        node.createDatabase(DB);
        node.load(DB, "m,t=" + VALUE + " s=\"" + VALUE + "\" 1614816000");
    }

    @AfterAll
    static void close() throws Exception {
        node.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM m WHERE t =~ /(.*a){25}c/",
            "SELECT * FROM m WHERE s =~ /(.*a){25}c/",
            "SHOW TAG VALUES WITH KEY = t WHERE t =~ /(.*a){25}c/"})
    void aRunawayMatchStopsWhenTheQueryIsInterrupted(String statement) throws Exception {
        CompletableFuture<List<StatementResult>> answer = new CompletableFuture<>();
        Thread query = Thread.ofPlatform().start(() -> {
            try {
                answer.complete(node.query(statement, DB));
            } catch (Throwable t) {
                answer.completeExceptionally(t);
            }
        });
        // Interrupted only once it is in the match, so that the match itself must notice.
        await().atMost(Duration.ofSeconds(30)).until(() -> inRegexMatch(query));
        assertThat(answer).isNotDone();
        query.interrupt();
        List<StatementResult> results = answer.get(30, TimeUnit.SECONDS);
        assertThat(results).hasSize(1);
        assertThat(results.getFirst().error()).isEqualTo("query interrupted");
    }

    private static boolean inRegexMatch(Thread t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().startsWith("java.util.regex.")) {
                return true;
            }
        }
        return false;
    }
}
