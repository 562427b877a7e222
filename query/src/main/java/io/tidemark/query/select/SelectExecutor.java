package io.tidemark.query.select;

import io.tidemark.common.result.StatementResult;
import io.tidemark.influxql.ast.SelectStatement;
import io.tidemark.meta.MetaData;
import io.tidemark.query.QueryContext;
import io.tidemark.query.QueryException;
import io.tidemark.query.QueryLimits;
import io.tidemark.query.expr.Evaluator;
import io.tidemark.query.expr.TimeRange;
import io.tidemark.query.memory.MemoryAccount;
import io.tidemark.query.series.SeriesSelector;
import io.tidemark.query.series.TagCondition;
import io.tidemark.storage.api.ShardReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Runs one SELECT: resolves its sources, compiles it, maps the shards of its time range, expands wildcards, groups
 * the selected series and streams the rows to a {@link ResultEmitter}. Each execution has its own
 * {@link MemoryAccount} with the {@code max-query-memory} limit, charged with the selected series and every buffer
 * of the statement.
 *
 * <p>Thread-safe: every execution builds its own state; the collaborators are thread-safe.
 */
public final class SelectExecutor {
    private final ShardReader reader;
    private final SeriesSelector selector;
    private final QueryLimits limits;

    public SelectExecutor(ShardReader reader, SeriesSelector selector, QueryLimits limits) {
        this.reader = reader;
        this.selector = selector;
        this.limits = limits;
    }

    /**
     * @param nowNanos the statement's now()
     * @throws QueryException with InfluxDB's text; in a chunked response, some results may have been sent already
     */
    public void execute(SelectStatement stmt, QueryContext qc, MetaData meta, long nowNanos,
            Consumer<StatementResult> sink) throws QueryException {
        execute(stmt, qc, meta, nowNanos, sink, new MemoryAccount(limits.maxQueryMemoryBytes()));
    }

    /**
     * Runs the statement charging its buffers to {@code memory}, which holds nothing again once it completes.
     *
     * @param memory a new account for this execution; its limit, not {@code max-query-memory}, applies
     * @throws QueryException with InfluxDB's text, or when the statement's buffers exceed the account's limit
     */
    public void execute(SelectStatement stmt, QueryContext qc, MetaData meta, long nowNanos,
            Consumer<StatementResult> sink, MemoryAccount memory) throws QueryException {
        List<SourceResolver.Resolved> resolved = SourceResolver.resolve(stmt.sources(), meta, qc.database(),
                qc.retentionPolicy());
        CompiledSelect c = SelectCompiler.compile(stmt, nowNanos);
        TimeRange range = c.range();
        List<MappedSource> sources = new ArrayList<>(resolved.size());
        for (SourceResolver.Resolved r : resolved) {
            sources.add(SourceResolver.map(r, meta, range.min(), range.max()));
        }
        Catalog catalog = new Catalog(reader, selector);
        FieldExpander.Expanded expanded = new FieldExpander(catalog, sources).expand(c);
        TypeValidator.validate(expanded.fields());
        Windows windows = new Windows(range, c.interval(), c.zone());
        checkBuckets(c, windows);

        List<String> columns = ColumnNames.of(c.timeColumn(), expanded.fields());
        ResultEmitter out = new ResultEmitter(qc.statementId(), columns, qc.chunked(), qc.effectiveChunkSize(), sink,
                c.zone(), memory);
        if (expanded.fields().isEmpty()) {
            out.finish();
            return;
        }
        List<List<Long>> sourceShards = sources.stream().map(MappedSource::shardIds).toList();
        SelectContext ctx = new SelectContext(reader, c, expanded, windows, sourceShards,
                new ReadBudget(limits.maxSelectPoint()), new Evaluator(true), new Evaluator(false, false), memory);
        TagCondition condition = new TagCondition(expanded.condition(), new HashSet<>(catalog.fieldNames(sources)));
        if (c.hasCalls()) {
            AggregateSelect agg = new AggregateSelect(ctx, RandomGenerator.getDefault());
            List<SeriesGroup> groups = GroupBuilder.build(catalog, sources, expanded.dimensions(), condition,
                    c.ascending(), c.sLimit(), c.sOffset(), limits.maxSelectSeries());
            long selected = charge(groups, memory);
            agg.run(groups, out);
            memory.release(selected);
        } else {
            RawSelect raw = new RawSelect(ctx);
            List<SeriesGroup> groups = GroupBuilder.build(catalog, sources, expanded.dimensions(), condition,
                    c.ascending(), c.sLimit(), c.sOffset(), limits.maxSelectSeries());
            long selected = charge(groups, memory);
            raw.run(groups, out);
            memory.release(selected);
        }
        out.finish();
    }

    /** Charges the selected series, held until the statement ends; returns the bytes charged. */
    private static long charge(List<SeriesGroup> groups, MemoryAccount memory) throws QueryException {
        long bytes = 0;
        for (SeriesGroup g : groups) {
            bytes += g.estimatedBytes();
        }
        memory.charge(bytes);
        return bytes;
    }

    /** {@code max-select-buckets}, checked only when the WHERE clause bounds the start, as in InfluxDB. */
    private void checkBuckets(CompiledSelect c, Windows windows) throws QueryException {
        if (limits.maxSelectBuckets() <= 0 || !windows.hasInterval() || c.range().min() <= TimeRange.MIN_TIME) {
            return;
        }
        long d = windows.interval().duration();
        long first = windows.start(c.range().min());
        long last = windows.start(c.range().max() - 1);
        long buckets = (last - first + d) / d;
        if (buckets > limits.maxSelectBuckets()) {
            throw new QueryException("max-select-buckets limit exceeded: (" + buckets + "/"
                    + limits.maxSelectBuckets() + ")");
        }
    }
}
