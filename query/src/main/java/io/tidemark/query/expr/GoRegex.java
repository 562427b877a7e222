package io.tidemark.query.expr;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles InfluxQL's Go RE2 patterns into Java patterns. The common syntax is shared; this rewrites the RE2-only
 * spellings ({@code (?P<name>...)} groups and {@code [[:alpha:]]} classes). Matching is unanchored, like Go's
 * {@code MatchString}: use {@link java.util.regex.Matcher#find()}.
 *
 * <p>Stateless; thread-safe.
 */
public final class GoRegex {
    private GoRegex() {
    }

    public static Pattern compile(String goPattern) {
        try {
            return Pattern.compile(translate(goPattern));
        } catch (PatternSyntaxException e) {
            throw new InvalidRegexException("invalid regular expression /" + goPattern + "/: "
                    + e.getDescription(), e);
        }
    }

    /** True when the pattern matches anywhere in {@code s}. */
    public static boolean matches(Pattern p, String s) {
        return p.matcher(s).find();
    }

    static String translate(String p) {
        String s = p.replace("(?P<", "(?<");
        if (s.contains("[:")) {
            s = s.replace("[:alnum:]", "\\p{Alnum}").replace("[:alpha:]", "\\p{Alpha}")
                    .replace("[:ascii:]", "\\p{ASCII}").replace("[:blank:]", "\\p{Blank}")
                    .replace("[:cntrl:]", "\\p{Cntrl}").replace("[:digit:]", "\\p{Digit}")
                    .replace("[:graph:]", "\\p{Graph}").replace("[:lower:]", "\\p{Lower}")
                    .replace("[:print:]", "\\p{Print}").replace("[:punct:]", "\\p{Punct}")
                    .replace("[:space:]", "\\s").replace("[:upper:]", "\\p{Upper}")
                    .replace("[:word:]", "\\w").replace("[:xdigit:]", "\\p{XDigit}");
        }
        return s;
    }
}
