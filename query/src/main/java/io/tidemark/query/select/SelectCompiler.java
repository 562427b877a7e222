package io.tidemark.query.select;

import io.tidemark.influxql.ast.BinaryExpr;
import io.tidemark.influxql.ast.Call;
import io.tidemark.influxql.ast.Dimension;
import io.tidemark.influxql.ast.Distinct;
import io.tidemark.influxql.ast.DurationLiteral;
import io.tidemark.influxql.ast.Expr;
import io.tidemark.influxql.ast.Field;
import io.tidemark.influxql.ast.FillOption;
import io.tidemark.influxql.ast.IntegerLiteral;
import io.tidemark.influxql.ast.NumberLiteral;
import io.tidemark.influxql.ast.ParenExpr;
import io.tidemark.influxql.ast.RegexLiteral;
import io.tidemark.influxql.ast.SelectStatement;
import io.tidemark.influxql.ast.StringLiteral;
import io.tidemark.influxql.ast.TimeLiteral;
import io.tidemark.influxql.ast.VarRef;
import io.tidemark.influxql.ast.Wildcard;
import io.tidemark.influxql.ast.InfluxDurations;
import io.tidemark.query.QueryException;
import io.tidemark.query.expr.Exprs;
import io.tidemark.query.expr.ExprReducer;
import io.tidemark.query.expr.InfluxExprText;
import io.tidemark.query.expr.MathFunctions;
import io.tidemark.query.expr.TimeCondition;
import io.tidemark.query.expr.TimeLiterals;
import io.tidemark.query.expr.TimeRange;
import java.math.BigInteger;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a SELECT the way InfluxDB 1.8's query compiler does ({@code query/compile.go}) and resolves its time
 * range, interval and fill, reporting InfluxDB's exact error texts. Transformations (derivative, moving_average,
 * ...), subqueries and INTO are rejected with an explicit "not supported" error.
 *
 * <p>Not thread-safe: one instance per compilation.
 */
public final class SelectCompiler {
    /** Functions that transform series point by point; this version does not execute them. */
    private static final Set<String> TRANSFORMATIONS = Set.of("derivative", "non_negative_derivative",
            "difference", "non_negative_difference", "cumulative_sum", "moving_average", "elapsed",
            "exponential_moving_average", "double_exponential_moving_average", "triple_exponential_moving_average",
            "relative_strength_index", "triple_exponential_derivative", "kaufmans_efficiency_ratio",
            "kaufmans_adaptive_moving_average", "chande_momentum_oscillator", "holt_winters",
            "holt_winters_with_fit", "count_hll");

    private static final Set<String> SELECTORS = Set.of("first", "last", "min", "max", "percentile", "sample",
            "top", "bottom");

    private final SelectStatement stmt;
    private final long now;
    private final List<Call> functionCalls = new ArrayList<>();
    private final List<Field> fields = new ArrayList<>();
    private boolean onlySelectors = true;
    private boolean hasDistinct;
    private boolean hasAuxiliaryFields;
    private String topBottomFunction = "";
    private String timeColumn = "time";
    private Interval interval;
    private boolean allowWildcard;

    private SelectCompiler(SelectStatement stmt, long nowNanos) {
        this.stmt = stmt;
        this.now = nowNanos;
    }

    /** True for the functions that pick points rather than compute values. */
    public static boolean isSelector(Call c) {
        return SELECTORS.contains(c.name());
    }

    /**
     * @param nowNanos the statement's now()
     * @throws QueryException with InfluxDB's message when the statement is invalid
     */
    public static CompiledSelect compile(SelectStatement stmt, long nowNanos) throws QueryException {
        return new SelectCompiler(stmt, nowNanos).compile();
    }

    private CompiledSelect compile() throws QueryException {
        if (stmt.target() != null) {
            throw new QueryException("SELECT ... INTO is not supported by this version of Tidemark");
        }
        ZoneId zone = stmt.location();
        // InfluxDB reduces the WHERE clause before splitting off time: literal parts are folded ('h' + '0' is 'h0').
        TimeCondition.Split split = TimeCondition.split(ExprReducer.reduce(stmt.condition()), now,
                zone == null ? ZoneOffset.UTC : zone);
        validateCondition(split.condition());
        List<Dimension> dims = compileDimensions(zone);
        TimeRange range = split.range().resolve(interval != null ? now : TimeRange.MAX_TIME);

        for (Field f : stmt.fields()) {
            if (f.expr() instanceof VarRef r && r.name().equals("time")) {
                if (!f.alias().isEmpty()) {
                    timeColumn = f.alias();
                }
                continue;
            }
            // InfluxDB reduces each field first: literal parts are folded, and the folded field names the column.
            Field field = new Field(ExprReducer.reduce(rewriteDistinct(f.expr())), f.alias());
            fields.add(field);
            allowWildcard = true;
            compileExpr(field.expr());
        }
        validateFields();
        boolean selector = functionCalls.size() == 1 && isSelector(functionCalls.getFirst());
        return new CompiledSelect(fields, timeColumn, split.condition(), range, interval, dims, stmt.fill(),
                stmt.fillValue(), stmt.timeAscending(), stmt.limit(), stmt.offset(), stmt.sLimit(), stmt.sOffset(),
                zone, onlySelectors, selector, !functionCalls.isEmpty());
    }

