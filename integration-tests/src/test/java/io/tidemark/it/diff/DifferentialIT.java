package io.tidemark.it.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.it.diff.QueryClient.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test against the real InfluxDB 1.6.7: the same random data (a fixed seed by default;
 * {@code -Dtests.seed=<n>} runs another, {@code -Dtests.seed=random} a new one) is written to a throwaway {@code influxd} and to Tidemark, then the hand-written queries of
 * {@code diff/queries.txt} and a few hundred generated ones ({@link QueryGenerator}; {@code -Dtests.diff.queries=}
 * changes how many) run on both, then the statements of {@link TiedSeries} over series that share timestamps, in a
 * database of their own, and the answers must be equal as {@link JsonDifference} defines it once
 * {@link AnswerNormalizer} has fixed the orders InfluxDB leaves open. Queries that {@link KnownDifferences} lists
 * are not sent. The test fails listing every query whose answers differ, with both answers.
 */
class DifferentialIT {
    /** Passes with every query compared (2026-11-26); other seeds are explored by hand, see above. */
    private static final long DEFAULT_SEED = 15921527112611L;
    private static final int DEFAULT_GENERATED_QUERIES = 1000;
    private static final int SHOWN_CHARS = 700;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private record Difference(String query, String where, Answer influx, Answer tidemark) {
    }

    @Test
    void answersMatchInfluxDb() throws Exception {
        // A fixed seed by default, so that the build does not fail on a difference no one has looked at yet; explore
        // with -Dtests.seed=random (or a number) and list what turns up in KnownDifferences or fix it.
        String seedProperty = System.getProperty("tests.seed", Long.toString(DEFAULT_SEED));
        long seed = seedProperty.equals("random") ? System.nanoTime() : Long.parseLong(seedProperty);
        System.out.println("DifferentialIT seed: " + seed + " (re-run with -Dtests.seed=" + seed + ")");
        Random random = new Random(seed);
        Schema schema = Schema.standard();
        try (LocalServer influxd = LocalServer.influxd(home.resolve("influxd"));
                LocalServer tidemark = LocalServer.tidemark(home.resolve("tidemark"))) {
            QueryClient influx = new QueryClient(influxd.url());
            QueryClient tide = new QueryClient(tidemark.url());
            for (QueryClient c : List.of(influx, tide)) {
                assertThat(c.query(Schema.DATABASE, "CREATE DATABASE " + Schema.DATABASE).status()).isEqualTo(200);
            }
            int lines = load(new DataGenerator(random, schema).generate(), influx, tide);

            List<String> queries = new ArrayList<>(handWritten());
            int handWritten = queries.size();
            QueryGenerator generator = new QueryGenerator(random, schema);
            int generated = Integer.getInteger("tests.diff.queries", DEFAULT_GENERATED_QUERIES);
            for (int i = 0; i < generated; i++) {
                queries.add(generator.next());
            }

            Tally tally = new Tally();
            tally.compare(queries, Schema.DATABASE, influx, tide);
            for (QueryClient c : List.of(influx, tide)) {
                assertThat(c.query(TiedSeries.DATABASE, "CREATE DATABASE " + TiedSeries.DATABASE).status())
                        .isEqualTo(200);
            }
            String tiedLines = TiedSeries.lines(random);
            for (QueryClient c : List.of(influx, tide)) {
                Answer w = c.write(TiedSeries.DATABASE, "s", tiedLines);
                assertThat(w.status()).as("write of the tied series: %s", w.body()).isEqualTo(204);
            }
            tally.compare(TiedSeries.QUERIES, TiedSeries.DATABASE, influx, tide);

            int sent = queries.size() + TiedSeries.QUERIES.size();
            StringBuilder summary = new StringBuilder("DifferentialIT: ").append(lines).append(" lines written; ")
                    .append(sent).append(" queries (").append(handWritten).append(" hand-written, ")
                    .append(generated).append(" generated, ").append(TiedSeries.QUERIES.size())
                    .append(" on series sharing timestamps), ").append(sent - tally.compared)
                    .append(" left out by KnownDifferences, ").append(tally.compared).append(" compared: ")
                    .append(tally.compared - tally.differences.size()).append(" equal (").append(tally.withSeries)
                    .append(" with data, ").append(tally.errorsOnBoth).append(" errors on both sides), ")
                    .append(tally.differences.size()).append(" differ");
            tally.excluded.forEach((e, n) -> summary.append("\n  left out ").append(n).append(" x ").append(e.id())
                    .append(": ").append(e.reason()));
            System.out.println(summary);
            assertThat(tally.differences).as(() -> report(seed, tally.differences)).isEmpty();
        }
    }

