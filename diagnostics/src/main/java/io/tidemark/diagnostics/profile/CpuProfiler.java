package io.tidemark.diagnostics.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Records JDK Flight Recorder profiles of a fixed length and hands back the {@code .jfr} file's bytes (open
 * them with JDK Mission Control or {@code jfr print}). One recording at a time, whatever its kind, so that
 * profiles cannot pile up; the caller's thread is never held: the recording is stopped by the given
 * scheduler. Thread-safe.
 */
public final class CpuProfiler implements AutoCloseable {
    /** The longest recording accepted. */
    public static final Duration MAX_DURATION = Duration.ofSeconds(300);

    private final Path scratchDir;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicReference<Session> current = new AtomicReference<>();
    private final AtomicLong files = new AtomicLong();

    /**
     * @param scratchDir where the recording is dumped before it is read back and deleted; created if missing
     * @param scheduler  stops recordings; its thread also writes and reads the file (well under a second)
     */
    public CpuProfiler(Path scratchDir, ScheduledExecutorService scheduler) {
        this.scratchDir = scratchDir.toAbsolutePath();
        this.scheduler = scheduler;
    }

    /**
     * Starts a recording of {@code duration}.
     *
     * @return the recording's bytes once it ends, or empty when another recording is under way; cancelling
     *         the future stops the recording early and discards it
     * @throws IllegalArgumentException when the duration is not positive or exceeds {@link #MAX_DURATION}
     * @throws IOException              when JFR cannot start a recording
     */
    public Optional<CompletableFuture<byte[]>> tryRecord(ProfileKind kind, Duration duration) throws IOException {
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("profile duration must be between 1s and "
                    + MAX_DURATION.toSeconds() + "s, got " + duration.toSeconds() + "s");
        }
        if (!busy.compareAndSet(false, true)) {
            return Optional.empty();
        }
        Session session;
        try {
            Recording recording = newRecording(kind);
            recording.start();
            session = new Session(recording);
        } catch (IOException | RuntimeException e) {
            busy.set(false);
            throw e;
        }
        current.set(session);
        ScheduledFuture<?> stop = scheduler.schedule(session::finish, duration.toMillis(), TimeUnit.MILLISECONDS);
        session.result.whenComplete((bytes, failure) -> {
            if (session.result.isCancelled()) {
                stop.cancel(false);
                session.release();
            }
        });
        return Optional.of(session.result);
    }

    /** Whether a recording is under way. */
    public boolean isRecording() {
        return busy.get();
    }

    /** Stops and discards a recording under way; its future fails with {@link CancellationException}. */
    @Override
    public void close() {
        Session session = current.get();
        if (session != null) {
            session.result.cancel(false);
            session.release();
        }
    }

    private static Recording newRecording(ProfileKind kind) throws IOException {
        return switch (kind) {
            case CPU -> {
                try {
                    Recording r = new Recording(Configuration.getConfiguration("profile"));
                    r.setName("tidemark-cpu-profile");
                    yield r;
                } catch (ParseException e) {
                    throw new IOException("cannot read the JDK's JFR 'profile' settings: " + e.getMessage(), e);
                }
            }
            case ALLOCATIONS -> {
                Recording r = new Recording();
                r.setName("tidemark-allocation-profile");
                r.enable("jdk.ObjectAllocationSample").with("throttle", "300/s").withStackTrace();
                r.enable("jdk.GarbageCollection");
                r.enable("jdk.GCHeapSummary");
                yield r;
            }
        };
    }

    /** One recording; its resources are released exactly once, by whichever of finish/cancel/close is first. */
    private final class Session {
        final Recording recording;
        final CompletableFuture<byte[]> result = new CompletableFuture<>();
        final AtomicBoolean released = new AtomicBoolean();

        Session(Recording recording) {
            this.recording = recording;
        }

        /** Stops the recording and completes the future, after freeing the profiler for the next request. */
        void finish() {
            if (released.get()) {
                return;
            }
            Path file = scratchDir.resolve("profile-" + ProcessHandle.current().pid() + "-"
                    + files.incrementAndGet() + ".jfr");
            byte[] bytes = null;
            Throwable failure = null;
            try {
                recording.stop();
                Files.createDirectories(scratchDir);
                recording.dump(file);
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                failure = new UncheckedIOException("cannot write the profile to " + file + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // The recording is read or lost already; a stray file in the scratch directory is all that
                    // remains, and the operator can see and delete it.
                }
                release();
            }
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(bytes);
            }
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                recording.close();
                current.compareAndSet(this, null);
                busy.set(false);
            }
        }
    }
}
