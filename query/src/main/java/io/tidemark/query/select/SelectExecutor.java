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
    /** EXPLAIN ANALYZE counts the rows in chunks of this size: a run keeps no more of them at a time. */
    private static final int ANALYZE_CHUNK_ROWS = 10_000;
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
        Prepared p = prepare(stmt, qc, meta, nowNanos);
        ResultEmitter out = new ResultEmitter(qc.statementId(), ColumnNames.of(p.compiled.timeColumn(),
                p.expanded.fields()), qc.chunked(), qc.effectiveChunkSize(), sink, p.compiled.zone(), memory);
        if (!p.expanded.fields().isEmpty()) {
            run(p, select(p, memory), out, memory);
        }
        out.finish();
    }

    /**
     * {@code EXPLAIN SELECT ...}: the plan InfluxDB would make, one node per iterator, each with what its reads would
     * touch (see {@link ExplainPlan}); the statement is prepared (its errors are a SELECT's) but not run.
     */
    public StatementResult explain(SelectStatement stmt, QueryContext qc, MetaData meta, long nowNanos)
            throws QueryException {
        Prepared p = prepare(stmt, qc, meta, nowNanos);
        return ExplainPlan.of(p.compiled, p.expanded, p.sources, p.catalog, p.condition).result(qc.statementId());
    }

    /**
     * {@code EXPLAIN ANALYZE SELECT ...}: runs the statement, discarding its rows, and reports how long planning
     * (resolving, compiling, selecting the series) and execution took, with the plan's nodes.
     */
    public StatementResult explainAnalyze(SelectStatement stmt, QueryContext qc, MetaData meta, long nowNanos)
            throws QueryException {
        long started = System.nanoTime();
        Prepared p = prepare(stmt, qc, meta, nowNanos);
        MemoryAccount memory = new MemoryAccount(limits.maxQueryMemoryBytes());
        long[] rows = {0};
        ResultEmitter out = new ResultEmitter(qc.statementId(), ColumnNames.of(p.compiled.timeColumn(),
                p.expanded.fields()), true, ANALYZE_CHUNK_ROWS, r -> {
                    for (var series : r.series()) {
                        rows[0] += series.values().size();
                    }
                }, p.compiled.zone(), memory);
        Selected selected = p.expanded.fields().isEmpty() ? null : select(p, memory);
        long executing = System.nanoTime();
        if (selected != null) {
            run(p, selected, out, memory);
        }
        out.finish();
        long finished = System.nanoTime();
        ExplainPlan plan = ExplainPlan.of(p.compiled, p.expanded, p.sources, p.catalog, p.condition);
        return plan.analyzed(qc.statementId(), stmt, executing - started, finished - executing, rows[0]);
    }

    /** A statement resolved, compiled and expanded against the shards of its time range. */
    private record Prepared(CompiledSelect compiled, List<MappedSource> sources, Catalog catalog,
            FieldExpander.Expanded expanded, Windows windows, TagCondition condition) {
    }

    /** The series groups of a prepared statement, charged to its memory account. */
    private record Selected(List<SeriesGroup> groups, long chargedBytes) {
    }

    private Prepared prepare(SelectStatement stmt, QueryContext qc, MetaData meta, long nowNanos)
            throws QueryException {
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
        TagCondition condition = new TagCondition(expanded.condition(), new HashSet<>(catalog.fieldNames(sources)));
        return new Prepared(c, sources, catalog, expanded, windows, condition);
    }

    private Selected select(Prepared p, MemoryAccount memory) throws QueryException {
        CompiledSelect c = p.compiled;
        List<SeriesGroup> groups = GroupBuilder.build(p.catalog, p.sources, p.expanded.dimensions(), p.condition,
                c.ascending(), c.sLimit(), c.sOffset(), limits.maxSelectSeries());
        return new Selected(groups, charge(groups, memory));
    }

    private void run(Prepared p, Selected selected, ResultEmitter out, MemoryAccount memory) throws QueryException {
        CompiledSelect c = p.compiled;
        List<List<Long>> sourceShards = p.sources.stream().map(MappedSource::shardIds).toList();
        SelectContext ctx = new SelectContext(reader, c, p.expanded, p.windows, sourceShards,
                new ReadBudget(limits.maxSelectPoint()), new Evaluator(true), new Evaluator(false, false), memory);
        if (c.hasCalls()) {
            new AggregateSelect(ctx, RandomGenerator.getDefault()).run(selected.groups, out);
        } else {
            new RawSelect(ctx).run(selected.groups, out);
        }
        memory.release(selected.chargedBytes);
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
