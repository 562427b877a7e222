package io.tidemark.query.expr;

import io.tidemark.influxql.ast.BinaryExpr;
import io.tidemark.influxql.ast.BooleanLiteral;
import io.tidemark.influxql.ast.Call;
import io.tidemark.influxql.ast.Expr;
import io.tidemark.influxql.ast.IntegerLiteral;
import io.tidemark.influxql.ast.NumberLiteral;
import io.tidemark.influxql.ast.Operator;
import io.tidemark.influxql.ast.ParenExpr;
import io.tidemark.influxql.ast.RegexLiteral;
import io.tidemark.influxql.ast.StringLiteral;
import io.tidemark.influxql.ast.UnsignedLiteral;
import io.tidemark.influxql.ast.VarRef;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Evaluates expressions over one row of values with the semantics of InfluxQL's {@code ValuerEval}: integers stay
 * integers for {@code + - * %} and bitwise operators, a division by zero gives 0, a comparison of incompatible
 * values is false and arithmetic on them is null. Values are {@link Long}, {@link Double}, {@link String},
 * {@link Boolean} or null.
 *
 * <p>Not thread-safe: it caches compiled regexes; use one per statement execution.
 */
public final class Evaluator {
    /** Supplies the values of variables (and of aggregate calls, which the evaluator cannot compute itself). */
    public interface Valuer {
        Object value(VarRef ref);

        /** The value of a non-math call, such as an aggregate computed elsewhere; null if unknown. */
        default Object call(Call call) {
            return null;
        }
    }

    private final boolean integerFloatDivision;
    private final boolean nullBesideBooleanIsFalse;
    private final Map<String, Pattern> patterns = new HashMap<>();

    /**
     * @param integerFloatDivision true for field expressions (integer / integer gives a float, as InfluxDB's
     *     cursor evaluates them), false for conditions
     */
    public Evaluator(boolean integerFloatDivision) {
        this(integerFloatDivision, true);
    }

    /**
     * @param nullBesideBooleanIsFalse whether null next to a boolean reads as false (ValuerEval's cast of a nil).
     *     False for the WHERE clause over stored rows: InfluxDB's storage engine hands the condition a missing field
     *     as a typed nil pointer (tsm1 {@code bufCursor.nextAt}), which ValuerEval does not cast, so a comparison
     *     with a missing field is false whatever the operator ({@code ok = false} and {@code ok != true} alike)
     */
    public Evaluator(boolean integerFloatDivision, boolean nullBesideBooleanIsFalse) {
        this.integerFloatDivision = integerFloatDivision;
        this.nullBesideBooleanIsFalse = nullBesideBooleanIsFalse;
    }

    public Object eval(Expr e, Valuer valuer) {
        return switch (e) {
            case null -> null;
            case BinaryExpr b -> evalBinary(b, valuer);
            case BooleanLiteral b -> b.value();
            case IntegerLiteral i -> i.value();
            case UnsignedLiteral u -> u.value();
            case NumberLiteral n -> n.value();
            case StringLiteral s -> s.value();
            case RegexLiteral r -> pattern(r.pattern());
            case ParenExpr p -> eval(p.expr(), valuer);
            case VarRef r -> valuer.value(r);
            case Call c -> {
                if (MathFunctions.isMathFunction(c.name())) {
                    Object[] args = new Object[c.args().size()];
                    for (int i = 0; i < args.length; i++) {
                        args[i] = eval(c.args().get(i), valuer);
                    }
                    yield MathFunctions.apply(c.name(), args);
                }
                yield valuer.call(c);
            }
            default -> null;
        };
    }

    /** True only when the expression evaluates to boolean true. */
    public boolean evalBool(Expr e, Valuer valuer) {
        return eval(e, valuer) instanceof Boolean b && b;
    }

    public Pattern pattern(String goPattern) {
        return patterns.computeIfAbsent(goPattern, GoRegex::compile);
    }

