package io.tidemark.influxql.ast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** TestParseDuration / TestFormatDuration of influxql parser_test.go. */
class InfluxDurationsTest {
    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("10ns", Duration.ofNanos(10)),
                Arguments.of("10u", Duration.ofNanos(10_000)),
                Arguments.of("10µ", Duration.ofNanos(10_000)),
                Arguments.of("15ms", Duration.ofMillis(15)),
                Arguments.of("100s", Duration.ofSeconds(100)),
                Arguments.of("2m", Duration.ofMinutes(2)),
                Arguments.of("2h", Duration.ofHours(2)),
                Arguments.of("2d", Duration.ofDays(2)),
                Arguments.of("2w", Duration.ofDays(14)),
                Arguments.of("1h30m", Duration.ofMinutes(90)),
                Arguments.of("30ms3000u", Duration.ofMillis(33)),
                Arguments.of("-5s", Duration.ofSeconds(-5)),
                Arguments.of("-5m30s", Duration.ofSeconds(-330)));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void parses(String text, Duration expected) {
        assertThat(InfluxDurations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "3", "1000", "w", "ms", "1.2w", "10x", "10n", "µ"})
    void rejects(String text) {
        assertThatThrownBy(() -> InfluxDurations.parse(text)).hasMessage("invalid duration");
    }

    @ParameterizedTest
    @ValueSource(strings = {"15251w", "106751d1d"})
    void reportsOverflowLikeGo(String text) {
        assertThatThrownBy(() -> InfluxDurations.parse(text))
                .hasMessageStartingWith("overflowed duration ")
                .hasMessageEndingWith(": choose a smaller duration or INF");
    }

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of(Duration.ofNanos(3_000), "3u"),
                Arguments.of(Duration.ofNanos(1_001_000), "1001u"),
                Arguments.of(Duration.ofMillis(15), "15ms"),
                Arguments.of(Duration.ofSeconds(100), "100s"),
                Arguments.of(Duration.ofMinutes(2), "2m"),
                Arguments.of(Duration.ofHours(2), "2h"),
                Arguments.of(Duration.ofDays(2), "2d"),
                Arguments.of(Duration.ofDays(14), "2w"),
                Arguments.of(Duration.ZERO, "0s"),
                Arguments.of(Duration.ofNanos(7), "7ns"),
                Arguments.of(Duration.ofMinutes(-90), "-90m"));
    }

    @ParameterizedTest
    @MethodSource("formats")
    void formats(Duration d, String expected) {
        assertThat(InfluxDurations.format(d)).isEqualTo(expected);
    }
}
