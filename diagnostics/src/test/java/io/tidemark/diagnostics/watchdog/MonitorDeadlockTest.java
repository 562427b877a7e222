package io.tidemark.diagnostics.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A deadlock of {@code synchronized} monitors cannot be undone inside the JVM, so it is made in a child JVM
 * ({@link MonitorDeadlockScenario}) which exits when the watchdog has reported it.
 */
class MonitorDeadlockTest {
    @Test
    void reportsADeadlockOfSynchronizedMonitors() throws Exception {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                MonitorDeadlockScenario.class.getName()))
                .redirectErrorStream(true)
                .start();
        try {
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(child.getInputStream()));
            assertThat(child.waitFor(2, TimeUnit.MINUTES)).as("the child JVM ends").isTrue();
            String out = output.get(1, TimeUnit.MINUTES);
            System.out.println(out);

            assertThat(child.exitValue()).isZero();
            assertThat(out).contains("KIND=DEADLOCK", "COUNT=1");
            assertThat(line(out, "NAMES=")).isIn("monitor-a,monitor-b", "monitor-b,monitor-a");
            assertThat(line(out, "REASON=")).contains("deadlock between 2 threads", "java.lang.Object@",
                    "\"monitor-a\" waits for", "\"monitor-b\" waits for");
        } finally {
            child.destroyForcibly();
        }
    }

    private static String line(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("").substring(prefix.length());
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