    /** {@code DISTINCT x} is the call {@code distinct(x)}. */
    private static Expr rewriteDistinct(Expr e) {
        return Exprs.rewrite(e, x -> x instanceof Distinct d ? new Call("distinct", List.of(VarRef.of(d.name()))) : x);
    }

    private void compileExpr(Expr expr) throws QueryException {
        switch (expr) {
            case VarRef r -> hasAuxiliaryFields = true;
            case Wildcard w -> {
                hasAuxiliaryFields = true;
                if (!allowWildcard) {
                    throw new QueryException("unable to use wildcard in a binary expression");
                }
            }
            case RegexLiteral r -> {
                if (!allowWildcard) {
                    throw new QueryException("unable to use regex in a binary expression");
                }
                hasAuxiliaryFields = true;
            }
            case Call c -> compileCall(c);
            case BinaryExpr b -> {
                allowWildcard = false;
                boolean lhsLiteral = Exprs.isLiteral(b.lhs());
                boolean rhsLiteral = Exprs.isLiteral(b.rhs());
                if (lhsLiteral && rhsLiteral) {
                    throw new QueryException("cannot perform a binary expression on two literals");
                } else if (lhsLiteral) {
                    compileExpr(b.rhs());
                } else if (rhsLiteral) {
                    compileExpr(b.lhs());
                } else {
                    compileExpr(b.lhs());
                    compileExpr(b.rhs());
                }
            }
            case ParenExpr p -> compileExpr(p.expr());
            default -> {
                if (Exprs.isLiteral(expr)) {
                    throw new QueryException("field must contain at least one variable");
                }
                throw new IllegalStateException("BUG: unexpected field expression " + expr);
            }
        }
    }

    private void compileCall(Call c) throws QueryException {
        if (MathFunctions.isMathFunction(c.name())) {
            int nargs = MathFunctions.arity(c.name());
            if (c.args().size() != nargs) {
                throw new QueryException("invalid number of arguments for " + c.name() + ", expected " + nargs
                        + ", got " + c.args().size());
            }
            for (Expr a : c.args()) {
                if (!Exprs.isLiteral(a)) {
                    compileExpr(a);
                }
            }
            return;
        }
        functionCalls.add(c);
        if (TRANSFORMATIONS.contains(c.name())) {
            throw new QueryException("function " + c.name() + "() is not supported by this version of Tidemark");
        }
        switch (c.name()) {
            case "percentile" -> {
                requireArgs(c, 2, "percentile");
                if (!(c.args().get(1) instanceof IntegerLiteral) && !(c.args().get(1) instanceof NumberLiteral)) {
                    throw new QueryException("expected float argument in percentile()");
                }
                compileSymbol("percentile", c.args().getFirst());
            }
            case "sample" -> {
                requireArgs(c, 2, "sample");
                if (!(c.args().get(1) instanceof IntegerLiteral n)) {
                    throw new QueryException("expected integer argument in sample()");
                }
                if (n.value() <= 0) {
                    throw new QueryException("sample window must be greater than 1, got " + n.value());
                }
                compileSymbol("sample", c.args().getFirst());
            }
            case "distinct" -> compileDistinct(c.args(), false);
            case "top", "bottom" -> compileTopBottom(c);
            case "integral" -> {
                int got = c.args().size();
                if (got < 1 || got > 2) {
                    throw new QueryException("invalid number of arguments for integral, expected at least 1 but "
                            + "no more than 2, got " + got);
                }
                if (got == 2) {
                    if (!(c.args().get(1) instanceof DurationLiteral d)) {
                        throw new QueryException("second argument must be a duration");
                    }
                    if (d.value().toNanos() <= 0) {
                        throw new QueryException("duration argument must be positive, got "
                                + InfluxDurations.format(d.value()));
                    }
                }
                onlySelectors = false;
                compileSymbol("integral", c.args().getFirst());
            }
            default -> compileFunction(c);
        }
    }

