package io.tidemark.it.diff;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Queries the differential test does not send, each with the reason. An entry is either a behaviour of InfluxDB
 * 1.6.7 that later 1.x changed (Tidemark follows 1.8), a deliberate difference of Tidemark (README "Deliberate
 * differences", {@code query/DESIGN.md}), or a Tidemark bug marked {@code BUG:} that is to be fixed, after which
 * its entry goes away. Every entry matches as few queries as it can; nothing else loosens the comparison.
 * Immutable.
 */
final class KnownDifferences {
    /** {@code query} is found in the statement text ({@link java.util.regex.Matcher#find()}). */
    record Entry(String id, String reason, Pattern query) {
    }

    private static final List<Entry> ENTRIES = List.of();

    private KnownDifferences() {
    }

    static Optional<Entry> match(String query) {
        return ENTRIES.stream().filter(e -> e.query().matcher(query).find()).findFirst();
    }
}
