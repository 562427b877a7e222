package io.tidemark.query.select;

import io.tidemark.influxql.ast.BinaryExpr;
import io.tidemark.influxql.ast.Expr;
import io.tidemark.influxql.ast.IntegerLiteral;
import io.tidemark.influxql.ast.NumberLiteral;
import io.tidemark.influxql.ast.Operator;
import io.tidemark.influxql.ast.ParenExpr;
import io.tidemark.influxql.ast.VarRef;
import io.tidemark.storage.api.ValueRange;

/**
 * The values a gate's conjunct can admit, when it compares its field with a number ({@code usage_user > 90},
 * {@code 10 >= f}, {@code f = 3}): the evaluator compares an integer with a float as doubles and two integers
 * exactly, so the range is exact for a float literal and for an integer literal below 2^53 in magnitude (so that
 * its neighbours, too, are held exactly by doubles); other conjuncts give none. Stateless.
 */
final class GateRanges {
    private static final double EXACT_LONGS = 0x1p53;

    private GateRanges() {
    }

    /** The range of values {@code conjunct} may admit, or null if it is not a comparison of its field and a number. */
    static ValueRange of(Expr conjunct) {
        Expr e = unwrap(conjunct);
        if (!(e instanceof BinaryExpr b)) {
            return null;
        }
        Expr lhs = unwrap(b.lhs());
        Expr rhs = unwrap(b.rhs());
        if (lhs instanceof VarRef && number(rhs) != null) {
            return range(b.op(), number(rhs));
        }
        if (rhs instanceof VarRef && number(lhs) != null) {
            return range(b.op().mirrored(), number(lhs));
        }
        return null;
    }

    private static Expr unwrap(Expr e) {
        while (e instanceof ParenExpr p) {
            e = p.expr();
        }
        return e;
    }

    private static Double number(Expr e) {
        if (e instanceof NumberLiteral n && !Double.isNaN(n.value())) {
            return n.value();
        }
        if (e instanceof IntegerLiteral i && Math.abs((double) i.value()) < EXACT_LONGS) {
            return (double) i.value();
        }
        return null;
    }

    private static ValueRange range(Operator op, double c) {
        return switch (op) {
            case GT -> ValueRange.above(c, false);
            case GTE -> ValueRange.above(c, true);
            case LT -> ValueRange.below(c, false);
            case LTE -> ValueRange.below(c, true);
            case EQ -> ValueRange.exactly(c);
            default -> null;
        };
    }
}
