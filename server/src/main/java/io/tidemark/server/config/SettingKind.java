package io.tidemark.server.config;

import io.tidemark.common.DataSize;
import io.tidemark.common.GoDuration;
import java.util.List;

/** The value types of configuration settings, with InfluxDB's syntax for each. */
enum SettingKind {
    STRING("a string"),
    BOOLEAN("true or false"),
    INTEGER("an integer"),
    SIZE("a size in bytes (e.g. 1073741824, 1g, 512m, 64k)"),
    DURATION("a duration (e.g. 0s, 100ms, 10m0s, 1h)"),
    CHOICE("one of");

    private final String expectation;

    SettingKind(String expectation) {
        this.expectation = expectation;
    }

    String expectation(List<String> choices) {
        return this == CHOICE ? expectation + " " + String.join(", ", choices) : expectation;
    }

    /**
     * Converts a value read from TOML or the environment (a String, Boolean, Long or Double) to the setting's
     * Java type: String, Boolean, Long (integers and sizes in bytes) or java.time.Duration.
     *
     * @throws IllegalArgumentException when the value does not fit
     */
    Object convert(Object raw, List<String> choices) {
        return switch (this) {
            case STRING -> {
                if (!(raw instanceof String s)) {
                    throw new IllegalArgumentException();
                }
                yield s;
            }
            case CHOICE -> {
                if (!(raw instanceof String s) || !choices.contains(s)) {
                    throw new IllegalArgumentException();
                }
                yield s;
            }
            case BOOLEAN -> switch (raw) {
                case Boolean b -> b;
                case String s when s.equalsIgnoreCase("true") -> Boolean.TRUE;
                case String s when s.equalsIgnoreCase("false") -> Boolean.FALSE;
                default -> throw new IllegalArgumentException();
            };
            case INTEGER -> switch (raw) {
                case Long l -> l;
                case Integer i -> (long) i;
                case String s -> Long.parseLong(s.trim());
                default -> throw new IllegalArgumentException();
            };
            case SIZE -> switch (raw) {
                case Long l when l >= 0 -> l;
                case Integer i when i >= 0 -> (long) i;
                case String s -> DataSize.parseBytes(s);
                default -> throw new IllegalArgumentException();
            };
            case DURATION -> switch (raw) {
                case String s -> GoDuration.parse(s);
                case Long l when l == 0 -> java.time.Duration.ZERO;
                default -> throw new IllegalArgumentException();
            };
        };
    }
}
