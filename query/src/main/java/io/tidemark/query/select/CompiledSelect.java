package io.tidemark.query.select;

import io.tidemark.influxql.ast.Dimension;
import io.tidemark.influxql.ast.Expr;
import io.tidemark.influxql.ast.Field;
import io.tidemark.influxql.ast.FillOption;
import io.tidemark.query.expr.TimeRange;
import java.time.ZoneId;
import java.util.List;

/**
 * A SELECT that passed InfluxDB's compile-time checks, with its time range resolved and {@code time} removed from
 * the field list.
 *
 * <p>Immutable; thread-safe.
 *
 * @param fields the selected fields, {@code DISTINCT x} rewritten to {@code distinct(x)}
 * @param timeColumn the name of the time column ({@code time} or the alias of a selected {@code time})
 * @param condition the WHERE clause without its time comparisons, null for none
 * @param range the time range, unset bounds replaced: MIN_TIME, and MAX_TIME or now() with GROUP BY time
 * @param interval the GROUP BY time interval, null for none
 * @param dimensions the GROUP BY items other than time (tags, {@code *}, regexes)
 * @param zone the tz() zone, null for none
 * @param onlySelectors true when every function call is a selector
 * @param selector true when there is exactly one call and it is a selector (points keep their own time)
 */
public record CompiledSelect(List<Field> fields, String timeColumn, Expr condition, TimeRange range,
        Interval interval, List<Dimension> dimensions, FillOption fill, Number fillValue, boolean ascending,
        long limit, long offset, long sLimit, long sOffset, ZoneId zone, boolean onlySelectors, boolean selector,
        boolean hasCalls) {
    public CompiledSelect {
        fields = List.copyOf(fields);
        dimensions = List.copyOf(dimensions);
    }
}
