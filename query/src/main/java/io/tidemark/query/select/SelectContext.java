package io.tidemark.query.select;

import io.tidemark.influxql.ast.DataType;
import io.tidemark.influxql.ast.Field;
import io.tidemark.influxql.ast.FillOption;
import io.tidemark.influxql.ast.VarRef;
import io.tidemark.query.agg.Values;
import io.tidemark.query.expr.Evaluator;
import io.tidemark.query.memory.MemoryAccount;
import io.tidemark.storage.api.ShardReader;
import java.util.List;

/**
 * What the execution of one planned SELECT needs: storage, the compiled and expanded statement, the bucket
 * arithmetic, the shards of each FROM source in time order, and the per-statement evaluators, read budget and memory
 * account.
 *
 * <p>Not thread-safe: one per statement execution.
 */
record SelectContext(ShardReader reader, CompiledSelect compiled, FieldExpander.Expanded expanded, Windows windows,
        List<List<Long>> sourceShards, ReadBudget budget, Evaluator fieldEvaluator, Evaluator conditionEvaluator,
        MemoryAccount memory) {

    List<Field> fields() {
        return expanded.fields();
    }

    boolean ascending() {
        return compiled.ascending();
    }

    /** The value a missing field or symbol takes: the fill number (as the column's type), else null. */
    Object defaultValue(DataType type) {
        return switch (compiled.fill()) {
            case NUMBER -> Values.castToType(compiled.fillValue(), type);
            default -> null;
        };
    }

    /** Whether a missing value keeps the previous row's value ({@code fill(previous)}). */
    boolean keepsPrevious() {
        return compiled.fill() == FillOption.PREVIOUS;
    }

    /** A key that tells {@code host::tag} from {@code host::field}. */
    static String key(VarRef r) {
        return r.name() + "::" + r.type().text();
    }

    /** True for references read from fields rather than from the series' tags. */
    static boolean isFieldRef(VarRef r) {
        return r.type() != DataType.TAG && r.type() != DataType.UNKNOWN;
    }

    /** The value of a tag reference in a selected column: the tag's value, null when absent or empty. */
    static Object tagOrNull(Member m, String name) {
        String v = m.series().tag(name);
        return v.isEmpty() ? null : v;
    }
}
