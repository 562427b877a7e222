package io.tidemark.query.expr;

import java.util.Set;

/**
 * InfluxQL's math functions ({@code abs}, {@code pow}, {@code round}, ...), evaluated like InfluxDB's
 * {@code MathValuer}: a non-numeric argument gives null.
 *
 * <p>Stateless; thread-safe.
 */
public final class MathFunctions {
    private static final Set<String> NAMES = Set.of("abs", "sin", "cos", "tan", "asin", "acos", "atan", "atan2",
            "exp", "log", "ln", "log2", "log10", "sqrt", "pow", "floor", "ceil", "round");

    private MathFunctions() {
    }

    public static boolean isMathFunction(String name) {
        return NAMES.contains(name);
    }

    /** How many arguments the function takes. */
    public static int arity(String name) {
        return switch (name) {
            case "atan2", "pow", "log" -> 2;
            default -> 1;
        };
    }

    /** Applies the function; null when an argument is not a number. */
    public static Object apply(String name, Object[] args) {
        if (args.length == 1) {
            Object a = args[0];
            switch (name) {
                case "abs":
                    return switch (a) {
                        case Double d -> Math.abs(d);
                        case Long l -> Math.abs(l);
                        case null, default -> null;
                    };
                case "floor":
                    return a instanceof Double d ? Math.floor(d) : (a instanceof Long ? a : null);
                case "ceil":
                    return a instanceof Double d ? Math.ceil(d) : (a instanceof Long ? a : null);
                case "round":
                    return a instanceof Double d ? roundHalfAwayFromZero(d) : (a instanceof Long ? a : null);
                default:
                    break;
            }
            Double x = asDouble(a);
            if (x == null) {
                return null;
            }
            return switch (name) {
                case "sin" -> Math.sin(x);
                case "cos" -> Math.cos(x);
                case "tan" -> Math.tan(x);
                case "asin" -> Math.asin(x);
                case "acos" -> Math.acos(x);
                case "atan" -> Math.atan(x);
                case "exp" -> Math.exp(x);
                case "ln" -> Math.log(x);
                case "log2" -> Math.log(x) / Math.log(2);
                case "log10" -> Math.log10(x);
                case "sqrt" -> Math.sqrt(x);
                default -> null;
            };
        } else if (args.length == 2) {
            Double x = asDouble(args[0]);
            Double y = asDouble(args[1]);
            if (x == null || y == null) {
                return null;
            }
            return switch (name) {
                case "atan2" -> Math.atan2(x, y);
                case "log" -> Math.log(x) / Math.log(y);
                case "pow" -> Math.pow(x, y);
                default -> null;
            };
        }
        return null;
    }

    /** Go's {@code math.Round}: halves round away from zero ({@code round(-2.5) = -3}). */
    static double roundHalfAwayFromZero(double x) {
        double t = x < 0 ? Math.ceil(x) : Math.floor(x);
        if (Math.abs(x - t) >= 0.5) {
            return t + Math.copySign(1.0, x);
        }
        return t;
    }

    private static Double asDouble(Object v) {
        return switch (v) {
            case Double d -> d;
            case Long l -> (double) l;
            case null, default -> null;
        };
    }
}
