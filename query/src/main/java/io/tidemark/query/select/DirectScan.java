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
 * <li>{@code spread()} gets the bucket's smallest and largest values, all its reducer keeps;</li>
 * <li>{@code min()} and {@code max()} get the series' extreme of the bucket, the earliest among equals, and
 *     {@code first()} and {@code last()} its earliest or latest point: what the reducer keeps of all the series'
 *     points of the bucket, and the reducer then compares it with the other series' as it compared their points.</li>
 * </ul>
 * Series are read one after the other and shards in statement order, as {@link GroupScanner} reads them for these
 * calls; values are taken from the cursors in batches ({@link SeriesCursor#nextBatch}), counted against
 * {@code max-select-point} a batch at a time (a statement over the limit fails as when they are counted one by one,
 * with the same count), and converted to the type the statement reads the field as in the same way (a field of a type
 * that cannot be read as it is counted, not used; string and boolean values go to the accumulators as objects).
 *
 * <p>Used only for statements whose calls are all of these, without auxiliary fields or field conditions, on groups
 * whose series their tags alone select. Not thread-safe: one per statement execution.
 */
final class DirectScan {
    private static final Set<String> FUNCTIONS = Set.of("count", "sum", "mean", "min", "max", "first", "last",
            "spread");
    private final SelectContext ctx;
    /** Per call, what it keeps of a bucket: resolved once, not per bucket. */
    private final Fold[] folds;
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
    /** Which of zero, negative zero and NaN the bucket's float values held ({@link SpecialValues}). */
    private int seen;
    private SpecialValues specials;
    /** Values are taken from the cursors this many at a time. */
    private static final int BATCH = 512;
    private final long[] times = new long[BATCH];
    private final long[] values = new long[BATCH];

    /** What a call takes of a bucket's values; {@code SUM} is for sum() and mean(), which need the values. */
    private enum Fold { COUNT, SUM, MIN, MAX, SPREAD, FIRST, LAST }

    private DirectScan(SelectContext ctx, List<CallSpec> calls, List<VarRef> drivers, int[][] callsOfDriver) {
        this.ctx = ctx;
        this.folds = new Fold[calls.size()];
        for (int i = 0; i < folds.length; i++) {
            folds[i] = switch (calls.get(i).function()) {
                case "count" -> Fold.COUNT;
                case "sum", "mean" -> Fold.SUM;
                case "min" -> Fold.MIN;
                case "max" -> Fold.MAX;
                case "spread" -> Fold.SPREAD;
                case "first" -> Fold.FIRST;
                case "last" -> Fold.LAST;
                default -> throw new IllegalArgumentException(calls.get(i).function() + " in a direct scan");
            };
        }
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
        long min = ctx.compiled().range().min();
        long max = ctx.compiled().range().max();
        for (Member m : g.members()) {
            for (int d = 0; d < drivers.size(); d++) {
                int[] callIndices = callsOfDriver[d];
                if (callIndices.length == 0) {
                    continue;
                }
                List<Long> shards = ctx.ascending() ? m.shards() : m.shards().reversed();
                for (long shard : shards) {
                    readRange(m, drivers.get(d), shard, min, max, callIndices, acc, null);
                }
            }
        }
    }

    /**
     * Reads one series field of one shard within {@code [lo, hi]} into the given calls' accumulators, as
     * {@link #reduce} reads it; {@link StatisticsReduction} reads what statistics do not answer this way.
     *
     * @param specials told, per bucket of a float read, which zeros and NaN it held; null if nobody asks
     */
    void readRange(Member m, VarRef field, long shard, long lo, long hi, int[] callIndices, BucketAccumulator[] acc,
            SpecialValues specials) throws QueryException {
        keepsValues = false;
        for (int i : callIndices) {
            keepsValues |= folds[i] == Fold.SUM;
        }
        this.specials = specials;
        SeriesCursor c = open(m, field, shard, lo, hi);
        if (c != null) {
            read(c, field.type(), m, callIndices, acc);
        }
    }

    /** Told which of zero, negative zero and NaN the values of a bucket of a float read held. */
    interface SpecialValues {
        int ZERO = 1;
        int NEGATIVE_ZERO = 2;
        int NAN = 4;

        /**
         * @param call the call the bucket's values went to
         * @param time the time of one of the bucket's values
         * @param seen a combination of {@link #ZERO}, {@link #NEGATIVE_ZERO} and {@link #NAN}
         */
        void seen(int call, long time, int seen);
    }

    private SeriesCursor open(Member m, VarRef field, long shard, long min, long max) throws QueryException {
        ShardReader reader = ctx.reader();
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
        count = 0;
        seen = 0;
        if (kind == Kind.OBJECT) {
            while (c.next()) {
                budget.charge();
                Object v = stored == FieldType.STRING ? c.stringValue() : (Object) c.booleanValue();
                for (int i : callIndices) {
                    acc[i].add(c.timestamp(), v, null, m.series());
                }
            }
            return;
        }
        if (kind == Kind.NONE) {
            while (c.next()) {
                budget.charge();
            }
            return;
        }
        boolean fromFloats = stored == FieldType.FLOAT;
        int n;
        while ((n = c.nextBatch(times, values, BATCH)) > 0) {
            budget.charge(n);
            fold(kind, n, fromFloats, m, callIndices, acc);
        }
        if (count > 0) {
            flush(kind, m, callIndices, acc);
        }
    }

    /**
     * Folds a batch into buckets: each run of the batch's values in one bucket (cut where a bucket of summed values
     * is full) is folded by {@link #foldDoubleRun} or {@link #foldLongRun}.
     */
    private void fold(Kind kind, int n, boolean fromFloats, Member m, int[] callIndices, BucketAccumulator[] acc)
            throws QueryException {
        Windows windows = ctx.windows();
        boolean oneBucket = !windows.hasInterval();
        int i = 0;
        while (i < n) {
            long t = times[i];
            if (count > 0 && !oneBucket && (t < bucketStart || t >= bucketEnd)) {
                flush(kind, m, callIndices, acc);
            }
            if (count == 0) {
                startBucket(t, windows, oneBucket);
            }
            int limit = keepsValues ? (int) Math.min(n, i + (KEPT_VALUES - count)) : n;
            int j = i + 1;
            if (oneBucket) {
                j = limit;
            } else {
                while (j < limit && times[j] >= bucketStart && times[j] < bucketEnd) {
                    j++;
                }
            }
            if (kind == Kind.DOUBLE) {
                foldDoubleRun(i, j, fromFloats);
            } else {
                foldLongRun(i, j, fromFloats);
            }
            i = j;
            if (keepsValues && count == KEPT_VALUES) {
                // Handing a bucket on in parts gives the reducers the same: see the class comment.
                flush(kind, m, callIndices, acc);
            }
        }
    }

    /**
     * Adds {@code values[from, to)} (one bucket) to the bucket as doubles. A cursor's times only grow (descending:
     * only shrink), so the first and last points are at the ends of the run, and the earliest of equal extremes is
     * the first met (descending: the last met). The reducers' order (Values.compare) holds -0.0 and 0.0 equal, and
     * NaN equal to anything.
     */
    private void foldDoubleRun(int from, int to, boolean fromFloats) {
        boolean ascending = ctx.ascending();
        int k = from;
        if (count == 0) {
            double v = doubleAt(k, fromFloats);
            firstTime = lastTime = minTime = maxTime = times[k];
            firstDouble = lastDouble = minDouble = maxDouble = v;
            seen |= special(v);
            keepDouble(v);
            k++;
        }
        double min = minDouble;
        double max = maxDouble;
        long tMin = minTime;
        long tMax = maxTime;
        int special = seen;
        for (; k < to; k++) {
            double v = doubleAt(k, fromFloats);
            if (ascending ? v < min : !(v > min)) {
                min = v;
                tMin = times[k];
            }
            if (ascending ? v > max : !(v < max)) {
                max = v;
                tMax = times[k];
            }
            special |= special(v);
            keepDouble(v);
        }
        seen = special;
        minDouble = min;
        maxDouble = max;
        minTime = tMin;
        maxTime = tMax;
        if (ascending) {
            lastTime = times[to - 1];
            lastDouble = doubleAt(to - 1, fromFloats);
        } else {
            firstTime = times[to - 1];
            firstDouble = doubleAt(to - 1, fromFloats);
        }
    }

    private void startBucket(long t, Windows windows, boolean oneBucket) {
        if (!oneBucket) {
            bucketStart = windows.start(t);
            bucketEnd = windows.end(t);
        }
    }

    /** Which of the {@link SpecialValues} v is, if any. */
    private static int special(double v) {
        if (v != v) {
            return SpecialValues.NAN;
        }
        if (v == 0.0) {
            return Double.doubleToRawLongBits(v) == 0 ? SpecialValues.ZERO : SpecialValues.NEGATIVE_ZERO;
        }
        return 0;
    }

    private double doubleAt(int i, boolean fromFloats) {
        return fromFloats ? Double.longBitsToDouble(values[i]) : (double) values[i];
    }

    private void keepDouble(double v) {
        if (keepsValues) {
            doubles[(int) count] = v;
        }
        count++;
    }

    /** As {@link #foldDoubleRun}, as longs (a float read as an integer is truncated). */
    private void foldLongRun(int from, int to, boolean fromFloats) {
        boolean ascending = ctx.ascending();
        int k = from;
        if (count == 0) {
            long v = longAt(k, fromFloats);
            firstTime = lastTime = minTime = maxTime = times[k];
            firstLong = lastLong = minLong = maxLong = v;
            keepLong(v);
            k++;
        }
        long min = minLong;
        long max = maxLong;
        long tMin = minTime;
        long tMax = maxTime;
        for (; k < to; k++) {
            long v = longAt(k, fromFloats);
            if (ascending ? v < min : v <= min) {
                min = v;
                tMin = times[k];
            }
            if (ascending ? v > max : v >= max) {
                max = v;
                tMax = times[k];
            }
            keepLong(v);
        }
        minLong = min;
        maxLong = max;
        minTime = tMin;
        maxTime = tMax;
        if (ascending) {
            lastTime = times[to - 1];
            lastLong = longAt(to - 1, fromFloats);
        } else {
            firstTime = times[to - 1];
            firstLong = longAt(to - 1, fromFloats);
        }
    }

    private long longAt(int i, boolean fromFloats) {
        return fromFloats ? (long) Double.longBitsToDouble(values[i]) : values[i];
    }

    private void keepLong(long v) {
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
            switch (folds[i]) {
                case COUNT -> a.addCounted(firstTime, count);
                case SUM -> {
                    if (doubles) {
                        a.addDoubles(firstTime, this.doubles, (int) count);
                    } else {
                        a.addLongs(firstTime, longs, (int) count);
                    }
                }
                case MIN -> a.add(minTime, doubles ? (Object) minDouble : (Object) minLong, null, m.series());
                case MAX -> a.add(maxTime, doubles ? (Object) maxDouble : (Object) maxLong, null, m.series());
                case SPREAD -> {
                    a.add(minTime, doubles ? (Object) minDouble : (Object) minLong, null, m.series());
                    a.add(maxTime, doubles ? (Object) maxDouble : (Object) maxLong, null, m.series());
                }
                case FIRST -> a.add(firstTime, doubles ? (Object) firstDouble : (Object) firstLong, null, m.series());
                case LAST -> a.add(lastTime, doubles ? (Object) lastDouble : (Object) lastLong, null, m.series());
            }
            if (seen != 0 && specials != null) {
                specials.seen(i, firstTime, seen);
            }
        }
        count = 0;
        seen = 0;
    }
}
