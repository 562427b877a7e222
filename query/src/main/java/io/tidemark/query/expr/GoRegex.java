package io.tidemark.query.expr;

import io.tidemark.common.RegexInterruption;
import io.tidemark.influxql.parser.RegexSyntax;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles InfluxQL's Go RE2 patterns into Java patterns. The common syntax is shared; {@link RegexSyntax#toJavaSyntax}
 * rewrites what RE2 spells its own way ({@code (?P<name>...)} groups, {@code [[:alpha:]]} classes, octal escapes, a
 * {@code {} that starts no repeat), and this keeps RE2's meaning where Java's
 * differs: only {@code \n} ends a line (Java's {@code UNIX_LINES}: its {@code .} would not match {@code \r} either),
 * and {@code $} outside multi-line mode ({@code (?m)}) matches only at the end of the text, as {@code \z} does (Java's
 * also matches before a final line break: {@code /^a$/} would select {@code "a\n"}). Matching is unanchored, like
 * Go's {@code MatchString}: use {@link java.util.regex.Matcher#find()}.
 *
 * <p>Stateless; thread-safe.
 */
public final class GoRegex {
    private GoRegex() {
    }

    public static Pattern compile(String goPattern) {
        try {
            return Pattern.compile(translate(goPattern), Pattern.UNIX_LINES);
        } catch (PatternSyntaxException e) {
            throw new InvalidRegexException("invalid regular expression /" + goPattern + "/: "
                    + e.getDescription(), e);
        }
    }

    /**
     * True when the pattern matches anywhere in {@code s}.
     *
     * @throws RegexInterruption.MatchInterruptedException when the thread is interrupted during a long match
     */
    public static boolean matches(Pattern p, String s) {
        return p.matcher(RegexInterruption.interruptible(s)).find();
    }

    static String translate(String p) {
        return RegexSyntax.toJavaSyntax(endsOfText(p));
    }

    /**
     * Rewrites each {@code $} that RE2 reads as the end of the text (outside a character class, not escaped, with the
     * {@code m} flag off where it stands) as {@code \z}. Follows the flags of {@code (?flags)} and {@code (?flags:...)}
     * through the groups they are set in.
     */
    private static String endsOfText(String p) {
        if (p.indexOf('$') < 0) {
            return p;
        }
        StringBuilder out = new StringBuilder(p.length() + 8);
        boolean multiLine = false;
        // Per open group, the m flag outside it.
        java.util.ArrayDeque<Boolean> outer = new java.util.ArrayDeque<>();
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '\\') {
                int end = p.startsWith("\\Q", i) ? RegexSyntax.quotedEnd(p, i) : Math.min(p.length(), i + 2);
                out.append(p, i, end);
                i = end;
            } else if (c == '[') {
                int close = RegexSyntax.classEnd(p, i);
                int end = close < 0 ? p.length() : close + 1;
                out.append(p, i, end);
                i = end;
            } else if (c == '(') {
                int flagsEnd = p.startsWith("(?", i) ? flagsEnd(p, i + 2) : -1;
                if (flagsEnd >= 0 && p.charAt(flagsEnd) == ')') {
                    multiLine = withFlags(p.substring(i + 2, flagsEnd), multiLine);
                } else {
                    outer.push(multiLine);
                    if (flagsEnd >= 0 && p.charAt(flagsEnd) == ':') {
                        multiLine = withFlags(p.substring(i + 2, flagsEnd), multiLine);
                    }
                }
                int end = flagsEnd >= 0 ? flagsEnd + 1 : i + 1;
                out.append(p, i, end);
                i = end;
            } else if (c == ')') {
                if (!outer.isEmpty()) {
                    multiLine = outer.pop();
                }
                out.append(c);
                i++;
            } else {
                out.append(c == '$' && !multiLine ? "\\z" : String.valueOf(c));
                i++;
            }
        }
        return out.toString();
    }

    /** Where the flags starting at {@code from} (after {@code (?}) end, at a {@code )} or {@code :}; -1 if none do. */
    private static int flagsEnd(String p, int from) {
        int i = from;
        while (i < p.length() && "imsU-".indexOf(p.charAt(i)) >= 0) {
            i++;
        }
        return i < p.length() && (p.charAt(i) == ')' || p.charAt(i) == ':') ? i : -1;
    }

    /** The m flag after applying {@code flags} ("im", "-m", "s-m"...) to {@code multiLine}. */
    private static boolean withFlags(String flags, boolean multiLine) {
        int m = flags.indexOf('m');
        if (m < 0) {
            return multiLine;
        }
        int minus = flags.indexOf('-');
        return minus < 0 || m < minus;
    }
}
