package io.tidemark.query.select;

import io.tidemark.query.memory.HeapEstimates;
import io.tidemark.query.series.TagCondition;
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
    /** @param tags must not change; a {@link TagMap} over {@code tagValues} shares them */
    SeriesGroup {
        tagValues = List.copyOf(tagValues);
        members = List.copyOf(members);
    }

    /** Whether its series are selected by their tags alone, so that no point has to pass the WHERE clause. */
    boolean selectedByTags() {
        for (Member m : members) {
            if (m.match() != TagCondition.Result.TRUE) {
                return false;
            }
        }
        return true;
    }

    /**
     * The heap this group holds with its members ({@link HeapEstimates}): the record, its lists, the tag map over
     * its values (whose strings are a member's key's, and its keys the statement's) and the members.
     */
    long estimatedBytes() {
        long bytes = HeapEstimates.object(4 * HeapEstimates.REFERENCE)
                + 2 * (HeapEstimates.object(HeapEstimates.REFERENCE) + HeapEstimates.array(tagValues.size()))
                + HeapEstimates.object(2 * HeapEstimates.REFERENCE)
                + HeapEstimates.object(HeapEstimates.REFERENCE) + HeapEstimates.array(members.size());
        for (Member m : members) {
            bytes += m.estimatedBytes();
        }
        return bytes;
    }
}