    private Object evalBinary(BinaryExpr expr, Valuer valuer) {
        Object lhs = eval(expr.lhs(), valuer);
        Object rhs = eval(expr.rhs(), valuer);
        // InfluxDB casts a missing value to false next to a boolean.
        if (nullBesideBooleanIsFalse) {
            if (lhs == null && rhs instanceof Boolean) {
                lhs = false;
            } else if (lhs instanceof Boolean && rhs == null) {
                rhs = false;
            }
        }
        Operator op = expr.op();
        Object result = switch (lhs) {
            case Boolean l -> booleanOp(op, l, rhs);
            case Double l -> floatOp(op, l, rhs);
            case Long l -> integerOp(op, l, rhs);
            case String l -> stringOp(op, l, rhs);
            case null, default -> NO_RESULT;
        };
        if (result != NO_RESULT) {
            return result;
        }
        return isComparison(op) ? Boolean.FALSE : null;
    }

    /** Marks "no rule for these types"; the caller then applies InfluxDB's fallback. */
    private static final Object NO_RESULT = new Object();

    private static boolean isComparison(Operator op) {
        return switch (op) {
            case EQ, NEQ, LT, LTE, GT, GTE -> true;
            default -> false;
        };
    }

    private static Object booleanOp(Operator op, boolean l, Object rhs) {
        boolean ok = rhs instanceof Boolean;
        boolean r = ok && (Boolean) rhs;
        return switch (op) {
            case AND, BITWISE_AND -> ok && l && r;
            case OR, BITWISE_OR -> ok && (l || r);
            case BITWISE_XOR -> ok && l != r;
            case EQ -> ok && l == r;
            case NEQ -> ok && l != r;
            default -> NO_RESULT;
        };
    }

    private static Object floatOp(Operator op, double l, Object rhs) {
        boolean ok = rhs instanceof Double || rhs instanceof Long;
        double r = rhs instanceof Double d ? d : (rhs instanceof Long x ? (double) x : 0);
        return switch (op) {
            case EQ -> ok && l == r;
            case NEQ -> ok && l != r;
            case LT -> ok && l < r;
            case LTE -> ok && l <= r;
            case GT -> ok && l > r;
            case GTE -> ok && l >= r;
            case ADD -> ok ? l + r : null;
            case SUB -> ok ? l - r : null;
            case MUL -> ok ? l * r : null;
            case DIV -> ok ? (r == 0 ? 0.0 : l / r) : null;
            case MOD -> ok ? l % r : null;
            default -> NO_RESULT;
        };
    }

    private Object integerOp(Operator op, long l, Object rhs) {
        if (rhs instanceof Double r) {
            double lf = l;
            return switch (op) {
                case EQ -> lf == r;
                case NEQ -> lf != r;
                case LT -> lf < r;
                case LTE -> lf <= r;
                case GT -> lf > r;
                case GTE -> lf >= r;
                case ADD -> lf + r;
                case SUB -> lf - r;
                case MUL -> lf * r;
                case DIV -> r == 0 ? 0.0 : lf / r;
                case MOD -> lf % r;
                default -> NO_RESULT;
            };
        }
        if (rhs instanceof Long r) {
            return switch (op) {
                case EQ -> l == r;
                case NEQ -> l != r;
                case LT -> l < r;
                case LTE -> l <= r;
                case GT -> l > r;
                case GTE -> l >= r;
                case ADD -> l + r;
                case SUB -> l - r;
                case MUL -> l * r;
                case DIV -> {
                    if (integerFloatDivision) {
                        yield r == 0 ? 0.0 : (double) l / (double) r;
                    }
                    yield r == 0 ? 0L : l / r;
                }
                case MOD -> r == 0 ? 0L : l % r;
                case BITWISE_AND -> l & r;
                case BITWISE_OR -> l | r;
                case BITWISE_XOR -> l ^ r;
                default -> NO_RESULT;
            };
        }
        return NO_RESULT;
    }

    private static Object stringOp(Operator op, String l, Object rhs) {
        return switch (op) {
            case EQ -> rhs instanceof String r && l.equals(r);
            case NEQ -> rhs instanceof String r && !l.equals(r);
            case EQREGEX -> rhs instanceof Pattern p && GoRegex.matches(p, l);
            case NEQREGEX -> rhs instanceof Pattern p && !GoRegex.matches(p, l);
            default -> NO_RESULT;
        };
    }
}
