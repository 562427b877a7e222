package io.tidemark.query.series;

import io.tidemark.influxql.ast.BinaryExpr;
import io.tidemark.influxql.ast.BooleanLiteral;
import io.tidemark.influxql.ast.Call;
import io.tidemark.influxql.ast.Expr;
import io.tidemark.influxql.ast.Operator;
import io.tidemark.influxql.ast.ParenExpr;
import io.tidemark.influxql.ast.RegexLiteral;
import io.tidemark.influxql.ast.StringLiteral;
import io.tidemark.influxql.ast.VarRef;
import io.tidemark.query.expr.Evaluator;
import io.tidemark.query.expr.Exprs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of a WHERE clause a series index can decide from a series' tags alone. {@link #test} answers TRUE or
 * FALSE when the tags decide the clause and UNKNOWN when field values must be looked at row by row. Variables that
 * are not fields are tags; a series without the tag has the value "" ({@code host != 'a'} matches it). The pseudo
 * tag {@code _name} is the measurement.
 *
 * <p>Not thread-safe (it caches compiled regexes); build one per statement.
 */
public final class TagCondition {
    /** Whether a condition holds for a series: decided by its tags, or depending on field values. */
    public enum Result { TRUE, FALSE, UNKNOWN }

    private final Expr condition;
    private final Set<String> fields;
    /** Whether the clause is decided as InfluxDB's series index decides a SHOW statement's (see {@link #forIndex}). */
    private final boolean indexSemantics;
    private final Evaluator evaluator = new Evaluator(false);
    /** Computed on first use. */
    private TagFilterTranslation translation;

    /**
     * @param condition the clause without time comparisons, null for none
     * @param fields the names that are fields (the index cannot decide comparisons on them)
     */
    public TagCondition(Expr condition, Set<String> fields) {
        this(condition, fields, false);
    }

    private TagCondition(Expr condition, Set<String> fields, boolean indexSemantics) {
        this.condition = condition;
        this.fields = Set.copyOf(fields);
        this.indexSemantics = indexSemantics;
    }

    /**
     * The clause of a SHOW statement, decided as InfluxDB's series index decides it: a comparison of a tag with a
     * string or a regex selects series by their tags, one of two tags by whether the series have them; any other
     * comparison (on a field of the measurement, with a number, of two expressions) selects every series, the
     * index leaving it to a query engine that SHOW never runs. AND and OR combine as usual.
     *
     * @param fields the field names of the measurement the series belong to
     */
    public static TagCondition forIndex(Expr condition, Set<String> fields) {
        return new TagCondition(condition, fields, true);
    }

    /** A condition every series satisfies. */
    public static TagCondition all() {
        return new TagCondition(null, Set.of());
    }

    public Expr expr() {
        return condition;
    }

    public Result test(SeriesKey series) {
        return condition == null ? Result.TRUE : eval(condition, series);
    }

    /** True unless the tags show that no row of the series can satisfy the condition. */
    public boolean mayMatch(SeriesKey series) {
        return test(series) != Result.FALSE;
    }

