package io.tidemark.query.select;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.influxql.InfluxQLParser;
import io.tidemark.influxql.ast.Expr;
import io.tidemark.query.expr.Evaluator;
import io.tidemark.storage.api.ValueRange;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A gate's range holds exactly the values its conjunct admits, as the condition evaluator decides them. */
class GateRangesTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private final Evaluator conditions = new Evaluator(false, false);

    @Test
    void aRangeHoldsExactlyWhatTheConjunctAdmits() throws Exception {
        SplittableRandom rnd = new SplittableRandom(SEED);
        String[] conjuncts = {"v > 90", "v >= 90.5", "v < -3", "v <= -3.0", "90 < v", "(v = 5)", "-2.5 >= v",
            "v > 9007199254740991", "v = -9007199254740991", "v < 0", "v > -0.0", "v = 0.1", "v >= 123456789012.25"};
        for (String text : conjuncts) {
            Expr e = InfluxQLParser.parseExpr(text);
            ValueRange range = GateRanges.of(e);
            assertThat(range).as(text).isNotNull();
            for (Object v : values(rnd)) {
                double asDouble = v instanceof Long l ? (double) l : (Double) v;
                assertThat(range.contains(asDouble)).as("%s for %s, seed %d", text, v, SEED)
                        .isEqualTo(conditions.evalBool(e, r -> v));
            }
        }
    }

    @Test
    void otherConjunctsHaveNone() throws Exception {
        for (String text : new String[] {"v != 3", "v + 1 > 3", "v > 9007199254740992", "v =~ /x/", "v > w",
            "v > 'a'", "v > 1 OR v < 0"}) {
            assertThat(GateRanges.of(InfluxQLParser.parseExpr(text))).as(text).isNull();
        }
    }

    /** Integers and floats around the literals above, at the edges of doubles' exact integers, and special. */
    private static List<Object> values(SplittableRandom rnd) {
        List<Object> out = new ArrayList<>();
        long[] longs = {0, 1, -1, 5, -3, -2, 89, 90, 91, 9007199254740991L, 9007199254740992L, 9007199254740993L,
            -9007199254740991L, -9007199254740992L, -9007199254740993L, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long l : longs) {
            out.add(l);
        }
        double[] doubles = {0.0, -0.0, 5.0, -3.0, -2.5, 90.0, 90.5, Math.nextUp(90.5), Math.nextDown(90.0), 1e300,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 9007199254740991.0, 9007199254740992.0};
        for (double d : doubles) {
            out.add(d);
        }
        for (int i = 0; i < 200; i++) {
            out.add(rnd.nextLong(-200, 200));
            out.add(rnd.nextLong());
            out.add((rnd.nextInt(400) - 200) / 4.0);
            out.add(Double.longBitsToDouble(rnd.nextLong()));
        }
        return out;
    }
}
