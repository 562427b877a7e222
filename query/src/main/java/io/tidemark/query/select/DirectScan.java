package io.tidemark.query.select;

import io.tidemark.common.FieldType;
import io.tidemark.influxql.ast.DataType;
import io.tidemark.influxql.ast.VarRef;
import io.tidemark.query.QueryException;
import io.tidemark.query.agg.CallSpec;
import io.tidemark.storage.api.SeriesCursor;
import io.tidemark.storage.api.ShardException;
import io.tidemark.storage.api.ShardNotFoundException;
import io.tidemark.storage.api.ShardReader;
import java.util.List;
import java.util.Set;

/**
 * Reads a group for {@code count()}, {@code sum()}, {@code mean()}, {@code min()}, {@code max()}, {@code first()}
 * and {@code last()} straight from the storage cursors, without a row, a conversion to an object or a reducer call
 * per value: each series' values of a bucket are folded in primitives and handed to the calls' accumulators once per
 * bucket (or every {@value #KEPT_VALUES} values of it). The reducers end with what reading value by value gives them,
 * exactly:
 * <ul>
 * <li>{@code count()} gets the bucket's count ({@link BucketAccumulator#addCounted});</li>
 * <li>{@code sum()} and {@code mean()} get the bucket's values in read order, added one by one as before
 *     ({@link BucketAccumulator#addDoubles}, {@link BucketAccumulator#addLongs}): floats sum in the same order;</li>
 * <li>{@code min()} and {@code max()} get the series' extreme of the bucket, the earliest among equals, and
 *     {@code first()} and {@code last()} its earliest or latest point: what the reducer keeps of all the series'
 *     points of the bucket, and the reducer then compares it with the other series' as it compared their points.</li>
 * </ul>
 * Series are read one after the other and shards in statement order, as {@link GroupScanner} reads them for these
 * calls; values are counted against {@code max-select-point} one by one, as {@link FieldCursor} counts them, and
 * converted to the type the statement reads the field as in the same way (a field of a type that cannot be read as
 * it is counted, not used; string and boolean values go to the accumulators as objects).
 *
 * <p>Used only for statements whose calls are all of these, without auxiliary fields or field conditions, on groups
 * whose series their tags alone select. Not thread-safe: one per statement execution.
 */
final class DirectScan {
    private static final Set<String> FUNCTIONS = Set.of("count", "sum", "mean", "min", "max", "first", "last");
    private final SelectContext ctx;
    private final List<CallSpec> calls;
    private final List<VarRef> drivers;
    private final int[][] callsOfDriver;
    // The bucket being folded, of the series field being read.
    private long bucketStart;
    private long bucketEnd;
    private long count;
    private long firstTime;
    private long lastTime;
    private long minTime;
    private long maxTime;
    private double firstDouble;
    private double lastDouble;
    private double minDouble;
    private double maxDouble;
    private long firstLong;
    private long lastLong;
    private long minLong;
    private long maxLong;
    /** A bucket's values are handed on at the latest when this many are kept: memory stays bounded. */
    private static final int KEPT_VALUES = 1024;
    private final double[] doubles = new double[KEPT_VALUES];
    private final long[] longs = new long[KEPT_VALUES];
    /** Whether a call of the field being read sums its values (then they are kept for the bucket). */
    private boolean keepsValues;

    private DirectScan(SelectContext ctx, List<CallSpec> calls, List<VarRef> drivers, int[][] callsOfDriver) {
        this.ctx = ctx;
        this.calls = calls;
        this.drivers = drivers;
        this.callsOfDriver = callsOfDriver;
    }

    /**
     * The scan of a statement, or null when it does not qualify.
     *
     * @param callSlot per call, the index of the driver it reads, or -1 for none (a missing field)
     * @param readsOtherValues whether the statement reads values besides the calls' arguments
     * @param orderedInput whether a call needs the group's points merged in time order
     */
    static DirectScan of(SelectContext ctx, List<CallSpec> calls, int[] callSlot, List<VarRef> drivers,
            boolean readsOtherValues, boolean orderedInput) {
        if (readsOtherValues || orderedInput || calls.isEmpty()) {
            return null;
        }
        int[][] callsOfDriver = CallsByDriver.of(calls, callSlot, drivers.size(), FUNCTIONS);
        if (callsOfDriver == null) {
            return null;
        }
        return new DirectScan(ctx, calls, drivers, callsOfDriver);
    }

