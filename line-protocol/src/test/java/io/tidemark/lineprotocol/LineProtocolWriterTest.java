package io.tidemark.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.common.Precision;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineProtocolWriterTest {
    @Test
    void escapesEachElementByItsRules() {
        LineProtocolWriter w = new LineProtocolWriter();
        w.measurement("lp m,x=\"y\"").tag("t k=1", "v,a b\"").stringField("f 1=\"", "q\"uote\\d\nx")
                .floatField("f", 1.5).integerField("i", -7).unsignedField("u", -1L).booleanField("b", true)
                .timestamp(1614816000L);
        assertThat(w.toString()).isEqualTo(
                "lp\\ m\\,x=\"y\",t\\ k\\=1=v\\,a\\ b\" f\\ 1\\=\\\"=\"q\\\"uote\\\\d\nx\",f=1.5,i=-7i,"
                        + "u=18446744073709551615u,b=true 1614816000\n");
    }

    @Test
    void writesLinesWithoutTimestampAndAccumulates() {
        LineProtocolWriter w = new LineProtocolWriter();
        w.measurement("a").floatField("v", 1e300).endLine();
        w.measurement("b").floatField("v", -0.0).endLine();
        assertThat(w.toString()).isEqualTo("a v=1.0E300\nb v=-0.0\n");
        assertThat(w.size()).isEqualTo(w.toByteArray().length);
        w.reset();
        assertThat(w.toString()).isEmpty();
    }

    @Test
    void measurementEscapesQuoteOrEqualsOnlyAfterALiteralBackslash() {
        LineProtocolWriter w = new LineProtocolWriter();
        w.measurement("a=b\\=c\\\"").floatField("f", 1).endLine();
        assertThat(w.toString()).isEqualTo("a=b\\\\=c\\\\\" f=1.0\n");
    }

    @Test
    void writesParsedPointsBackAndDropsAPointItCannotWrite() {
        LineProtocolWriter w = new LineProtocolWriter();
        // The second line's field key unescapes to a\\=b (backslash, backslash, '='), which no escaping can express.
        byte[] text = "m,b=2,a=1 f=1.5,s=\"x\\\"y\",i=-3i 7\nm a\\\\\\=b=1 8\n".getBytes(StandardCharsets.UTF_8);
        new LineProtocolParser().parse(text, 0, text.length, Precision.NANOSECONDS, 0, new LineSink() {
            @Override
            public void point(ParsedPoint p) {
                try {
                    w.point(p);
                } catch (IllegalArgumentException e) {
                    assertThat(e).hasMessageContaining("backslash");
                }
            }

            @Override
            public void parseError(String message) {
                throw new AssertionError(message);
            }
        });
        assertThat(w.toString()).isEqualTo("m,a=1,b=2 f=1.5,s=\"x\\\"y\",i=-3i 7\n");
    }

    @Test
    void refusesWhatLineProtocolCannotCarry() {
        LineProtocolWriter w = new LineProtocolWriter();
        assertThatThrownBy(() -> w.measurement("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.measurement("#m")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.measurement("\tm")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.measurement("m\\")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.measurement("a\nb")).isInstanceOf(IllegalArgumentException.class);
        w.measurement("m");
        assertThatThrownBy(() -> w.tag("k", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.tag("k\\", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.floatField("f", Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.floatField("f", Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.integerField("a\\,b", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.integerField("\tb", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(w::endLine).isInstanceOf(IllegalStateException.class);
        w.integerField("f", 1);
        assertThatThrownBy(() -> w.tag("late", "tag")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> w.measurement("next")).isInstanceOf(IllegalStateException.class);
        w.endLine();
        assertThat(w.toString()).isEqualTo("m f=1i\n");
    }
}
