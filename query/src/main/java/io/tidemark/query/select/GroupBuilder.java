package io.tidemark.query.select;

import io.tidemark.query.QueryException;
import io.tidemark.query.series.SeriesKey;
import io.tidemark.query.series.SeriesKeyParser;
import io.tidemark.query.series.TagCondition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Sorts the series a statement selects into output groups: by measurement, then by the values of the GROUP BY tags.
 * SLIMIT/SOFFSET pick each measurement's groups in the order InfluxDB slices its tag sets (see
 * {@link #limitTagSets}); the picked groups keep the output order, and descending statements then get the groups
 * in reverse order, as InfluxDB's merge emits them.
 *
 * <p>Stateless; thread-safe.
 */
final class GroupBuilder {
    private static final Comparator<List<String>> TAG_VALUES_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = SeriesKeyParser.compareCodePoints(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    /** By series key, then source; a stable sort keeps each series' shards in the order they were seen. */
    private static final Comparator<Sighting> SERIES_THEN_SOURCE = (a, b) -> {
        int c = Arrays.compareUnsigned(a.key().key(), b.key().key());
        return c != 0 ? c : Integer.compare(a.source(), b.source());
    };

    /** A series found in one shard through one FROM source (by index). */
    private record Sighting(SeriesKey key, int source, long shard) {
    }

    private GroupBuilder() {
    }

    /**
     * @param dimensions the GROUP BY tag keys, in the order given
     * @param maxSeries {@code max-select-series}, 0 for unlimited
     */
    static List<SeriesGroup> build(Catalog catalog, List<MappedSource> sources, List<String> dimensions,
            TagCondition condition, boolean ascending, long sLimit, long sOffset, long maxSeries)
            throws QueryException {
        TreeSet<String> dimensionSet = new TreeSet<>(SeriesKeyParser.BYTE_ORDER);
        dimensionSet.addAll(dimensions);
        List<String> sortedDims = List.copyOf(dimensionSet);

        // measurement -> tag values -> the (series, source, shard) sightings. A series read through two sources (a
        // measurement named twice in FROM) is two members: InfluxDB reads each source on its own and merges them,
        // so every point comes twice.
        Map<String, Map<List<String>, List<Sighting>>> byName = new TreeMap<>(SeriesKeyParser.BYTE_ORDER);
        for (int source = 0; source < sources.size(); source++) {
            MappedSource s = sources.get(source);
            for (String m : catalog.measurements(s)) {
                Map<List<String>, List<Sighting>> groups = byName.computeIfAbsent(m,
                        k -> new TreeMap<>(TAG_VALUES_ORDER));
                for (long shard : s.shardIds()) {
                    for (SeriesKey k : catalog.series(shard, m, condition)) {
                        List<String> values = sortedDims.isEmpty() ? List.of() : new ArrayList<>(sortedDims.size());
                        for (String d : sortedDims) {
                            values.add(k.tag(d));
                        }
                        groups.computeIfAbsent(values, v -> new ArrayList<>()).add(new Sighting(k, source, shard));
                    }
                }
            }
        }

        List<SeriesGroup> out = new ArrayList<>();
        long seriesCount = 0;
        for (Map.Entry<String, Map<List<String>, List<Sighting>>> e : byName.entrySet()) {
            Set<List<String>> kept = sLimit > 0 || sOffset > 0
                    ? limitTagSets(sortedDims, e.getValue().keySet(), sLimit, sOffset) : null;
            for (Map.Entry<List<String>, List<Sighting>> g : e.getValue().entrySet()) {
                if (kept != null && !kept.contains(g.getKey())) {
                    continue;
                }
                List<Member> members = members(g.getValue(), condition);
                seriesCount += members.size();
                if (maxSeries > 0 && seriesCount > maxSeries) {
                    throw new QueryException("max-select-series limit exceeded: (" + seriesCount + "/" + maxSeries
                            + ")");
                }
                List<String> values = List.copyOf(g.getKey());
                out.add(new SeriesGroup(e.getKey(), values, new TagMap(sortedDims, values), members));
            }
        }
        if (!ascending) {
            Collections.reverse(out);
        }
        return out;
    }

    /**
     * One member per series and source, in key order, with the shards it was found in. The index gives each shard's
     * series sorted, so with one shard and one source the sort only confirms the order (one run for the merge
     * sort); a tree map per group cost a search per series.
     */
    private static List<Member> members(List<Sighting> sightings, TagCondition condition) {
        sightings.sort(SERIES_THEN_SOURCE);
        List<Member> members = new ArrayList<>(sightings.size());
        int i = 0;
        while (i < sightings.size()) {
            Sighting first = sightings.get(i);
            int end = i + 1;
            while (end < sightings.size() && SERIES_THEN_SOURCE.compare(first, sightings.get(end)) == 0) {
                end++;
            }
            Long[] shards = new Long[end - i];
            for (int j = i; j < end; j++) {
                shards[j - i] = sightings.get(j).shard();
            }
            members.add(new Member(first.key(), List.of(shards), condition.test(first.key()), first.source()));
            i = end;
        }
        return members;
    }

    /**
     * The groups SLIMIT/SOFFSET keep, as InfluxDB's {@code LimitTagSets}: it slices the tag sets sorted by their
     * {@code tsdb.MakeTagsKey}, which leaves out the GROUP BY tags a series lacks (so "env|host|dev|h4" sorts
     * before "host|h2"), and SOFFSET without SLIMIT keeps nothing ({@code a[soffset:soffset+0]}).
     */
    private static Set<List<String>> limitTagSets(List<String> sortedDims, Set<List<String>> groups, long sLimit,
            long sOffset) {
        List<Map.Entry<byte[], List<String>>> byTagsKey = new ArrayList<>(groups.size());
        for (List<String> values : groups) {
            byTagsKey.add(Map.entry(tagsKey(sortedDims, values), values));
        }
        byTagsKey.sort((a, b) -> Arrays.compareUnsigned(a.getKey(), b.getKey()));
        Set<List<String>> kept = new HashSet<>();
        for (long i = sOffset; i < byTagsKey.size() && i < sOffset + sLimit; i++) {
            kept.add(byTagsKey.get((int) i).getValue());
        }
        return kept;
    }

    /** {@code tsdb.MakeTagsKey}: the present tags' keys, then their values, all joined with '|'. */
    private static byte[] tagsKey(List<String> sortedDims, List<String> values) {
        StringJoiner keys = new StringJoiner("|");
        StringJoiner vals = new StringJoiner("|");
        for (int d = 0; d < sortedDims.size(); d++) {
            if (!values.get(d).isEmpty()) {
                keys.add(sortedDims.get(d));
                vals.add(values.get(d));
            }
        }
        String key = keys.length() == 0 ? "" : keys + "|" + vals;
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
