package io.tidemark.query.select;

import io.tidemark.common.GoDuration;
import io.tidemark.common.result.Series;
import io.tidemark.common.result.StatementResult;
import io.tidemark.influxql.ast.BinaryExpr;
import io.tidemark.influxql.ast.Call;
import io.tidemark.influxql.ast.DataType;
import io.tidemark.influxql.ast.Expr;
import io.tidemark.influxql.ast.Field;
import io.tidemark.influxql.ast.ParenExpr;
import io.tidemark.influxql.ast.SelectStatement;
import io.tidemark.influxql.ast.VarRef;
import io.tidemark.query.QueryException;
import io.tidemark.query.expr.DataTypes;
import io.tidemark.query.expr.MathFunctions;
import io.tidemark.query.series.SeriesKey;
import io.tidemark.query.series.SeriesKeyParser;
import io.tidemark.query.series.TagCondition;
import io.tidemark.storage.api.ReadCost;
import io.tidemark.storage.api.ShardException;
import io.tidemark.storage.api.ShardNotFoundException;
import io.tidemark.storage.api.ShardReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * InfluxDB 1.8's {@code EXPLAIN} of a SELECT: the iterators its planner creates, one node each, with what the reads
 * under them would touch. InfluxDB makes a node for every FROM source of each function call (for the calls its
 * storage engine computes: the call itself; for the others, and for {@code top()}/{@code bottom()} without tags,
 * the call's field; {@code max()}/{@code min()} for those with tags), or one node per source reading the auxiliary
 * fields of a raw query; every node carries the fields and tags selected beside the calls. A node's cost adds up,
 * over the shards that have its measurements, the series the WHERE clause's tags select, and for each series what
 * reading the node's field, its auxiliary fields and the fields its WHERE clause compares would touch: Tidemark's
 * own cached values, files, blocks and bytes ({@link ShardReader#cost}), so those four figures differ from
 * InfluxDB's, whose storage lays blocks out otherwise. InfluxDB lists the nodes of several calls in an order that
 * varies from run to run (it builds them concurrently from a map); Tidemark lists them in the order of the fields.
 *
 * <p>Not thread-safe: one per statement.
 */
final class ExplainPlan {
    /** Go's sort of InfluxQL references: by name, bytewise, then by type. */
    private static final Comparator<VarRef> GO_VAR_REF_ORDER = Comparator.comparing(VarRef::name,
            SeriesKeyParser.BYTE_ORDER).thenComparingInt(r -> DataTypes.goOrder(r.type()));

    /** One iterator: its expression (null: a raw query's auxiliary iterator) over one FROM source. */
    private record Node(Expr expression, List<VarRef> aux, MappedSource source, List<ShardCost> shards) {
        Cost total() {
            Cost sum = new Cost(0, 0, ReadCost.NONE);
            for (ShardCost s : shards) {
                sum = sum.plus(new Cost(1, s.series, s.cost));
            }
            return sum;
        }
    }

    /** A node's reads in one shard and measurement: InfluxDB's {@code create_iterator}. */
    private record ShardCost(String measurement, long shardId, long series, long refCursors, long auxCursors,
            long condCursors, ReadCost cost) {
    }

    /** A node's totals: InfluxDB counts a shard once per measurement of the node in it. */
    private record Cost(long shards, long series, ReadCost read) {
        Cost plus(Cost o) {
            return new Cost(shards + o.shards, series + o.series, read.plus(o.read));
        }
    }

    private final List<Node> nodes;
    private final String condition;

    private ExplainPlan(List<Node> nodes, String condition) {
        this.nodes = nodes;
        this.condition = condition;
    }

    /**
     * The plan of a prepared statement.
     *
     * @param expanded the statement's fields with their types, wildcards expanded
     */
    static ExplainPlan of(CompiledSelect compiled, FieldExpander.Expanded expanded, List<MappedSource> sources,
            Catalog catalog, TagCondition condition) throws QueryException {
        Map<String, Call> calls = new LinkedHashMap<>();
        Map<String, VarRef> refs = new LinkedHashMap<>();
        for (Field f : expanded.fields()) {
            collect(f.expr(), calls, refs);
            if (f.expr() instanceof Call c && (c.name().equals("top") || c.name().equals("bottom"))) {
                for (Expr tag : c.args().subList(1, Math.max(1, c.args().size() - 1))) {
                    collect(tag, calls, refs);
                }
            }
        }
        List<VarRef> aux = new ArrayList<>(refs.values());
        aux.sort(GO_VAR_REF_ORDER);

        List<Expr> expressions = new ArrayList<>();
        if (calls.isEmpty()) {
            if (aux.stream().anyMatch(r -> r.type() != DataType.UNKNOWN)) {
                expressions.add(null);
            }
        } else {
            for (Call call : calls.values()) {
                if (callType(call) != DataType.UNKNOWN) {
                    expressions.add(iteratorExpression(call));
                }
            }
        }
        long min = compiled.range().min();
        long max = compiled.range().max();
        List<Node> nodes = new ArrayList<>();
        for (Expr e : expressions) {
            VarRef ref = e instanceof VarRef r ? r
                    : e instanceof Call c && !c.args().isEmpty() && c.args().getFirst() instanceof VarRef r ? r
                    : null;
            for (MappedSource source : sources) {
                List<ShardCost> shards = new ArrayList<>();
                for (String measurement : catalog.measurements(source)) {
                    for (long shard : source.shardIds()) {
                        if (!catalog.measurementsOf(shard).contains(measurement)) {
                            continue;
                        }
                        shards.add(shardCost(catalog, shard, measurement, condition, ref, aux, min, max));
                    }
                }
                nodes.add(new Node(e, aux, source, shards));
            }
        }
        return new ExplainPlan(nodes, condition.expr() == null ? null : condition.expr().toString());
    }

    /** InfluxDB's value mapper: calls (not math functions, not looked into) and the references outside them. */
    private static void collect(Expr e, Map<String, Call> calls, Map<String, VarRef> refs) {
        switch (e) {
            case Call c when !MathFunctions.isMathFunction(c.name()) -> calls.putIfAbsent(c.toString(), c);
            case Call c -> c.args().forEach(a -> collect(a, calls, refs));
            case VarRef r -> refs.putIfAbsent(r.toString(), r);
            case BinaryExpr b -> {
                collect(b.lhs(), calls, refs);
                collect(b.rhs(), calls, refs);
            }
            case ParenExpr p -> collect(p.expr(), calls, refs);
            default -> {
            }
        }
    }

    /** InfluxDB's type of a call; a call of unknown type gets no iterator. */
    private static DataType callType(Call c) {
        return switch (c.name()) {
            case "mean", "median", "integral", "stddev" -> DataType.FLOAT;
            case "count" -> DataType.INTEGER;
            default -> c.args().getFirst() instanceof VarRef r ? r.type() : DataType.UNKNOWN;
        };
    }

    /** What the iterator under a call reads: the call (computed in storage) or its field (computed above it). */
    private static Expr iteratorExpression(Call c) {
        Expr arg = c.args().getFirst();
        return switch (c.name()) {
            case "count" -> arg instanceof Call inner && inner.name().equals("distinct")
                    ? inner.args().getFirst() : c;
            case "min", "max", "sum", "first", "last", "mean" -> c;
            case "top", "bottom" -> c.args().size() > 2
                    ? new Call(c.name().equals("top") ? "max" : "min", List.of(arg)) : arg;
            default -> arg;
        };
    }

    private static ShardCost shardCost(Catalog catalog, long shard, String measurement, TagCondition condition,
            VarRef ref, List<VarRef> aux, long min, long max) throws QueryException {
        List<SeriesKey> series = catalog.series(shard, measurement, condition);
        ShardReader reader = catalog.reader();
        ReadCost cost = ReadCost.NONE;
        long refCursors = 0;
        long auxCursors = 0;
        long condCursors = 0;
        for (SeriesKey s : series) {
            // Tags come with the series; only fields open cursors.
            if (ref != null && ref.type() != DataType.TAG) {
                refCursors++;
                cost = cost.plus(cost(reader, shard, s, ref, min, max));
            }
            for (VarRef r : aux) {
                if (r.type() != DataType.TAG) {
                    auxCursors++;
                    cost = cost.plus(cost(reader, shard, s, r, min, max));
                }
            }
            for (VarRef r : condition.undecidedFields(s)) {
                condCursors++;
                cost = cost.plus(cost(reader, shard, s, r, min, max));
            }
        }
        return new ShardCost(measurement, shard, series.size(), refCursors, auxCursors, condCursors, cost);
    }

    private static ReadCost cost(ShardReader reader, long shard, SeriesKey series, VarRef field, long min, long max)
            throws QueryException {
        try {
            return reader.cost(shard, series.key(), field.name(), min, max).orElse(ReadCost.NONE);
        } catch (ShardNotFoundException e) {
            return ReadCost.NONE;
        } catch (ShardException e) {
            throw new QueryException(e.getMessage(), e);
        }
    }

    /** {@code EXPLAIN}'s answer: the nodes' lines in InfluxDB's words, a blank line between two nodes. */
    StatementResult result(int statementId) {
        List<List<Object>> rows = new ArrayList<>();
        for (Node n : nodes) {
            if (!rows.isEmpty()) {
                rows.add(List.of(""));
            }
            rows.add(List.of("EXPRESSION: " + (n.expression == null ? "<nil>" : n.expression)));
            if (!n.aux.isEmpty()) {
                rows.add(List.of("AUXILIARY FIELDS: " + String.join(", ", n.aux.stream().map(VarRef::toString)
                        .toList())));
            }
            Cost c = n.total();
            rows.add(List.of("NUMBER OF SHARDS: " + c.shards));
            rows.add(List.of("NUMBER OF SERIES: " + c.series));
            rows.add(List.of("CACHED VALUES: " + c.read.cachedValues()));
            rows.add(List.of("NUMBER OF FILES: " + c.read.files()));
            rows.add(List.of("NUMBER OF BLOCKS: " + c.read.blocks()));
            rows.add(List.of("SIZE OF BLOCKS: " + c.read.blockBytes()));
        }
        if (rows.isEmpty()) {
            rows.add(List.of(""));   // InfluxDB's answer to a plan without iterators: one empty line
        }
        return StatementResult.of(statementId, List.of(Series.of(null, List.of("QUERY PLAN"), rows)));
    }

    /**
     * {@code EXPLAIN ANALYZE}'s answer, as a tree in InfluxDB's layout: the times of the run and the rows it made,
     * then the plan's nodes with, per shard and measurement, the series, the cursors InfluxDB would open and what
     * their reads would touch. Those figures are the plan's, like {@code EXPLAIN}'s: InfluxDB's counts of blocks
     * decoded during the run are not kept by Tidemark's reads, and the statement may be answered from block
     * statistics without decoding the blocks counted here.
     *
     * @param planningNanos resolving, compiling and selecting the series
     * @param executionNanos reading and computing the rows
     */
    StatementResult analyzed(int statementId, SelectStatement statement, long planningNanos, long executionNanos,
            long rows) {
        Tree select = new Tree("select")
                .leaf("execution_time", GoDuration.format(Duration.ofNanos(executionNanos)))
                .leaf("planning_time", GoDuration.format(Duration.ofNanos(planningNanos)))
                .leaf("total_time", GoDuration.format(Duration.ofNanos(planningNanos + executionNanos)))
                .leaf("rows", Long.toString(rows));
        Tree cursor = select.child(new Tree("build_cursor").labels(Map.of("statement", statement.toString())));
        for (Node n : nodes) {
            Map<String, String> labels = new LinkedHashMap<>();
            if (n.expression != null) {
                labels.put("expr", n.expression.toString());
            }
            if (!n.aux.isEmpty()) {
                labels.put("auxiliary_fields", String.join(", ", n.aux.stream().map(VarRef::toString).toList()));
            }
            Tree scanner = cursor.child(new Tree("iterator_scanner").labels(labels));
            for (ShardCost s : n.shards) {
                Map<String, String> iteratorLabels = new LinkedHashMap<>();
                if (condition != null) {
                    iteratorLabels.put("cond", condition);
                }
                iteratorLabels.put("measurement", s.measurement);
                iteratorLabels.put("shard_id", Long.toString(s.shardId));
                scanner.child(new Tree("create_iterator").labels(iteratorLabels)
                        .leaf("series", Long.toString(s.series))
                        .leaf("cursors_ref", Long.toString(s.refCursors))
                        .leaf("cursors_aux", Long.toString(s.auxCursors))
                        .leaf("cursors_cond", Long.toString(s.condCursors))
                        .leaf("cached_values", Long.toString(s.cost.cachedValues()))
                        .leaf("files", Long.toString(s.cost.files()))
                        .leaf("blocks", Long.toString(s.cost.blocks()))
                        .leaf("blocks_size_bytes", Long.toString(s.cost.blockBytes())));
            }
        }
        List<List<Object>> lines = new ArrayList<>();
        lines.add(List.of("."));
        select.print("", true, lines);
        return StatementResult.of(statementId, List.of(Series.of(null, List.of("EXPLAIN ANALYZE"), lines)));
    }

    /** A node of InfluxDB's trace tree: labels first, then fields, then children, drawn with box characters. */
    private static final class Tree {
        private final String name;
        private final List<Object> children = new ArrayList<>();

        Tree(String name) {
            this.name = name;
        }

        Tree labels(Map<String, String> labels) {
            if (!labels.isEmpty()) {
                Tree l = new Tree("labels");
                labels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(e -> l.leaf(e.getKey(), e.getValue()));
                children.add(l);
            }
            return this;
        }

        Tree leaf(String key, String value) {
            children.add(key + ": " + value);
            return this;
        }

        Tree child(Tree t) {
            children.add(t);
            return t;
        }

        void print(String indent, boolean last, List<List<Object>> out) {
            out.add(List.of(indent + (last ? "└── " : "├── ") + name));
            String inner = indent + (last ? "    " : "│   ");
            for (int i = 0; i < children.size(); i++) {
                boolean lastChild = i == children.size() - 1;
                if (children.get(i) instanceof Tree t) {
                    t.print(inner, lastChild, out);
                } else {
                    out.add(List.of(inner + (lastChild ? "└── " : "├── ") + children.get(i)));
                }
            }
        }
    }
}
