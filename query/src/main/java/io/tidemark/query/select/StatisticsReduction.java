package io.tidemark.query.select;

import io.tidemark.common.FieldType;
import io.tidemark.influxql.ast.Call;
import io.tidemark.influxql.ast.DataType;
import io.tidemark.influxql.ast.Field;
import io.tidemark.influxql.ast.VarRef;
import io.tidemark.query.QueryException;
import io.tidemark.query.agg.CallSpec;
import io.tidemark.query.agg.Values;
import io.tidemark.query.expr.MathFunctions;
import io.tidemark.storage.api.RangeStatistics;
import io.tidemark.storage.api.ShardException;
import io.tidemark.storage.api.ShardNotFoundException;
import io.tidemark.storage.api.ShardReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reduces groups for {@code count()}, {@code min()}, {@code max()}, {@code first()}, {@code last()}, {@code sum()}
 * and {@code mean()} from the
 * statistics storage keeps ({@link ShardReader#statistics}, exact or empty), reading only the values of the pieces
 * they do not answer, so that the calls' output is what reading every value gives.
 *
 * <p>A piece is a series in one shard, over the statement's time range or, with {@code GROUP BY time()}, over one
 * bucket. With an interval (of at least an hour, {@link #MIN_INTERVAL_NANOS}; shorter ones are read), a shard's
 * series is answered bucket by bucket only when its points in the range fall in one bucket or are dense enough that
 * a bucket holds {@value #MIN_POINTS_PER_BUCKET} of them on average (about one TSM block: storage answers the blocks
 * inside a bucket from their statistics and decodes the at most two a bucket boundary cuts, per file); sparser
 * series are read, which is then cheaper. A piece storage does not answer exactly (overlapping sources, a
 * tombstone, a damaged block) is read.
 *
 * <p>What a piece gives each call is what the call's reducer would keep of the piece's points: its count, its first or
 * last point, its extreme value (both extremes for {@code spread()}), or its sum and count. Sums of float values are
 * added block by block rather than value by value, so a mean or sum from statistics may differ from a read in the last
 * bits (as InfluxDB's own sums depend on how its shards and blocks split the values); integer sums wrap at 64 bits and
 * are exact. Block statistics do not hold the time of the extreme value; it only matters for a lone
 * {@code min()}/{@code max()} without {@code GROUP BY time()} (elsewhere the bucket start is reported, and an extreme
 * value given at another time of its bucket gives the same output). There the piece holding the group's extreme is
 * narrowed by halves, from statistics, to a range of at most {@value #LOCATE_READ_BELOW} points that is read, and
 * pieces whose extreme cannot win are not read at all. Extremes of unsigned fields (statistics order them unsigned,
 * the reducers signed) and pieces holding NaN are read; as a NaN is equal to everything for the reducers, which keep
 * the earliest of equals, a bucket that gets a NaN and an extreme from statistics makes the group be read (line
 * protocol cannot write NaN).
 *
 * <p>Zeros: the reducers take -0.0 and 0.0 as equal and keep the earliest, so when both are in a bucket at its
 * extreme, which one is reported depends on times that statistics do not have. A piece's zero extreme is taken from
 * statistics only when all its zeros have that sign (a minimum of 0.0: statistics order -0.0 below 0.0, so there is
 * no -0.0; a maximum of -0.0; any zero of an integer field); and if a bucket of the group then also sees a zero of
 * the other sign, the group is given up ({@link #reduce} returns false) and read.
 *
 * <p>Used only when the statement selects nothing but such calls of fields (no tags, raw fields or math around the
 * calls) and its WHERE clause reads no field, and for groups whose series its tags alone select. Values count
 * against {@code max-select-point} as if they were read.
 *
 * <p>Not thread-safe: one per statement execution.
 */
final class StatisticsReduction {
    private static final Set<String> FUNCTIONS = Set.of("count", "min", "max", "first", "last", "sum", "mean",
            "spread");
    /** A bucket's average number of points from which its statistics are asked for rather than its values read. */
    static final long MIN_POINTS_PER_BUCKET = 1000;
    /**
     * The shortest {@code GROUP BY time()} interval for which statistics are asked at all: shorter buckets hold fewer
     * points than a block unless points are less than 3.6 s apart, and the question (which decodes the blocks the
     * range cuts and checks the others' checksums) would mostly precede a read of the same values.
     */
    static final long MIN_INTERVAL_NANOS = 3_600_000_000_000L;
    /**
     * The size from which a piece holding a lone extreme is narrowed further before it is read. Each halving asks for
     * the statistics of a range whose edges fall inside blocks, which decodes a block or two: below about four
     * compacted blocks reading the piece is cheaper (100 hosts x 8,640 points in one file, {@code SELECT
     * max(usage_user) FROM cpu GROUP BY hostname}: 14 ms narrowing to 2,000 points, 6 ms reading the pieces whole).
     */
    static final long LOCATE_READ_BELOW = 16_384;

    private final SelectContext ctx;
    private final ShardReader reader;
    private final List<CallSpec> calls;
    private final List<VarRef> drivers;
    /** Per driver, the indices of the calls that read it. */
    private final int[][] callsOfDriver;
    private final boolean locating;
    /** Reads what statistics do not answer. */
    private final DirectScan direct;
    /**
     * Per driver, set once a piece of it spanning several buckets was too sparse: the statement's series of a field
     * are usually written at one rate, so its later pieces are read without asking first (the question decodes the
     * blocks the range cuts, which the read then decodes again).
     */
    private final boolean[] sparse;
    /**
     * Per call, for {@code min()} and {@code max()}: per bucket start, what the bucket got that makes times matter
     * ({@link #ZERO_SEEN}, {@link #NEGATIVE_ZERO_SEEN}, {@link #ZERO_FROM_STATISTICS}, {@link #NAN_SEEN},
     * {@link #EXTREME_FROM_STATISTICS}); null for other calls. Cleared per group.
     */
    private final List<Map<Long, Integer>> tieRisks;
    private static final int ZERO_SEEN = 1;
    private static final int NEGATIVE_ZERO_SEEN = 2;
    private static final int ZERO_FROM_STATISTICS = 4;
    private static final int NAN_SEEN = 8;
    private static final int EXTREME_FROM_STATISTICS = 16;
    private static final long NEGATIVE_ZERO_BITS = Double.doubleToRawLongBits(-0.0);

    private StatisticsReduction(SelectContext ctx, List<CallSpec> calls, List<VarRef> drivers,
            int[][] callsOfDriver, DirectScan direct) {
        this.ctx = ctx;
        this.direct = direct;
        this.reader = ctx.reader();
        this.calls = calls;
        this.drivers = drivers;
        this.callsOfDriver = callsOfDriver;
        // A lone selector (one distinct call: the same call twice is one) reports its point's time.
        String fn = calls.getFirst().function();
        this.locating = calls.size() == 1 && !ctx.windows().hasInterval() && (fn.equals("min") || fn.equals("max"));
        this.sparse = new boolean[drivers.size()];
        this.tieRisks = new ArrayList<>(calls.size());
        for (CallSpec c : calls) {
            tieRisks.add(c.function().equals("min") || c.function().equals("max") ? new HashMap<>() : null);
        }
    }

    /**
     * The reduction of a statement, or null when it cannot use statistics.
     *
     * @param callSlot per call, the index of the driver it reads, or -1 for none (a missing field)
     * @param readsOtherValues whether the statement reads values besides the calls' arguments (selected fields or
     *     tags, fields of the WHERE clause)
     */
    static StatisticsReduction of(SelectContext ctx, List<CallSpec> calls, int[] callSlot, List<VarRef> drivers,
            boolean readsOtherValues, DirectScan direct) {
        if (direct == null || readsOtherValues || calls.isEmpty()
                || (ctx.windows().hasInterval() && ctx.windows().interval().duration() < MIN_INTERVAL_NANOS)) {
            return null;
        }
        for (Field f : ctx.fields()) {
            if (!(f.expr() instanceof Call c) || MathFunctions.isMathFunction(c.name())) {
                return null;
            }
        }
        int[][] callsOfDriver = CallsByDriver.of(calls, callSlot, drivers.size(), FUNCTIONS);
        if (callsOfDriver == null) {
            return null;
        }
        return new StatisticsReduction(ctx, calls, drivers, callsOfDriver, direct);
    }

    /**
     * Adds the group's points to the calls' accumulators: statistics where storage has them, values elsewhere.
     *
     * @return false if a bucket got zeros of both signs at its extreme, one of them from statistics, or a NaN and an
     *     extreme from statistics: the accumulators may then be wrong, and the group must be read instead
     */
    boolean reduce(SeriesGroup g, BucketAccumulator[] acc) throws QueryException {
        for (Map<Long, Integer> z : tieRisks) {
            if (z != null) {
                z.clear();
            }
        }
        if (locating) {
            locateExtreme(g, acc);
            return true;
        }
        for (Member m : g.members()) {
            for (int d = 0; d < drivers.size(); d++) {
                if (callsOfDriver[d].length > 0) {
                    reduceField(m, d, callsOfDriver[d], acc);
                }
            }
        }
        for (Map<Long, Integer> z : tieRisks) {
            if (z == null) {
                continue;
            }
            for (int seen : z.values()) {
                boolean bothZeros = (seen & ZERO_SEEN) != 0 && (seen & NEGATIVE_ZERO_SEEN) != 0;
                if (((seen & ZERO_FROM_STATISTICS) != 0 && bothZeros)
                        || ((seen & EXTREME_FROM_STATISTICS) != 0 && (seen & NAN_SEEN) != 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Notes a zero or NaN a min or max call got in the bucket of {@code time}, or an extreme from statistics. */
    private void note(int call, long time, Object value, boolean fromStatistics) {
        int seen = fromStatistics ? EXTREME_FROM_STATISTICS : 0;
        if (value instanceof Double d && d == 0.0) {
            seen |= (Double.doubleToRawLongBits(d) == NEGATIVE_ZERO_BITS ? NEGATIVE_ZERO_SEEN : ZERO_SEEN)
                    | (fromStatistics ? ZERO_FROM_STATISTICS : 0);
        } else if (value instanceof Double d && d.isNaN()) {
            seen |= NAN_SEEN;
        }
        if (seen != 0) {
            tieRisks.get(call).merge(ctx.windows().start(time), seen, (a, b) -> a | b);
        }
    }

    private void reduceField(Member m, int driver, int[] callIndices, BucketAccumulator[] acc)
            throws QueryException {
        VarRef field = drivers.get(driver);
        long min = ctx.compiled().range().min();
        long max = ctx.compiled().range().max();
        Windows windows = ctx.windows();
        for (long shard : inStatementOrder(m.shards())) {
            if (sparse[driver]) {
                read(m, field, shard, min, max, callIndices, acc);
                continue;
            }
            Optional<RangeStatistics> whole;
            try {
                whole = statistics(shard, m, field, min, max);
            } catch (ShardNotFoundException e) {
                // As a read of a shard dropped meanwhile: nothing.
                continue;
            }
            if (whole.isEmpty()) {
                read(m, field, shard, min, max, callIndices, acc);
                continue;
            }
            RangeStatistics s = whole.get();
            if (s.count() == 0) {
                continue;
            }
            if (!windows.hasInterval() || windows.start(s.firstTimeNanos()) == windows.start(s.lastTimeNanos())) {
                answer(m, field, shard, min, max, s, callIndices, acc);
                continue;
            }
            if (!isDense(s)) {
                sparse[driver] = true;
                read(m, field, shard, min, max, callIndices, acc);
                continue;
            }
            List<long[]> buckets = buckets(s, min, max);
            if (buckets == null) {
                read(m, field, shard, min, max, callIndices, acc);
                continue;
            }
            for (long[] b : buckets) {
                Optional<RangeStatistics> piece;
                try {
                    piece = statistics(shard, m, field, b[0], b[1]);
                } catch (ShardNotFoundException e) {
                    break;
                }
                if (piece.isEmpty()) {
                    read(m, field, shard, b[0], b[1], callIndices, acc);
                } else if (piece.get().count() > 0) {
                    answer(m, field, shard, b[0], b[1], piece.get(), callIndices, acc);
                }
            }
        }
    }

    /** Whether the series' points in the shard are dense enough to ask for statistics bucket by bucket. */
    private boolean isDense(RangeStatistics s) {
        double span = (double) s.lastTimeNanos() - (double) s.firstTimeNanos() + 1;
        return (double) s.count() * ctx.windows().interval().duration() / span >= MIN_POINTS_PER_BUCKET;
    }

    /**
     * The buckets from the one of the first point to the one of the last, each cut to the statement's range, in the
     * statement's order; null if the bucket arithmetic does not advance (then the piece is read).
     */
    private List<long[]> buckets(RangeStatistics s, long min, long max) {
        Windows windows = ctx.windows();
        List<long[]> out = new ArrayList<>();
        long t = s.firstTimeNanos();
        while (true) {
            long end = windows.end(t);
            if (end <= t) {
                return null;
            }
            long last = Math.min(end - 1, max);
            out.add(new long[] {Math.max(windows.start(t), min), last});
            if (last >= s.lastTimeNanos()) {
                break;
            }
            t = end;
        }
        return ctx.ascending() ? out : out.reversed();
    }

    /**
     * Gives each call what the piece's statistics say of it (the piece holds points); the calls statistics cannot
     * answer read the piece's values.
     */
    private void answer(Member m, VarRef field, long shard, long lo, long hi, RangeStatistics s, int[] callIndices,
            BucketAccumulator[] acc) throws QueryException {
        if (!isReadableAs(s.type(), field.type())) {
            // A read would count the values and convert none.
            ctx.budget().charge(s.count());
            return;
        }
        int[] unanswered = new int[callIndices.length];
        int n = 0;
        for (int i : callIndices) {
            BucketAccumulator a = acc[i];
            switch (calls.get(i).function()) {
                case "count" -> a.addCounted(s.firstTimeNanos(), s.count());
                case "sum", "mean" -> {
                    Object sum = sum(s, field.type());
                    if (sum != null) {
                        a.addSummed(s.firstTimeNanos(), sum, s.count());
                    } else {
                        unanswered[n++] = i;
                    }
                }
                case "first" -> {
                    if (s.hasValues()) {
                        a.add(s.firstTimeNanos(), value(s.firstBits(), s.type(), field.type()), null, m.series());
                    } else {
                        unanswered[n++] = i;
                    }
                }
                case "last" -> {
                    if (s.hasValues()) {
                        a.add(s.lastTimeNanos(), value(s.lastBits(), s.type(), field.type()), null, m.series());
                    } else {
                        unanswered[n++] = i;
                    }
                }
                case "spread" -> {
                    // The reducer keeps the smallest and largest values it is given: a piece's two extremes do.
                    Object low = extreme(s, false, field.type());
                    Object high = extreme(s, true, field.type());
                    if (low == null || high == null) {
                        unanswered[n++] = i;
                    } else {
                        a.add(s.firstTimeNanos(), low, null, m.series());
                        a.add(s.firstTimeNanos(), high, null, m.series());
                    }
                }
                default -> {
                    Object extreme = extreme(s, calls.get(i).function().equals("max"), field.type());
                    if (extreme == null) {
                        unanswered[n++] = i;
                    } else {
                        // Any time of the bucket will do: see the class comment.
                        a.add(s.firstTimeNanos(), extreme, null, m.series());
                        note(i, s.firstTimeNanos(), extreme, true);
                    }
                }
            }
        }
        if (n == 0) {
            ctx.budget().charge(s.count());
        } else {
            read(m, field, shard, lo, hi, Arrays.copyOf(unanswered, n), acc);
        }
    }

    /**
     * A lone {@code min()} or {@code max()} without {@code GROUP BY time()} reports the time of the point, which
     * statistics do not have: the pieces holding the group's extreme value are narrowed to the range holding its
     * earliest occurrence, which is read; pieces whose extreme is worse are not read (they cannot change the result),
     * and pieces statistics do not answer are read whole.
     */
    private void locateExtreme(SeriesGroup g, BucketAccumulator[] acc) throws QueryException {
        int call = -1;
        int driver = -1;
        for (int d = 0; d < drivers.size(); d++) {
            if (callsOfDriver[d].length > 0) {
                driver = d;
                call = callsOfDriver[d][0];
            }
        }
        if (driver < 0) {
            return;
        }
        VarRef field = drivers.get(driver);
        boolean max = calls.get(call).function().equals("max");
        long min = ctx.compiled().range().min();
        long maxTime = ctx.compiled().range().max();
        record Piece(Member member, long shard, RangeStatistics statistics, Object extreme) {
        }
        List<Piece> pieces = new ArrayList<>();
        Object best = null;
        for (Member m : g.members()) {
            for (long shard : inStatementOrder(m.shards())) {
                Optional<RangeStatistics> s;
                try {
                    s = statistics(shard, m, field, min, maxTime);
                } catch (ShardNotFoundException e) {
                    continue;
                }
                Object extreme = null;
                if (s.isPresent() && s.get().count() > 0 && isReadableAs(s.get().type(), field.type())
                        && isNatural(s.get().type(), field.type())) {
                    extreme = extreme(s.get(), max, field.type());
                }
                if (extreme != null && (best == null || (max ? Values.compare(extreme, best) > 0
                        : Values.compare(extreme, best) < 0))) {
                    best = extreme;
                }
                pieces.add(new Piece(m, shard, s.orElse(null), extreme));
            }
        }
        int[] calls = {call};
        for (Piece p : pieces) {
            RangeStatistics s = p.statistics();
            if (s == null) {
                read(p.member(), field, p.shard(), min, maxTime, calls, acc);
            } else if (s.count() == 0) {
                continue;
            } else if (!isReadableAs(s.type(), field.type())) {
                ctx.budget().charge(s.count());
            } else if (p.extreme() == null) {
                read(p.member(), field, p.shard(), min, maxTime, calls, acc);
            } else if (Values.compare(p.extreme(), best) != 0) {
                ctx.budget().charge(s.count());
            } else {
                narrowAndRead(p.member(), field, p.shard(), s, max, calls, acc);
            }
        }
    }

    /** Halves the piece down to the range of its extreme's earliest occurrence, then reads that range. */
    private void narrowAndRead(Member m, VarRef field, long shard, RangeStatistics piece, boolean max, int[] calls,
            BucketAccumulator[] acc) throws QueryException {
        long target = max ? piece.maxBits() : piece.minBits();
        RangeStatistics current = piece;
        try {
            while (current.count() > LOCATE_READ_BELOW && current.firstTimeNanos() < current.lastTimeNanos()) {
                long lo = current.firstTimeNanos();
                long hi = current.lastTimeNanos();
                long mid = (lo >> 1) + (hi >> 1) + (lo & hi & 1);
                Optional<RangeStatistics> left = statistics(shard, m, field, lo, mid);
                if (left.isEmpty()) {
                    break;
                }
                RangeStatistics l = left.get();
                if (l.count() > 0 && (max ? l.maxBits() : l.minBits()) == target) {
                    current = l;
                    continue;
                }
                Optional<RangeStatistics> right = statistics(shard, m, field, mid + 1, hi);
                if (right.isEmpty() || right.get().count() == 0) {
                    break;
                }
                current = right.get();
            }
        } catch (ShardNotFoundException e) {
            return;
        }
        ctx.budget().charge(piece.count() - current.count());
        read(m, field, shard, current.firstTimeNanos(), current.lastTimeNanos(), calls, acc);
    }

    private Optional<RangeStatistics> statistics(long shard, Member m, VarRef field, long lo, long hi)
            throws QueryException, ShardNotFoundException {
        try {
            return reader.statistics(shard, m.series().key(), field.name(), lo, hi);
        } catch (ShardNotFoundException e) {
            throw e;
        } catch (ShardException e) {
            throw new QueryException(e.getMessage(), e);
        }
    }

    /** Reads the piece's values, as the scan of a group does, into the given calls' accumulators. */
    private void read(Member m, VarRef field, long shard, long lo, long hi, int[] callIndices,
            BucketAccumulator[] acc) throws QueryException {
        direct.readRange(m, field, shard, lo, hi, callIndices, acc, this::seenInRead);
    }

    /** As {@link #note} for the values of a bucket read from storage. */
    private void seenInRead(int call, long time, int seen) {
        Map<Long, Integer> risks = tieRisks.get(call);
        if (risks == null) {
            return;
        }
        int flags = ((seen & DirectScan.SpecialValues.ZERO) != 0 ? ZERO_SEEN : 0)
                | ((seen & DirectScan.SpecialValues.NEGATIVE_ZERO) != 0 ? NEGATIVE_ZERO_SEEN : 0)
                | ((seen & DirectScan.SpecialValues.NAN) != 0 ? NAN_SEEN : 0);
        risks.merge(ctx.windows().start(time), flags, (a, b) -> a | b);
    }

    private List<Long> inStatementOrder(List<Long> shards) {
        return ctx.ascending() ? shards : shards.reversed();
    }

    /**
     * The piece's extreme as the call sees it, or null where statistics do not give exactly what the reducer would
     * keep: unsigned fields, NaN in the piece, a zero when the piece may hold zeros of both signs.
     */
    private static Object extreme(RangeStatistics s, boolean max, DataType target) {
        if (!s.hasValues() || s.type() == FieldType.UNSIGNED) {
            return null;
        }
        if (s.type() == FieldType.FLOAT && Double.isNaN(Double.longBitsToDouble(s.maxBits()))) {
            return null;
        }
        Object v = value(max ? s.maxBits() : s.minBits(), s.type(), target);
        if (v instanceof Double d && d == 0.0 && s.type() == FieldType.FLOAT) {
            // Statistics order -0.0 below 0.0: a minimum of 0.0 rules out -0.0, a maximum of -0.0 rules out 0.0.
            boolean oneSign = max ? s.maxBits() == NEGATIVE_ZERO_BITS : s.minBits() == 0L;
            return oneSign ? v : null;
        }
        return v;
    }

    /**
     * The piece's sum as {@code sum()} and {@code mean()} add values, or null where statistics do not give it: no
     * sum kept, values that reach the call converted, types other than floats and integers (the reducers add unsigned
     * integers as signed ones).
     */
    private static Object sum(RangeStatistics s, DataType target) {
        if (!s.hasSum() || !isNatural(s.type(), target)) {
            return null;
        }
        return switch (s.type()) {
            case FLOAT -> s.floatSum();
            case INTEGER -> s.sumBits();
            default -> null;
        };
    }

    /**
     * Whether values of the stored type reach the call unconverted, so that equal values as the call sees them
     * are equal values in storage (a float read as an integer is truncated, an integer read as a float may round).
     */
    private static boolean isNatural(FieldType stored, DataType target) {
        return switch (target) {
            case FLOAT -> stored == FieldType.FLOAT;
            case INTEGER -> stored == FieldType.INTEGER;
            case BOOLEAN -> stored == FieldType.BOOLEAN;
            case UNSIGNED, STRING -> false;
            default -> stored != FieldType.UNSIGNED;
        };
    }

    /** Whether a read gives values of the stored type as the target type, as {@link FieldCursor} converts them. */
    static boolean isReadableAs(FieldType stored, DataType target) {
        return switch (target) {
            case FLOAT -> stored == FieldType.FLOAT || stored == FieldType.INTEGER || stored == FieldType.UNSIGNED;
            case INTEGER, UNSIGNED -> stored == FieldType.INTEGER || stored == FieldType.UNSIGNED
                    || stored == FieldType.FLOAT;
            case STRING -> stored == FieldType.STRING;
            case BOOLEAN -> stored == FieldType.BOOLEAN;
            default -> true;
        };
    }

    /** A value of statistics as a read gives it, converted as {@link FieldCursor} converts. Not for strings. */
    static Object value(long bits, FieldType stored, DataType target) {
        return switch (target) {
            case FLOAT -> stored == FieldType.FLOAT ? (Object) Double.longBitsToDouble(bits) : (Object) (double) bits;
            case INTEGER, UNSIGNED -> stored == FieldType.FLOAT ? (Object) (long) Double.longBitsToDouble(bits)
                    : (Object) bits;
            default -> switch (stored) {
                case FLOAT -> Double.longBitsToDouble(bits);
                case INTEGER, UNSIGNED -> bits;
                case BOOLEAN -> bits != 0;
                case STRING -> throw new IllegalArgumentException("statistics hold no string values");
            };
        };
    }
}
