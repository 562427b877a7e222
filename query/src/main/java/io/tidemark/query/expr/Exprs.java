package io.tidemark.query.expr;

import io.tidemark.influxql.ast.BinaryExpr;
import io.tidemark.influxql.ast.BooleanLiteral;
import io.tidemark.influxql.ast.Call;
import io.tidemark.influxql.ast.Distinct;
import io.tidemark.influxql.ast.DurationLiteral;
import io.tidemark.influxql.ast.Expr;
import io.tidemark.influxql.ast.Field;
import io.tidemark.influxql.ast.IntegerLiteral;
import io.tidemark.influxql.ast.ListLiteral;
import io.tidemark.influxql.ast.NumberLiteral;
import io.tidemark.influxql.ast.ParenExpr;
import io.tidemark.influxql.ast.RegexLiteral;
import io.tidemark.influxql.ast.StringLiteral;
import io.tidemark.influxql.ast.TimeLiteral;
import io.tidemark.influxql.ast.UnsignedLiteral;
import io.tidemark.influxql.ast.VarRef;
import io.tidemark.influxql.ast.Wildcard;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Walking, rewriting and naming expressions, as InfluxQL's {@code Walk}, {@code RewriteExpr} and
 * {@code Field.Name()} do.
 *
 * <p>Stateless; thread-safe.
 */
public final class Exprs {
    private Exprs() {
    }

    /** Visits {@code e} and its sub-expressions, parents first, left to right. */
    public static void walk(Expr e, Consumer<Expr> visitor) {
        if (e == null) {
            return;
        }
        visitor.accept(e);
        switch (e) {
            case BinaryExpr b -> {
                walk(b.lhs(), visitor);
                walk(b.rhs(), visitor);
            }
            case ParenExpr p -> walk(p.expr(), visitor);
            case Call c -> c.args().forEach(a -> walk(a, visitor));
            default -> {
            }
        }
    }

    /** Rebuilds {@code e} bottom-up, replacing every node by {@code fn} applied to its rebuilt self. */
    public static Expr rewrite(Expr e, UnaryOperator<Expr> fn) {
        if (e == null) {
            return null;
        }
        Expr rebuilt = switch (e) {
            case BinaryExpr b -> new BinaryExpr(b.op(), rewrite(b.lhs(), fn), rewrite(b.rhs(), fn));
            case ParenExpr p -> new ParenExpr(rewrite(p.expr(), fn));
            case Call c -> {
                List<Expr> args = new ArrayList<>(c.args().size());
                for (Expr a : c.args()) {
                    args.add(rewrite(a, fn));
                }
                yield new Call(c.name(), args);
            }
            default -> e;
        };
        return fn.apply(rebuilt);
    }

    /** The variable references in {@code e}, in walk order, with repeats. */
    public static List<VarRef> varRefs(Expr e) {
        List<VarRef> refs = new ArrayList<>();
        walk(e, x -> {
            if (x instanceof VarRef r) {
                refs.add(r);
            }
        });
        return refs;
    }

    public static boolean containsVarRef(Expr e) {
        return !varRefs(e).isEmpty();
    }

    /** True for InfluxQL's literal node types. */
    public static boolean isLiteral(Expr e) {
        return e instanceof BooleanLiteral || e instanceof DurationLiteral || e instanceof IntegerLiteral
                || e instanceof UnsignedLiteral || e instanceof NumberLiteral || e instanceof RegexLiteral
                || e instanceof ListLiteral || e instanceof StringLiteral || e instanceof TimeLiteral;
    }

    /** Removes parentheses around the whole expression. */
    public static Expr unparen(Expr e) {
        while (e instanceof ParenExpr p) {
            e = p.expr();
        }
        return e;
    }

    /** The column name InfluxDB derives for a field: the alias, a function or variable name, or joined names. */
    public static String fieldName(Field f) {
        if (!f.alias().isEmpty()) {
            return f.alias();
        }
        return exprName(f.expr());
    }

    static String exprName(Expr e) {
        return switch (e) {
            case Call c -> c.name();
            case BinaryExpr b -> binaryExprName(b);
            case ParenExpr p -> exprName(p.expr());
            case VarRef r -> r.name();
            case Distinct d -> "distinct";
            default -> "";
        };
    }

    private static String binaryExprName(BinaryExpr b) {
        List<String> names = new ArrayList<>();
        collectNames(b, names);
        return String.join("_", names);
    }

    private static void collectNames(Expr e, List<String> names) {
        switch (e) {
            case VarRef r -> names.add(r.name());
            case Call c -> names.add(c.name());
            case BinaryExpr b -> {
                collectNames(b.lhs(), names);
                collectNames(b.rhs(), names);
            }
            case ParenExpr p -> collectNames(p.expr(), names);
            default -> {
            }
        }
    }

    /** The Go type name InfluxDB prints for a node in some error messages, such as {@code *influxql.StringLiteral}. */
    public static String goTypeName(Expr e) {
        String simple = switch (e) {
            case Wildcard w -> "Wildcard";
            case null -> "<nil>";
            default -> e.getClass().getSimpleName();
        };
        return "*influxql." + simple;
    }
}
