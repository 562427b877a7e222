package io.tidemark.query.select;

import java.util.List;
import java.util.Map;

/**
 * The series that make one output series: same measurement and same values of the GROUP BY tags.
 *
 * <p>Immutable; thread-safe.
 *
 * @param tags the GROUP BY tags and their values ("" where a series lacks the tag), sorted by key
 * @param members the series, sorted by key
 */
record SeriesGroup(String name, List<String> tagValues, Map<String, String> tags, List<Member> members) {
    SeriesGroup {
        tagValues = List.copyOf(tagValues);
        tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
        members = List.copyOf(members);
    }
}
