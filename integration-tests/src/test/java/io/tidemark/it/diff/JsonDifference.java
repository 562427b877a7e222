package io.tidemark.it.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The first place where two JSON answers differ, by the rules of {@code shared/compat/README.md}: the same
 * structure, keys and lengths; strings, booleans and nulls equal; integers equal; where either side is a
 * floating-point number, the two agree within a relative tolerance of 1e-9 (absolute 1e-12), so {@code 2} and
 * {@code 2.0} are equal. Stateless.
 */
final class JsonDifference {
    private static final double RELATIVE = 1e-9;
    private static final double ABSOLUTE = 1e-12;

    private JsonDifference() {
    }

    /** Empty when equal; otherwise the path of the first difference and both values there. */
    static Optional<String> between(JsonNode expected, JsonNode actual) {
        return at("$", expected, actual);
    }

    private static Optional<String> at(String path, JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return numbersEqual(a, b) ? Optional.empty() : differ(path, a, b);
        }
        if (a.getNodeType() != b.getNodeType()) {
            return differ(path, a, b);
        }
        if (a.isArray()) {
            if (a.size() != b.size()) {
                return Optional.of(path + ": " + a.size() + " elements vs " + b.size());
            }
            for (int i = 0; i < a.size(); i++) {
                Optional<String> d = at(path + "[" + i + "]", a.get(i), b.get(i));
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        if (a.isObject()) {
            TreeSet<String> keysA = new TreeSet<>();
            a.fieldNames().forEachRemaining(keysA::add);
            TreeSet<String> keysB = new TreeSet<>();
            b.fieldNames().forEachRemaining(keysB::add);
            if (!keysA.equals(keysB)) {
                return Optional.of(path + ": keys " + keysA + " vs " + keysB);
            }
            for (Map.Entry<String, JsonNode> e : a.properties()) {
                Optional<String> d = at(path + "." + e.getKey(), e.getValue(), b.get(e.getKey()));
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        return a.equals(b) ? Optional.empty() : differ(path, a, b);
    }

    private static boolean numbersEqual(JsonNode a, JsonNode b) {
        if (a.isIntegralNumber() && b.isIntegralNumber()) {
            return a.bigIntegerValue().equals(b.bigIntegerValue());
        }
        double x = a.doubleValue();
        double y = b.doubleValue();
        return Math.abs(x - y) <= Math.max(ABSOLUTE, RELATIVE * Math.max(Math.abs(x), Math.abs(y)));
    }

    private static Optional<String> differ(String path, JsonNode a, JsonNode b) {
        return Optional.of(path + ": " + a + " vs " + b);
    }
}