    /** What the comparisons found so far. */
    private static final class Tally {
        final Map<KnownDifferences.Entry, Integer> excluded = new LinkedHashMap<>();
        final List<Difference> differences = new ArrayList<>();
        int compared;
        int errorsOnBoth;
        int withSeries;

        /** Sends each query that {@link KnownDifferences} does not list to both servers and compares the answers. */
        void compare(List<String> queries, String database, QueryClient influx, QueryClient tide)
                throws IOException, InterruptedException {
            for (String q : queries) {
                Optional<KnownDifferences.Entry> known = KnownDifferences.match(q);
                if (known.isPresent()) {
                    excluded.merge(known.get(), 1, Integer::sum);
                    continue;
                }
                Answer a = influx.query(database, q);
                Answer b = tide.query(database, q);
                compared++;
                Optional<String> where = DifferentialIT.compare(q, a, b);
                if (where.isPresent()) {
                    differences.add(new Difference(q, where.get(), a, b));
                } else if (a.status() != 200 || a.body().contains("\"error\"")) {
                    errorsOnBoth++;
                } else if (a.body().contains("\"series\"")) {
                    withSeries++;
                }
            }
        }
    }

    private static int load(List<DataGenerator.WriteBatch> batches, QueryClient influx, QueryClient tide)
            throws IOException, InterruptedException {
        int lines = 0;
        for (DataGenerator.WriteBatch batch : batches) {
            Answer a = influx.write(Schema.DATABASE, batch.precision(), batch.body());
            Answer b = tide.write(Schema.DATABASE, batch.precision(), batch.body());
            assertThat(a.status()).as("influxd write: %s", a.body()).isEqualTo(204);
            assertThat(b.status()).as("tidemark write: %s", b.body()).isEqualTo(204);
            lines += (int) batch.body().lines().count();
        }
        return lines;
    }

    private static Optional<String> compare(String query, Answer influx, Answer tidemark) {
        if (influx.status() != tidemark.status()) {
            return Optional.of("status " + influx.status() + " vs " + tidemark.status());
        }
        return JsonDifference.between(AnswerNormalizer.normalize(query, parse(influx.body())),
                AnswerNormalizer.normalize(query, parse(tidemark.body())));
    }

    /** A body that is not JSON is compared as {@code {"_raw": text}}, as the shared suite stores it. */
    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode().put("_raw", body);
        }
    }

    private static List<String> handWritten() throws IOException {
        try (InputStream in = DifferentialIT.class.getResourceAsStream("/diff/queries.txt")) {
            assertThat(in).as("diff/queries.txt on the test classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        }
    }

    private static String report(long seed, List<Difference> differences) {
        StringBuilder sb = new StringBuilder().append(differences.size())
                .append(" queries answer differently from InfluxDB 1.6.7 (seed ").append(seed).append("):");
        for (Difference d : differences) {
            sb.append("\n\n  ").append(d.query())
                    .append("\n    first difference: ").append(truncate(d.where()))
                    .append("\n    influxd  ").append(d.influx().status()).append(' ')
                    .append(truncate(d.influx().body()))
                    .append("\n    tidemark ").append(d.tidemark().status()).append(' ')
                    .append(truncate(d.tidemark().body()));
        }
        return sb.toString();
    }

    private static String truncate(String s) {
        String flat = s.strip();
        return flat.length() <= SHOWN_CHARS ? flat : flat.substring(0, SHOWN_CHARS) + "... (" + flat.length()
                + " chars)";
    }
}
