package io.tidemark.diagnostics.stats;

import io.tidemark.common.metrics.Statistic;
import io.tidemark.common.result.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Shapes statistics as the result of {@code SHOW STATS [FOR '<module>']}: one series per statistic, named
 * after it, with its tags, its value names as columns (sorted) and one row of values. Stateless.
 */
public final class ShowStats {
    private ShowStats() {
    }

    /**
     * @param module keep only statistics of this name ({@code FOR 'httpd'}), or {@code null} for all
     */
    public static List<Series> of(List<Statistic> statistics, String module) {
        List<Series> out = new ArrayList<>();
        for (Statistic s : statistics) {
            if (module != null && !module.equals(s.name())) {
                continue;
            }
            List<String> columns = new ArrayList<>();
            List<Object> row = new ArrayList<>();
            for (Map.Entry<String, Object> v : s.values().entrySet()) {
                if (v.getValue() instanceof Double d && (d.isNaN() || d.isInfinite())) {
                    continue;
                }
                columns.add(v.getKey());
                row.add(v.getValue());
            }
            out.add(new Series(s.name(), s.tags(), columns, List.of(row), false));
        }
        return out;
    }
}
