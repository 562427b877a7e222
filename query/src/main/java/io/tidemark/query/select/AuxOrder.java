package io.tidemark.query.select;

import io.tidemark.query.series.SeriesKeyParser;
import java.util.function.IntFunction;

/**
 * InfluxDB's order of two points at one time in its sorted merges (query/iterator.gen.go {@code SortedMergeHeap}):
 * by their auxiliary values (the fields and tags selected beside, sorted by name), compared one by one while both
 * are strings, in the merge's direction; the first value that is not a string on either side, like equal values
 * throughout, leaves the two equal (Go's {@code Less} is false), and the heap decides. Stateless.
 */
final class AuxOrder {
    private AuxOrder() {
    }

    /** Auxiliary value {@code i} of a member's point whose field values {@code values} gives. */
    @FunctionalInterface
    interface AuxValue {
        Object of(int i, Member m, IntFunction<Object> values);
    }

    /**
     * @param count how many auxiliary values the points have
     * @param value reads them (one instance per statement: a comparison allocates nothing)
     */
    static boolean before(int count, AuxValue value, Member a, IntFunction<Object> aValues, Member b,
            IntFunction<Object> bValues, boolean ascending) {
        for (int i = 0; i < count; i++) {
            if (!(value.of(i, a, aValues) instanceof String x) || !(value.of(i, b, bValues) instanceof String y)) {
                return false;
            }
            int c = SeriesKeyParser.compareCodePoints(x, y);
            if (c != 0) {
                return ascending ? c < 0 : c > 0;
            }
        }
        return false;
    }
}
