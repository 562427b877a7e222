package io.tidemark.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.result.StatementResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * count, sum, mean, min, max, first and last read straight from the storage cursors (select.DirectScan) give what
 * the reducers give value by value: over buckets holding more values than the scan keeps at once, several series,
 * ties between series, both time orders, and fields read as another type.
 */
class DirectScanTest {
    private static final String DB = "db";
    /** 2021-03-04T00:00:00Z. */
    private static final long START = 1614816000L;
    private static final int POINTS = 5000;

    @TempDir
    static Path dir;
    private static TestNode node;

    @BeforeAll
    static void load() throws Exception {
        node = new TestNode(dir);
        node.createDatabase(DB);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < POINTS; i++) {
            // a: i (integer) and i / 4 (float, exact); b: the same shifted by one second, with a tie at its maximum.
            lines.append("m,host=a n=").append(i).append("i,x=").append(i / 4.0).append(' ').append(START + 2L * i)
                    .append('\n');
            lines.append("m,host=b n=").append(i == 10 ? POINTS - 1 : i).append("i,x=").append(i / 4.0).append(' ')
                    .append(START + 2L * i + 1).append('\n');
        }
        node.load(DB, "autogen", lines.toString(), "s");
        node.flush();
    }

    @AfterAll
    static void close() throws Exception {
        node.close();
    }

    private static List<List<Object>> values(String q) throws Exception {
        List<StatementResult> r = node.query(q, DB);
        assertThat(r.getFirst().error()).as(q).isNull();
        return r.getFirst().series().getFirst().values();
    }

    @Test
    void aggregatesOverBucketsLargerThanTheScanKeepsAtOnce() throws Exception {
        // Buckets of 50 minutes (statistics are asked from 1 h on): 1,500 points of series a each.
        long bucket = 3000;
        List<List<Object>> rows = values("SELECT count(n), sum(n), mean(n), sum(x), mean(x), min(n), max(n), first(x),"
                + " last(x) FROM m WHERE host = 'a' AND time >= " + START + "s AND time < " + (START + 2 * POINTS)
                + "s GROUP BY time(50m)");
        long windowStart = START - Math.floorMod(START, bucket);
        for (List<Object> row : rows) {
            long from = (long) row.getFirst() / 1_000_000_000L;
            int lo = (int) Math.max(0, Math.ceilDiv(from - START, 2));
            int hi = (int) Math.min(POINTS, Math.ceilDiv(from + bucket - START, 2));
            long n = hi - lo;
            long sum = 0;
            double quarters = 0;
            for (int i = lo; i < hi; i++) {
                sum += i;
                quarters += i / 4.0;
            }
            assertThat(row.subList(1, 10)).as("bucket at %d", from).containsExactly(n, sum, (double) sum / n,
                    quarters, quarters / n, (long) lo, (long) hi - 1, lo / 4.0, (hi - 1) / 4.0);
        }
        assertThat(rows).hasSize((int) ((START + 2 * POINTS - windowStart + bucket - 1) / bucket));
    }

    @Test
    void theEarliestOfEqualExtremesWinsAcrossSeries() throws Exception {
        // b reaches the maximum at its 10th point (t = 21 s), before a does (t = 9998 s); a lone max() reports it.
        List<List<Object>> rows = values("SELECT max(n) FROM m");
        assertThat(rows).containsExactly(List.of((START + 21) * 1_000_000_000L, (long) POINTS - 1));
        List<List<Object>> desc = values("SELECT max(n) FROM m ORDER BY time DESC");
        assertThat(desc).containsExactly(List.of((START + 21) * 1_000_000_000L, (long) POINTS - 1));
        List<List<Object>> first = values("SELECT first(x), last(n) FROM m");
        assertThat(first.getFirst().subList(1, 3)).containsExactly(0.0, (long) POINTS - 1);
    }

    @Test
    void bucketsInBothTimeOrdersAndConvertedTypes() throws Exception {
        String range = " WHERE time >= " + START + "s AND time < " + (START + 2 * POINTS) + "s";
        List<List<Object>> asc = values("SELECT count(n), sum(n), min(x), max(n::float), mean(x::integer) FROM m"
                + range + " GROUP BY time(1000s)");
        List<List<Object>> desc = values("SELECT count(n), sum(n), min(x), max(n::float), mean(x::integer) FROM m"
                + range + " GROUP BY time(1000s) ORDER BY time DESC");
        assertThat(asc).hasSize(10);
        assertThat(desc).containsExactlyElementsOf(asc.reversed());
        // Bucket 0 holds points 0..499 of both series (b's 10th is the maximum).
        long expectedSum = 2L * (499 * 500 / 2) - 10 + (POINTS - 1);
        assertThat(asc.getFirst()).containsExactly(START * 1_000_000_000L, 1000L, expectedSum, 0.0,
                (double) POINTS - 1, sumOfTruncatedQuarters(0, 500) * 2.0 / 1000);
    }

    /** The sum of (long) (i / 4.0) for i in [from, to). */
    private static long sumOfTruncatedQuarters(int from, int to) {
        long s = 0;
        for (int i = from; i < to; i++) {
            s += (long) (i / 4.0);
        }
        return s;
    }
}
