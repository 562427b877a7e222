package io.tidemark.storage.api;

/**
 * The numeric values a reader keeps, as an interval with open or closed ends ({@code value > 90} is
 * (90, +infinity)): a cursor may skip, undecoded, a block whose minimum and maximum show that none of its values lies
 * inside. Comparisons are of doubles. A NaN statistic excludes nothing by itself: block statistics order NaN above
 * every number, so a block with a NaN maximum may hold any number from its minimum up (and NaN, which no comparison
 * admits).
 */
public record ValueRange(double low, boolean lowInclusive, double high, boolean highInclusive) {

    public static ValueRange above(double low, boolean inclusive) {
        return new ValueRange(low, inclusive, Double.POSITIVE_INFINITY, true);
    }

    public static ValueRange below(double high, boolean inclusive) {
        return new ValueRange(Double.NEGATIVE_INFINITY, true, high, inclusive);
    }

    public static ValueRange exactly(double value) {
        return new ValueRange(value, true, value, true);
    }

    /** Whether no value lies inside (an open interval from a value to itself, or one that ends before it starts). */
    public boolean isEmpty() {
        return low > high || (low == high && !(lowInclusive && highInclusive));
    }

    /** Whether {@code value} lies inside; never NaN. */
    public boolean contains(double value) {
        return (value > low || (value == low && lowInclusive)) && (value < high || (value == high && highInclusive));
    }

    /** Whether every value between {@code min} and {@code max} lies outside; a NaN one excludes nothing by itself. */
    public boolean excludesAll(double min, double max) {
        return isEmpty() || max < low || (max == low && !lowInclusive) || min > high || (min == high && !highInclusive);
    }
}
