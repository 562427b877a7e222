package io.tidemark.diagnostics;

import java.util.List;
import java.util.Map;

/** Reads query parameters the way Go's {@code r.URL.Query().Get} does: the first value, or empty. Stateless. */
final class QueryParams {
    private QueryParams() {
    }

    static String get(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() || values.getFirst() == null ? "" : values.getFirst();
    }

    /** {@code 1}, {@code true}, {@code yes} (any case) are true; anything else, or absent, is {@code otherwise}. */
    static boolean flag(Map<String, List<String>> query, String name, boolean otherwise) {
        String v = get(query, name);
        if (v.isEmpty()) {
            return otherwise;
        }
        return v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes");
    }

    /** The integer value, or {@code otherwise} when absent or not an integer. */
    static int integer(Map<String, List<String>> query, String name, int otherwise) {
        try {
            return Integer.parseInt(get(query, name).strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
