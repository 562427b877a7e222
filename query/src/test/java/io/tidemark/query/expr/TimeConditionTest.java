package io.tidemark.query.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.influxql.InfluxQLParser;
import io.tidemark.query.QueryException;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeConditionTest {
    private static final long NOW = nanos("2021-03-04T12:00:00Z");

    private static long nanos(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static TimeCondition.Split split(String where) throws Exception {
        return TimeCondition.split(InfluxQLParser.parseExpr(where), NOW, ZoneOffset.UTC);
    }

    @Test
    void boundsAreInclusiveAndStrictBoundsMoveByOneNanosecond() throws Exception {
        TimeCondition.Split s = split("time >= '2021-03-04T00:00:00Z' AND time < '2021-03-04T01:00:00Z'");
        assertThat(s.condition()).isNull();
        assertThat(s.range()).isEqualTo(new TimeRange(nanos("2021-03-04T00:00:00Z"),
                nanos("2021-03-04T01:00:00Z") - 1));
        assertThat(split("time > 10").range().min()).isEqualTo(11);
        assertThat(split("time <= 10").range().max()).isEqualTo(10);
        assertThat(split("time = 10").range()).isEqualTo(new TimeRange(10, 10));
    }

    @Test
    void timeOnTheRightSwapsTheComparison() throws Exception {
        assertThat(split("10 < time").range().min()).isEqualTo(11);
    }

    @Test
    void nowAndDurationArithmetic() throws Exception {
        assertThat(split("time > now() - 1h").range().min()).isEqualTo(NOW - 3_600_000_000_000L + 1);
        assertThat(split("time < '2021-03-04T02:00:00Z' - 10m").range().max())
                .isEqualTo(nanos("2021-03-04T01:50:00Z") - 1);
        assertThat(split("time >= 1614816000000ms").range().min()).isEqualTo(nanos("2021-03-04T00:00:00Z"));
    }

    @Test
    void keepsTheRestOfTheCondition() throws Exception {
        TimeCondition.Split s = split("host = 'a' AND time > 5 AND (usage > 1 OR time < 100)");
        assertThat(s.condition()).hasToString("host = 'a' AND (usage > 1)");
        assertThat(s.range()).isEqualTo(new TimeRange(6, 99));
    }

    @Test
    void rejectsWhatInfluxDbRejects() {
        assertThatThrownBy(() -> split("time > 'yesterday'")).isInstanceOf(QueryException.class)
                .hasMessage("invalid operation: time and *influxql.StringLiteral are not compatible");
        assertThatThrownBy(() -> split("time > '2021-13-04'")).hasMessage("invalid timestamp string");
        assertThatThrownBy(() -> split("time != 5")).hasMessage("invalid time comparison operator: !=");
        assertThatThrownBy(() -> split("host")).hasMessage("invalid condition expression: host");
    }

    @Test
    void timesBeyondTheNanosecondRangeAreNamedAsInfluxDbNamesThem() {
        // Recorded from influxd 1.6.7; before, now() + 100000d wrapped around and selected everything.
        assertThatThrownBy(() -> split("time > now() + 100000d"))
                .hasMessage("time 2294-12-18T12:00:00Z overflows time literal");
        assertThatThrownBy(() -> split("time < '3000-01-01T00:00:00Z'"))
                .hasMessage("time 3000-01-01T00:00:00Z overflows time literal");
        assertThatThrownBy(() -> split("time > '0000-01-01T00:00:00Z'"))
                .hasMessage("time 0000-01-01T00:00:00Z underflows time literal");
        assertThatThrownBy(() -> split("time > '1677-09-21T00:12:43.145224191Z'"))
                .hasMessage("time 1677-09-21T00:12:43Z underflows time literal");
        assertThatThrownBy(() -> split("time > '2262-04-11T23:47:16.854775808Z'"))
                .hasMessage("time 2262-04-11T23:47:16Z overflows time literal");
    }

    @Test
    void arithmeticBringsATimeBackIntoRange() throws Exception {
        assertThat(split("time > '2300-01-01T00:00:00Z' - 36500d").range().min())
                .isEqualTo(nanos("2200-01-25T00:00:00Z") + 1);
    }
}
