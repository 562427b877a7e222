package io.tidemark.diagnostics.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.diagnostics.threads.ThreadSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReentrySuspectsTest {
    private static ThreadSnapshot waiter(long id, String name, String... frames) {
        return new ThreadSnapshot(id, name, false, true, Thread.State.WAITING, false, List.of(frames),
                new ThreadSnapshot.LockWait("java.util.concurrent.locks.StampedLock@1", -1, null), List.of(), List.of(),
                ThreadSnapshot.ContentionCounts.UNKNOWN);
    }

    @Test
    void namesTheWaiterThatIsInsideAMethodWhereOthersTakeTheLock() {
        ThreadSnapshot holder = waiter(1, "remote-write-0",
                "jdk.internal.misc.Unsafe.park(Native Method)",
                "java.util.concurrent.locks.StampedLock.tryReadLock(StampedLock.java:590)",
                "x.ClientPool.size(ClientPool.java:68)",
                "x.ClientPool.dial(ClientPool.java:61)",
                "x.ClientPool.conn(ClientPool.java:52)",
                "x.Writer.run(Writer.java:9)");
        ThreadSnapshot writer = waiter(2, "meta-updater",
                "jdk.internal.misc.Unsafe.park(Native Method)",
                "java.util.concurrent.locks.StampedLock.writeLock(StampedLock.java:500)",
                "x.ClientPool.setPool(ClientPool.java:77)");
        ThreadSnapshot other = waiter(3, "remote-write-1",
                "jdk.internal.misc.Unsafe.park(Native Method)",
                "java.util.concurrent.locks.StampedLock.tryReadLock(StampedLock.java:590)",
                "x.ClientPool.conn(ClientPool.java:49)",
                "x.Writer.run(Writer.java:9)");

        assertThat(ReentrySuspects.find(List.of(holder, writer, other)))
                .containsExactly(new ReentrySuspects.Suspect(1, "remote-write-0", "x.ClientPool.conn"));
        assertThat(ReentrySuspects.find(List.of(holder, writer))).isEmpty();
    }
}
