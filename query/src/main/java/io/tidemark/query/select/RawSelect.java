package io.tidemark.query.select;

import io.tidemark.influxql.ast.DataType;
import io.tidemark.influxql.ast.Expr;
import io.tidemark.influxql.ast.Field;
import io.tidemark.influxql.ast.VarRef;
import io.tidemark.query.QueryException;
import io.tidemark.query.agg.Values;
import io.tidemark.query.expr.DataTypes;
import io.tidemark.query.expr.Evaluator;
import io.tidemark.query.expr.Exprs;
import io.tidemark.query.series.SeriesKey;
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

/**
 * Executes a SELECT without function calls: one output row per time at which a selected field of a series has a
 * value and the WHERE clause holds, the fields' expressions evaluated over that row. LIMIT and OFFSET count rows of
 * each output group; a group stops being read once its LIMIT is reached.
 *
 * <p>As InfluxDB's storage engine does under LIMIT or OFFSET, each shard (read through each FROM source) contributes
 * at most the first {@code offset + limit + 1} rows of a group before OFFSET is applied to the merged rows (tsm1's
 * limit iterator stops once {@code n - offset > limit}). With a LIMIT this never cuts a row the LIMIT keeps; with
 * OFFSET alone it leaves one row per group and shard after the offset.
 *
 * <p>Not thread-safe: one per statement execution.
 */
final class RawSelect {
    private final SelectContext ctx;
    private final List<VarRef> aux = new ArrayList<>();
    private final List<VarRef> drivers = new ArrayList<>();
    private final List<VarRef> followers = new ArrayList<>();
    // Resolved once per statement rather than per row: per aux column, its scanner slot (-1 for a tag); per
    // reference of the fields' expressions (by identity), its aux column; per reference of the WHERE clause, its
    // scanner slot if it reads a field, else -1 - its index in conditionTagRefs.
    private final int[] auxSlot;
    private final IdentityHashMap<VarRef, Integer> fieldArgs = new IdentityHashMap<>();
    private final IdentityHashMap<VarRef, Integer> conditionRefs = new IdentityHashMap<>();
    private final List<VarRef> conditionTagRefs = new ArrayList<>();
    // The tag values of the member the last row came from, per aux column (null for a field) and per condition tag.
    private Member tagsOf;
    private final Object[] auxTags;
    /** The tags among the selected columns, when more than one: read from each series' key in one scan. */
    private final SeriesKey.TagNames auxTagNames;
    private final Object[] conditionTags;
    // The WHERE clause's top-level conjuncts (ANDs flattened through parentheses): the clause holds exactly when
    // every conjunct does (Evaluator's AND is true only for two booleans true), so those without a field reference
    // are evaluated once per series and the others per row, stopping at the first false.
    private final List<Expr> seriesConjuncts = new ArrayList<>();
    private final List<Expr> rowConjuncts = new ArrayList<>();
    /** Whether the series conjuncts hold for the member the last row came from. */
    private boolean seriesPasses;
    /** A row conjunct the scanner can apply before it assembles a row (see {@link GroupScanner.Gate}); or null. */
    private final GroupScanner.Gate gate;
    /** The conjunct the gate applies; rows it let through are not evaluated against it again. */
    private final Expr gateConjunct;
    private final AuxOrder.AuxValue auxValueOf = this::auxValue;
    /** The aux columns' values at the row being emitted. */
    private final Object[] auxValues;
    /** Per aux column, what a row without its value gets (unless {@link #keepsPrevious}): fill()'s value or null. */
    private final Object[] auxDefaults;
    private final boolean keepsPrevious;
    /** Per selected field, the aux column its expression is a plain reference to, else -1: evaluated per row. */
    private final int[] fieldAux;
    /** The fields' expressions' view of {@link #auxValues}: a reference reads its aux column. */
    private final Evaluator.Valuer fieldValuer;

    /** A shard as read through one FROM source: InfluxDB reads each source's shards with their own iterators. */
    private record SourceShard(int source, long shard) {
    }

