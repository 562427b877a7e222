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
import io.tidemark.influxql.ast.VarRef;
import io.tidemark.query.QueryException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Splits a WHERE clause into its time bounds and the rest, as InfluxQL's {@code ConditionExpr}: every comparison of
 * {@code time} with a time literal, an integer (nanoseconds), a duration or {@code now()} arithmetic becomes a bound,
 * and the bounds of all such comparisons are intersected, even across OR (InfluxDB has no OR of time ranges).
 *
 * <p>Stateless; thread-safe.
 */
public final class TimeCondition {
    /**
     * @param condition the clause without its time comparisons, null when nothing remains
     * @param range the time bounds, with unset bounds left unset
     */
    public record Split(Expr condition, TimeRange range) {
    }

    private TimeCondition() {
    }

    /**
     * @param nowNanos the statement's {@code now()}
     * @param zone the statement's {@code tz()} zone, for time strings without an offset
     * @throws QueryException with InfluxDB's text for an invalid time comparison
     */
    public static Split split(Expr cond, long nowNanos, ZoneId zone) throws QueryException {
        Split s = splitExpr(cond, nowNanos, zone);
        Expr remaining = s.condition();
        if (remaining instanceof ParenExpr p) {
            remaining = p.expr();
        }
        if (remaining instanceof BooleanLiteral b && b.value()) {
            remaining = null;
        }
        return new Split(remaining, s.range());
    }

    /** True when the expression compares {@code time} anywhere. */
    public static boolean hasTimeExpr(Expr cond) {
        boolean[] found = {false};
        Exprs.walk(cond, e -> {
            if (e instanceof BinaryExpr b && (isTime(b.lhs()) || isTime(b.rhs()))) {
                found[0] = true;
            }
        });
        return found[0];
    }

    private static Split splitExpr(Expr cond, long now, ZoneId zone) throws QueryException {
        if (cond == null) {
            return new Split(null, TimeRange.UNBOUNDED);
        }
        switch (cond) {
            case BinaryExpr b when b.op() == Operator.AND || b.op() == Operator.OR -> {
                Split l = splitExpr(b.lhs(), now, zone);
                Split r = splitExpr(b.rhs(), now, zone);
                TimeRange range = l.range().intersect(r.range());
                if (r.condition() == null) {
                    return new Split(l.condition(), range);
                } else if (l.condition() == null) {
                    return new Split(r.condition(), range);
                }
                Expr reduced = ExprReducer.reduceLogical(b.op(), l.condition(), r.condition());
                return new Split(reduced != null ? reduced : new BinaryExpr(b.op(), l.condition(), r.condition()),
                        range);
            }
            case BinaryExpr b when isTime(b.lhs()) -> {
                return new Split(null, range(b.op(), b.rhs(), now, zone));
            }
            case BinaryExpr b when isTime(b.rhs()) -> {
                return new Split(null, range(b.op().mirrored(), b.lhs(), now, zone));
            }
            case BinaryExpr b -> {
                return new Split(b, TimeRange.UNBOUNDED);
            }
            case ParenExpr p -> {
                Split inner = splitExpr(p.expr(), now, zone);
                if (inner.condition() == null) {
                    return inner;
                }
                Expr e = inner.condition() instanceof BinaryExpr ? new ParenExpr(inner.condition())
                        : inner.condition();
                return new Split(e, inner.range());
            }
            case BooleanLiteral b -> {
                return new Split(b, TimeRange.UNBOUNDED);
            }
            default -> throw new QueryException("invalid condition expression: " + InfluxExprText.of(cond));
        }
    }

    private static boolean isTime(Expr e) {
        return e instanceof VarRef r && r.name().toLowerCase(Locale.ROOT).equals("time");
    }

    private static TimeRange range(Operator op, Expr rhs, long now, ZoneId zone) throws QueryException {
        TimeValue v = TimeValue.reduce(rhs, now, zone);
        long value = switch (v.kind()) {
            case TIME -> {
                if (v.nanos() > TimeRange.MAX_TIME) {
                    throw new QueryException("time " + rfc3339(v) + " overflows time literal");
                } else if (v.nanos() < TimeRange.MIN_TIME + 1) {
                    throw new QueryException("time " + rfc3339(v) + " underflows time literal");
                }
                yield v.nanos();
            }
            case DURATION, INTEGER -> v.nanos();
            case NUMBER -> (long) v.number();
            default -> throw new QueryException("invalid operation: time and " + Exprs.goTypeName(v.expr())
                    + " are not compatible");
        };
        return switch (op) {
            case GT -> new TimeRange(value + 1, TimeRange.UNSET_MAX);
            case GTE -> new TimeRange(value, TimeRange.UNSET_MAX);
            case LT -> new TimeRange(TimeRange.UNSET_MIN, value - 1);
            case LTE -> new TimeRange(TimeRange.UNSET_MIN, value);
            case EQ -> new TimeRange(value, value);
            default -> throw new QueryException("invalid time comparison operator: " + op.symbol());
        };
    }

