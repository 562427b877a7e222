package io.tidemark.diagnostics.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.diagnostics.TestThreads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuProfilerTest {
    @TempDir
    Path dir;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final TestThreads threads = new TestThreads();

    @AfterEach
    void end() throws InterruptedException {
        threads.close();
        scheduler.shutdownNow();
        assertThat(scheduler.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void recordsExecutionSamplesOfABusyThreadOneRecordingAtATime() throws Exception {
        AtomicBoolean spinning = new AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicReference<long[]> sink = new java.util.concurrent.atomic.AtomicReference<>();
        threads.start("busy", () -> {
            while (spinning.get() && !Thread.currentThread().isInterrupted()) {
                long[] garbage = new long[256];
                garbage[0] = System.nanoTime();
                sink.set(garbage);
            }
        });
        try (CpuProfiler profiler = new CpuProfiler(dir.resolve("scratch"), scheduler)) {
            CompletableFuture<byte[]> cpu = profiler.tryRecord(ProfileKind.CPU, Duration.ofSeconds(1)).orElseThrow();

            assertThat(profiler.tryRecord(ProfileKind.ALLOCATIONS, Duration.ofSeconds(1))).isEmpty();
            byte[] jfr = cpu.get(1, TimeUnit.MINUTES);

            assertThat(new String(jfr, 0, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("FLR");
            assertThat(eventTypes(jfr)).contains("jdk.ExecutionSample");
            assertThat(dir.resolve("scratch")).isEmptyDirectory();

            // Free as soon as the previous profile is delivered.
            CompletableFuture<byte[]> allocations = profiler.tryRecord(ProfileKind.ALLOCATIONS, Duration.ofSeconds(1))
                    .orElseThrow();
            assertThat(eventTypes(allocations.get(1, TimeUnit.MINUTES))).contains("jdk.ObjectAllocationSample");
            spinning.set(false);
        }
    }

    @Test
    void cancellingARecordingFreesTheProfiler() throws Exception {
        try (CpuProfiler profiler = new CpuProfiler(dir, scheduler)) {
            CompletableFuture<byte[]> long1 = profiler.tryRecord(ProfileKind.CPU, Duration.ofMinutes(5)).orElseThrow();
            assertThat(profiler.isRecording()).isTrue();

            long1.cancel(false);

            assertThat(profiler.isRecording()).isFalse();
            profiler.tryRecord(ProfileKind.CPU, Duration.ofMinutes(5)).orElseThrow().cancel(false);
        }
    }

    @Test
    void refusesDurationsOutsideOneSecondToFiveMinutes() throws Exception {
        try (CpuProfiler profiler = new CpuProfiler(dir, scheduler)) {
            assertThatThrownBy(() -> profiler.tryRecord(ProfileKind.CPU, Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> profiler.tryRecord(ProfileKind.CPU, Duration.ofSeconds(301)))
                    .hasMessage("profile duration must be between 1s and 300s, got 301s");
            assertThat(profiler.isRecording()).isFalse();
        }
    }

    private Set<String> eventTypes(byte[] jfr) throws Exception {
        Path file = Files.write(dir.resolve("read.jfr"), jfr);
        Set<String> types = new HashSet<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            types.add(e.getEventType().getName());
        }
        return types;
    }
}
