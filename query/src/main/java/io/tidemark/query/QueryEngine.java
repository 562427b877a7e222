package io.tidemark.query;

import io.tidemark.common.RegexInterruption;
import io.tidemark.common.result.StatementResult;
import io.tidemark.influxql.ast.ExplainStatement;
import io.tidemark.influxql.ast.SelectStatement;
import io.tidemark.influxql.ast.Statement;
import io.tidemark.meta.MetaClient;
import io.tidemark.meta.MetaData;
import io.tidemark.query.expr.InvalidRegexException;
import io.tidemark.query.select.SelectExecutor;
import io.tidemark.query.series.IndexSeriesSelector;
import io.tidemark.query.series.SeriesSelector;
import io.tidemark.query.show.ShowExecutor;
import io.tidemark.storage.api.ShardIndexReader;
import io.tidemark.storage.api.ShardReader;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Executes the read statements of InfluxQL 1.8 on the shards of a node: SELECT (raw, aggregates, selectors,
 * GROUP BY time and tags, fill, ORDER BY time, LIMIT/OFFSET, SLIMIT/SOFFSET, tz()), EXPLAIN [ANALYZE] and the SHOW
 * statements about
 * measurements, series, tag keys and values, field keys, cardinalities, shards and shard groups, with InfluxDB's
 * result shapes and error texts. Not executed: transformations (derivative, moving_average, ...), subqueries and
 * SELECT ... INTO, which fail with an explicit "not supported" error.
 *
 * <p>Rows are read series by series from {@link ShardReader} cursors; aggregates keep state per bucket of one
 * output series at a time. Series are found through a {@link SeriesSelector}. What a SELECT holds in its buffers
 * (values kept by reducers, buckets, selected series, the rows of an unchunked result) is charged to a memory
 * account per execution and bounded by {@link QueryLimits#maxQueryMemoryBytes()}.
 *
 * <p>Thread-safe: statements run concurrently, each with its own state; it holds no lock and starts no thread.
 */
public final class QueryEngine {
    private final MetaClient meta;
    private final InstantSource clock;
    private final SelectExecutor selects;
    private final ShowExecutor shows;

    /**
     * Over shards that answer from a series index too ({@link IndexSeriesSelector}): series of a statement are
     * selected by their tags from postings, SHOW TAG KEYS/VALUES without a WHERE clause read the index's
     * dictionaries.
     */
    public <S extends ShardReader & ShardIndexReader> QueryEngine(MetaClient meta, S shards, QueryLimits limits,
            InstantSource clock) {
        this(meta, shards, new IndexSeriesSelector(shards), limits, clock);
    }

    /** With another way to find series (for example {@link io.tidemark.query.series.ScanningSeriesSelector}). */
    public QueryEngine(MetaClient meta, ShardReader shards, SeriesSelector selector, QueryLimits limits,
            InstantSource clock) {
        this.meta = Objects.requireNonNull(meta);
        this.clock = Objects.requireNonNull(clock);
        this.selects = new SelectExecutor(shards, selector, limits);
        this.shows = new ShowExecutor(shards, selector);
    }

    /** True for the statements {@link #execute} runs. */
    public boolean handles(Statement statement) {
        return statement instanceof SelectStatement || statement instanceof ExplainStatement
                || ShowExecutor.handles(statement);
    }

    /**
     * Runs one read statement; results go to sink in order (several partial results when ctx.chunked()).
     *
     * @throws QueryException with InfluxDB's text for the statement's {@code error}; in a chunked response some
     *     partial results may already have been sent
     * @throws IllegalArgumentException for a statement {@link #handles} rejects
     */
    public void execute(Statement statement, QueryContext ctx, Consumer<StatementResult> sink)
            throws QueryException {
        MetaData data = meta.data();
        Instant now = clock.instant();
        long nowNanos = Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
        try {
            if (statement instanceof SelectStatement select) {
                selects.execute(select, ctx, data, nowNanos, sink);
            } else if (statement instanceof ExplainStatement explain) {
                sink.accept(explain.analyze()
                        ? selects.explainAnalyze(explain.statement(), ctx, data, nowNanos)
                        : selects.explain(explain.statement(), ctx, data, nowNanos));
            } else if (ShowExecutor.handles(statement)) {
                shows.execute(statement, ctx, data, nowNanos, sink);
            } else {
                throw new IllegalArgumentException("not a statement of the query engine: " + statement);
            }
        } catch (InvalidRegexException e) {
            throw new QueryException(e.getMessage(), e);
        } catch (RegexInterruption.MatchInterruptedException e) {
            // A killed or timed-out query stopped in a regular expression's match, as ReadBudget stops it elsewhere.
            throw new QueryException(e.getMessage(), e);
        }
    }
}