    RawSelect(SelectContext ctx) {
        this.ctx = ctx;
        Map<String, VarRef> refs = new LinkedHashMap<>();
        for (Field f : ctx.fields()) {
            for (VarRef r : Exprs.varRefs(f.expr())) {
                refs.putIfAbsent(SelectContext.key(r), r);
            }
        }
        aux.addAll(refs.values());
        aux.sort(Comparator.comparing(VarRef::name).thenComparingInt(r -> DataTypes.goOrder(r.type())));
        Map<String, Integer> auxIndex = new HashMap<>();
        Map<String, Integer> slots = new HashMap<>();
        auxSlot = new int[aux.size()];
        for (int i = 0; i < aux.size(); i++) {
            VarRef r = aux.get(i);
            auxIndex.put(SelectContext.key(r), i);
            auxSlot[i] = -1;
            if (r.type() != DataType.TAG) {
                auxSlot[i] = drivers.size();
                slots.put(SelectContext.key(r), drivers.size());
                drivers.add(r);
            }
        }
        for (Field f : ctx.fields()) {
            for (VarRef r : Exprs.varRefs(f.expr())) {
                fieldArgs.put(r, auxIndex.get(SelectContext.key(r)));
            }
        }
        Expr condition = ctx.expanded().condition();
        for (VarRef r : Exprs.varRefs(condition)) {
            if (SelectContext.isFieldRef(r)) {
                Integer slot = slots.computeIfAbsent(SelectContext.key(r), k -> {
                    followers.add(r);
                    return drivers.size() + followers.size() - 1;
                });
                conditionRefs.put(r, slot);
            } else {
                conditionRefs.put(r, -1 - conditionTagRefs.size());
                conditionTagRefs.add(r);
            }
        }
        auxTags = new Object[aux.size()];
        List<String> tagNames = new ArrayList<>();
        for (int i = 0; i < aux.size(); i++) {
            if (auxSlot[i] < 0) {
                tagNames.add(aux.get(i).name());
            }
        }
        auxTagNames = tagNames.size() > 1 ? SeriesKey.TagNames.of(tagNames) : null;
        auxValues = new Object[aux.size()];
        auxDefaults = new Object[aux.size()];
        fieldValuer = r -> auxValues[resolved(fieldArgs, r)];
        for (int i = 0; i < aux.size(); i++) {
            auxDefaults[i] = ctx.defaultValue(aux.get(i).type());
        }
        keepsPrevious = ctx.keepsPrevious();
        fieldAux = new int[ctx.fields().size()];
        for (int i = 0; i < fieldAux.length; i++) {
            fieldAux[i] = ctx.fields().get(i).expr() instanceof VarRef r ? resolved(fieldArgs, r) : -1;
        }
        conditionTags = new Object[conditionTagRefs.size()];
        for (Expr e : Gates.conjuncts(condition)) {
            boolean perRow = Exprs.varRefs(e).stream().anyMatch(SelectContext::isFieldRef);
            (perRow ? rowConjuncts : seriesConjuncts).add(e);
        }
        gateConjunct = Gates.conjunctOf(rowConjuncts, ctx.conditionEvaluator());
        gate = Gates.of(gateConjunct, ctx.conditionEvaluator(), r -> resolved(conditionRefs, r));
    }

    void run(List<SeriesGroup> groups, ResultEmitter out) throws QueryException {
        for (SeriesGroup g : groups) {
            runGroup(g, out);
        }
    }

    private void runGroup(SeriesGroup g, ResultEmitter out) throws QueryException {
        CompiledSelect c = ctx.compiled();
        GroupScanner.ShardMerge order = new GroupScanner.ShardMerge(ctx.sourceShards(), this::before);
        GroupScanner scanner = new GroupScanner(ctx.reader(), g, drivers, followers, gate, c.range().min(),
                c.range().max(), c.ascending(), GroupScanner.Merge.SORTED_PER_SHARD, t -> 0, order, this::admits,
                ctx.budget(), ctx.memory());
        try {
            emitRows(g, scanner, out);
        } finally {
            scanner.close();
        }
    }

