package io.tidemark.query.select;

import io.tidemark.influxql.ast.BinaryExpr;
import io.tidemark.influxql.ast.Call;
import io.tidemark.influxql.ast.DataType;
import io.tidemark.influxql.ast.Expr;
import io.tidemark.influxql.ast.Field;
import io.tidemark.influxql.ast.FillOption;
import io.tidemark.influxql.ast.ParenExpr;
import io.tidemark.influxql.ast.VarRef;
import io.tidemark.query.QueryException;
import io.tidemark.query.agg.AggPoint;
import io.tidemark.query.agg.CallSpec;
import io.tidemark.query.agg.Functions;
import io.tidemark.query.agg.Values;
import io.tidemark.query.expr.DataTypes;
import io.tidemark.query.expr.Evaluator;
import io.tidemark.query.expr.Exprs;
import io.tidemark.query.expr.MathFunctions;
import io.tidemark.query.expr.TimeRange;
import io.tidemark.query.memory.HeapEstimates;
import io.tidemark.query.series.TagCondition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;
import java.util.function.LongUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * Executes a SELECT with aggregate or selector calls: every call reduces each group's points per bucket; the calls'
 * point streams, running through all groups, then get the bucket times, fill and LIMIT/OFFSET each, and are joined
 * by group and time into rows over which the fields' expressions are evaluated, as InfluxDB's cursor joins its
 * call iterators (including its quirks when a window has no result, see {@link PointStream}).
 *
 * <p>Memory: the reduced points of the groups the streams are in (usually one or two, see {@link GroupResults}) and,
 * while a group is read, the buckets' reducer state (values of the bucket for median, percentile, mode, distinct).
 * Both are charged to the statement's memory account: the reducers as they grow, the reduced points of a group
 * while it is held. Not thread-safe: one per statement execution.
 */
final class AggregateSelect {
    private final SelectContext ctx;
    private final RandomGenerator random;
    private final List<CallSpec> calls = new ArrayList<>();
    private final Map<String, Integer> callIndex = new HashMap<>();
    /**
     * {@link #callIndex} by node identity, for the nodes of the field expressions: rows look their calls up here
     * instead of printing each call for a key, which cost a quarter of a small GROUP BY time query.
     */
    private final IdentityHashMap<Call, Integer> callNodes = new IdentityHashMap<>();
    /** The same for the references outside calls. */
    private final IdentityHashMap<VarRef, Integer> auxNodes = new IdentityHashMap<>();
    private final List<DataType> callTypes = new ArrayList<>();
    private final List<VarRef> aux = new ArrayList<>();
    private final Map<String, Integer> auxIndex = new HashMap<>();
    private final List<VarRef> drivers = new ArrayList<>();
    private final List<VarRef> followers = new ArrayList<>();
    private final Map<String, Integer> slots = new HashMap<>();
    private final int[] callSlot;
    private final boolean selector;
    private final boolean orderedInput;
    private final List<Field> columnFields;
    /** Null when the statement's calls cannot be answered from storage statistics. */
    private final StatisticsReduction statistics;
    /** Null when the statement's calls need the points one by one. */
    private final DirectScan direct;
    /**
     * A conjunct of the WHERE clause on one field that rows need (see {@link Gates}): the scanner looks for rows only
     * where it holds; the whole clause is still evaluated on each row.
     */
    private final GroupScanner.Gate gate;
    /** How the scanner orders the rows of a group's series. */
    private final GroupScanner.Merge merge;
    /**
     * Per call, whether it is a {@code first()} or {@code last()} without GROUP BY time(), read in a pass of its own
     * through {@link GroupScanner.Merge#FIRST_TWO_PER_SHARD}, as InfluxDB reads these.
     */
    private final boolean[] byShardHeap;
    /** Answers {@link #byShardHeap} calls from statistics where it can. */
    private final ShardHeads shardHeads;
    /** Per driver, whether the WHERE clause or an auxiliary field reads it (a pass of another driver follows it). */
    private final boolean[] readBeside;

