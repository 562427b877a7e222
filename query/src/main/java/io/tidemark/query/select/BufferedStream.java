package io.tidemark.query.select;

import io.tidemark.query.QueryException;

/**
 * A {@link PointStream} that can look one point ahead and push one point back, as InfluxDB's buffered iterator:
 * peeking at a null consumes it, and pushing back null leaves nothing to re-read.
 *
 * <p>Not thread-safe.
 */
final class BufferedStream implements PointStream {
    private final PointStream input;
    private StreamPoint buffered;

    BufferedStream(PointStream input) {
        this.input = input;
    }

    @Override
    public StreamPoint next() throws QueryException {
        StreamPoint p = buffered;
        if (p != null) {
            buffered = null;
            return p;
        }
        return input.next();
    }

    /** The next point without taking it; null is taken (see {@link PointStream}). */
    StreamPoint peek() throws QueryException {
        StreamPoint p = next();
        buffered = p;
        return p;
    }

    /** Makes {@code p} the next point again; null clears the buffer. */
    void unread(StreamPoint p) {
        buffered = p;
    }
}