    private void compileFunction(Call c) throws QueryException {
        switch (c.name()) {
            case "max", "min", "first", "last" -> {
            }
            case "count", "sum", "mean", "median", "mode", "stddev", "spread" -> onlySelectors = false;
            default -> throw new QueryException("undefined function " + c.name() + "()");
        }
        if (c.args().size() != 1) {
            throw new QueryException("invalid number of arguments for " + c.name() + ", expected 1, got "
                    + c.args().size());
        }
        if (c.name().equals("count") && c.args().getFirst() instanceof Call inner && inner.name().equals("distinct")) {
            compileDistinct(inner.args(), true);
            return;
        }
        compileSymbol(c.name(), c.args().getFirst());
    }

    private static void requireArgs(Call c, int n, String name) throws QueryException {
        if (c.args().size() != n) {
            throw new QueryException("invalid number of arguments for " + name + ", expected " + n + ", got "
                    + c.args().size());
        }
    }

    private void compileSymbol(String name, Expr field) throws QueryException {
        switch (field) {
            case VarRef r -> {
            }
            case Wildcard w -> {
                if (!allowWildcard) {
                    throw new QueryException("unsupported expression with wildcard: " + name + "()");
                }
                onlySelectors = false;
            }
            case RegexLiteral r -> {
                if (!allowWildcard) {
                    throw new QueryException("unsupported expression with regex field: " + name + "()");
                }
                onlySelectors = false;
            }
            default -> throw new QueryException("expected field argument in " + name + "()");
        }
    }

    private void compileDistinct(List<Expr> args, boolean nested) throws QueryException {
        if (args.isEmpty()) {
            throw new QueryException("distinct function requires at least one argument");
        } else if (args.size() != 1) {
            throw new QueryException("distinct function can only have one argument");
        }
        if (!(args.getFirst() instanceof VarRef)) {
            throw new QueryException("expected field argument in distinct()");
        }
        if (!nested) {
            hasDistinct = true;
        }
        onlySelectors = false;
    }

    private void compileTopBottom(Call c) throws QueryException {
        if (!topBottomFunction.isEmpty()) {
            throw new QueryException("selector function " + topBottomFunction + "() cannot be combined with other "
                    + "functions");
        }
        if (c.args().size() < 2) {
            throw new QueryException("invalid number of arguments for " + c.name() + ", expected at least 2, got "
                    + c.args().size());
        }
        Expr last = c.args().getLast();
        if (!(last instanceof IntegerLiteral limit)) {
            throw new QueryException("expected integer as last argument in " + c.name() + "(), found "
                    + InfluxExprText.of(last));
        }
        if (limit.value() <= 0) {
            throw new QueryException("limit (" + limit.value() + ") in " + c.name() + " function must be at least 1");
        } else if (stmt.limit() > 0 && limit.value() > stmt.limit()) {
            throw new QueryException("limit (" + limit.value() + ") in " + c.name() + " function can not be larger "
                    + "than the LIMIT (" + stmt.limit() + ") in the select statement");
        }
        if (!(c.args().getFirst() instanceof VarRef)) {
            throw new QueryException("expected first argument to be a field in " + c.name() + "(), found "
                    + InfluxExprText.of(c.args().getFirst()));
        }
        for (Expr a : c.args().subList(1, c.args().size() - 1)) {
            if (!(a instanceof VarRef)) {
                throw new QueryException("only fields or tags are allowed in " + c.name() + "(), found "
                        + InfluxExprText.of(a));
            }
            hasAuxiliaryFields = true;
        }
        topBottomFunction = c.name();
    }

    private void validateFields() throws QueryException {
        if (fields.isEmpty()) {
            throw new QueryException("at least 1 non-time field must be queried");
        }
        if (functionCalls.size() > 1 && !topBottomFunction.isEmpty()) {
            throw new QueryException("selector function " + topBottomFunction + "() cannot be combined with other "
                    + "functions");
        } else if (functionCalls.isEmpty()) {
            if (stmt.fill() == FillOption.NONE) {
                throw new QueryException("fill(none) must be used with a function");
            } else if (stmt.fill() == FillOption.LINEAR) {
                throw new QueryException("fill(linear) must be used with a function");
            }
            if (interval != null) {
                throw new QueryException("GROUP BY requires at least one aggregate function");
            }
        }
        if (hasDistinct && (functionCalls.size() != 1 || hasAuxiliaryFields)) {
            throw new QueryException("aggregate function distinct() cannot be combined with other functions or "
                    + "fields");
        }
        if (hasAuxiliaryFields) {
            if (!onlySelectors) {
                throw new QueryException("mixing aggregate and non-aggregate queries is not supported");
            } else if (functionCalls.size() > 1) {
                throw new QueryException("mixing multiple selector functions with tags or fields is not supported");
            }
        }
    }