    AggregateSelect(SelectContext ctx, RandomGenerator random) throws QueryException {
        this.ctx = ctx;
        this.random = random;
        Map<String, VarRef> auxRefs = new LinkedHashMap<>();
        for (Field f : ctx.fields()) {
            collect(f.expr(), auxRefs);
            if (f.expr() instanceof Call c && (c.name().equals("top") || c.name().equals("bottom"))) {
                for (Expr a : c.args().subList(1, c.args().size() - 1)) {
                    VarRef r = (VarRef) a;
                    auxRefs.putIfAbsent(SelectContext.key(r), r);
                }
            }
        }
        aux.addAll(auxRefs.values());
        aux.sort(Comparator.comparing(VarRef::name).thenComparingInt(r -> DataTypes.goOrder(r.type())));
        for (int i = 0; i < aux.size(); i++) {
            auxIndex.put(SelectContext.key(aux.get(i)), i);
        }
        auxNodes.replaceAll((r, unset) -> auxIndex.get(SelectContext.key(r)));
        callSlot = new int[calls.size()];
        for (int i = 0; i < calls.size(); i++) {
            CallSpec spec = calls.get(i);
            VarRef field = spec.field();
            Functions.checkInputType(spec, field.type());
            callTypes.add(Functions.outputType(spec, field.type()));
            if (!SelectContext.isFieldRef(field)) {
                callSlot[i] = -1;
                continue;
            }
            callSlot[i] = slots.computeIfAbsent(SelectContext.key(field), k -> {
                drivers.add(field);
                return drivers.size() - 1;
            });
        }
        List<VarRef> follow = new ArrayList<>();
        for (VarRef r : aux) {
            if (SelectContext.isFieldRef(r)) {
                follow.add(r);
            }
        }
        follow.addAll(Exprs.varRefs(ctx.expanded().condition()).stream()
                .filter(SelectContext::isFieldRef).toList());
        for (VarRef r : follow) {
            if (!slots.containsKey(SelectContext.key(r))) {
                slots.put(SelectContext.key(r), drivers.size() + followers.size());
                followers.add(r);
            }
        }
        this.selector = calls.size() == 1 && SelectCompiler.isSelector(calls.getFirst().call());
        // These depend on the order of the points across the group's series (InfluxDB feeds them a merged,
        // ordered stream); the others give the same result series by series, with one series read at a time.
        this.orderedInput = calls.stream().anyMatch(spec -> switch (spec.function()) {
            case "integral", "percentile", "mode", "sample", "top", "bottom" -> true;
            default -> false;
        });
        Expr gateConjunct = Gates.conjunctOf(Gates.conjuncts(ctx.expanded().condition()), ctx.conditionEvaluator());
        this.gate = Gates.of(gateConjunct, ctx.conditionEvaluator(), r -> slots.get(SelectContext.key(r)));
        // InfluxDB feeds an integral the FROM sources one after the other (FROM m, m: m's points, then again).
        boolean integral = calls.stream().anyMatch(spec -> spec.function().equals("integral"));
        this.merge = !orderedInput ? GroupScanner.Merge.NONE
                : integral ? GroupScanner.Merge.SOURCES_IN_TURN : GroupScanner.Merge.BY_TIME;
        this.columnFields = ColumnNames.columnFields(ctx.fields());
        this.readBeside = new boolean[drivers.size()];
        List<VarRef> beside = new ArrayList<>(Exprs.varRefs(ctx.expanded().condition()));
        beside.addAll(aux);
        for (VarRef r : beside) {
            Integer slot = SelectContext.isFieldRef(r) ? slots.get(SelectContext.key(r)) : null;
            if (slot != null && slot < drivers.size()) {
                readBeside[slot] = true;
            }
        }
        this.shardHeads = new ShardHeads(ctx);
        this.byShardHeap = new boolean[calls.size()];
        boolean anyByShardHeap = false;
        for (int i = 0; i < byShardHeap.length; i++) {
            String fn = calls.get(i).function();
            byShardHeap[i] = !ctx.windows().hasInterval() && (fn.equals("first") || fn.equals("last"));
            anyByShardHeap |= byShardHeap[i];
        }
        // Statistics and direct reads would give every series' first or last point, where InfluxDB chooses between
        // two: they answer the other calls, those read in passes of their own (their slots hidden here).
        int[] otherSlot = callSlot.clone();
        for (int i = 0; i < otherSlot.length; i++) {
            if (byShardHeap[i]) {
                otherSlot[i] = -1;
            }
        }
        boolean allByShardHeap = anyByShardHeap && Arrays.stream(otherSlot).allMatch(s -> s < 0);
        this.direct = allByShardHeap ? null : DirectScan.of(ctx, calls, otherSlot, drivers,
                !aux.isEmpty() || !followers.isEmpty(), orderedInput);
        this.statistics = allByShardHeap ? null : StatisticsReduction.of(ctx, calls, otherSlot, drivers,
                !aux.isEmpty() || !followers.isEmpty(), direct);
    }