    /** Reads the group into the calls' accumulators. */
    void reduce(SeriesGroup g, BucketAccumulator[] acc) throws QueryException {
        for (Member m : g.members()) {
            for (int d = 0; d < drivers.size(); d++) {
                int[] callIndices = callsOfDriver[d];
                if (callIndices.length == 0) {
                    continue;
                }
                keepsValues = false;
                for (int i : callIndices) {
                    String fn = calls.get(i).function();
                    keepsValues |= fn.equals("sum") || fn.equals("mean");
                }
                List<Long> shards = ctx.ascending() ? m.shards() : m.shards().reversed();
                for (long shard : shards) {
                    SeriesCursor c = open(m, drivers.get(d), shard);
                    if (c != null) {
                        read(c, drivers.get(d).type(), m, callIndices, acc);
                    }
                }
            }
        }
    }

    private SeriesCursor open(Member m, VarRef field, long shard) throws QueryException {
        ShardReader reader = ctx.reader();
        long min = ctx.compiled().range().min();
        long max = ctx.compiled().range().max();
        try {
            return ctx.ascending() ? reader.read(shard, m.series().key(), field.name(), min, max)
                    : reader.readDescending(shard, m.series().key(), field.name(), min, max);
        } catch (ShardNotFoundException e) {
            // As a read of a shard dropped meanwhile: nothing.
            return null;
        } catch (ShardException e) {
            throw new QueryException(e.getMessage(), e);
        }
    }

    /** How a cursor's values reach the calls: as doubles, as longs, as objects, or not at all. */
    private enum Kind { DOUBLE, LONG, OBJECT, NONE }

    /** As {@link FieldCursor} converts: see its conversion. */
    private static Kind kind(FieldType stored, DataType target) {
        return switch (target) {
            case FLOAT -> stored == FieldType.FLOAT || stored == FieldType.INTEGER || stored == FieldType.UNSIGNED
                    ? Kind.DOUBLE : Kind.NONE;
            case INTEGER, UNSIGNED -> stored == FieldType.FLOAT || stored == FieldType.INTEGER
                    || stored == FieldType.UNSIGNED ? Kind.LONG : Kind.NONE;
            case STRING -> stored == FieldType.STRING ? Kind.OBJECT : Kind.NONE;
            case BOOLEAN -> stored == FieldType.BOOLEAN ? Kind.OBJECT : Kind.NONE;
            default -> switch (stored) {
                case FLOAT -> Kind.DOUBLE;
                case INTEGER, UNSIGNED -> Kind.LONG;
                case STRING, BOOLEAN -> Kind.OBJECT;
            };
        };
    }

    private void read(SeriesCursor c, DataType target, Member m, int[] callIndices, BucketAccumulator[] acc)
            throws QueryException {
        FieldType stored = c.type();
        Kind kind = kind(stored, target);
        ReadBudget budget = ctx.budget();
        Windows windows = ctx.windows();
        boolean oneBucket = !windows.hasInterval();
        count = 0;
        while (c.next()) {
            budget.charge();
            long t = c.timestamp();
            switch (kind) {
                case NONE -> {
                }
                case OBJECT -> {
                    Object v = stored == FieldType.STRING ? c.stringValue() : (Object) c.booleanValue();
                    for (int i : callIndices) {
                        acc[i].add(t, v, null, m.series());
                    }
                }
                case DOUBLE -> {
                    if (count > 0 && !oneBucket && (t < bucketStart || t >= bucketEnd)) {
                        flush(Kind.DOUBLE, m, callIndices, acc);
                    }
                    if (count == 0) {
                        startBucket(t, windows, oneBucket);
                    }
                    addDouble(t, stored == FieldType.FLOAT ? c.floatValue() : (double) c.longValue());
                    if (keepsValues && count == KEPT_VALUES) {
                        // Handing a bucket on in parts gives the reducers the same: see the class comment.
                        flush(Kind.DOUBLE, m, callIndices, acc);
                    }
                }
                case LONG -> {
                    if (count > 0 && !oneBucket && (t < bucketStart || t >= bucketEnd)) {
                        flush(Kind.LONG, m, callIndices, acc);
                    }
                    if (count == 0) {
                        startBucket(t, windows, oneBucket);
                    }
                    addLong(t, stored == FieldType.FLOAT ? (long) c.floatValue() : c.longValue());
                    if (keepsValues && count == KEPT_VALUES) {
                        flush(Kind.LONG, m, callIndices, acc);
                    }
                }
            }
        }
        if (count > 0) {
            flush(kind, m, callIndices, acc);
        }
    }

