package io.tidemark.query.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SeriesKeyParserTest {

    private static SeriesKey parse(String key) {
        return SeriesKeyParser.parse(key.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesMeasurementAndTagsInKeyOrder() {
        SeriesKey k = parse("cpu,host=a,region=us-east");
        assertThat(k.measurement()).isEqualTo("cpu");
        assertThat(k.tags()).containsExactly(java.util.Map.entry("host", "a"), java.util.Map.entry("region", "us-east"));
        assertThat(k.tag("host")).isEqualTo("a");
        assertThat(k.tag("zone")).isEmpty();
        assertThat(k.hasTag("zone")).isFalse();
        assertThat(k.keyString()).isEqualTo("cpu,host=a,region=us-east");
    }

    @Test
    void measurementWithoutTags() {
        SeriesKey k = parse("mem");
        assertThat(k.measurement()).isEqualTo("mem");
        assertThat(k.tagCount()).isZero();
    }

    @Test
    void unescapesCommasSpacesAndEquals() {
        SeriesKey k = parse("my\\ meas\\,x,k\\=1=v\\,a\\ b,path=c:\\\\tmp");
        assertThat(k.measurement()).isEqualTo("my meas,x");
        assertThat(k.tag("k=1")).isEqualTo("v,a b");
        // Backslashes before other characters are literal, so a Windows path keeps both of them.
        assertThat(k.tag("path")).isEqualTo("c:\\\\tmp");
    }

    @Test
    void byteOrderComparesCodePoints() {
        assertThat(SeriesKeyParser.compareCodePoints("a", "b")).isNegative();
        assertThat(SeriesKeyParser.compareCodePoints("ab", "a")).isPositive();
        // U+FFFD sorts before a supplementary character in UTF-8, unlike in UTF-16.
        assertThat(SeriesKeyParser.compareCodePoints("\uFFFD", "\uD83D\uDE00")).isNegative();
    }
}
