package io.tidemark.query.show;

import io.tidemark.influxql.ast.BinaryExpr;
import io.tidemark.influxql.ast.BooleanLiteral;
import io.tidemark.influxql.ast.DataType;
import io.tidemark.influxql.ast.Expr;
import io.tidemark.influxql.ast.IntegerLiteral;
import io.tidemark.influxql.ast.Operator;
import io.tidemark.influxql.ast.ParenExpr;
import io.tidemark.influxql.ast.RegexLiteral;
import io.tidemark.influxql.ast.StringLiteral;
import io.tidemark.influxql.ast.VarRef;
import io.tidemark.query.QueryException;
import io.tidemark.query.expr.GoRegex;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The WHERE clause of SHOW MEASUREMENTS, evaluated as InfluxDB evaluates it (tsdb {@code IndexSet.
 * measurementNamesByExpr}, the inmem index alike): per measurement, from the values each tag key has among the
 * measurement's series, never series by series. A comparison on a tag key the measurement lacks never matches (not
 * even {@code k = ''}); {@code k = 'v'} ({@code k =~ /re/}) matches when some series has that value (a value the
 * regex matches), {@code k != 'v'} ({@code k !~ /re/}) when none has; {@code _name} compares the measurement's
 * name. AND and OR combine the results per measurement, so {@code a AND b} can match with no series matching both.
 *
 * <p>Immutable; thread-safe.
 */
final class MeasurementCondition {
    /** The tag values of one measurement. */
    interface Tags {
        /** The values the key has among the measurement's series; empty when no series has the key. */
        Set<String> values(String key) throws QueryException;
    }

    /** influxql.IsSystemName: names InfluxDB's index answers with nothing. */
    private static final Set<String> SYSTEM_NAMES = Set.of("_fieldKeys", "_measurements", "_series", "_tagKeys",
            "_tags");

    private final Expr condition;
    /** The compiled regexes of the clause, by node identity. */
    private final Map<Expr, Pattern> patterns;

    private MeasurementCondition(Expr condition, Map<Expr, Pattern> patterns) {
        this.condition = condition;
        this.patterns = patterns;
    }

    /**
     * @throws QueryException with InfluxDB's text for a clause its index cannot evaluate, the leftmost first
     */
    static MeasurementCondition of(Expr condition) throws QueryException {
        Map<Expr, Pattern> patterns = new IdentityHashMap<>();
        validate(condition, patterns);
        return new MeasurementCondition(condition, patterns);
    }

    boolean matches(String measurement, Tags tags) throws QueryException {
        return eval(condition, measurement, tags);
    }

    private static void validate(Expr e, Map<Expr, Pattern> patterns) throws QueryException {
        switch (e) {
            case ParenExpr p -> validate(p.expr(), patterns);
            case BinaryExpr b when b.op() == Operator.AND || b.op() == Operator.OR -> {
                validate(b.lhs(), patterns);
                validate(b.rhs(), patterns);
            }
            case BinaryExpr b when isComparison(b.op()) -> {
                if (!(b.lhs() instanceof VarRef)) {
                    throw new QueryException("left side of '" + b.op().symbol() + "' must be a tag key");
                }
                boolean regex = b.op() == Operator.EQREGEX || b.op() == Operator.NEQREGEX;
                if (regex && !(b.rhs() instanceof RegexLiteral)) {
                    throw new QueryException("right side of '" + b.op().symbol() + "' must be a regular expression");
                }
                if (!regex && !(b.rhs() instanceof StringLiteral)) {
                    throw new QueryException("right side of '" + b.op().symbol() + "' must be a tag value string");
                }
                if (regex) {
                    patterns.put(b.rhs(), GoRegex.compile(((RegexLiteral) b.rhs()).pattern()));
                }
            }
            case BinaryExpr b -> throw new QueryException("invalid tag comparison operator");
            default -> throw new QueryException(goSyntax(e));
        }
    }

    private static boolean isComparison(Operator op) {
        return op == Operator.EQ || op == Operator.NEQ || op == Operator.EQREGEX || op == Operator.NEQREGEX;
    }

    private boolean eval(Expr e, String measurement, Tags tags) throws QueryException {
        if (e instanceof ParenExpr p) {
            return eval(p.expr(), measurement, tags);
        }
        BinaryExpr b = (BinaryExpr) e;
        if (b.op() == Operator.AND) {
            // Both sides are evaluated, as InfluxDB builds both name sets before intersecting them.
            boolean lhs = eval(b.lhs(), measurement, tags);
            return eval(b.rhs(), measurement, tags) && lhs;
        } else if (b.op() == Operator.OR) {
            boolean lhs = eval(b.lhs(), measurement, tags);
            return eval(b.rhs(), measurement, tags) || lhs;
        }
        String key = ((VarRef) b.lhs()).name();
        boolean positive = b.op() == Operator.EQ || b.op() == Operator.EQREGEX;
        if (key.equals("_name")) {
            return matchesValue(b, measurement) == positive;
        } else if (SYSTEM_NAMES.contains(key)) {
            return false;
        }
        Set<String> values = tags.values(key);
        if (values.isEmpty()) {
            return false;
        }
        boolean anyMatches = false;
        for (String v : values) {
            if (matchesValue(b, v)) {
                anyMatches = true;
                break;
            }
        }
        return anyMatches == positive;
    }

    /** Whether a value satisfies the comparison's operand: equal to the string, or matched by the regex. */
    private boolean matchesValue(BinaryExpr b, String value) {
        Pattern p = patterns.get(b.rhs());
        if (p != null) {
            return GoRegex.matches(p, value);
        }
        return ((StringLiteral) b.rhs()).value().equals(value);
    }

    /** Go's {@code %#v} of the node InfluxDB cannot evaluate, which is its whole error text. */
    private static String goSyntax(Expr e) {
        return switch (e) {
            case BooleanLiteral l -> "&influxql.BooleanLiteral{Val:" + l.value() + "}";
            case IntegerLiteral l -> "&influxql.IntegerLiteral{Val:" + l.value() + "}";
            case StringLiteral l -> "&influxql.StringLiteral{Val:" + goQuote(l.value()) + "}";
            case VarRef r -> "&influxql.VarRef{Val:" + goQuote(r.name()) + ", Type:" + goTypeNumber(r.type()) + "}";
            default -> "invalid condition for SHOW MEASUREMENTS: " + e;
        };
    }

    private static String goQuote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** influxql.DataType's numbering. */
    private static int goTypeNumber(DataType t) {
        return switch (t) {
            case UNKNOWN -> 0;
            case FLOAT -> 1;
            case INTEGER -> 2;
            case STRING -> 3;
            case BOOLEAN -> 4;
            case TIME -> 5;
            case DURATION -> 6;
            case TAG -> 7;
            case ANY_FIELD -> 8;
            case UNSIGNED -> 9;
        };
    }
}
