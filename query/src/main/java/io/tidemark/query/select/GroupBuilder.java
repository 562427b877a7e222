package io.tidemark.query.select;

import io.tidemark.query.QueryException;
import io.tidemark.query.series.SeriesKey;
import io.tidemark.query.series.SeriesKeyParser;
import io.tidemark.query.series.TagCondition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Sorts the series a statement selects into output groups: by measurement, then by the values of the GROUP BY tags.
 * SLIMIT/SOFFSET apply to each measurement's groups in ascending order, as InfluxDB applies them per measurement;
 * descending statements then get the groups in reverse order, as InfluxDB's merge emits them.
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
        List<String> sortedDims = new ArrayList<>(dimensionSet);

        // measurement -> tag values -> series key -> shards
        Map<String, Map<List<String>, Map<SeriesKey, List<Long>>>> byName = new TreeMap<>(SeriesKeyParser.BYTE_ORDER);
        for (MappedSource s : sources) {
            for (String m : catalog.measurements(s)) {
                Map<List<String>, Map<SeriesKey, List<Long>>> groups = byName.computeIfAbsent(m,
                        k -> new TreeMap<>(TAG_VALUES_ORDER));
                for (long shard : s.shardIds()) {
                    for (SeriesKey k : catalog.series(shard, m, condition)) {
                        List<String> values = new ArrayList<>(sortedDims.size());
                        for (String d : sortedDims) {
                            values.add(k.tag(d));
                        }
                        groups.computeIfAbsent(values, v -> new TreeMap<>(GroupBuilder::compareKeys))
                                .computeIfAbsent(k, x -> new ArrayList<>()).add(shard);
                    }
                }
            }
        }

        List<SeriesGroup> out = new ArrayList<>();
        long seriesCount = 0;
        for (Map.Entry<String, Map<List<String>, Map<SeriesKey, List<Long>>>> e : byName.entrySet()) {
            int i = 0;
            for (Map.Entry<List<String>, Map<SeriesKey, List<Long>>> g : e.getValue().entrySet()) {
                if (i++ < sOffset) {
                    continue;
                }
                if (sLimit > 0 && i - sOffset > sLimit) {
                    break;
                }
                List<Member> members = new ArrayList<>(g.getValue().size());
                for (Map.Entry<SeriesKey, List<Long>> m : g.getValue().entrySet()) {
                    members.add(new Member(m.getKey(), m.getValue(), condition.test(m.getKey())));
                }
                seriesCount += members.size();
                if (maxSeries > 0 && seriesCount > maxSeries) {
                    throw new QueryException("max-select-series limit exceeded: (" + seriesCount + "/" + maxSeries
                            + ")");
                }
                Map<String, String> tags = new LinkedHashMap<>();
                for (int d = 0; d < sortedDims.size(); d++) {
                    tags.put(sortedDims.get(d), g.getKey().get(d));
                }
                out.add(new SeriesGroup(e.getKey(), g.getKey(), Collections.unmodifiableMap(tags), members));
            }
        }
        if (!ascending) {
            Collections.reverse(out);
        }
        return out;
    }

    private static int compareKeys(SeriesKey a, SeriesKey b) {
        return Arrays.compareUnsigned(a.key(), b.key());
    }
}
