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

    /**
     * @param count how many auxiliary values the points have
     * @param a the first point's auxiliary value {@code i}
     * @param b the second point's auxiliary value {@code i}
     */
    static boolean before(int count, IntFunction<Object> a, IntFunction<Object> b, boolean ascending) {
        for (int i = 0; i < count; i++) {
            if (!(a.apply(i) instanceof String x) || !(b.apply(i) instanceof String y)) {
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
