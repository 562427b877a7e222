package io.tidemark.query.agg;

import io.tidemark.influxql.ast.Call;
import io.tidemark.influxql.ast.DurationLiteral;
import io.tidemark.influxql.ast.Expr;
import io.tidemark.influxql.ast.IntegerLiteral;
import io.tidemark.influxql.ast.NumberLiteral;
import io.tidemark.influxql.ast.VarRef;
import java.util.ArrayList;
import java.util.List;

/**
 * One aggregate or selector call of a statement, its arguments decoded.
 *
 * <p>Immutable; thread-safe.
 *
 * @param call the call as written (after wildcard expansion and typing)
 * @param function the function; {@code count} of {@code distinct()} is {@code count_distinct}
 * @param field the field the call reads
 * @param percentile the {@code percentile()} argument
 * @param n the {@code sample()}, {@code top()} or {@code bottom()} count
 * @param tagArgs the {@code top()}/{@code bottom()} arguments between the field and the count
 * @param unitNanos the {@code integral()} unit (1s by default)
 */
public record CallSpec(Call call, String function, VarRef field, double percentile, int n, List<String> tagArgs,
        long unitNanos) {
    public CallSpec {
        tagArgs = List.copyOf(tagArgs);
    }

    /** Decodes a call the compiler already validated. */
    public static CallSpec of(Call c) {
        String function = c.name();
        Expr arg = c.args().getFirst();
        if (function.equals("count") && arg instanceof Call inner && inner.name().equals("distinct")) {
            function = "count_distinct";
            arg = inner.args().getFirst();
        }
        VarRef field = (VarRef) arg;
        double percentile = 0;
        int n = 0;
        List<String> tagArgs = new ArrayList<>();
        long unit = 1_000_000_000L;
        switch (function) {
            case "percentile" -> percentile = c.args().get(1) instanceof IntegerLiteral i ? i.value()
                    : ((NumberLiteral) c.args().get(1)).value();
            case "sample" -> n = (int) Math.min(Integer.MAX_VALUE, ((IntegerLiteral) c.args().get(1)).value());
            case "top", "bottom" -> {
                n = (int) Math.min(Integer.MAX_VALUE, ((IntegerLiteral) c.args().getLast()).value());
                for (Expr a : c.args().subList(1, c.args().size() - 1)) {
                    tagArgs.add(((VarRef) a).name());
                }
            }
            case "integral" -> {
                if (c.args().size() == 2) {
                    unit = ((DurationLiteral) c.args().get(1)).value().toNanos();
                }
            }
            default -> {
            }
        }
        return new CallSpec(c, function, field, percentile, n, tagArgs, unit);
    }
}
