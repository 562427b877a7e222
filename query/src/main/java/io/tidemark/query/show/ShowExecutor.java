package io.tidemark.query.show;

import io.tidemark.common.result.StatementResult;
import io.tidemark.influxql.ast.ShowFieldKeyCardinalityStatement;
import io.tidemark.influxql.ast.ShowFieldKeysStatement;
import io.tidemark.influxql.ast.ShowMeasurementCardinalityStatement;
import io.tidemark.influxql.ast.ShowMeasurementsStatement;
import io.tidemark.influxql.ast.ShowSeriesCardinalityStatement;
import io.tidemark.influxql.ast.ShowSeriesStatement;
import io.tidemark.influxql.ast.ShowShardGroupsStatement;
import io.tidemark.influxql.ast.ShowShardsStatement;
import io.tidemark.influxql.ast.ShowTagKeyCardinalityStatement;
import io.tidemark.influxql.ast.ShowTagKeysStatement;
import io.tidemark.influxql.ast.ShowTagValuesCardinalityStatement;
import io.tidemark.influxql.ast.ShowTagValuesStatement;
import io.tidemark.influxql.ast.Statement;
import io.tidemark.meta.MetaData;
import io.tidemark.query.QueryContext;
import io.tidemark.query.QueryException;
import io.tidemark.query.select.Catalog;
import io.tidemark.query.series.SeriesSelector;
import io.tidemark.storage.api.ShardReader;
import java.util.function.Consumer;

/**
 * Runs the SHOW statements about the data and the shards.
 *
 * <p>Thread-safe: every execution builds its own state.
 */
public final class ShowExecutor {
    private final ShardReader reader;
    private final SeriesSelector selector;

    public ShowExecutor(ShardReader reader, SeriesSelector selector) {
        this.reader = reader;
        this.selector = selector;
    }

    /** True for the statements {@link #execute} runs. */
    public static boolean handles(Statement s) {
        return s instanceof ShowMeasurementsStatement || s instanceof ShowSeriesStatement
                || s instanceof ShowTagKeysStatement || s instanceof ShowTagValuesStatement
                || s instanceof ShowFieldKeysStatement || s instanceof ShowSeriesCardinalityStatement
                || s instanceof ShowMeasurementCardinalityStatement || s instanceof ShowTagKeyCardinalityStatement
                || s instanceof ShowTagValuesCardinalityStatement || s instanceof ShowFieldKeyCardinalityStatement
                || s instanceof ShowShardsStatement || s instanceof ShowShardGroupsStatement;
    }

    /**
     * {@link #execute}, its result sent to the sink as InfluxDB sends it: in a chunked response, cut into the
     * pieces InfluxDB makes of it (see {@link ShowChunks}).
     */
    public void execute(Statement statement, QueryContext qc, MetaData meta, long nowNanos,
            Consumer<StatementResult> sink) throws QueryException {
        StatementResult result = execute(statement, qc, meta, nowNanos);
        if (qc.chunked()) {
            ShowChunks.send(statement, result, qc.effectiveChunkSize(), sink);
        } else {
            sink.accept(result);
        }
    }

    /**
     * @param nowNanos the statement's now(), for time conditions
     * @throws IllegalArgumentException for a statement {@link #handles} rejects
     */
    public StatementResult execute(Statement statement, QueryContext qc, MetaData meta, long nowNanos)
            throws QueryException {
        Catalog catalog = new Catalog(reader, selector);
        int id = qc.statementId();
        return switch (statement) {
            case ShowMeasurementsStatement s -> SchemaShows.measurements(s, qc, meta, catalog);
            case ShowSeriesStatement s -> SchemaShows.series(s, qc, meta, catalog, nowNanos);
            case ShowTagKeysStatement s -> SchemaShows.tagKeys(s, qc, meta, catalog, nowNanos);
            case ShowTagValuesStatement s -> SchemaShows.tagValues(s, qc, meta, catalog, nowNanos);
            case ShowFieldKeysStatement s -> SchemaShows.fieldKeys(s, qc, meta, catalog);
            case ShowSeriesCardinalityStatement s -> {
                if (!s.exact() && s.sources().isEmpty() && s.condition() == null && s.dimensions().isEmpty()
                        && s.limit() == 0 && s.offset() == 0) {
                    yield CardinalityShows.estimate(false, s.database(), qc, meta, catalog);
                }
                yield CardinalityShows.perMeasurement("SHOW SERIES EXACT CARDINALITY", s.database(), s.sources(),
                        s.condition(), s.dimensions(), s.offset(), s.limit(), qc, meta, catalog, nowNanos, false,
                        CardinalityShows.series());
            }
            case ShowMeasurementCardinalityStatement s -> {
                if (!s.exact() && s.sources().isEmpty() && s.condition() == null && s.dimensions().isEmpty()
                        && s.limit() == 0 && s.offset() == 0) {
                    yield CardinalityShows.estimate(true, s.database(), qc, meta, catalog);
                }
                yield CardinalityShows.exactMeasurements(s.database(), s.sources(), s.condition(), s.offset(),
                        s.limit(), qc, meta, catalog);
            }
            case ShowTagKeyCardinalityStatement s -> CardinalityShows.perMeasurement(
                    "SHOW TAG KEY EXACT CARDINALITY", s.database(), s.sources(), s.condition(), s.dimensions(),
                    s.offset(), s.limit(), qc, meta, catalog, nowNanos, false, CardinalityShows.tagKeys());
            case ShowTagValuesCardinalityStatement s -> CardinalityShows.perMeasurement(
                    "SHOW TAG VALUES EXACT CARDINALITY", s.database(), s.sources(), s.condition(), s.dimensions(),
                    s.offset(), s.limit(), qc, meta, catalog, nowNanos, true,
                    CardinalityShows.tagValues(SchemaShows.keyMatcher(s.op(), s.tagKey())));
            case ShowFieldKeyCardinalityStatement s -> CardinalityShows.perMeasurement(
                    "SHOW FIELD KEY CARDINALITY", s.database(), s.sources(), s.condition(), s.dimensions(),
                    s.offset(), s.limit(), qc, meta, catalog, nowNanos, false, CardinalityShows.fieldKeys());
            case ShowShardsStatement s -> MetaShows.shards(id, meta);
            case ShowShardGroupsStatement s -> MetaShows.shardGroups(id, meta);
            default -> throw new IllegalArgumentException("not a SHOW statement of the query engine: " + statement);
        };
    }
}
