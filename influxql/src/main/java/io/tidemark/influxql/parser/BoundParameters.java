package io.tidemark.influxql.parser;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tidemark.common.GoJsonNumber;
import io.tidemark.influxql.ast.InfluxDurations;

/**
 * Values for {@code $name} placeholders, converted to the token each one stands for, following InfluxDB 1.8's
 * {@code BindValue}: {@code Long}/{@code Integer}/{@code Short}/{@code Byte}/{@code BigInteger} bind as an integer,
 * {@code Double}/{@code Float}/{@code BigDecimal} as a number, {@code String} as a string literal, {@code Boolean} as
 * a boolean, and a one-entry {@code Map} selects the kind explicitly: {@code {"identifier": "cpu"}},
 * {@code {"regex": "^c"}}, {@code {"string": ".."}}, {@code {"number": 1.5}}, {@code {"integer": 10}},
 * {@code {"duration": "10m"}} or a nanosecond integer. A value that cannot be bound becomes an error that surfaces
 * only if the placeholder is used in an expression. JSON decoders should hand over integral numbers as {@code Long}
 * and numbers written with a decimal point as {@code Double} (InfluxDB distinguishes them by the presence of "."),
 * or a number as written, a {@link GoJsonNumber}, which is converted so, a failed conversion binding its error.
 *
 * <p>Immutable; thread-safe.
 */
public final class BoundParameters {
    /** A bound value as the token it replaces the placeholder with. */
    public record Value(Token token, String literal) {
    }

    public static final BoundParameters NONE = new BoundParameters(Map.of());

    private final Map<String, Value> values;

    private BoundParameters(Map<String, Value> values) {
        this.values = values;
    }

    public static BoundParameters of(Map<String, ?> params) {
        if (params == null || params.isEmpty()) {
            return NONE;
        }
        Map<String, Value> values = new HashMap<>();
        params.forEach((k, v) -> values.put(k, bind(v)));
        return new BoundParameters(Map.copyOf(values));
    }

    Value get(String name) {
        return values.get(name);
    }

    private static Value bind(Object given) {
        Object v = converted(given);
        if (v instanceof Value failed) {
            return failed;
        }
        if (v instanceof BigInteger bi) {
            if (bi.bitLength() > 63) {
                return error("strconv.ParseInt: parsing \"" + bi + "\": value out of range");
            }
            return integer(bi.longValue());
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return integer(((Number) v).longValue());
        }
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            return number(((Number) v).doubleValue());
        }
        if (v instanceof String s) {
            return new Value(Token.STRING, s);
        }
        if (v instanceof Boolean b) {
            return new Value(b ? Token.TRUE : Token.FALSE, "");
        }
        if (v instanceof Map<?, ?> m) {
            return bindObject(m);
        }
        return error("unable to bind parameter with type " + goTypeName(v));
    }

    private static Value bindObject(Map<?, ?> m) {
        if (m.size() != 1) {
            return error("bound object parameter value must have exactly one entry");
        }
        Map.Entry<?, ?> e = m.entrySet().iterator().next();
        String kind = String.valueOf(e.getKey());
        Object v = converted(e.getValue());
        if (v instanceof Value failed) {
            return failed;
        }
        if (v instanceof BigInteger bi) {
            if (bi.bitLength() > 63) {
                return error("strconv.ParseInt: parsing \"" + bi + "\": value out of range");
            }
            v = bi.longValue();
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            v = ((Number) v).longValue();
        } else if (v instanceof Float || v instanceof BigDecimal) {
            v = ((Number) v).doubleValue();
        }
        return switch (kind) {
            case "ident", "identifier" -> v instanceof String s
                    ? new Value(Token.IDENT, s) : error("identifier must be a string value");
            case "regex" -> v instanceof String s
                    ? new Value(Token.REGEX, s) : error("regex literal must be a string value");
            case "string" -> v instanceof String s
                    ? new Value(Token.STRING, s) : error("string literal must be a string value");
            case "float", "number" -> switch (v) {
                case Double d -> number(d);
                case Long l -> number(l.doubleValue());
                case null, default -> error("number literal must be a float value");
            };
            case "int", "integer" -> v instanceof Long l
                    ? integer(l) : error("integer literal must be an integer value");
            case "duration" -> switch (v) {
                case String s -> new Value(Token.DURATIONVAL, s);
                case Long l -> new Value(Token.DURATIONVAL, InfluxDurations.format(java.time.Duration.ofNanos(l)));
                case null, default -> error("duration literal must be a string or integer value");
            };
            default -> error("unknown bind object type: " + kind);
        };
    }

    /** A {@link GoJsonNumber} as InfluxDB converts it: its Long or Double, or the error it binds; else {@code v}. */
    private static Object converted(Object v) {
        if (v instanceof GoJsonNumber n) {
            try {
                return n.value();
            } catch (IllegalArgumentException e) {
                return error(e.getMessage());
            }
        }
        return v;
    }

    private static Value integer(long v) {
        return new Value(Token.INTEGER, Long.toString(v));
    }

    private static Value number(double v) {
        // Go's strconv.FormatFloat(v, 'f', -1, 64): shortest round-trip digits, never an exponent.
        String plain = new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
        return new Value(Token.NUMBER, plain);
    }

    private static Value error(String message) {
        return new Value(Token.BOUNDPARAM, message);
    }

    private static String goTypeName(Object v) {
        if (v == null) {
            return "<nil>";
        }
        if (v instanceof List<?>) {
            return "[]interface {}";
        }
        return v.getClass().getSimpleName();
    }
}