    private void startBucket(long t, Windows windows, boolean oneBucket) {
        if (!oneBucket) {
            bucketStart = windows.start(t);
            bucketEnd = windows.end(t);
        }
    }

    private void addDouble(long t, double v) {
        if (count == 0) {
            firstTime = lastTime = minTime = maxTime = t;
            firstDouble = lastDouble = minDouble = maxDouble = v;
        } else {
            if (t < firstTime) {
                firstTime = t;
                firstDouble = v;
            }
            if (t > lastTime) {
                lastTime = t;
                lastDouble = v;
            }
            // The reducers' order (Values.compare): -0.0 and 0.0 are equal, and so is NaN to anything; the earliest
            // of equals is kept.
            int toMin = v < minDouble ? -1 : (v > minDouble ? 1 : 0);
            if (toMin < 0 || (toMin == 0 && t < minTime)) {
                minDouble = v;
                minTime = t;
            }
            int toMax = v < maxDouble ? -1 : (v > maxDouble ? 1 : 0);
            if (toMax > 0 || (toMax == 0 && t < maxTime)) {
                maxDouble = v;
                maxTime = t;
            }
        }
        if (keepsValues) {
            doubles[(int) count] = v;
        }
        count++;
    }

    private void addLong(long t, long v) {
        if (count == 0) {
            firstTime = lastTime = minTime = maxTime = t;
            firstLong = lastLong = minLong = maxLong = v;
        } else {
            if (t < firstTime) {
                firstTime = t;
                firstLong = v;
            }
            if (t > lastTime) {
                lastTime = t;
                lastLong = v;
            }
            if (v < minLong || (v == minLong && t < minTime)) {
                minLong = v;
                minTime = t;
            }
            if (v > maxLong || (v == maxLong && t < maxTime)) {
                maxLong = v;
                maxTime = t;
            }
        }
        if (keepsValues) {
            longs[(int) count] = v;
        }
        count++;
    }

    /** Hands the bucket's values to the calls, as described in the class comment, and empties it. */
    private void flush(Kind kind, Member m, int[] callIndices, BucketAccumulator[] acc) throws QueryException {
        boolean doubles = kind == Kind.DOUBLE;
        for (int i : callIndices) {
            BucketAccumulator a = acc[i];
            switch (calls.get(i).function()) {
                case "count" -> a.addCounted(firstTime, count);
                case "sum", "mean" -> {
                    if (doubles) {
                        a.addDoubles(firstTime, this.doubles, (int) count);
                    } else {
                        a.addLongs(firstTime, longs, (int) count);
                    }
                }
                case "min" -> a.add(minTime, doubles ? (Object) minDouble : (Object) minLong, null, m.series());
                case "max" -> a.add(maxTime, doubles ? (Object) maxDouble : (Object) maxLong, null, m.series());
                case "first" -> a.add(firstTime, doubles ? (Object) firstDouble : (Object) firstLong, null,
                        m.series());
                case "last" -> a.add(lastTime, doubles ? (Object) lastDouble : (Object) lastLong, null, m.series());
                default -> throw new IllegalStateException("BUG: " + calls.get(i).function() + " in a direct scan");
            }
        }
        count = 0;
    }
}
