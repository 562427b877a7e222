package io.tidemark.diagnostics.watchdog;

import java.time.Instant;

/**
 * A remote call registered with {@link InFlightCalls}, as seen at one moment. Immutable.
 *
 * @param threadId   the thread that began the call (for a synchronous call, the one waiting for it)
 * @param deadline   when the caller gives up on the call
 */
public record InFlightCall(long id, String description, long threadId, String threadName, Instant started,
        Instant deadline) {
}
