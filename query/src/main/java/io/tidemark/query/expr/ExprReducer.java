package io.tidemark.query.expr;

import io.tidemark.influxql.ast.BinaryExpr;
import io.tidemark.influxql.ast.BooleanLiteral;
import io.tidemark.influxql.ast.Call;
import io.tidemark.influxql.ast.DurationLiteral;
import io.tidemark.influxql.ast.Expr;
import io.tidemark.influxql.ast.IntegerLiteral;
import io.tidemark.influxql.ast.NumberLiteral;
import io.tidemark.influxql.ast.Operator;
import io.tidemark.influxql.ast.ParenExpr;
import io.tidemark.influxql.ast.StringLiteral;
import io.tidemark.influxql.ast.UnsignedLiteral;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What InfluxDB's compiler does to each selected field before checking it: {@code influxql.Reduce} with the math
 * valuer, which folds the parts made of literals alone ({@code usage / (1024 * 1024)} reads {@code usage / 1048576},
 * {@code pow(2, 3) * usage} reads {@code 8 * usage}, and {@code 1 + 2} is the literal 3, which a field may not be)
 * and drops parentheses that no longer hold a binary expression. The result names the column, as in InfluxDB
 * ({@code pow(2, 3) * usage} is the column {@code usage}). Integer division gives a float, and dividing by zero
 * gives 0, as InfluxQL's literal arithmetic does. Left as they are: operations on time literals, comparisons of two
 * strings (InfluxDB compares them as times when both read as times), and a math function whose argument is not a
 * number (InfluxDB makes that a nil literal, which the AST has no node for).
 *
 * <p>Stateless; thread-safe.
 */
public final class ExprReducer {
    private ExprReducer() {
    }

    /** The expression with its literal parts folded; parentheses around the whole are dropped. */
    public static Expr reduce(Expr e) {
        Expr r = reduceInner(e);
        return r instanceof ParenExpr p ? p.expr() : r;
    }

    private static Expr reduceInner(Expr e) {
        return switch (e) {
            case BinaryExpr b -> reduceBinary(b);
            case Call c -> reduceCall(c);
            case ParenExpr p -> {
                Expr inner = reduceInner(p.expr());
                yield inner instanceof BinaryExpr ? new ParenExpr(inner) : inner;
            }
            case null, default -> e;
        };
    }

    private static Expr reduceCall(Call c) {
        List<Expr> args = new ArrayList<>(c.args().size());
        boolean literalsOnly = true;
        for (Expr a : c.args()) {
            Expr r = reduceInner(a);
            args.add(r);
            literalsOnly &= Exprs.isLiteral(r);
        }
        if (literalsOnly && MathFunctions.isMathFunction(c.name()) && args.size() == MathFunctions.arity(c.name())) {
            Object[] values = new Object[args.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = switch (args.get(i)) {
                    case NumberLiteral n -> n.value();
                    case IntegerLiteral n -> n.value();
                    default -> null;
                };
            }
            Object v = MathFunctions.apply(c.name(), values);
            if (v instanceof Double d) {
                return new NumberLiteral(d);
            } else if (v instanceof Long l) {
                return new IntegerLiteral(l);
            }
        }
        return new Call(c.name(), args);
    }

    private static Expr reduceBinary(BinaryExpr b) {
        Operator op = b.op();
        Expr lhs = reduceInner(b.lhs());
        Expr rhs = reduceInner(b.rhs());
        if (op == Operator.AND || op == Operator.OR) {
            Expr logical = reduceLogical(op, lhs, rhs);
            if (logical != null) {
                return logical;
            }
        }
        Expr folded = switch (lhs) {
            case BooleanLiteral l when rhs instanceof BooleanLiteral r -> booleans(op, l.value(), r.value());
            case DurationLiteral l -> durationLhs(op, l.value(), rhs);
            case IntegerLiteral l -> integerLhs(op, l.value(), rhs);
            case UnsignedLiteral l -> unsignedLhs(op, l.value(), rhs);
            case NumberLiteral l -> numberLhs(op, l.value(), rhs);
            case StringLiteral l when op == Operator.ADD && rhs instanceof StringLiteral r ->
                    new StringLiteral(l.value() + r.value());
            default -> null;
        };
        return folded != null ? folded : new BinaryExpr(op, lhs, rhs);
    }

    /**
     * InfluxQL's reduction of AND and OR (the operator) with a boolean literal on a side: {@code x AND false} is
     * false, {@code x AND true} is x, and so on; null when neither side is a boolean literal.
     */
    static Expr reduceLogical(Operator op, Expr l, Expr r) {
        boolean and = op == Operator.AND;
        if (isBoolean(l, !and) || isBoolean(r, !and)) {
            return new BooleanLiteral(!and);
        } else if (isBoolean(l, and)) {
            return r;
        } else if (isBoolean(r, and)) {
            return l;
        }
        return null;
    }

    private static boolean isBoolean(Expr e, boolean value) {
        return e instanceof BooleanLiteral b && b.value() == value;
    }

    private static Expr booleans(Operator op, boolean l, boolean r) {
        return switch (op) {
            case EQ -> new BooleanLiteral(l == r);
            case NEQ, BITWISE_XOR -> new BooleanLiteral(l != r);
            case AND, BITWISE_AND -> new BooleanLiteral(l && r);
            case OR, BITWISE_OR -> new BooleanLiteral(l || r);
            default -> null;
        };
    }

