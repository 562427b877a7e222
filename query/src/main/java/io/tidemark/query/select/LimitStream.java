package io.tidemark.query.select;

import io.tidemark.query.QueryException;

/**
 * LIMIT and OFFSET on one call's points, counted per output group as InfluxDB's limit iterator counts per series:
 * skips the first {@code offset} points of each group and passes at most {@code limit} more (0: no limit). A null
 * from the input (see {@link PointStream}) is passed on without being counted.
 *
 * <p>Not thread-safe.
 */
final class LimitStream implements PointStream {
    private final PointStream input;
    private final long offset;
    private final long limit;
    private int group = -1;
    private long seen;

    LimitStream(PointStream input, long offset, long limit) {
        this.input = input;
        this.offset = offset;
        this.limit = limit;
    }

    @Override
    public StreamPoint next() throws QueryException {
        while (true) {
            StreamPoint p = input.next();
            if (p == null) {
                return null;
            }
            if (p.group() != group) {
                group = p.group();
                seen = 0;
            }
            seen++;
            if (seen <= offset || (limit > 0 && seen - offset > limit)) {
                continue;
            }
            return p;
        }
    }
}
