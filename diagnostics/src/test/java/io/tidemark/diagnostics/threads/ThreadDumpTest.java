package io.tidemark.diagnostics.threads;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.diagnostics.TestThreads;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreadDumpTest {
    @TempDir
    Path scratch;

    private final TestThreads threads = new TestThreads();

    @AfterEach
    void end() {
        threads.close();
    }

    @Test
    void groupsThreadsWithIdenticalStacksLargestGroupFirst() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> parked = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            parked.add(threads.start("parked-" + i, () -> parkHere(release)));
        }
        for (Thread t : parked) {
            TestThreads.awaitState(t, Thread.State.WAITING);
        }

        List<ThreadSnapshot> captured = ThreadDump.ofThisJvm(scratch).capture(ThreadDump.Detail.STACKS, false);
        String page = ThreadDumpFormatter.grouped(captured, false, Integer.MAX_VALUE);

        assertThat(page).startsWith("thread profile: total " + captured.size() + " (" + captured.size()
                + " platform, virtual threads not captured: add &virtual=1)");
        assertThat(page).contains("7 threads waiting on java.util.concurrent.CountDownLatch$Sync@");
        // The 7 parked threads form the largest group, so they come first.
        String firstGroup = page.substring(page.indexOf("\n\n", page.indexOf("most waited-on objects")) + 2);
        assertThat(firstGroup).startsWith("7 @ WAITING: \"parked-0\", \"parked-1\", \"parked-2\", \"parked-3\", "
                + "\"parked-4\" and 2 more\n#\twaiting on java.util.concurrent.CountDownLatch$Sync@");
        assertThat(firstGroup)
                .contains("#\tio.tidemark.diagnostics.threads.ThreadDumpTest.parkHere(ThreadDumpTest.java:");
        assertThat(page).doesNotContain("app//", "java.base@");
        release.countDown();
    }

    private static void parkHere(CountDownLatch release) throws InterruptedException {
        release.await();
    }

    @Test
    void detailsShowTheLockAThreadWaitsForItsOwnerAndTheLocksHeld() throws Exception {
        Object monitor = new Object();
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = threads.start("holder", () -> {
            lock.lock();
            try {
                synchronized (monitor) {
                    holding.countDown();
                    release.await();
                }
            } finally {
                lock.unlock();
            }
        });
        holding.await();
        Thread blocked = threads.start("blocked-on-monitor", () -> {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        });
        Thread parked = threads.start("parked-on-lock", () -> {
            lock.lockInterruptibly();
            lock.unlock();
        });
        TestThreads.awaitState(blocked, Thread.State.BLOCKED);
        TestThreads.awaitState(parked, Thread.State.WAITING);

        List<ThreadSnapshot> captured = ThreadDump.ofThisJvm(scratch)
                .capture(ThreadDump.Detail.STACKS_AND_ALL_LOCKS, false);
        String page = ThreadDumpFormatter.detailed(captured, false, true, Map.of(blocked.threadId(),
                java.time.Duration.ofMillis(1500)));

        ThreadSnapshot h = captured.stream().filter(t -> t.id() == holder.threadId()).findFirst().orElseThrow();
        String monitorName = h.lockedMonitors().getFirst().lock();
        assertThat(monitorName).startsWith("java.lang.Object@");
        assertThat(h.lockedSynchronizers()).singleElement().asString()
                .startsWith("java.util.concurrent.locks.ReentrantLock$NonfairSync@");
        assertThat(section(page, "blocked-on-monitor"))
                .contains("[BLOCKED, for at least 1.5s]")
                .contains("waiting to lock " + monitorName + " owned by \"holder\" (thread " + holder.threadId() + ")")
                .contains("blocked 1 times");
        assertThat(section(page, "parked-on-lock"))
                .contains("[WAITING]")
                .contains("waiting to lock java.util.concurrent.locks.ReentrantLock$NonfairSync@")
                .contains("owned by \"holder\"");
        assertThat(section(page, "holder"))
                .contains("\t- locked " + monitorName)
                .contains("\tholds java.util.concurrent.locks.ReentrantLock$NonfairSync@")
                .contains("blocks 2 threads: ");
        assertThat(page).contains("1 thread waiting to lock " + monitorName + " owned by \"holder\" (thread "
                + holder.threadId() + ", WAITING on java.util.concurrent.CountDownLatch$Sync@");
        // The watchdog's capture of a few threads leaves out held synchronizers: finding them walks the heap.
        ThreadSnapshot few = ThreadDump.ofThisJvm(scratch).capture(new long[] {holder.threadId()}).getFirst();
        assertThat(few.lockedMonitors()).extracting(ThreadSnapshot.HeldMonitor::lock).containsExactly(monitorName);
        assertThat(few.lockedSynchronizers()).isEmpty();
        release.countDown();
    }

    /** The text of one thread's entry in a {@code debug=2} page. */
    private static String section(String page, String name) {
        int start = page.indexOf("\"" + name + "\" [");
        assertThat(start).as("entry of " + name).isNotNegative();
        int end = page.indexOf("\n\n", start);
        return page.substring(start, end);
    }

    @Test
    void capturesVirtualThreadsWhenAsked() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> virtual = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            virtual.add(Thread.ofVirtual().name("virtual-" + i).start(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        try {
            for (Thread t : virtual) {
                TestThreads.awaitState(t, Thread.State.WAITING);
            }
            ThreadDump dump = ThreadDump.ofThisJvm(scratch);

            List<ThreadSnapshot> with = dump.capture(ThreadDump.Detail.STACKS, true);
            List<ThreadSnapshot> without = dump.capture(ThreadDump.Detail.STACKS, false);

            List<ThreadSnapshot> found = with.stream().filter(t -> t.name().startsWith("virtual-")).toList();
            assertThat(found).hasSize(3).allSatisfy(t -> {
                assertThat(t.virtual()).isTrue();
                assertThat(t.state()).isEqualTo(Thread.State.WAITING);
                assertThat(t.waitingOn().lock()).startsWith("java.util.concurrent.CountDownLatch$Sync@");
                assertThat(t.frames()).anyMatch(f -> f.startsWith("java.util.concurrent.CountDownLatch.await("));
            });
            assertThat(without).noneMatch(ThreadSnapshot::virtual);
            assertThat(ThreadDumpFormatter.grouped(with, true, 100)).contains("3 virtual)", "3 @ WAITING (virtual)");
            assertThat(scratch).isEmptyDirectory();
        } finally {
            release.countDown();
            for (Thread t : virtual) {
                t.join();
            }
        }
    }
}