    /** Finds the calls (outside math functions) and the variables outside calls of a field expression. */
    private void collect(Expr e, Map<String, VarRef> auxRefs) {
        switch (e) {
            case Call c when !MathFunctions.isMathFunction(c.name()) -> {
                String key = c.toString();
                if (!callIndex.containsKey(key)) {
                    callIndex.put(key, calls.size());
                    calls.add(CallSpec.of(c));
                }
                callNodes.put(c, callIndex.get(key));
            }
            case Call c -> c.args().forEach(a -> collect(a, auxRefs));
            case BinaryExpr b -> {
                collect(b.lhs(), auxRefs);
                collect(b.rhs(), auxRefs);
            }
            case ParenExpr p -> collect(p.expr(), auxRefs);
            case VarRef r -> {
                auxRefs.putIfAbsent(SelectContext.key(r), r);
                auxNodes.put(r, -1);
            }
            default -> {
            }
        }
    }

    void run(List<SeriesGroup> groups, ResultEmitter out) throws QueryException {
        // InfluxDB builds no iterator for a call whose output type is unknown (e.g. max() of a missing field): its
        // column stays null even with fill(<number>).
        boolean[] reads = new boolean[calls.size()];
        for (int i = 0; i < reads.length; i++) {
            reads[i] = callTypes.get(i) != DataType.UNKNOWN;
        }
        GroupResults results = new GroupResults(groups.size(), reads, i -> reduceGroup(groups.get(i)),
                ctx.memory());
        try {
            join(groups, reads, results, out);
        } finally {
            results.close();
        }
    }

