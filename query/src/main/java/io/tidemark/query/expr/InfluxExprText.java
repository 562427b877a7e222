package io.tidemark.query.expr;

import io.tidemark.influxql.ast.BinaryExpr;
import io.tidemark.influxql.ast.Call;
import io.tidemark.influxql.ast.Expr;
import io.tidemark.influxql.ast.NumberLiteral;
import io.tidemark.influxql.ast.ParenExpr;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.stream.Collectors;

/**
 * An expression as InfluxDB prints it in error messages: like the AST's own text, except that a float literal has
 * exactly three decimals (influxql's {@code NumberLiteral.String} is {@code strconv.FormatFloat(v, 'f', 3, 64)}),
 * so {@code percentile(x, 95.5)} reads {@code percentile(x, 95.500)}. The AST keeps its lossless text for
 * everything else. Stateless.
 */
public final class InfluxExprText {
    private InfluxExprText() {
    }

    public static String of(Expr e) {
        return switch (e) {
            case NumberLiteral n -> number(n.value());
            case BinaryExpr b -> of(b.lhs()) + " " + b.op().symbol() + " " + of(b.rhs());
            case ParenExpr p -> "(" + of(p.expr()) + ")";
            case Call c -> c.name() + "(" + c.args().stream().map(InfluxExprText::of).collect(Collectors.joining(", "))
                    + ")";
            default -> e.toString();
        };
    }

    /** Go's {@code strconv.FormatFloat(v, 'f', 3, 64)}: the exact binary value rounded half to even. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        String s = new BigDecimal(v).setScale(3, RoundingMode.HALF_EVEN).toPlainString();
        return (v == 0 && 1 / v < 0) ? "-" + s : s;
    }
}