    private static void validateCondition(Expr e) throws QueryException {
        switch (e) {
            case null -> {
            }
            case BinaryExpr b -> {
                validateCondition(b.lhs());
                validateCondition(b.rhs());
            }
            case ParenExpr p -> validateCondition(p.expr());
            case Call c -> {
                if (!MathFunctions.isMathFunction(c.name())) {
                    throw new QueryException("invalid function call in condition: " + InfluxExprText.of(c));
                }
                int nargs = c.name().equals("atan2") || c.name().equals("pow") ? 2 : 1;
                if (c.args().size() != nargs) {
                    throw new QueryException("invalid number of arguments for " + c.name() + ", expected " + nargs
                            + ", got " + c.args().size());
                }
                for (Expr a : c.args()) {
                    validateCondition(a);
                }
            }
            default -> {
            }
        }
    }

    private List<Dimension> compileDimensions(ZoneId zone) throws QueryException {
        List<Dimension> out = new ArrayList<>();
        for (Dimension d : stmt.dimensions()) {
            Expr e = ExprReducer.reduce(d.expr());   // as InfluxDB: time(30m + 30m) is time(1h)
            switch (e) {
                case VarRef r -> {
                    if (r.name().toLowerCase(Locale.ROOT).equals("time")) {
                        throw new QueryException("time() is a function and expects at least one argument");
                    }
                    out.add(new Dimension(r));
                }
                case Call c -> compileTimeDimension(c, zone);
                case Wildcard w -> out.add(new Dimension(w));
                case RegexLiteral r -> out.add(new Dimension(r));
                default -> throw new QueryException("only time and tag dimensions allowed");
            }
        }
        return out;
    }

    private void compileTimeDimension(Call c, ZoneId zone) throws QueryException {
        if (!c.name().equals("time")) {
            throw new QueryException("only time() calls allowed in dimensions");
        } else if (c.args().isEmpty() || c.args().size() > 2) {
            throw new QueryException("time dimension expected 1 or 2 arguments");
        } else if (!(c.args().getFirst() instanceof DurationLiteral lit)) {
            throw new QueryException("time dimension must have duration argument");
        } else if (interval != null) {
            throw new QueryException("multiple time dimensions not allowed");
        } else {
            long d = lit.value().toNanos();
            long offset = 0;
            if (c.args().size() == 2) {
                Expr o = c.args().get(1);
                switch (o) {
                    case DurationLiteral dl -> offset = d == 0 ? 0 : dl.value().toNanos() % d;
                    case TimeLiteral tl -> offset = sinceTruncation(tl.value().getEpochSecond() * 1_000_000_000L
                            + tl.value().getNano(), d);
                    case Call now when now.name().equals("now") -> {
                        if (!now.args().isEmpty()) {
                            throw new QueryException("time dimension offset now() function requires no arguments");
                        }
                        offset = sinceTruncation(this.now, d);
                    }
                    case Call other -> throw new QueryException("time dimension offset function must be now()");
                    case StringLiteral s when TimeLiterals.isTimeLiteral(s.value()) -> {
                        long t;
                        try {
                            t = TimeLiterals.parse(s.value(), zone == null ? ZoneOffset.UTC : zone);
                        } catch (IllegalArgumentException e) {
                            throw new QueryException(TimeLiterals.INVALID_TIME);
                        }
                        offset = sinceTruncation(t, d);
                    }
                    default -> throw new QueryException("time dimension offset must be duration or now()");
                }
            }
            // InfluxDB treats a non-positive interval as no interval when it builds iterators.
            if (d > 0) {
                interval = new Interval(d, offset);
            }
        }
    }

    /**
     * {@code t - t.Truncate(d)} in Go, where truncation is relative to Go's zero time (January 1, year 1 UTC), not
     * to the epoch.
     */
    private static long sinceTruncation(long tNanos, long d) {
        if (d <= 0) {
            return 0;
        }
        BigInteger sinceZero = BigInteger.valueOf(tNanos).add(BigInteger.valueOf(62_135_596_800L)
                .multiply(BigInteger.valueOf(1_000_000_000L)));
        return sinceZero.mod(BigInteger.valueOf(d)).longValueExact();
    }
}