    /** The time to the second, as Go's RFC 3339 layout writes it in InfluxDB's messages. */
    private static String rfc3339(TimeValue v) {
        long seconds = v.beyond() != null ? v.beyond().getEpochSecond() : Math.floorDiv(v.nanos(), 1_000_000_000L);
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.ofEpochSecond(seconds).atOffset(ZoneOffset.UTC));
    }

    /**
     * The value of a time expression operand after InfluxQL's constant folding.
     *
     * @param beyond for a time beyond the nanosecond timestamps (years 1677 to 2262), the instant, which InfluxDB's
     *        "overflows time literal" names (Go's times reach much further); null otherwise
     */
    private record TimeValue(Kind kind, long nanos, double number, String string, Expr expr, Instant beyond) {
        enum Kind { TIME, DURATION, INTEGER, NUMBER, STRING, OTHER }

        TimeValue(Kind kind, long nanos, double number, String string, Expr expr) {
            this(kind, nanos, number, string, expr, null);
        }

        static TimeValue time(long n) {
            return new TimeValue(Kind.TIME, n, 0, null, null);
        }

        /** A time at {@code t}, which may lie beyond the nanosecond timestamps. */
        static TimeValue time(Instant t) {
            try {
                return time(Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano()));
            } catch (ArithmeticException e) {
                return new TimeValue(Kind.TIME, t.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE, 0, null,
                        null, t);
            }
        }

        /** The time plus {@code nanos}, without wrapping around the nanosecond timestamps' range. */
        TimeValue plus(long nanos) {
            return time(instant().plusNanos(nanos));
        }

        TimeValue minus(long nanos) {
            return time(instant().minusNanos(nanos));
        }

        private Instant instant() {
            return beyond != null ? beyond : Instant.ofEpochSecond(0, nanos);
        }

        static TimeValue duration(long n) {
            return new TimeValue(Kind.DURATION, n, 0, null, null);
        }

        static TimeValue other(Expr e) {
            return new TimeValue(Kind.OTHER, 0, 0, null, e);
        }

        static TimeValue reduce(Expr e, long now, ZoneId zone) throws QueryException {
            return switch (e) {
                case StringLiteral s -> TimeLiterals.isTimeLiteral(s.value())
                        ? time(parseTime(s.value(), zone))
                        : new TimeValue(Kind.STRING, 0, 0, s.value(), e);
                case Call c when c.name().equals("now") && c.args().isEmpty() -> time(now);
                case DurationLiteral d -> duration(d.value().toNanos());
                case IntegerLiteral i -> new TimeValue(Kind.INTEGER, i.value(), 0, null, e);
                case NumberLiteral n -> new TimeValue(Kind.NUMBER, 0, n.value(), null, e);
                case ParenExpr p -> reduce(p.expr(), now, zone);
                case BinaryExpr b -> binary(b, reduce(b.lhs(), now, zone), reduce(b.rhs(), now, zone));
                default -> other(e);
            };
        }

        private static Instant parseTime(String s, ZoneId zone) throws QueryException {
            try {
                return TimeLiterals.parseInstant(s, zone);
            } catch (IllegalArgumentException ex) {
                throw new QueryException(TimeLiterals.INVALID_TIME);
            }
        }

        private static TimeValue binary(BinaryExpr b, TimeValue l, TimeValue r) {
            Operator op = b.op();
            if (l.kind == Kind.STRING && (r.kind == Kind.DURATION || r.kind == Kind.INTEGER)) {
                // A string that is not a time literal cannot take part in time arithmetic.
                return other(b);
            }
            switch (l.kind) {
                case TIME -> {
                    if (r.kind == Kind.DURATION || r.kind == Kind.INTEGER) {
                        if (op == Operator.ADD) {
                            return l.plus(r.nanos);
                        } else if (op == Operator.SUB) {
                            return l.minus(r.nanos);
                        }
                    } else if (r.kind == Kind.TIME && op == Operator.SUB) {
                        return duration(l.nanos - r.nanos);
                    }
                }
                case DURATION -> {
                    switch (r.kind) {
                        case DURATION -> {
                            if (op == Operator.ADD) {
                                return duration(l.nanos + r.nanos);
                            } else if (op == Operator.SUB) {
                                return duration(l.nanos - r.nanos);
                            }
                        }
                        case INTEGER, NUMBER -> {
                            long factor = r.kind == Kind.INTEGER ? r.nanos : (long) r.number;
                            if (op == Operator.MUL) {
                                return duration(l.nanos * factor);
                            } else if (op == Operator.DIV) {
                                return duration(factor == 0 ? 0 : l.nanos / factor);
                            }
                        }
                        case TIME -> {
                            if (op == Operator.ADD) {
                                return r.plus(l.nanos);
                            }
                        }
                        default -> {
                        }
                    }
                }
                case INTEGER -> {
                    if (r.kind == Kind.INTEGER) {
                        switch (op) {
                            case ADD -> {
                                return new TimeValue(Kind.INTEGER, l.nanos + r.nanos, 0, null, b);
                            }
                            case SUB -> {
                                return new TimeValue(Kind.INTEGER, l.nanos - r.nanos, 0, null, b);
                            }
                            case MUL -> {
                                return new TimeValue(Kind.INTEGER, l.nanos * r.nanos, 0, null, b);
                            }
                            case DIV -> {
                                return new TimeValue(Kind.NUMBER, 0,
                                        r.nanos == 0 ? 0 : (double) l.nanos / r.nanos, null, b);
                            }
                            default -> {
                            }
                        }
                    } else if (r.kind == Kind.DURATION && (op == Operator.ADD || op == Operator.SUB)) {
                        return duration(op == Operator.ADD ? l.nanos + r.nanos : l.nanos - r.nanos);
                    }
                }
                case STRING -> {
                    if (r.kind == Kind.STRING && op == Operator.ADD) {
                        return new TimeValue(Kind.STRING, 0, 0, l.string + r.string, b);
                    }
                }
                default -> {
                }
            }
            return other(b);
        }
    }
}
