package io.tidemark.diagnostics;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Starts named platform threads for a test and makes sure they are gone at its end: {@link #close} interrupts
 * the ones still alive and waits for all of them, failing the test if one does not end. Not thread-safe;
 * used by the test's thread.
 */
public final class TestThreads implements AutoCloseable {
    /** A task that may throw, so tests can call interruptible waits directly. */
    public interface Task {
        void run() throws Exception;
    }

    private final List<Thread> threads = new ArrayList<>();

    /** Starts a daemon thread; an {@link InterruptedException} ends it quietly. */
    public Thread start(String name, Task task) {
        Thread t = new Thread(() -> {
            try {
                task.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
        return t;
    }

    /** Waits until the thread is in the given state (and, if not null, parked on or blocked by that object). */
    public static void awaitState(Thread t, Thread.State state, Object parkedOn) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() ->
                t.getState() == state && (parkedOn == null || LockSupport.getBlocker(t) == parkedOn));
    }

    public static void awaitState(Thread t, Thread.State state) {
        awaitState(t, state, null);
    }

    @Override
    public void close() {
        for (Thread t : threads) {
            if (t.isAlive()) {
                t.interrupt();
            }
        }
        try {
            for (Thread t : threads) {
                t.join(Duration.ofSeconds(30));
                if (t.isAlive()) {
                    throw new AssertionError("test thread " + t.getName() + " did not end");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while ending the test's threads", e);
        }
        threads.clear();
    }
}
