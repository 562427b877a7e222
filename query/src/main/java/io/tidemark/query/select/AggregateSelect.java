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
import io.tidemark.query.series.TagCondition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Executes a SELECT with aggregate or selector calls, one output group at a time: every call reduces the group's
 * points per bucket; the calls' point streams then get the bucket times, fill and LIMIT/OFFSET each, and are
 * joined by time into rows over which the fields' expressions are evaluated, as InfluxDB's cursor joins its call
 * iterators.
 *
 * <p>Memory per group: the buckets' reducer state (values of the bucket for median, percentile, mode, distinct).
 * Not thread-safe: one per statement execution.
 */
final class AggregateSelect {
    private final SelectContext ctx;
    private final RandomGenerator random;
    private final List<CallSpec> calls = new ArrayList<>();
    private final Map<String, Integer> callIndex = new HashMap<>();
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
        this.columnFields = ColumnNames.columnFields(ctx.fields());
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
            }
            case Call c -> c.args().forEach(a -> collect(a, auxRefs));
            case BinaryExpr b -> {
                collect(b.lhs(), auxRefs);
                collect(b.rhs(), auxRefs);
            }
            case ParenExpr p -> collect(p.expr(), auxRefs);
            case VarRef r -> auxRefs.putIfAbsent(SelectContext.key(r), r);
            default -> {
            }
        }
    }

    void run(List<SeriesGroup> groups, ResultEmitter out) throws QueryException {
        for (SeriesGroup g : groups) {
            runGroup(g, out);
        }
    }

    private void runGroup(SeriesGroup g, ResultEmitter out) throws QueryException {
        CompiledSelect c = ctx.compiled();
        Windows windows = ctx.windows();
        CallAccumulator[] acc = new CallAccumulator[calls.size()];
        for (int i = 0; i < acc.length; i++) {
            CallSpec spec = calls.get(i);
            acc[i] = spec.function().equals("integral")
                    ? new IntegralAccumulator(windows, spec.unitNanos(), c.ascending())
                    : new BucketAccumulator(Functions.reducer(spec, random), windows, c.ascending());
        }
        GroupScanner scanner = new GroupScanner(ctx.reader(), g, drivers, followers, c.range().min(),
                c.range().max(), c.ascending(), orderedInput, ctx.budget());
        Expr condition = ctx.expanded().condition();
        while (scanner.next()) {
            Member m = scanner.member();
            if (m.match() == TagCondition.Result.UNKNOWN
                    && !ctx.conditionEvaluator().evalBool(condition, r -> conditionValue(r, scanner, m))) {
                continue;
            }
            Object[] auxValues = null;
            if (!aux.isEmpty()) {
                auxValues = new Object[aux.size()];
                for (int i = 0; i < auxValues.length; i++) {
                    VarRef r = aux.get(i);
                    if (r.type() == DataType.TAG) {
                        auxValues[i] = SelectContext.tagOrNull(m, r.name());
                    } else if (SelectContext.isFieldRef(r)) {
                        auxValues[i] = scanner.value(slots.get(SelectContext.key(r)));
                    }
                }
            }
            for (int i = 0; i < acc.length; i++) {
                if (callSlot[i] < 0) {
                    continue;
                }
                Object v = scanner.value(callSlot[i]);
                if (v != null) {
                    acc[i].add(scanner.time(), v, auxValues, m.series());
                }
            }
        }
        List<Iterator<AggPoint>> streams = new ArrayList<>(acc.length);
        for (int i = 0; i < acc.length; i++) {
            streams.add(stream(i, callSlot[i] < 0 ? List.of() : acc[i].finish()));
        }
        join(g, streams, out);
    }

    /**
     * The call's points with bucket times, fill and LIMIT/OFFSET applied, as InfluxDB's iterators stack them:
     * {@code top}, {@code bottom}, {@code sample} and {@code integral} keep the times they produce and are never
     * filled, {@code distinct} gets bucket times but no fill, the others get bucket times (unless a lone selector
     * without GROUP BY time) and fill.
     */
    private Iterator<AggPoint> stream(int call, List<AggPoint> points) {
        CompiledSelect c = ctx.compiled();
        Windows windows = ctx.windows();
        String fn = calls.get(call).function();
        boolean keepsTimes = switch (fn) {
            case "top", "bottom", "sample", "integral" -> true;
            default -> false;
        };
        boolean fills = !keepsTimes && !fn.equals("distinct");
        List<AggPoint> timed = points;
        if (!keepsTimes && (!selector || windows.hasInterval() || fn.equals("distinct"))) {
            timed = new ArrayList<>(points.size());
            for (AggPoint p : points) {
                long t = windows.start(p.time());
                timed.add(p.withTime(t == TimeRange.MIN_TIME ? 0 : t));
            }
        }
        Iterator<AggPoint> it = timed.iterator();
        if (fills && windows.hasInterval() && c.fill() != FillOption.NONE) {
            FillOption fill = c.fill();
            Object fillValue = Values.castFillValue(c.fillValue(), callTypes.get(call));
            if (fill == FillOption.NULL && (fn.equals("count") || fn.equals("count_distinct"))) {
                fill = FillOption.NUMBER;
                fillValue = 0L;
            }
            it = new FillIterator(timed, windows, c.ascending(), fill, fillValue, callTypes.get(call));
        }
        if (c.limit() > 0 || c.offset() > 0) {
            it = new LimitIterator<>(it, c.offset(), c.limit());
        }
        return it;
    }

    /** Joins the calls' streams by time into output rows, filling what a call lacks at a time with the default. */
    private void join(SeriesGroup g, List<Iterator<AggPoint>> streams, ResultEmitter out) {
        boolean ascending = ctx.ascending();
        int n = streams.size();
        AggPoint[] heads = new AggPoint[n];
        for (int i = 0; i < n; i++) {
            heads[i] = streams.get(i).hasNext() ? streams.get(i).next() : null;
        }
        Object[] symbols = new Object[n];
        Object[] auxValues = new Object[aux.size()];
        Evaluator eval = ctx.fieldEvaluator();
        while (true) {
            boolean found = false;
            long t = 0;
            for (AggPoint h : heads) {
                if (h != null && (!found || (ascending ? h.time() < t : h.time() > t))) {
                    t = h.time();
                    found = true;
                }
            }
            if (!found) {
                return;
            }
            for (int i = 0; i < n; i++) {
                AggPoint h = heads[i];
                if (h != null && h.time() == t) {
                    if (h.value() != null) {
                        symbols[i] = h.value();
                    } else if (!ctx.keepsPrevious()) {
                        symbols[i] = ctx.defaultValue(callTypes.get(i));
                    }
                    for (int j = 0; j < auxValues.length; j++) {
                        Object v = h.aux() == null ? null : h.aux()[j];
                        if (v != null) {
                            auxValues[j] = v;
                        } else if (!ctx.keepsPrevious()) {
                            auxValues[j] = ctx.defaultValue(aux.get(j).type());
                        }
                    }
                    heads[i] = streams.get(i).hasNext() ? streams.get(i).next() : null;
                } else if (!ctx.keepsPrevious()) {
                    symbols[i] = ctx.defaultValue(callTypes.get(i));
                    for (int j = 0; j < auxValues.length; j++) {
                        auxValues[j] = ctx.defaultValue(aux.get(j).type());
                    }
                }
            }
            List<Object> row = new ArrayList<>(columnFields.size() + 1);
            row.add(t);
            Evaluator.Valuer valuer = new Evaluator.Valuer() {
                @Override
                public Object value(VarRef ref) {
                    Integer i = auxIndex.get(SelectContext.key(ref));
                    return i == null ? null : auxValues[i];
                }

                @Override
                public Object call(Call call) {
                    Integer i = callIndex.get(call.toString());
                    return i == null ? null : symbols[i];
                }
            };
            for (Field f : columnFields) {
                row.add(Values.nanToNull(eval.eval(f.expr(), valuer)));
            }
            out.row(g.name(), g.tags(), row);
        }
    }

    private Object conditionValue(VarRef r, GroupScanner scanner, Member m) {
        if (SelectContext.isFieldRef(r)) {
            return scanner.value(slots.get(SelectContext.key(r)));
        }
        return r.name().equals("_name") ? m.series().measurement() : m.series().tag(r.name());
    }
}