    /** {@code offset + limit + 1}, saturated: LIMIT 9223372036854775807 is every row, not none. */
    private static long rowsKeptPerShard(CompiledSelect c) {
        long sum = c.offset() + c.limit() + 1;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private void emitRows(SeriesGroup g, GroupScanner scanner, ResultEmitter out) throws QueryException {
        CompiledSelect c = ctx.compiled();
        long offset = c.offset();
        long limit = c.limit();
        ShardRowCounts perShard = limit > 0 || offset > 0 ? new ShardRowCounts(rowsKeptPerShard(c)) : null;
        Arrays.fill(auxValues, null);   // fill(previous) carries values within a group only
        long n = 0;
        while (scanner.next()) {
            if (perShard != null && perShard.beyondLimit(scanner)) {
                continue;
            }
            readValues(scanner);
            n++;
            if (n <= offset) {
                continue;
            }
            out.row(g.name(), g.tags(), row(scanner.time()));
            // Stop before reading another row: under ORDER BY time DESC LIMIT 1, the latest values only.
            if (limit > 0 && n - offset >= limit) {
                break;
            }
        }
    }

    /** The values of the aux columns at the scanner's row; under fill(previous) a missing one keeps its last. */
    private void readValues(GroupScanner scanner) {
        Member m = scanner.member();
        if (m != tagsOf) {
            readTags(m);
        }
        Object[] values = auxValues;
        for (int i = 0; i < values.length; i++) {
            Object v = auxSlot[i] < 0 ? auxTags[i] : scanner.value(auxSlot[i]);
            if (v != null) {
                values[i] = v;
            } else if (!keepsPrevious) {
                values[i] = auxDefaults[i];
            }
        }
    }

    /** An output row: the time, then each field, a plain reference copied and any other expression evaluated. */
    private List<Object> row(long time) {
        List<Field> fields = ctx.fields();
        Object[] row = new Object[fields.size() + 1];
        row[0] = time;
        for (int i = 0; i < fieldAux.length; i++) {
            int at = fieldAux[i];
            Object v = at >= 0 ? auxValues[at] : ctx.fieldEvaluator().eval(fields.get(i).expr(), fieldValuer);
            row[i + 1] = Values.nanToNull(v);
        }
        return Arrays.asList(row);
    }

    /**
     * Rows of a group counted per shard and FROM source, for the cut at {@code offset + limit + 1} rows that each
     * shard contributes under LIMIT or OFFSET.
     */
    private static final class ShardRowCounts {
        private final long kept;
        private final Map<SourceShard, Long> rows = new HashMap<>();

        ShardRowCounts(long kept) {
            this.kept = kept;
        }

        boolean beyondLimit(GroupScanner scanner) {
            return rows.merge(new SourceShard(scanner.member().source(), scanner.shard()), 1L, Long::sum) > kept;
        }
    }

    /**
     * Whether a row passes the WHERE clause; its tags alone decide it for most members. Checked by the scanner before
     * it merges the row: InfluxDB's series iterators drop what fails the condition before their merge.
     */
    private boolean admits(Member m, IntFunction<Object> values) {
        if (m.match() != TagCondition.Result.UNKNOWN) {
            return true;
        }
        if (m != tagsOf) {
            readTags(m);
        }
        return seriesPasses && rowConditionHolds(ctx.conditionEvaluator(), values);
    }

    /** InfluxDB's order of rows at one time ({@link AuxOrder}); the selected fields and tags are sorted by name. */
    private boolean before(Member a, IntFunction<Object> aValues, Member b, IntFunction<Object> bValues) {
        return AuxOrder.before(aux.size(), auxValueOf, a, aValues, b, bValues, ctx.ascending());
    }

    private Object auxValue(int i, Member m, IntFunction<Object> values) {
        return auxSlot[i] < 0 ? SelectContext.tagOrNull(m, aux.get(i).name()) : values.apply(auxSlot[i]);
    }

    /** A field or tag value for the WHERE clause: tags (and unknown names) read "" when the series lacks them. */
    private Object conditionValue(VarRef r, IntFunction<Object> values) {
        int at = resolved(conditionRefs, r);
        return at >= 0 ? values.apply(at) : conditionTags[-1 - at];
    }

    /** Where a reference of the statement's expressions was resolved to; every one was, by identity. */
    private static int resolved(IdentityHashMap<VarRef, Integer> resolved, VarRef r) {
        Integer at = resolved.get(r);
        if (at == null) {
            throw new IllegalStateException("BUG: " + r + " is not a reference of the statement's expressions");
        }
        return at;
    }

    private boolean rowConditionHolds(Evaluator condEval, IntFunction<Object> values) {
        for (Expr e : rowConjuncts) {
            if (e != gateConjunct && !condEval.evalBool(e, r -> conditionValue(r, values))) {
                return false;
            }
        }
        return true;
    }

    /** Reads the tag values the rows of {@code m} need, once per member rather than per row. */
    private void readTags(Member m) {
        tagsOf = m;
        if (auxTagNames != null) {
            m.series().readTags(auxTagNames);
        }
        for (int i = 0; i < aux.size(); i++) {
            auxTags[i] = auxSlot[i] < 0 ? SelectContext.tagOrNull(m, aux.get(i).name()) : null;
        }
        for (int i = 0; i < conditionTags.length; i++) {
            String name = conditionTagRefs.get(i).name();
            conditionTags[i] = name.equals("_name") ? m.series().measurement() : m.series().tag(name);
        }
        Evaluator condEval = ctx.conditionEvaluator();
        seriesPasses = true;
        for (Expr e : seriesConjuncts) {
            if (!condEval.evalBool(e, r -> conditionValue(r, slot -> null))) {
                seriesPasses = false;
                break;
            }
        }
    }
}
