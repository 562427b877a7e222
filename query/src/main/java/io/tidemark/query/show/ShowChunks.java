package io.tidemark.query.show;

import io.tidemark.common.result.Series;
import io.tidemark.common.result.StatementResult;
import io.tidemark.influxql.ast.ShowFieldKeyCardinalityStatement;
import io.tidemark.influxql.ast.ShowFieldKeysStatement;
import io.tidemark.influxql.ast.ShowMeasurementCardinalityStatement;
import io.tidemark.influxql.ast.ShowSeriesCardinalityStatement;
import io.tidemark.influxql.ast.ShowSeriesStatement;
import io.tidemark.influxql.ast.ShowTagKeyCardinalityStatement;
import io.tidemark.influxql.ast.ShowTagKeysStatement;
import io.tidemark.influxql.ast.ShowTagValuesCardinalityStatement;
import io.tidemark.influxql.ast.ShowTagValuesStatement;
import io.tidemark.influxql.ast.Statement;
import java.util.List;
import java.util.function.Consumer;

/**
 * How InfluxDB 1.8 answers SHOW statements in a chunked response (compared with influxd 1.6.7 at chunk sizes 1 and
 * 3). Those it runs as SELECTs over its system sources (SHOW SERIES, SHOW FIELD KEYS, the cardinalities) come as a
 * SELECT's chunks: a series cut every {@code chunk_size} rows and at each change of series, each piece its own
 * result, {@code partial} on the series when it continues and on every result but the last. SHOW TAG KEYS and SHOW
 * TAG VALUES come one result per measurement, unmarked. The others come whole. Stateless.
 */
final class ShowChunks {
    private ShowChunks() {
    }

    /** Sends {@code result} of {@code statement} to the sink as InfluxDB's chunked response would carry it. */
    static void send(Statement statement, StatementResult result, int chunkSize, Consumer<StatementResult> sink) {
        if (result.error() != null || result.series().isEmpty()) {
            sink.accept(result);
        } else if (runsAsSelect(statement)) {
            sendAsSelect(result, chunkSize, sink);
        } else if (statement instanceof ShowTagKeysStatement || statement instanceof ShowTagValuesStatement) {
            for (Series s : result.series()) {
                sink.accept(StatementResult.of(result.statementId(), List.of(s)));
            }
        } else {
            sink.accept(result);
        }
    }

    /** The estimated series and measurement cardinalities are one row; splitting one row changes nothing. */
    private static boolean runsAsSelect(Statement s) {
        return s instanceof ShowSeriesStatement || s instanceof ShowFieldKeysStatement
                || s instanceof ShowSeriesCardinalityStatement || s instanceof ShowFieldKeyCardinalityStatement
                || s instanceof ShowTagKeyCardinalityStatement || s instanceof ShowTagValuesCardinalityStatement
                || s instanceof ShowMeasurementCardinalityStatement;
    }

    private static void sendAsSelect(StatementResult result, int chunkSize, Consumer<StatementResult> sink) {
        int size = Math.max(1, chunkSize);
        List<Series> all = result.series();
        for (int i = 0; i < all.size(); i++) {
            Series s = all.get(i);
            List<List<Object>> rows = s.values();
            for (int from = 0; from < rows.size() || from == 0; from += size) {
                int to = Math.min(rows.size(), from + size);
                boolean seriesContinues = to < rows.size();
                boolean more = seriesContinues || i + 1 < all.size();
                Series piece = new Series(s.name(), s.tags(), s.columns(), rows.subList(from, to), seriesContinues,
                        s.zone(), s.timeColumn());
                sink.accept(new StatementResult(result.statementId(), List.of(piece), result.messages(), null, more));
                if (rows.isEmpty()) {
                    break;
                }
            }
        }
    }
}
