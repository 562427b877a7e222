package io.tidemark.http;

import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code Request-Id} of each response: a time-based (version 1) UUID, as InfluxDB's {@code uuid.TimeUUID()}
 * makes them, of the time in 100 ns intervals since 1582-10-15, a clock sequence and a node chosen at random when the
 * server starts (the node with the multicast bit set, as RFC 4122 asks of a node that is not a MAC address). Ids are
 * unique within the server: a request in the same 100 ns interval as the last takes the next interval. Cheaper than
 * {@link UUID#randomUUID()}, whose secure random draws a SHA-1 digest per request. Thread-safe.
 */
final class RequestIds {
    /** 100 ns intervals from the Gregorian calendar's start to the Unix epoch. */
    private static final long GREGORIAN_TO_UNIX = 0x01b21dd213814000L;

    private final AtomicLong lastTime = new AtomicLong();
    private final long clockSequenceAndNode;

    RequestIds() {
        SplittableRandom random = new SplittableRandom();
        long node = random.nextLong() & 0xffff_ffff_ffffL | 0x0100_0000_0000L;
        long clockSequence = random.nextLong() & 0x3fff;
        clockSequenceAndNode = 0x8000_0000_0000_0000L | clockSequence << 48 | node;   // variant 10
    }

    String next() {
        long now = System.currentTimeMillis() * 10_000 + GREGORIAN_TO_UNIX;
        long time = lastTime.accumulateAndGet(now, (last, candidate) -> candidate > last ? candidate : last + 1);
        long mostSignificant = (time & 0xffff_ffffL) << 32      // time_low
                | (time >>> 32 & 0xffff) << 16                  // time_mid
                | 0x1000                                        // version 1
                | time >>> 48 & 0x0fff;                         // time_hi
        return new UUID(mostSignificant, clockSequenceAndNode).toString();
    }
}
