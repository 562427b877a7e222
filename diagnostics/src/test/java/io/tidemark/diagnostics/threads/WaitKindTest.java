package io.tidemark.diagnostics.threads;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WaitKindTest {
    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "BLOCKED, java.lang.Object@1b6d3586, MONITOR",
        "WAITING, java.util.concurrent.locks.ReentrantLock$NonfairSync@5e0826e7, LOCK",
        "WAITING, java.util.concurrent.locks.ReentrantReadWriteLock$FairSync@5e0826e7, LOCK",
        "TIMED_WAITING, java.util.concurrent.locks.StampedLock@76c774bd, LOCK",
        "WAITING, java.util.concurrent.Semaphore$NonfairSync@12, LOCK",
        "WAITING, java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@4, OTHER",
        "WAITING, java.util.concurrent.CountDownLatch$Sync@4, OTHER",
        "WAITING, java.lang.Object@1b6d3586, OTHER",
        "TIMED_WAITING, null, OTHER",
        "RUNNABLE, null, OTHER",
    })
    void tellsLockAcquisitionFromWaitingForWork(Thread.State state, String lock, WaitKind expected) {
        assertThat(WaitKind.of(state, lock)).isEqualTo(expected);
    }
}
