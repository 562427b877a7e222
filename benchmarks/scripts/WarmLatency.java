import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Warm latency of statements on one or more servers, from one warmed Java client: curl's process start and
 * connection set-up (~2.5 ms here) would hide differences of a millisecond. The client first sends 3,000 pings to
 * every server, so that its own code is compiled; then, for each statement, two rounds over the servers in turn,
 * each REPS requests, printing the median and the 90th percentile in ms per server and round.
 *
 * <p>{@code --pings N} sends N pings instead: with a few dozen, the client is about as cold as the shared
 * benchmark's {@code Query.java} (the same JDK client) at its first query type, and {@code SHOW DATABASES} shows what
 * that client's own time adds to every latency the benchmark reports.
 *
 * <pre>java benchmarks/scripts/WarmLatency.java [--db benchmark] [--pings 3000] REPS URL [URL...] -- STATEMENT [STATEMENT...]</pre>
 */
public class WarmLatency {
    public static void main(String[] args) throws Exception {
        int a = 0;
        String db = "benchmark";
        int pings = 3000;
        while (args[a].startsWith("--")) {
            switch (args[a]) {
                case "--db" -> db = args[a + 1];
                case "--pings" -> pings = Integer.parseInt(args[a + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[a]);
            }
            a += 2;
        }
        int reps = Integer.parseInt(args[a++]);
        List<String> urls = new ArrayList<>();
        while (!args[a].equals("--")) {
            urls.add(args[a++]);
        }
        List<String> statements = Arrays.asList(args).subList(a + 1, args.length);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < pings; i++) {
            for (String url : urls) {
                client.send(HttpRequest.newBuilder(URI.create(url + "/ping")).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        }
        for (String q : statements) {
            StringBuilder line = new StringBuilder(q.substring(0, Math.min(60, q.length()))).append(':');
            for (int round = 0; round < 2; round++) {
                for (String url : urls) {
                    URI uri = URI.create(url + "/query?db=" + URLEncoder.encode(db, StandardCharsets.UTF_8) + "&q="
                            + URLEncoder.encode(q, StandardCharsets.UTF_8));
                    double[] ms = new double[reps];
                    for (int r = 0; r < reps; r++) {
                        long t = System.nanoTime();
                        client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
                        ms[r] = (System.nanoTime() - t) / 1e6;
                    }
                    Arrays.sort(ms);
                    line.append(String.format(" %s %.2f/%.2f", url, ms[reps / 2], ms[reps * 9 / 10]));
                }
            }
            System.out.println(line);
        }
    }
}
