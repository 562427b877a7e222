package io.tidemark.http;

import io.tidemark.common.result.Series;
import io.tidemark.common.result.StatementResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins the partial results of a statement into one, for non-chunked responses: consecutive results with the
 * same statement id are concatenated, and a series continued across them (same name and tags) is joined.
 */
final class ResultMerger {
    private ResultMerger() {
    }

    static List<StatementResult> merge(List<StatementResult> results) {
        List<StatementResult> out = new ArrayList<>();
        for (StatementResult r : results) {
            StatementResult last = out.isEmpty() ? null : out.getLast();
            if (last == null || last.statementId() != r.statementId() || last.error() != null) {
                out.add(r);
                continue;
            }
            List<Series> series = new ArrayList<>(last.series());
            for (Series s : r.series()) {
                Series prev = series.isEmpty() ? null : series.getLast();
                if (prev != null && prev.partial() && java.util.Objects.equals(prev.name(), s.name())
                        && prev.tags().equals(s.tags())) {
                    List<List<Object>> values = new ArrayList<>(prev.values());
                    values.addAll(s.values());
                    series.set(series.size() - 1, new Series(s.name(), s.tags(), s.columns(), values, s.partial()));
                } else {
                    series.add(s);
                }
            }
            List<StatementResult.Message> messages = new ArrayList<>(last.messages());
            messages.addAll(r.messages());
            out.set(out.size() - 1, new StatementResult(r.statementId(), series, messages, r.error(), r.partial()));
        }
        return out;
    }
}