    /** Joins the calls' streams into rows, as InfluxDB's cursor and emitter do. */
    private void join(List<SeriesGroup> groups, boolean[] reads, GroupResults results, ResultEmitter out)
            throws QueryException {
        List<PointStream> streams = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            streams.add(reads[i] ? stream(i, results) : null);
        }
        CallCursor cursor = new CallCursor(streams, aux.size(), ctx.ascending(), ctx.keepsPrevious(),
                i -> ctx.defaultValue(callTypes.get(i)), j -> ctx.defaultValue(aux.get(j).type()));
        Evaluator eval = ctx.fieldEvaluator();
        // Per column, the call it is when it is nothing but one: its value is taken without the evaluator.
        int[] columnCall = new int[columnFields.size()];
        for (int i = 0; i < columnCall.length; i++) {
            Integer call = columnFields.get(i).expr() instanceof Call c && !MathFunctions.isMathFunction(c.name())
                    ? callNodes.get(c) : null;
            columnCall[i] = call == null ? -1 : call;
        }
        Evaluator.Valuer valuer = new Evaluator.Valuer() {
            @Override
            public Object value(VarRef ref) {
                Integer i = auxNodes.get(ref);
                if (i == null) {
                    // The tag columns top() and bottom() add are references made outside the fields' expressions.
                    i = auxIndex.get(SelectContext.key(ref));
                }
                return i == null ? null : cursor.aux(i);
            }

            @Override
            public Object call(Call call) {
                Integer i = callNodes.get(call);
                if (i == null) {
                    i = callIndex.get(call.toString());
                }
                return i == null ? null : cursor.symbol(i);
            }
        };
        // As InfluxDB's emitter: when the cursor returns false it hands on the rows it holds and asks again; false
        // with no row held (or at once) ends the statement. So a percentile() window without a result ends the
        // output if nothing else follows it directly (see PointStream).
        boolean holding = false;
        while (true) {
            if (!cursor.next()) {
                if (!holding) {
                    return;
                }
                out.endPiece();
                holding = false;
                continue;
            }
            holding = true;
            SeriesGroup g = groups.get(cursor.group());
            Object[] row = new Object[columnFields.size() + 1];
            row[0] = cursor.time();
            for (int i = 0; i < columnCall.length; i++) {
                int call = columnCall[i];
                Object v = call >= 0 ? cursor.symbol(call) : eval.eval(columnFields.get(i).expr(), valuer);
                row[i + 1] = Values.nanToNull(v);
            }
            out.row(g.name(), g.tags(), Arrays.asList(row));
        }
    }

    /** Reads one group and reduces its points per call and bucket. */
    private GroupResults.Computed reduceGroup(SeriesGroup g) throws QueryException {
        CallAccumulator[] acc = newAccumulators();
        long[] readCap = new long[calls.size()];
        List<Map<ShardOfSource, Long>> readCounts = new ArrayList<>(calls.size());
        for (int i = 0; i < acc.length; i++) {
            readCap[i] = rawReadCap(calls.get(i));
            readCounts.add(readCap[i] > 0 ? new HashMap<>() : null);
        }
        boolean reduced = false;
        if (statistics != null && g.selectedByTags()) {
            long charged = ctx.budget().points();
            BucketAccumulator[] buckets = new BucketAccumulator[acc.length];
            for (int i = 0; i < acc.length; i++) {
                buckets[i] = (BucketAccumulator) acc[i];
            }
            reduced = statistics.reduce(g, buckets);
            if (!reduced) {
                // Zeros of both signs at an extreme (see StatisticsReduction): the group is read after all, and its
                // values count once against the limit.
                ctx.budget().rewind(charged);
                release(acc);
                acc = newAccumulators();
            }
        }
        if (!reduced && direct != null && g.selectedByTags()) {
            BucketAccumulator[] buckets = new BucketAccumulator[acc.length];
            for (int i = 0; i < acc.length; i++) {
                buckets[i] = (BucketAccumulator) acc[i];
            }
            direct.reduce(g, buckets);
            reduced = true;
        }
        scan(g, acc, readCap, readCounts, reduced);
        List<List<AggPoint>> out = new ArrayList<>(acc.length);
        long bytes = 0;
        for (int i = 0; i < acc.length; i++) {
            List<AggPoint> points = callSlot[i] < 0 ? List.of() : acc[i].finish();
            out.add(points);
            bytes += HeapEstimates.LIST;
            for (AggPoint p : points) {
                bytes += HeapEstimates.LIST_SLOT + p.estimatedBytes();
            }
        }
        // Charged before the reducers are released: finishing built the points while the reducers still held theirs.
        ctx.memory().charge(bytes);
        release(acc);
        return new GroupResults.Computed(out, bytes);
    }

    private static void release(CallAccumulator[] acc) {
        for (CallAccumulator a : acc) {
            a.release();
        }
    }

    private CallAccumulator[] newAccumulators() {
        CompiledSelect c = ctx.compiled();
        Windows windows = ctx.windows();
        CallAccumulator[] acc = new CallAccumulator[calls.size()];
        for (int i = 0; i < acc.length; i++) {
            CallSpec spec = calls.get(i);
            acc[i] = spec.function().equals("integral")
                    ? new IntegralAccumulator(windows, spec.unitNanos(), c.ascending(), isInteger(spec.field()),
                            ctx.memory())
                    : new BucketAccumulator(Functions.reducer(spec, random, c.ascending()), windows, c.ascending(),
                            ctx.memory());
        }
        return acc;
    }

    /**
     * Reads the group's rows and adds them to the calls' accumulators. With integral() and several fields, one
     * pass per field, that field driving and the others followed: InfluxDB builds each call's input on its own, so
     * an integral's points of one time come in the order a merge of that field's points alone gives them. Each
     * {@code first()} and {@code last()} without GROUP BY time() has a pass of its own, in its own time order.
     *
     * @param othersReduced whether statistics or a direct read already gave the other calls their points
     */
    private void scan(SeriesGroup g, CallAccumulator[] acc, long[] readCap, List<Map<ShardOfSource, Long>> readCounts,
            boolean othersReduced) throws QueryException {
        boolean others = false;
        for (int i = 0; i < calls.size(); i++) {
            if (byShardHeap[i] && callSlot[i] >= 0) {
                int call = i;
                boolean first = calls.get(i).function().equals("first");
                if (aux.isEmpty() && followers.isEmpty() && g.selectedByTags()
                        && shardHeads.reduce(g, drivers.get(callSlot[i]), first, (BucketAccumulator) acc[i])) {
                    continue;
                }
                scan(g, acc, readCap, readCounts, callSlot[i], GroupScanner.Merge.FIRST_TWO_PER_SHARD, first,
                        k -> k == call);
            } else {
                others = true;
            }
        }
        if (!others || othersReduced) {
            return;
        }
        IntPredicate notByShardHeap = k -> !byShardHeap[k];
        if (merge == GroupScanner.Merge.SOURCES_IN_TURN && drivers.size() > 1) {
            for (int d = 0; d < drivers.size(); d++) {
                int driver = d;
                scan(g, acc, readCap, readCounts, d, merge, ctx.ascending(),
                        k -> callSlot[k] == driver && notByShardHeap.test(k));
            }
        } else {
            scan(g, acc, readCap, readCounts, -1, merge, ctx.ascending(), notByShardHeap);
        }
    }

    /**
     * One pass over the group's rows, feeding the calls {@code feeds} admits: with {@code driver} at least 0, only
     * that driver makes rows, and of the other drivers only those the WHERE clause or the auxiliary fields read are
     * followed (see {@link #passSlots}).
     */
    private void scan(SeriesGroup g, CallAccumulator[] acc, long[] readCap, List<Map<ShardOfSource, Long>> readCounts,
            int driver, GroupScanner.Merge passMerge, boolean ascending, IntPredicate feeds) throws QueryException {
        CompiledSelect c = ctx.compiled();
        Windows windows = ctx.windows();
        LongUnaryOperator windowOf = windows.hasInterval() ? windows::start : t -> 0;
        List<VarRef> passDrivers = drivers;
        List<VarRef> passFollowers = followers;
        GroupScanner.Gate passGate = gate;
        IntUnaryOperator slotOf = IntUnaryOperator.identity();
        if (driver >= 0) {
            int[] map = passSlots(driver);
            passDrivers = List.of(drivers.get(driver));
            passFollowers = new ArrayList<>();
            for (int d = 0; d < drivers.size(); d++) {
                if (d != driver && map[d] >= 0) {
                    passFollowers.add(drivers.get(d));
                }
            }
            passFollowers.addAll(followers);
            if (gate != null) {
                passGate = new GroupScanner.Gate(map[gate.slot()], gate.admits(), gate.appliesTo(), gate.range());
            }
            slotOf = slot -> map[slot];
        }
        IntUnaryOperator passSlotOf = slotOf;
        GroupScanner.RowFilter filter = (m, values) -> admits(m, slot -> {
            int s = passSlotOf.applyAsInt(slot);
            return s < 0 ? null : values.apply(s);
        });
        GroupScanner.ShardMerge shardMerge = new GroupScanner.ShardMerge(ctx.sourceShards(),
                passMerge == GroupScanner.Merge.FIRST_TWO_PER_SHARD ? auxTieBreak(slotOf, ascending) : null);
        GroupScanner scanner = new GroupScanner(ctx.reader(), g, passDrivers, passFollowers, passGate,
                c.range().min(), c.range().max(), ascending, passMerge, windowOf, shardMerge, filter, ctx.budget(),
                ctx.memory());
        try {
            accumulate(scanner, acc, readCap, readCounts, slotOf, feeds);
        } finally {
            scanner.close();
        }
    }

    /** InfluxDB's order of two points at one time in a shard's merge ({@link AuxOrder}); aux is sorted by name. */
    private GroupScanner.RowTieBreak auxTieBreak(IntUnaryOperator slotOf, boolean ascending) {
        AuxOrder.AuxValue value = (i, m, values) -> auxValue(aux.get(i), m, values, slotOf);
        return (a, aValues, b, bValues) -> AuxOrder.before(aux.size(), value, a, aValues, b, bValues, ascending);
    }

    private Object auxValue(VarRef r, Member m, IntFunction<Object> values, IntUnaryOperator slotOf) {
        if (r.type() == DataType.TAG) {
            return SelectContext.tagOrNull(m, r.name());
        }
        return SelectContext.isFieldRef(r) ? values.apply(slotOf.applyAsInt(slots.get(SelectContext.key(r)))) : null;
    }

    /**
     * Per slot (driver {@code slot}, or follower {@code slot - drivers}), where it is in a pass driven by
     * {@code driver} alone: that driver first, then the other drivers the WHERE clause or the auxiliary fields read,
     * in order, then the followers; -1 for a driver the pass does not read.
     */
    private int[] passSlots(int driver) {
        int[] map = new int[drivers.size() + followers.size()];
        map[driver] = 0;
        int next = 1;
        for (int d = 0; d < drivers.size(); d++) {
            if (d != driver) {
                map[d] = readBeside[d] ? next++ : -1;
            }
        }
        for (int f = 0; f < followers.size(); f++) {
            map[drivers.size() + f] = next++;
        }
        return map;
    }

    private void accumulate(GroupScanner scanner, CallAccumulator[] acc, long[] readCap,
            List<Map<ShardOfSource, Long>> readCounts, IntUnaryOperator slotOf, IntPredicate feeds)
            throws QueryException {
        while (scanner.next()) {
            Member m = scanner.member();
            Object[] auxValues = null;
            if (!aux.isEmpty()) {
                auxValues = new Object[aux.size()];
                for (int i = 0; i < auxValues.length; i++) {
                    auxValues[i] = auxValue(aux.get(i), m, scanner::value, slotOf);
                }
            }
            for (int i = 0; i < acc.length; i++) {
                if (callSlot[i] < 0 || !feeds.test(i)) {
                    continue;
                }
                Object v = scanner.value(slotOf.applyAsInt(callSlot[i]));
                if (v == null) {
                    continue;
                }
                if (readCap[i] > 0 && readCounts.get(i).merge(new ShardOfSource(scanner.shard(), m.source()), 1L,
                        Long::sum) > readCap[i]) {
                    continue;
                }
                acc[i].add(scanner.time(), v, auxValues, m.series());
            }
        }
    }

    /** A shard as read through one FROM source: InfluxDB builds the iterators of each source on its own. */
    private record ShardOfSource(long shard, int source) {
    }

    /**
     * How many points of each group a call may read per shard, 0 for all. InfluxDB builds the input of top(f, N)
     * and bottom(f, N) (without tag arguments) with the statement's LIMIT and OFFSET still set (query/select.go
     * buildCallIterator copies the builder), and the engine then cuts the time-ordered points of each group in each
     * shard after LIMIT + OFFSET + 1 (tsm1 limit iterator); the selector sees only those.
     */
    private long rawReadCap(CallSpec spec) {
        CompiledSelect c = ctx.compiled();
        boolean cut = (spec.function().equals("top") || spec.function().equals("bottom")) && spec.tagArgs().isEmpty()
                && (c.limit() > 0 || c.offset() > 0);
        if (!cut) {
            return 0;
        }
        long cap = c.limit() + c.offset() + 1;
        return cap > 0 ? cap : Long.MAX_VALUE;
    }

    private static boolean isInteger(VarRef field) {
        return field.type() == DataType.INTEGER || field.type() == DataType.UNSIGNED;
    }

    /**
     * The call's points with bucket times, fill and LIMIT/OFFSET applied, as InfluxDB's iterators stack them:
     * {@code top}, {@code bottom}, {@code sample} and {@code integral} keep the times they produce and are never
     * filled, {@code distinct} gets bucket times but no fill, the others get bucket times (unless a lone selector
     * without GROUP BY time) and fill.
     */
    private PointStream stream(int call, GroupResults results) {
        CompiledSelect c = ctx.compiled();
        Windows windows = ctx.windows();
        String fn = calls.get(call).function();
        boolean keepsTimes = switch (fn) {
            case "top", "bottom", "sample", "integral" -> true;
            default -> false;
        };
        boolean fills = !keepsTimes && !fn.equals("distinct");
        UnaryOperator<AggPoint> timing = UnaryOperator.identity();
        if (!keepsTimes && (!selector || windows.hasInterval() || fn.equals("distinct"))) {
            timing = p -> {
                long t = windows.start(p.time());
                return p.withTime(t == TimeRange.MIN_TIME ? 0 : t);
            };
        }
        PointStream s = new ReducedStream(results, call, timing);
        if (fills && windows.hasInterval() && c.fill() != FillOption.NONE) {
            FillOption fill = c.fill();
            Object fillValue = Values.castFillValue(c.fillValue(), callTypes.get(call));
            if (fill == FillOption.NULL && (fn.equals("count") || fn.equals("count_distinct"))) {
                fill = FillOption.NUMBER;
                fillValue = 0L;
            }
            s = new FillStream(s, windows, c.ascending(), fill, fillValue, callTypes.get(call));
        }
        if (c.limit() > 0 || c.offset() > 0) {
            s = new LimitStream(s, c.offset(), c.limit());
        }
        return s;
    }

    /**
     * Whether a row passes the WHERE clause; its tags alone decide it for most members. Checked by the scanner before
     * it merges the row: InfluxDB's series iterators drop what fails the condition before their merge.
     */
    private boolean admits(Member m, IntFunction<Object> values) {
        return m.match() != TagCondition.Result.UNKNOWN
                || ctx.conditionEvaluator().evalBool(ctx.expanded().condition(), r -> conditionValue(r, values, m));
    }

    private Object conditionValue(VarRef r, IntFunction<Object> values, Member m) {
        if (SelectContext.isFieldRef(r)) {
            return values.apply(slots.get(SelectContext.key(r)));
        }
        return r.name().equals("_name") ? m.series().measurement() : m.series().tag(r.name());
    }
}
