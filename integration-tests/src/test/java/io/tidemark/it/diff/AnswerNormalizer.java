package io.tidemark.it.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Puts an answer (in place) into a canonical order where InfluxDB leaves the order unspecified, applied alike
 * to both servers' answers (the rules of {@code shared/compat/README.md}, {@code unordered}):
 * <ul>
 * <li>rows of one series that share a timestamp (rows of several stored series merged into one output series,
 *     and every row of distinct(), which carry the bucket's time) are sorted by their values; rows with different
 *     times keep their order, so ORDER BY and time order are still compared;</li>
 * <li>the series of a SHOW statement, and of a SELECT with integral() and GROUP BY, are sorted by name and tags;</li>
 * <li>with integral() and GROUP BY, pieces of one series are joined: InfluxDB's stream iterator emits the
 *     last window of every group after all the others, in Go map order (query/iterator.gen.go.tmpl
 *     Stream*Iterator), so its JSON shows each group twice, e.g. h1 h2 h3 h4 h3 h2 h1 h4. The rows are the same, in
 *     another order; after joining they are sorted by time in the query's direction.</li>
 * <li>in an EXPLAIN plan, the nodes are sorted (InfluxDB builds the iterators of a statement's calls concurrently,
 *     from a map, so their order varies from run to run) and the figures that depend on how storage lays the data
 *     out (cached values, files, blocks and their size) are masked: the two servers' storage differs, and the test
 *     writes Tidemark's data to files; expressions, auxiliary fields, shards and series are compared.</li>
 * </ul>
 * Stateless.
 */
final class AnswerNormalizer {
    private static final Comparator<JsonNode> BY_TEXT = Comparator.comparing(JsonNode::toString);

    private AnswerNormalizer() {
    }

    static JsonNode normalize(String query, JsonNode answer) {
        JsonNode results = answer.get("results");
        if (results == null || !results.isArray()) {
            return answer;
        }
        String upper = query.toUpperCase(Locale.ROOT);
        boolean integralByTags = upper.contains("INTEGRAL(") && upper.contains("GROUP BY");
        boolean sortSeries = upper.startsWith("SHOW") || integralByTags;
        boolean descending = upper.contains("ORDER BY TIME DESC");
        boolean plan = upper.startsWith("EXPLAIN ") && !upper.startsWith("EXPLAIN ANALYZE");
        for (JsonNode result : results) {
            JsonNode series = result.get("series");
            if (series == null || !series.isArray()) {
                continue;
            }
            if (plan) {
                series.forEach(AnswerNormalizer::normalizePlan);
                continue;
            }
            for (JsonNode s : series) {
                sortRowsWithinEqualTimes(s);
            }
            if (sortSeries) {
                List<JsonNode> list = new ArrayList<>();
                series.forEach(list::add);
                if (integralByTags) {
                    list = joinPieces(list, descending);
                }
                list.sort(Comparator.comparing((JsonNode s) -> s.path("name").asText())
                        .thenComparing(s -> s.path("tags").toString()));
                ArrayNode sorted = ((ObjectNode) result).putArray("series");
                list.forEach(sorted::add);
            }
        }
        return answer;
    }

    private static List<JsonNode> joinPieces(List<JsonNode> series, boolean descending) {
        Map<String, ObjectNode> joined = new LinkedHashMap<>();
        for (JsonNode s : series) {
            String key = s.path("name").asText() + s.path("tags");
            ObjectNode first = joined.get(key);
            if (first == null) {
                joined.put(key, (ObjectNode) s);
            } else if (first.get("values") instanceof ArrayNode rows && s.get("values") instanceof ArrayNode more) {
                rows.addAll(more);
            }
        }
        Comparator<JsonNode> byTime = Comparator.comparingLong(row -> row.path(0).asLong());
        for (ObjectNode s : joined.values()) {
            if (s.get("values") instanceof ArrayNode rows) {
                List<JsonNode> list = new ArrayList<>();
                rows.forEach(list::add);
                list.sort(descending ? byTime.reversed() : byTime);
                rows.removeAll();
                list.forEach(rows::add);
            }
        }
        return new ArrayList<>(joined.values());
    }

    private static final List<String> STORAGE_FIGURES = List.of("CACHED VALUES: ", "NUMBER OF FILES: ",
            "NUMBER OF BLOCKS: ", "SIZE OF BLOCKS: ");

    private static void normalizePlan(JsonNode series) {
        if (!(series.get("values") instanceof ArrayNode rows)) {
            return;
        }
        List<String> nodes = new ArrayList<>();
        StringBuilder node = new StringBuilder();
        for (JsonNode row : rows) {
            String line = row.path(0).asText();
            if (line.isEmpty()) {
                nodes.add(node.toString());
                node.setLength(0);
                continue;
            }
            for (String figure : STORAGE_FIGURES) {
                if (line.startsWith(figure)) {
                    line = figure + "(storage)";
                }
            }
            node.append(line).append('\n');
        }
        nodes.add(node.toString());
        nodes.sort(null);
        rows.removeAll();
        for (int i = 0; i < nodes.size(); i++) {
            if (i > 0) {
                rows.addArray().add("");
            }
            for (String line : nodes.get(i).split("\n")) {
                rows.addArray().add(line);
            }
        }
    }

    private static void sortRowsWithinEqualTimes(JsonNode series) {
        JsonNode columns = series.get("columns");
        JsonNode values = series.get("values");
        if (columns == null || values == null || !values.isArray() || columns.isEmpty()
                || !"time".equals(columns.get(0).asText())) {
            return;
        }
        List<JsonNode> rows = new ArrayList<>();
        values.forEach(rows::add);
        List<JsonNode> out = new ArrayList<>(rows.size());
        int i = 0;
        while (i < rows.size()) {
            int j = i + 1;
            while (j < rows.size() && rows.get(j).path(0).equals(rows.get(i).path(0))) {
                j++;
            }
            List<JsonNode> run = new ArrayList<>(rows.subList(i, j));
            run.sort(BY_TEXT);
            out.addAll(run);
            i = j;
        }
        ArrayNode array = (ArrayNode) values;
        array.removeAll();
        out.forEach(array::add);
    }
}
