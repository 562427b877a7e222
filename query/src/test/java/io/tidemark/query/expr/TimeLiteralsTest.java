package io.tidemark.query.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeLiteralsTest {
    private static long nanos(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Test
    void readsInfluxDbTimeFormats() {
        assertThat(TimeLiterals.parse("2021-03-04T00:10:00Z", ZoneOffset.UTC)).isEqualTo(nanos("2021-03-04T00:10:00Z"));
        assertThat(TimeLiterals.parse("2021-03-04T00:10:00.123456789Z", ZoneOffset.UTC))
                .isEqualTo(nanos("2021-03-04T00:10:00.123456789Z"));
        assertThat(TimeLiterals.parse("2021-03-04T01:10:00+01:00", ZoneOffset.UTC))
                .isEqualTo(nanos("2021-03-04T00:10:00Z"));
        assertThat(TimeLiterals.parse("2021-03-04", ZoneOffset.UTC)).isEqualTo(nanos("2021-03-04T00:00:00Z"));
        assertThat(TimeLiterals.parse("2021-03-04 00:10:00.5", ZoneOffset.UTC))
                .isEqualTo(nanos("2021-03-04T00:10:00.5Z"));
    }

    @Test
    void stringsWithoutOffsetAreInTheStatementZone() {
        ZoneId chicago = ZoneId.of("America/Chicago");
        assertThat(TimeLiterals.parse("2021-03-04", chicago)).isEqualTo(nanos("2021-03-04T06:00:00Z"));
        assertThat(TimeLiterals.parse("2021-03-04 01:00:00", chicago)).isEqualTo(nanos("2021-03-04T07:00:00Z"));
        assertThat(TimeLiterals.parse("2021-03-04T00:00:00Z", chicago)).isEqualTo(nanos("2021-03-04T00:00:00Z"));
    }

    @Test
    void recognisesTimeLikeStrings() {
        assertThat(TimeLiterals.isTimeLiteral("2021-03-04")).isTrue();
        assertThat(TimeLiterals.isTimeLiteral("2021-03-04T25:00:00Z")).isTrue();
        assertThat(TimeLiterals.isTimeLiteral("yesterday")).isFalse();
    }

    @Test
    void rejectsImpossibleTimes() {
        assertThatThrownBy(() -> TimeLiterals.parse("2021-03-04T25:00:00Z", ZoneOffset.UTC))
                .hasMessage("invalid timestamp string");
        assertThatThrownBy(() -> TimeLiterals.parse("2021-02-30", ZoneOffset.UTC))
                .hasMessage("invalid timestamp string");
        assertThatThrownBy(() -> TimeLiterals.parse("2021-03-04Tnoon", ZoneOffset.UTC))
                .hasMessage("invalid timestamp string");
        // Go's layouts take nine fraction digits at most.
        assertThatThrownBy(() -> TimeLiterals.parse("2016-01-01T00:00:00.1234567890Z", ZoneOffset.UTC))
                .hasMessage("invalid timestamp string");
        assertThatThrownBy(() -> TimeLiterals.parse("2016-01-01 00:00:00.123456789012", ZoneOffset.UTC))
                .hasMessage("invalid timestamp string");
    }

    @Test
    void offsetsAreAnyTwoDigitHoursAndMinutesAsInGo() {
        assertThat(TimeLiterals.parse("2016-01-01T00:00:00+25:00", ZoneOffset.UTC))
                .isEqualTo(TimeLiterals.parse("2015-12-30T23:00:00Z", ZoneOffset.UTC));
        assertThat(TimeLiterals.parse("2016-01-01T00:00:00-01:60", ZoneOffset.UTC))
                .isEqualTo(TimeLiterals.parse("2016-01-01T02:00:00Z", ZoneOffset.UTC));
        assertThat(TimeLiterals.parse("2016-01-01T00:00:00.123456789+01:00", ZoneOffset.UTC))
                .isEqualTo(TimeLiterals.parse("2015-12-31T23:00:00.123456789Z", ZoneOffset.UTC));
    }
}