    private static Expr durationLhs(Operator op, Duration l, Expr rhs) {
        return switch (rhs) {
            case DurationLiteral r -> switch (op) {
                case ADD -> new DurationLiteral(l.plus(r.value()));
                case SUB -> new DurationLiteral(l.minus(r.value()));
                default -> compare(op, l.compareTo(r.value()));
            };
            // Go converts the factor to a Duration first: a float factor is truncated.
            case NumberLiteral r -> scaleDuration(op, l, (long) r.value());
            case IntegerLiteral r -> scaleDuration(op, l, r.value());
            default -> null;
        };
    }

    private static Expr scaleDuration(Operator op, Duration l, long factor) {
        return switch (op) {
            case MUL -> new DurationLiteral(Duration.ofNanos(l.toNanos() * factor));
            case DIV -> new DurationLiteral(factor == 0 ? Duration.ZERO : Duration.ofNanos(l.toNanos() / factor));
            default -> null;
        };
    }

    private static Expr integerLhs(Operator op, long l, Expr rhs) {
        return switch (rhs) {
            case NumberLiteral r -> numberLhs(op, (double) l, r);
            case IntegerLiteral r -> {
                long v = r.value();
                yield switch (op) {
                    case ADD -> new IntegerLiteral(l + v);
                    case SUB -> new IntegerLiteral(l - v);
                    case MUL -> new IntegerLiteral(l * v);
                    case DIV -> new NumberLiteral(v == 0 ? 0 : (double) l / (double) v);
                    case MOD -> new IntegerLiteral(v == 0 ? 0 : l % v);
                    case BITWISE_AND -> new IntegerLiteral(l & v);
                    case BITWISE_OR -> new IntegerLiteral(l | v);
                    case BITWISE_XOR -> new IntegerLiteral(l ^ v);
                    default -> compare(op, Long.compare(l, v));
                };
            }
            case UnsignedLiteral r -> {
                // A negative integer is below every unsigned one; otherwise compared and computed as unsigned.
                if (l < 0 && (op == Operator.LT || op == Operator.LTE)) {
                    yield new BooleanLiteral(true);
                } else if (l < 0 && (op == Operator.GT || op == Operator.GTE)) {
                    yield new BooleanLiteral(false);
                }
                yield unsignedLhs(op, l, r);
            }
            default -> null;
        };
    }

    private static Expr unsignedLhs(Operator op, long l, Expr rhs) {
        return switch (rhs) {
            case NumberLiteral r -> numberLhs(op, unsignedToDouble(l), r);
            case IntegerLiteral r -> {
                if (r.value() < 0 && (op == Operator.LT || op == Operator.LTE)) {
                    yield new BooleanLiteral(false);
                } else if (r.value() < 0 && (op == Operator.GT || op == Operator.GTE)) {
                    yield new BooleanLiteral(true);
                }
                yield unsignedLhs(op, l, new UnsignedLiteral(r.value()));
            }
            case UnsignedLiteral r -> {
                long v = r.value();
                yield switch (op) {
                    case ADD -> new UnsignedLiteral(l + v);
                    case SUB -> new UnsignedLiteral(l - v);
                    case MUL -> new UnsignedLiteral(l * v);
                    case DIV -> new UnsignedLiteral(v == 0 ? 0 : Long.divideUnsigned(l, v));
                    case MOD -> new UnsignedLiteral(v == 0 ? 0 : Long.remainderUnsigned(l, v));
                    default -> compare(op, Long.compareUnsigned(l, v));
                };
            }
            default -> null;
        };
    }

    private static Expr numberLhs(Operator op, double l, Expr rhs) {
        double r;
        switch (rhs) {
            case NumberLiteral n -> r = n.value();
            case IntegerLiteral n -> r = n.value();
            case UnsignedLiteral n -> r = unsignedToDouble(n.value());
            default -> {
                return null;
            }
        }
        return switch (op) {
            case ADD -> new NumberLiteral(l + r);
            case SUB -> new NumberLiteral(l - r);
            case MUL -> new NumberLiteral(l * r);
            case DIV -> new NumberLiteral(r == 0 ? 0 : l / r);
            case MOD -> new NumberLiteral(l % r);
            // Go's float comparisons: NaN compares false, -0 equals 0.
            case EQ -> new BooleanLiteral(l == r);
            case NEQ -> new BooleanLiteral(l != r);
            case GT -> new BooleanLiteral(l > r);
            case GTE -> new BooleanLiteral(l >= r);
            case LT -> new BooleanLiteral(l < r);
            case LTE -> new BooleanLiteral(l <= r);
            default -> null;
        };
    }

    private static Expr compare(Operator op, int c) {
        return switch (op) {
            case EQ -> new BooleanLiteral(c == 0);
            case NEQ -> new BooleanLiteral(c != 0);
            case GT -> new BooleanLiteral(c > 0);
            case GTE -> new BooleanLiteral(c >= 0);
            case LT -> new BooleanLiteral(c < 0);
            case LTE -> new BooleanLiteral(c <= 0);
            default -> null;
        };
    }

    private static double unsignedToDouble(long bits) {
        return bits >= 0 ? bits : (double) (bits >>> 1) * 2.0 + (bits & 1);
    }
}
