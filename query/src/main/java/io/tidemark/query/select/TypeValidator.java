package io.tidemark.query.select;

import io.tidemark.influxql.ast.BinaryExpr;
import io.tidemark.influxql.ast.BooleanLiteral;
import io.tidemark.influxql.ast.Call;
import io.tidemark.influxql.ast.DataType;
import io.tidemark.influxql.ast.Expr;
import io.tidemark.influxql.ast.Field;
import io.tidemark.influxql.ast.IntegerLiteral;
import io.tidemark.influxql.ast.NumberLiteral;
import io.tidemark.influxql.ast.ParenExpr;
import io.tidemark.influxql.ast.StringLiteral;
import io.tidemark.influxql.ast.UnsignedLiteral;
import io.tidemark.influxql.ast.VarRef;
import io.tidemark.query.expr.InfluxExprText;
import io.tidemark.query.QueryException;
import io.tidemark.query.expr.DataTypes;
import io.tidemark.query.expr.Evaluator;
import java.util.List;

/**
 * InfluxQL's {@code validateTypes} ({@code influxql.TypeValuerEval} with the query engine's function type mapper):
 * once the fields carry the types the shards give them, rejects an operator whose operand types it cannot apply
 * to, such as a string or boolean in arithmetic, with {@code type error: <expr>: incompatible types: <a> and <b>}.
 * Names of unknown type (missing fields) pass: the other operand's type is taken.
 *
 * <p>Stateless; thread-safe.
 */
final class TypeValidator {
    private TypeValidator() {
    }

    /** Checks every field of a rewritten statement, in order. */
    static void validate(List<Field> fields) throws QueryException {
        Evaluator evaluator = new Evaluator(false, false);
        for (Field f : fields) {
            typeOf(f.expr(), evaluator);
        }
    }

    private static DataType typeOf(Expr e, Evaluator evaluator) throws QueryException {
        return switch (e) {
            case VarRef r -> r.type();
            case ParenExpr p -> typeOf(p.expr(), evaluator);
            case NumberLiteral n -> DataType.FLOAT;
            case IntegerLiteral i -> DataType.INTEGER;
            case UnsignedLiteral u -> DataType.UNSIGNED;
            case StringLiteral s -> DataType.STRING;
            case BooleanLiteral b -> DataType.BOOLEAN;
            case Call c -> callType(c, evaluator);
            case BinaryExpr b -> binaryType(b, evaluator);
            default -> DataType.UNKNOWN;
        };
    }

    /** The function type mapper: fixed output types for some functions, otherwise the first argument's type. */
    private static DataType callType(Call c, Evaluator evaluator) throws QueryException {
        DataType first = DataType.UNKNOWN;
        for (int i = 0; i < c.args().size(); i++) {
            DataType t = typeOf(c.args().get(i), evaluator);
            if (i == 0) {
                first = t;
            }
        }
        return switch (c.name()) {
            case "mean", "median", "integral", "stddev", "derivative", "non_negative_derivative", "moving_average",
                    "exponential_moving_average", "double_exponential_moving_average",
                    "triple_exponential_moving_average", "relative_strength_index", "triple_exponential_derivative",
                    "kaufmans_efficiency_ratio", "kaufmans_adaptive_moving_average", "chande_momentum_oscillator",
                    "holt_winters", "holt_winters_with_fit" -> DataType.FLOAT;
            case "count", "elapsed" -> DataType.INTEGER;
            default -> first;
        };
    }

    /** Infers the result type as InfluxQL does: by evaluating the operator on the zero values of both types. */
    private static DataType binaryType(BinaryExpr b, Evaluator evaluator) throws QueryException {
        DataType lhs = typeOf(b.lhs(), evaluator);
        DataType rhs = typeOf(b.rhs(), evaluator);
        if (lhs == DataType.UNKNOWN) {
            return rhs;
        } else if (rhs == DataType.UNKNOWN) {
            return lhs;
        }
        BinaryExpr probe = new BinaryExpr(b.op(), new VarRef("lhs", lhs), new VarRef("rhs", rhs));
        DataType result = DataTypes.ofValue(evaluator.eval(probe, r -> DataTypes.zero(r.type())));
        if (result == DataType.UNKNOWN) {
            throw new QueryException("type error: " + InfluxExprText.of(b) + ": incompatible types: " + lhs.text()
                    + " and " + rhs.text());
        }
        return result;
    }
}
