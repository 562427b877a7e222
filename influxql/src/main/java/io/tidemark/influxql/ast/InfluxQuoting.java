package io.tidemark.influxql.ast;

import java.util.Locale;
import java.util.Set;

/**
 * Quoting of identifiers and string literals as InfluxDB's printer does it: identifiers are double-quoted only when
 * they are keywords or not of the form {@code [A-Za-z_][A-Za-z0-9_]*}; {@code \n}, {@code \\} and the quote
 * character are escaped.
 *
 * <p>Stateless; thread-safe.
 */
public final class InfluxQuoting {
    /** Every word the lexer turns into a keyword token, lower-case (includes and/or/true/false). */
    static final Set<String> KEYWORDS = Set.of(
            "all", "alter", "analyze", "any", "as", "asc", "begin", "by", "cardinality", "create", "continuous",
            "database", "databases", "default", "delete", "desc", "destinations", "diagnostics", "distinct", "drop",
            "duration", "end", "every", "exact", "explain", "field", "for", "from", "grant", "grants", "group",
            "groups", "in", "inf", "insert", "into", "key", "keys", "kill", "limit", "measurement", "measurements",
            "name", "offset", "on", "order", "password", "policy", "policies", "privileges", "queries", "query",
            "read", "replication", "resample", "retention", "revoke", "select", "series", "set", "show", "shard",
            "shards", "slimit", "soffset", "stats", "subscription", "subscriptions", "tag", "to", "user", "users",
            "values", "where", "with", "write", "and", "or", "true", "false");

    private InfluxQuoting() {
    }

    /** True if {@code word} (any case) is an InfluxQL keyword. */
    public static boolean isKeyword(String word) {
        return KEYWORDS.contains(word.toLowerCase(Locale.ROOT));
    }

    /** {@code 'text'} with {@code \n}, {@code \\} and {@code '} escaped. */
    public static String quoteString(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('\'');
        escape(sb, s, '\'');
        return sb.append('\'').toString();
    }

    /**
     * Joins identifier segments with dots, quoting a segment when it needs quotes, when it is an empty segment at
     * either end, or when it is a non-empty segment other than the last (InfluxDB's {@code QuoteIdent}).
     */
    public static String quoteIdent(String... segments) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            boolean quote = identNeedsQuotes(segment)
                    || (!last && !segment.isEmpty())
                    || ((i == 0 || last) && segment.isEmpty());
            if (quote) {
                sb.append('"');
            }
            escape(sb, segment, '"');
            if (quote) {
                sb.append('"');
            }
            if (!last) {
                sb.append('.');
            }
        }
        return sb.toString();
    }

    /** True if {@code ident} must be double-quoted to be read back as the same identifier. */
    public static boolean identNeedsQuotes(String ident) {
        if (isKeyword(ident)) {
            return true;
        }
        for (int i = 0; i < ident.length(); i++) {
            char c = ident.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            boolean digit = c >= '0' && c <= '9';
            if (i == 0 ? !letter : !(letter || digit)) {
                return true;
            }
        }
        return false;
    }

    private static void escape(StringBuilder sb, String s, char quote) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\\') {
                sb.append("\\\\");
            } else if (c == quote) {
                sb.append('\\').append(quote);
            } else {
                sb.append(c);
            }
        }
    }
}
