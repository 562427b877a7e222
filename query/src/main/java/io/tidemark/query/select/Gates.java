package io.tidemark.query.select;

import io.tidemark.influxql.ast.BinaryExpr;
import io.tidemark.influxql.ast.Expr;
import io.tidemark.influxql.ast.Operator;
import io.tidemark.influxql.ast.ParenExpr;
import io.tidemark.influxql.ast.VarRef;
import io.tidemark.query.expr.Evaluator;
import io.tidemark.query.expr.Exprs;
import io.tidemark.query.series.TagCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The gate of a WHERE clause ({@link GroupScanner.Gate}) for the raw and the aggregate SELECT: a top-level conjunct
 * on one field that is false where that field has no value, so that rows need only be looked for where it holds.
 * Stateless.
 */
final class Gates {
    private Gates() {
    }

    /** The top-level conjuncts of {@code e} (parentheses and ANDs taken apart); none for null. */
    static List<Expr> conjuncts(Expr e) {
        List<Expr> out = new ArrayList<>();
        collect(e, out);
        return out;
    }

    private static void collect(Expr e, List<Expr> out) {
        if (e instanceof ParenExpr p) {
            collect(p.expr(), out);
        } else if (e instanceof BinaryExpr b && b.op() == Operator.AND) {
            collect(b.lhs(), out);
            collect(b.rhs(), out);
        } else if (e != null) {
            out.add(e);
        }
    }

    /**
     * The scanner's gate for {@code conjunct} (one {@link #conjunctOf} chose; null gives null), tested for the
     * members whose rows the clause is evaluated on. {@code slotOf} gives a field reference's cursor slot.
     */
    static GroupScanner.Gate of(Expr conjunct, Evaluator conditions, ToIntFunction<VarRef> slotOf) {
        if (conjunct == null) {
            return null;
        }
        int slot = slotOf.applyAsInt(Exprs.varRefs(conjunct).getFirst());
        return new GroupScanner.Gate(slot, v -> v != null && conditions.evalBool(conjunct, r -> v),
                m -> m.match() == TagCondition.Result.UNKNOWN, GateRanges.of(conjunct));
    }

    /**
     * The gate among a WHERE clause's top-level conjuncts: the first that reads one field only and is not true when
     * that field has no value (asked of the evaluator itself, so that a case where InfluxDB's casts make a missing
     * value pass, such as {@code f = false}, is never a gate); null if there is none. Conjuncts on tags alone are
     * passed over.
     */
    static Expr conjunctOf(List<Expr> conjuncts, Evaluator conditions) {
        for (Expr e : conjuncts) {
            List<VarRef> refs = Exprs.varRefs(e);
            if (refs.isEmpty() || !SelectContext.isFieldRef(refs.getFirst())) {
                continue;
            }
            String key = SelectContext.key(refs.getFirst());
            boolean oneField = refs.stream().allMatch(r -> SelectContext.isFieldRef(r)
                    && SelectContext.key(r).equals(key));
            if (oneField && !conditions.evalBool(e, r -> null)) {
                return e;
            }
        }
        return null;
    }
}
