package io.tidemark.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.result.StatementResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SELECTs, raw and aggregate, whose WHERE compares one field with a number, which lets storage skip the blocks whose
 * statistics show no value that could pass: the rows are those a value-by-value test keeps, over a file alone
 * (several blocks with disjoint value ranges) and a file with the cache, for integer and float fields, literals of
 * either kind on either side, and a float field read as an integer (truncated, so its blocks' order does not hold
 * and nothing may be skipped).
 */
class GatedSelectTest {
    private static final String DB = "db";
    private static final long START = 1614816000L;
    /** Points of measurement m, all in a file, and of c, whose last 600 stay in the cache. */
    private static final int FLUSHED = 5000;
    private static final int POINTS = 5600;
    /** Series of measurement g: more than a merged group reads all its cursors in batches for. */
    private static final int HOSTS = 20;

    @TempDir
    static Path dir;
    private static TestNode node;

    /** Block k of 1,000 points holds n in [100k, 100k + 6] and x in [-k - 1, -k - 0.5]. */
    private static long n(int i) {
        return (i / 1000) * 100L + i % 7;
    }

    private static double x(int i) {
        return -(i / 1000) - 0.5 - (i % 3) / 4.0;
    }

    @BeforeAll
    static void load() throws Exception {
        node = new TestNode(dir);
        node.createDatabase(DB);
        node.load(DB, "autogen", lines("m", 0, FLUSHED) + lines("c", 0, FLUSHED), "s");
        StringBuilder many = new StringBuilder();
        for (int h = 0; h < HOSTS; h++) {
            for (int i = 0; i < 3000; i++) {
                many.append("g,host=h").append(h).append(" n=").append(n(i) + h).append("i ").append(START + i)
                        .append('\n');
            }
        }
        node.load(DB, "autogen", many.toString(), "s");
        node.flush();
        node.load(DB, "autogen", lines("c", FLUSHED, POINTS), "s");
    }

    private static String lines(String measurement, int from, int to) {
        StringBuilder lines = new StringBuilder();
        for (int i = from; i < to; i++) {
            lines.append(measurement).append(" n=").append(n(i)).append("i,x=").append(x(i)).append(' ')
                    .append(START + i).append('\n');
        }
        return lines.toString();
    }

    @AfterAll
    static void close() throws Exception {
        node.close();
    }

    private static List<Long> times(String where) throws Exception {
        List<Long> inFile = times("m", where);
        assertThat(inFile).as(where).isEqualTo(times("c", where).stream().filter(t -> t < FLUSHED).toList());
        return times("c", where);
    }

    private static List<Long> times(String measurement, String where) throws Exception {
        List<StatementResult> r = node.query("SELECT n, x FROM " + measurement + " WHERE " + where, DB);
        assertThat(r.getFirst().error()).as(where).isNull();
        List<Long> times = new ArrayList<>();
        if (r.getFirst().series().isEmpty()) {
            return times;
        }
        for (List<Object> row : r.getFirst().series().getFirst().values()) {
            times.add((long) row.getFirst() / 1_000_000_000L - START);
        }
        return times;
    }

    private static List<Long> expected(IntPredicate keep) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < POINTS; i++) {
            if (keep.test(i)) {
                times.add((long) i);
            }
        }
        return times;
    }

    @Test
    void integerComparisonsKeepTheRowsAValueByValueTestKeeps() throws Exception {
        assertThat(times("n > 203")).isEqualTo(expected(i -> n(i) > 203));
        assertThat(times("203 < n")).isEqualTo(expected(i -> n(i) > 203));
        assertThat(times("n >= 204")).isEqualTo(expected(i -> n(i) >= 204));
        assertThat(times("n < 3")).isEqualTo(expected(i -> n(i) < 3));
        assertThat(times("(n <= 100)")).isEqualTo(expected(i -> n(i) <= 100));
        assertThat(times("n = 305")).isEqualTo(expected(i -> n(i) == 305));
        assertThat(times("n = 150")).isEmpty();
        assertThat(times("n > 203.5")).isEqualTo(expected(i -> n(i) > 203.5));
        assertThat(times("n > 502")).as("only the cache's rows").isEqualTo(expected(i -> n(i) > 502));
        assertThat(times("n > 203 AND x < -3")).isEqualTo(expected(i -> n(i) > 203 && x(i) < -3));
    }

    @Test
    void floatComparisonsKeepTheRowsAValueByValueTestKeeps() throws Exception {
        assertThat(times("x < -3.5")).isEqualTo(expected(i -> x(i) < -3.5));
        assertThat(times("x >= -1")).isEqualTo(expected(i -> x(i) >= -1));
        assertThat(times("-2 > x")).isEqualTo(expected(i -> x(i) < -2));
        assertThat(times("x = -4.75")).isEqualTo(expected(i -> x(i) == -4.75));
    }

    @Test
    void aggregatesCountAndSumTheRowsAValueByValueTestKeeps() throws Exception {
        for (String measurement : new String[] {"m", "c"}) {
            int points = measurement.equals("m") ? FLUSHED : POINTS;
            String[] wheres = {"n > 203", "x < -3.5", "n >= 100 AND x > -2", "n > 203 OR x > -1"};
            List<IntPredicate> keeps = List.of(i -> n(i) > 203, i -> x(i) < -3.5, i -> n(i) >= 100 && x(i) > -2,
                    i -> n(i) > 203 || x(i) > -1);
            for (int w = 0; w < wheres.length; w++) {
                long count = 0;
                long sum = 0;
                double xs = 0;
                for (int i = 0; i < points; i++) {
                    if (keeps.get(w).test(i)) {
                        count++;
                        sum += n(i);
                        xs += x(i);
                    }
                }
                String q = "SELECT count(n), sum(n), sum(x) FROM " + measurement + " WHERE " + wheres[w];
                List<StatementResult> r = node.query(q, DB);
                assertThat(r.getFirst().error()).as(q).isNull();
                List<Object> row = r.getFirst().series().getFirst().values().getFirst();
                assertThat(row.subList(1, 3)).as(q).containsExactly(count, sum);
                assertThat((double) row.get(3)).as(q).isCloseTo(xs, Offset.offset(1e-6));
            }
        }
    }

    @Test
    void aConditionOverManySeriesMergedKeepsTheRowsAValueByValueTestKeeps() throws Exception {
        for (String where : new String[] {"n > 203", "n <= 5", "n = 110"}) {
            List<StatementResult> r = node.query("SELECT n, host FROM g WHERE " + where, DB);
            assertThat(r.getFirst().error()).as(where).isNull();
            List<String> got = new ArrayList<>();
            for (List<Object> row : r.getFirst().series().getFirst().values()) {
                got.add(((long) row.get(0) / 1_000_000_000L - START) + " " + row.get(2) + " " + row.get(1));
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                for (int h = 0; h < HOSTS; h++) {
                    long v = n(i) + h;
                    boolean keep = switch (where) {
                        case "n > 203" -> v > 203;
                        case "n <= 5" -> v <= 5;
                        default -> v == 110;
                    };
                    if (keep) {
                        expected.add(i + " h" + h + " " + v);
                    }
                }
            }
            assertThat(got).as(where).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void aFloatReadAsAnIntegerIsTruncatedBeforeTheTest() throws Exception {
        // Block 2's floats lie in [-3, -2.5], all below -2.2, but -2.5 and -2.75 truncate to -2, which is above.
        assertThat(times("x::integer > -2.2")).isEqualTo(expected(i -> (long) x(i) > -2.2));
        assertThat(times("x::integer = -2")).isEqualTo(expected(i -> (long) x(i) == -2));
    }
}