    private Result eval(Expr e, SeriesKey s) {
        switch (e) {
            case ParenExpr p -> {
                return eval(p.expr(), s);
            }
            case BooleanLiteral b -> {
                return b.value() ? Result.TRUE : Result.FALSE;
            }
            case BinaryExpr b when b.op() == Operator.AND -> {
                Result l = eval(b.lhs(), s);
                if (l == Result.FALSE) {
                    return Result.FALSE;
                }
                Result r = eval(b.rhs(), s);
                if (r == Result.FALSE) {
                    return Result.FALSE;
                }
                return l == Result.TRUE && r == Result.TRUE ? Result.TRUE : Result.UNKNOWN;
            }
            case BinaryExpr b when b.op() == Operator.OR -> {
                Result l = eval(b.lhs(), s);
                if (l == Result.TRUE) {
                    return Result.TRUE;
                }
                Result r = eval(b.rhs(), s);
                if (r == Result.TRUE) {
                    return Result.TRUE;
                }
                return l == Result.FALSE && r == Result.FALSE ? Result.FALSE : Result.UNKNOWN;
            }
            case BinaryExpr b -> {
                if (dependsOnFields(b) || (indexSemantics && !indexEvaluates(b))) {
                    return Result.UNKNOWN;
                }
                if (indexSemantics && b.lhs() instanceof VarRef l && b.rhs() instanceof VarRef r
                        && (b.op() == Operator.EQ || b.op() == Operator.NEQ)) {
                    // InfluxDB's index compares the keys, not the values: = keeps the series that have both tags,
                    // != those that have the first and not the second.
                    boolean first = s.hasTag(l.name());
                    boolean second = s.hasTag(r.name());
                    boolean kept = b.op() == Operator.EQ ? first && second : first && !second;
                    return kept ? Result.TRUE : Result.FALSE;
                }
                return evaluator.evalBool(b, ref -> tagValue(ref, s)) ? Result.TRUE : Result.FALSE;
            }
            default -> {
                return Result.UNKNOWN;
            }
        }
    }

    /**
     * The fields that rows of the series must still be tested on: those of the parts of the clause its tags leave
     * undecided (InfluxDB's filter of the series, the clause reduced by the series' tags), each once. Empty when the
     * tags decide the clause.
     */
    public List<VarRef> undecidedFields(SeriesKey series) {
        Map<String, VarRef> out = new LinkedHashMap<>();
        if (condition != null && eval(condition, series) == Result.UNKNOWN) {
            collectUndecided(condition, series, out);
        }
        return List.copyOf(out.values());
    }

    private void collectUndecided(Expr e, SeriesKey s, Map<String, VarRef> out) {
        switch (e) {
            case ParenExpr p -> collectUndecided(p.expr(), s, out);
            case BinaryExpr b when b.op() == Operator.AND || b.op() == Operator.OR -> {
                // A side that the tags decide drops out of the reduced clause: TRUE under AND, FALSE under OR (the
                // other outcomes decide the whole, and then nothing is collected).
                Result l = eval(b.lhs(), s);
                Result r = eval(b.rhs(), s);
                if (l == Result.UNKNOWN) {
                    collectUndecided(b.lhs(), s, out);
                }
                if (r == Result.UNKNOWN) {
                    collectUndecided(b.rhs(), s, out);
                }
            }
            default -> Exprs.walk(e, x -> {
                if (x instanceof VarRef r && isField(r)) {
                    out.putIfAbsent(r.toString(), r);
                }
            });
        }
    }

    /** Whether InfluxDB's index compares this itself: a variable against a string, a regex or a variable. */
    private static boolean indexEvaluates(BinaryExpr b) {
        Expr key = b.lhs();
        Expr value = b.rhs();
        if (!(key instanceof VarRef)) {
            key = b.rhs();
            value = b.lhs();
        }
        return key instanceof VarRef
                && (value instanceof StringLiteral || value instanceof RegexLiteral || value instanceof VarRef);
    }

    private static Object tagValue(VarRef ref, SeriesKey s) {
        return ref.name().equals("_name") ? s.measurement() : s.tag(ref.name());
    }

    /** The condition as a series index filter, translated once per statement. */
    TagFilterTranslation translation() {
        if (translation == null) {
            translation = TagFilterTranslation.of(this);
        }
        return translation;
    }

    /** Whether an expression reads fields or calls functions: then the tags cannot decide it. */
    boolean dependsOnFields(Expr e) {
        boolean[] found = {false};
        Exprs.walk(e, x -> {
            if (x instanceof Call) {
                found[0] = true;
            } else if (x instanceof VarRef r && isField(r)) {
                found[0] = true;
            }
        });
        return found[0];
    }

    private boolean isField(VarRef r) {
        return switch (r.type()) {
            case TAG -> false;
            case UNKNOWN -> fields.contains(r.name());
            default -> true;
        };
    }
}
