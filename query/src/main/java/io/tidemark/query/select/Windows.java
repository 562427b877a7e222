package io.tidemark.query.select;

import io.tidemark.query.expr.TimeRange;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Which {@code GROUP BY time()} bucket a timestamp falls in, computed as InfluxDB's {@code IteratorOptions.Window}:
 * buckets are aligned on the epoch plus the offset, shifted to local midnight by a {@code tz()} zone, and adjusted
 * when a daylight-saving change falls inside a bucket shorter than the change would distort. Without an interval
 * every timestamp is in the single bucket {@code [range.min, range.max + 1)}.
 *
 * <p>Immutable; thread-safe.
 */
public final class Windows {
    private final TimeRange range;
    private final Interval interval;
    private final ZoneId zone;

    /**
     * @param range the statement's resolved time range
     * @param interval the grouping interval, null for none
     * @param zone the {@code tz()} zone, null for none
     */
    public Windows(TimeRange range, Interval interval, ZoneId zone) {
        this.range = range;
        this.interval = interval;
        this.zone = zone;
    }

    public boolean hasInterval() {
        return interval != null;
    }

    public Interval interval() {
        return interval;
    }

    public TimeRange range() {
        return range;
    }

    /** The start of the bucket holding {@code t}. */
    public long start(long t) {
        if (interval == null) {
            return range.min();
        }
        long d = interval.duration();
        t -= interval.offset();
        long z = zoneOffset(t);
        long dt = (t + z) % d;
        if (dt < 0) {
            dt += d;
        }
        long start = TimeRange.MIN_TIME + dt >= t ? TimeRange.MIN_TIME : t - dt;
        if (zone != null) {
            long o = z - zoneOffset(start);
            if (o != 0 && Math.abs(o) < d) {
                start += o;
            }
        }
        return start + interval.offset();
    }

    /** The end (exclusive) of the bucket holding {@code t}. */
    public long end(long t) {
        if (interval == null) {
            return range.max() + 1;
        }
        long d = interval.duration();
        t -= interval.offset();
        long z = zoneOffset(t);
        long dt = (t + z) % d;
        if (dt < 0) {
            dt += d;
        }
        long rest = d - dt;
        long end = TimeRange.MAX_TIME - rest <= t ? TimeRange.MAX_TIME : t + rest;
        if (zone != null) {
            long endOffset = zoneOffset(end);
            long o = z - endOffset;
            if (o != 0 && Math.abs(o) < d) {
                if (o > 0 || zoneOffset(end + o) == endOffset) {
                    end += o;
                }
            }
        }
        return end + interval.offset();
    }

    /** The zone's offset from UTC at {@code t}, in nanoseconds; 0 without a zone. */
    public long zoneOffset(long t) {
        if (zone == null) {
            return 0;
        }
        Instant i = Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000_000L));
        return zone.getRules().getOffset(i).getTotalSeconds() * 1_000_000_000L;
    }
}
