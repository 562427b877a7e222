package io.tidemark.storage.index;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Recognises a regular expression that matches exactly a few literal strings, {@code ^value\z},
 * {@code ^(a|b|c)\z} or {@code ^(?:a|b|c)\z}, as the query layer compiles Grafana's {@code =~ /^(a|b|c)$/} for a
 * template variable with several values: its tag values can then be looked up, not tried one by one against the
 * pattern. A literal may escape punctuation ({@code host\.example}); anything else (classes, repetition, flags, an
 * escaped letter, an empty alternative) is not recognised. Stateless.
 */
final class LiteralAlternatives {
    private static final String SPECIAL = "\\^$.|?*+()[]{}";

    private LiteralAlternatives() {
    }

    /** The strings {@code p} matches exactly, each not empty; null if it is not such a pattern. */
    static List<String> of(Pattern p) {
        if ((p.flags() & ~Pattern.UNIX_LINES) != 0) {
            return null;
        }
        String s = p.pattern();
        if (!s.startsWith("^") || !s.endsWith("\\z") || s.length() < 4) {
            return null;
        }
        String body = s.substring(1, s.length() - 2);
        // Without the group, ^a|b\z is ^a or b\z: alternatives are only recognised inside it.
        boolean grouped = body.endsWith(")") && (body.startsWith("(?:") || body.startsWith("("));
        if (grouped) {
            body = body.substring(body.startsWith("(?:") ? 3 : 1, body.length() - 1);
        }
        List<String> literals = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\') {
                if (i + 1 == body.length() || Character.isLetterOrDigit(body.charAt(i + 1))) {
                    return null;
                }
                current.append(body.charAt(++i));
            } else if (c == '|') {
                if (current.isEmpty() || !grouped) {
                    return null;
                }
                literals.add(current.toString());
                current.setLength(0);
            } else if (SPECIAL.indexOf(c) >= 0) {
                return null;
            } else {
                current.append(c);
            }
        }
        if (current.isEmpty()) {
            return null;
        }
        literals.add(current.toString());
        return literals;
    }
}
