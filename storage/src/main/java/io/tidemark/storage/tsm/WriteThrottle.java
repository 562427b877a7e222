package io.tidemark.storage.tsm;

import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Limits how fast background work (compactions) writes, so that it leaves disk bandwidth to the WAL. A writer calls
 * {@link #acquire(long)} for the bytes it has just handed to the file system (or is about to); the throttle makes
 * the caller sleep when it is ahead of its budget. No thread of its own. Implementations are thread-safe: one
 * throttle may be shared by several writers, which then share its rate.
 */
public interface WriteThrottle {

    /**
     * Accounts for {@code bytes} written, sleeping the caller as long as the budget requires.
     *
     * @throws InterruptedIOException if the caller is interrupted while it sleeps (its interrupt status is set again)
     */
    void acquire(long bytes) throws InterruptedIOException;

    /** A throttle that never waits. */
    static WriteThrottle unlimited() {
        return bytes -> { };
    }

    /**
     * A token bucket of {@code burstBytes} refilled at {@code bytesPerSecond}: a writer that was idle may write a
     * burst at full speed, after which it is held to the rate. Measured with {@link System#nanoTime()}.
     */
    static WriteThrottle perSecond(long bytesPerSecond, long burstBytes) {
        return new TokenBucket(bytesPerSecond, burstBytes, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    /** How a {@link TokenBucket} waits; a test replaces it to advance a fake clock instead. */
    @FunctionalInterface
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    /**
     * The token bucket of {@link #perSecond}. A caller takes its bytes at once, driving the balance below zero if
     * it must, and then sleeps for the time the debt takes to repay; callers that come meanwhile see the debt and
     * sleep longer, so waits queue up in arrival order without anyone holding a lock while sleeping. The balance
     * never exceeds the burst, however long the bucket was idle.
     *
     * <p>Thread-safe: the balance is guarded by the bucket's monitor, held only for arithmetic.
     */
    final class TokenBucket implements WriteThrottle {
        private static final long NANOS_PER_SECOND = 1_000_000_000L;

        private final long bytesPerSecond;
        private final long burstBytes;
        private final LongSupplier clock;
        private final Sleeper sleeper;
        /** Bytes that may be written without waiting; negative while callers are sleeping off a debt. */
        private long balance;
        /** The clock reading up to which the balance has been refilled. */
        private long refilledUpTo;

        TokenBucket(long bytesPerSecond, long burstBytes, LongSupplier clock, Sleeper sleeper) {
            if (bytesPerSecond < 1) {
                throw new IllegalArgumentException("a rate of " + bytesPerSecond + " bytes per second");
            }
            if (burstBytes < 1) {
                throw new IllegalArgumentException("a burst of " + burstBytes + " bytes");
            }
            this.bytesPerSecond = bytesPerSecond;
            this.burstBytes = burstBytes;
            this.clock = clock;
            this.sleeper = sleeper;
            this.balance = burstBytes;
            this.refilledUpTo = clock.getAsLong();
        }

        @Override
        public void acquire(long bytes) throws InterruptedIOException {
            if (bytes < 0) {
                throw new IllegalArgumentException("acquire " + bytes + " bytes");
            }
            long waitNanos;
            synchronized (this) {
                refill(clock.getAsLong());
                balance = saturatedSubtract(balance, bytes);
                waitNanos = balance >= 0 ? 0 : nanosFor(-balance);
            }
            if (waitNanos == 0) {
                return;
            }
            try {
                sleeper.sleepNanos(waitNanos);
            } catch (InterruptedException e) {
                // The bytes were not written after all: give them back rather than make the next writer pay.
                synchronized (this) {
                    balance = Math.min(burstBytes, balance + bytes);
                }
                Thread.currentThread().interrupt();
                InterruptedIOException ie = new InterruptedIOException("interrupted while throttling a write");
                ie.initCause(e);
                throw ie;
            }
        }

        /** Adds the bytes earned since the last refill; the fraction of a byte not yet earned is kept for later. */
        private void refill(long now) {
            long elapsed = now - refilledUpTo;
            if (elapsed <= 0) {
                return;
            }
            long room = saturatedSubtract(burstBytes, balance);
            long earned = bytesFor(elapsed);
            if (earned >= room) {
                balance = burstBytes;
                refilledUpTo = now;
            } else if (earned > 0) {
                balance += earned;
                // earned < room <= burst + debt, so this product was exact in bytesFor and fits here too.
                refilledUpTo += Math.multiplyExact(earned, NANOS_PER_SECOND) / bytesPerSecond;
            }
        }

        /** Whole bytes earned in {@code nanos}; {@link Long#MAX_VALUE} if that does not fit. */
        private long bytesFor(long nanos) {
            long high = Math.multiplyHigh(nanos, bytesPerSecond);
            long low = nanos * bytesPerSecond;
            if (high != 0 || low < 0) {
                return Long.MAX_VALUE;
            }
            return low / NANOS_PER_SECOND;
        }

        /** The nanoseconds it takes to earn {@code bytes}, rounded up; saturated at {@link Long#MAX_VALUE}. */
        private long nanosFor(long bytes) {
            long high = Math.multiplyHigh(bytes, NANOS_PER_SECOND);
            long low = bytes * NANOS_PER_SECOND;
            if (high != 0 || low < 0) {
                return Long.MAX_VALUE;
            }
            return low / bytesPerSecond + (low % bytesPerSecond == 0 ? 0 : 1);
        }

        private static long saturatedSubtract(long a, long b) {
            long r = a - b;
            if (((a ^ b) & (a ^ r)) < 0) {
                return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            return r;
        }
    }
}
