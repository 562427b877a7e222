package io.tidemark.query.agg;

import io.tidemark.influxql.ast.DataType;
import io.tidemark.query.QueryException;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The aggregate and selector functions: which input types each accepts, what type it outputs, and its reducer.
 *
 * <p>Stateless; thread-safe.
 */
public final class Functions {
    private Functions() {
    }

    /**
     * Rejects an input type the function cannot reduce, with the message InfluxDB gives (it names the Go iterator
     * type). Unknown types (missing fields) are accepted: the call then produces nothing.
     */
    public static void checkInputType(CallSpec spec, DataType type) throws QueryException {
        if (type != DataType.STRING && type != DataType.BOOLEAN) {
            return;
        }
        boolean ok = switch (spec.function()) {
            case "count", "count_distinct", "distinct", "first", "last", "mode", "sample" -> true;
            case "min", "max" -> type == DataType.BOOLEAN;
            default -> false;
        };
        if (!ok) {
            String name = spec.function().equals("integral") ? "integral" : spec.call().name();
            throw new QueryException("unsupported " + name + " iterator type: *query."
                    + (type == DataType.STRING ? "string" : "boolean") + "InterruptIterator");
        }
    }

    /** The type of the values the function outputs for input of type {@code input}. */
    public static DataType outputType(CallSpec spec, DataType input) {
        return switch (spec.function()) {
            case "count", "count_distinct" -> DataType.INTEGER;
            case "mean", "median", "stddev", "integral" -> DataType.FLOAT;
            default -> input;
        };
    }

    /**
     * A new reducer per bucket; not used for {@code integral()}, which spans buckets.
     *
     * @param ascending the statement's time order
     */
    public static Supplier<Reducer> reducer(CallSpec spec, RandomGenerator random, boolean ascending) {
        return switch (spec.function()) {
            case "count" -> CountReducer::new;
            case "count_distinct" -> DistinctCountReducer::new;
            case "sum" -> SumReducer::new;
            case "mean" -> MeanReducer::new;
            case "median" -> MedianReducer::new;
            case "mode" -> ModeReducer::new;
            case "spread" -> SpreadReducer::new;
            case "stddev" -> StddevReducer::new;
            case "distinct" -> () -> new DistinctReducer(ascending);
            case "min" -> () -> new ExtremumReducer(false);
            case "max" -> () -> new ExtremumReducer(true);
            case "first" -> () -> new FirstLastReducer(false);
            case "last" -> () -> new FirstLastReducer(true);
            case "percentile" -> () -> new PercentileReducer(spec.percentile());
            case "sample" -> () -> new SampleReducer(spec.n(), random);
            case "top" -> () -> new TopBottomReducer(true, spec.n(), spec.tagArgs());
            case "bottom" -> () -> new TopBottomReducer(false, spec.n(), spec.tagArgs());
            default -> throw new IllegalArgumentException("no reducer for " + spec.function());
        };
    }
}
