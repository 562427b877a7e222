package io.tidemark.storage.tsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link WriteThrottle.TokenBucket} on a fake clock: the sleeper records each wait and, unless told otherwise,
 * advances the clock by it, so the tests neither sleep nor depend on timing.
 */
class WriteThrottleTest {
    private static final long SECOND = 1_000_000_000L;

    private long now = 123_456_789L;
    private boolean sleepAdvancesClock = true;
    private boolean interruptNextSleep;
    private final List<Long> sleeps = new ArrayList<>();

    private WriteThrottle bucket(long bytesPerSecond, long burstBytes) {
        return new WriteThrottle.TokenBucket(bytesPerSecond, burstBytes, () -> now, nanos -> {
            if (interruptNextSleep) {
                interruptNextSleep = false;
                throw new InterruptedException("interrupted by the test");
            }
            sleeps.add(nanos);
            if (sleepAdvancesClock) {
                now += nanos;
            }
        });
    }

    private long slept() {
        return sleeps.stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void aBurstGoesThroughWithoutWaitingThenTheRateHolds() throws InterruptedIOException {
        WriteThrottle t = bucket(1000, 5000);
        t.acquire(3000);
        t.acquire(2000);
        assertThat(sleeps).isEmpty();
        t.acquire(1000);
        assertThat(sleeps).containsExactly(SECOND);
        t.acquire(1);
        assertThat(sleeps).containsExactly(SECOND, SECOND / 1000);
    }

    @Test
    void sustainedWritesAverageTheRate() throws InterruptedIOException {
        WriteThrottle t = bucket(4096, 4096);
        long start = now;
        for (int i = 0; i < 1000; i++) {
            t.acquire(1024);
        }
        // 1,024,000 bytes at 4096 per second after a first burst of 4096 bytes.
        assertThat(now - start).isEqualTo((1_024_000L - 4096) * SECOND / 4096);
    }

    @Test
    void anIdleBucketFillsOnlyUpToItsBurst() throws InterruptedIOException {
        WriteThrottle t = bucket(1000, 2000);
        t.acquire(2000);
        now += 3600 * SECOND;
        t.acquire(2000);
        assertThat(sleeps).isEmpty();
        t.acquire(500);
        assertThat(sleeps).containsExactly(SECOND / 2);
    }

    @Test
    void partialRefillsKeepTheFractionOfAByte() throws InterruptedIOException {
        // 3 bytes per second, a byte every 333,333,333.3 ns: twelve looks 250 ms apart must earn 9 bytes in all,
        // though most of them earn a fraction of a byte.
        WriteThrottle t = bucket(3, 100);
        t.acquire(100);
        for (int i = 0; i < 12; i++) {
            now += SECOND / 4;
            t.acquire(0);
        }
        t.acquire(9);
        assertThat(sleeps).isEmpty();
        t.acquire(1);
        assertThat(sleeps).containsExactly(SECOND / 3 + 1);
    }

    @Test
    void writersArrivingDuringADebtQueueBehindIt() throws InterruptedIOException {
        // The clock stands still while they "sleep": each sees the debt of those before it.
        sleepAdvancesClock = false;
        WriteThrottle t = bucket(1000, 1000);
        t.acquire(1000);
        t.acquire(1000);
        t.acquire(1000);
        t.acquire(500);
        assertThat(sleeps).containsExactly(SECOND, 2 * SECOND, 2 * SECOND + SECOND / 2);
    }

    @Test
    void anInterruptedWaitGivesItsBytesBackAndKeepsTheInterrupt() throws InterruptedIOException {
        WriteThrottle t = bucket(1000, 1000);
        t.acquire(1000);
        interruptNextSleep = true;
        try {
            assertThatThrownBy(() -> t.acquire(1000)).isInstanceOf(InterruptedIOException.class)
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        // The interrupted writer's bytes were given back: the next writer waits one second, not two.
        t.acquire(1000);
        assertThat(sleeps).containsExactly(SECOND);
    }

    @Test
    void hugeClockJumpsAndRequestsDoNotOverflow() throws InterruptedIOException {
        WriteThrottle t = bucket(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2);
        t.acquire(Long.MAX_VALUE / 2);
        now += Long.MAX_VALUE / 4;
        t.acquire(Long.MAX_VALUE / 4);
        assertThat(sleeps).isEmpty();

        WriteThrottle slow = bucket(1, 1);
        slow.acquire(Long.MAX_VALUE);
        assertThat(sleeps).hasSize(1);
        assertThat(sleeps.getFirst()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void unlimitedNeverWaitsAndBadArgumentsAreRefused() throws InterruptedIOException {
        WriteThrottle.unlimited().acquire(Long.MAX_VALUE);
        assertThatThrownBy(() -> WriteThrottle.perSecond(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WriteThrottle.perSecond(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bucket(1, 1).acquire(-1)).isInstanceOf(IllegalArgumentException.class);
        // The real clock: a burst never waits.
        WriteThrottle.perSecond(1, 1 << 20).acquire(1 << 20);
    }
}
