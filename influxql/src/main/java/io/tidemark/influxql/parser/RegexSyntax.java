package io.tidemark.influxql.parser;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.tidemark.influxql.ParseException;

/**
 * Rejects regular expressions that Go's RE2 parser rejects, with Go's message for the common mistakes (unbalanced
 * parentheses or brackets, trailing backslash, back-references, look-around, a repetition operator with nothing to
 * repeat, stacked repetitions such as Java's possessive {@code a++}, repeat counts over 1,000 or out of order,
 * escapes RE2 does not know such as {@code \Z}). Anything else that Java's regex engine cannot compile is reported
 * with Java's description. {@link #toJavaSyntax} rewrites what the two engines spell differently.
 *
 * <p>Stateless; thread-safe.
 */
public final class RegexSyntax {
    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?P<[^>]*>");
    private static final Pattern REPEAT = Pattern.compile("\\{[0-9]+(,[0-9]*)?}");

    private RegexSyntax() {
    }

    static void check(String re, Pos pos) throws ParseException {
        String goError = firstGoError(re);
        if (goError != null) {
            throw TerminalParser.at("error parsing regexp: " + goError, pos);
        }
        try {
            Pattern.compile(toJavaSyntax(re));
        } catch (PatternSyntaxException e) {
            throw TerminalParser.at("error parsing regexp: " + e.getDescription() + ": `" + re + "`", pos);
        }
    }

    private static String firstGoError(String re) {
        int depth = 0;
        boolean atOperandStart = true;
        // Where the repetition operator just read began, or -1 when the last thing read was not one.
        int lastRepeat = -1;
        int i = 0;
        while (i < re.length()) {
            char c = re.charAt(i);
            int repeatEnd = repetitionEnd(re, i);
            if (repeatEnd >= 0) {
                if (atOperandStart) {
                    return "missing argument to repetition operator: `" + re.substring(i, repeatEnd) + "`";
                }
                if (c == '{' && !validRepeatCount(re.substring(i + 1, repeatEnd - 1))) {
                    return "invalid repeat count: `" + re.substring(i, repeatEnd) + "`";
                }
                if (repeatEnd < re.length() && re.charAt(repeatEnd) == '?') {
                    repeatEnd++; // non-greedy
                }
                if (lastRepeat >= 0) {
                    // RE2 does not stack repetitions (a** is an error; Java reads a++ as possessive).
                    return "invalid nested repetition operator: `" + re.substring(lastRepeat, repeatEnd) + "`";
                }
                lastRepeat = i;
                i = repeatEnd;
                continue;
            }
            lastRepeat = -1;
            switch (c) {
                case '\\' -> {
                    if (i + 1 >= re.length()) {
                        return "trailing backslash at end of expression: ``";
                    }
                    char e = re.charAt(i + 1);
                    boolean octalFollows = i + 2 < re.length() && re.charAt(i + 2) >= '0' && re.charAt(i + 2) <= '7';
                    if (e == '8' || e == '9' || (e >= '1' && e <= '7' && !octalFollows)) {
                        return "invalid escape sequence: `\\" + e + "`";
                    }
                    if (e == 'Q') {
                        i = quotedEnd(re, i);
                        atOperandStart = false;
                        continue;
                    }
                    if (!isGoEscape(e)) {
                        return "invalid escape sequence: `\\" + e + "`";
                    }
                    i += 2;
                    atOperandStart = false;
                    continue;
                }
                case '[' -> {
                    int end = classEnd(re, i);
                    if (end < 0) {
                        return "missing closing ]: `" + re.substring(i) + "`";
                    }
                    for (int k = i + 1; k < end; k++) {
                        if (re.charAt(k) == '\\') {
                            char e = re.charAt(k + 1);
                            // In a class RE2 knows no anchors and no quoting.
                            if (!isGoEscape(e) || "AzbBQE".indexOf(e) >= 0) {
                                return "invalid escape sequence: `\\" + e + "`";
                            }
                            k++;
                        }
                    }
                    i = end + 1;
                    atOperandStart = false;
                    continue;
                }
                case '(' -> {
                    if (re.startsWith("(?=", i) || re.startsWith("(?!", i) || re.startsWith("(?<", i)) {
                        return "invalid or unsupported Perl syntax: `" + re.substring(i, i + 3) + "`";
                    }
                    depth++;
                    atOperandStart = true;
                    i++;
                    if (re.startsWith("?", i)) {
                        int close = re.indexOf(re.startsWith("?P<", i) ? '>' : ')', i);
                        int colon = re.indexOf(':', i);
                        if (!re.startsWith("?P<", i) && colon >= 0 && (close < 0 || colon < close)) {
                            i = colon + 1;
                        } else if (close >= 0 && re.startsWith("?P<", i)) {
                            i = close + 1;
                        } else if (close >= 0) {
                            // (?flags) applies to the rest of the group; it is not a group itself.
                            depth--;
                            i = close + 1;
                        }
                    }
                    continue;
                }
                case ')' -> {
                    if (depth == 0) {
                        return "unexpected ): `" + re + "`";
                    }
                    depth--;
                    atOperandStart = false;
                }
                case '|' -> atOperandStart = true;
                default -> atOperandStart = false;
            }
            i++;
        }
        if (depth > 0) {
            return "missing closing ): `" + re + "`";
        }
        return null;
    }

    /** Where the repetition operator ({@code * + ?} or a {@code {n,m}} count) starting at {@code i} ends, or -1. */
    private static int repetitionEnd(String re, int i) {
        char c = re.charAt(i);
        if (c == '*' || c == '+' || c == '?') {
            return i + 1;
        }
        if (c == '{') {
            Matcher count = REPEAT.matcher(re).region(i, re.length());
            if (count.lookingAt()) {
                return count.end();
            }
        }
        return -1;
    }

    /** After {@code \Q} at {@code at}: the index after its {@code \E}, or the end of the pattern (quoted text). */
    public static int quotedEnd(String re, int at) {
        int e = re.indexOf("\\E", at + 2);
        return e < 0 ? re.length() : e + 2;
    }

    /** Whether {@code {min,max}}'s counts are ones RE2 takes: at most 1,000, and max not below min. */
    private static boolean validRepeatCount(String counts) {
        int comma = counts.indexOf(',');
        String min = comma < 0 ? counts : counts.substring(0, comma);
        String max = comma < 0 ? counts : counts.substring(comma + 1);
        if (min.length() > 4 || max.length() > 4) {
            return false;
        }
        int lo = Integer.parseInt(min);
        int hi = max.isEmpty() ? -1 : Integer.parseInt(max);
        return lo <= 1000 && hi <= 1000 && (hi < 0 || hi >= lo);
    }

    /**
     * Whether RE2 takes {@code \c} outside a class: punctuation stands for itself; the letters are its anchors
     * ({@code \A \z \b \B}), control characters ({@code \a \f \n \r \t \v}), hex ({@code \x}), Perl classes
     * ({@code \d \s \w} and their negations), Unicode classes ({@code \p \P}) and quoting ({@code \Q \E}); octal
     * digits are checked apart. Java's own escapes ({@code \Z \G \h \R \e \c}...) are errors in RE2.
     */
    private static boolean isGoEscape(char c) {
        if (c < 0x80 && !Character.isLetterOrDigit(c)) {
            return true;
        }
        return c == '0' || (c >= '1' && c <= '7') || "AzbBafnrtvxdDsSwWpPQE".indexOf(c) >= 0;
    }

    /**
     * Rewrites the RE2 constructs Java reads differently so that only genuine syntax errors fail to compile: a
     * {@code {} that does not start a repeat count is a literal in RE2, and inside a class {@code [} and {@code &&}
     * are literals while {@code [:alpha:]} is a POSIX class.
     */
    public static String toJavaSyntax(String goPattern) {
        // Group names are RE2's ([A-Za-z0-9_]+), which Java's do not all accept; matching never needs them.
        String re = NAMED_GROUP.matcher(goPattern).replaceAll("(");
        StringBuilder sb = new StringBuilder(re.length() + 8);
        boolean inClass = false;
        int i = 0;
        while (i < re.length()) {
            char c = re.charAt(i);
            if (c == '\\' && i + 1 < re.length()) {
                int octalEnd = octalEnd(re, i + 1);
                if (octalEnd > 0) {
                    // RE2's \141 is a character; Java's \1 is a back-reference.
                    sb.append("\\x{").append(Integer.toHexString(Integer.parseInt(re.substring(i + 1, octalEnd), 8)))
                            .append('}');
                    i = octalEnd;
                    continue;
                }
                if (re.charAt(i + 1) == 'Q') {
                    int end = quotedEnd(re, i);
                    sb.append(re, i, end);
                    i = end;
                    continue;
                }
                sb.append(c).append(re.charAt(i + 1));
                i += 2;
                continue;
            }
            if (inClass) {
                if (re.startsWith("[:", i) && re.indexOf(":]", i + 2) > 0) {
                    int close = re.indexOf(":]", i + 2);
                    String name = re.substring(i + 2, close);
                    boolean negated = name.startsWith("^");
                    String bare = negated ? name.substring(1) : name;
                    if (bare.equals("word")) {
                        sb.append(negated ? "\\W" : "\\w"); // [0-9A-Za-z_]: Alnum lacks the underscore
                    } else {
                        sb.append(negated ? "\\P{" : "\\p{").append(posixToJava(bare)).append('}');
                    }
                    i = close + 2;
                    continue;
                }
                if (c == '[' || c == '&') {
                    sb.append('\\').append(c);
                } else if (c == ']') {
                    inClass = false;
                    sb.append(c);
                } else {
                    sb.append(c);
                }
                i++;
                continue;
            }
            if (c == '[') {
                inClass = true;
                sb.append(c);
                i++;
                if (i < re.length() && re.charAt(i) == '^') {
                    sb.append('^');
                    i++;
                }
                if (i < re.length() && re.charAt(i) == ']') {
                    sb.append("\\]");
                    i++;
                }
                continue;
            }
            if (c == '{' && !REPEAT.matcher(re).region(i, re.length()).lookingAt()) {
                sb.append("\\{");
            } else {
                sb.append(c);
            }
            i++;
        }
        return sb.toString();
    }

    /**
     * Where RE2's octal escape whose digits start at {@code from} ends (up to three digits; one alone only if it is
     * 0), or -1 if none starts there.
     */
    private static int octalEnd(String re, int from) {
        int i = from;
        while (i < re.length() && i < from + 3 && re.charAt(i) >= '0' && re.charAt(i) <= '7') {
            i++;
        }
        if (i == from || (i == from + 1 && re.charAt(from) != '0')) {
            return -1;
        }
        return i;
    }

    private static String posixToJava(String name) {
        return switch (name) {
            case "alnum" -> "Alnum";
            case "alpha" -> "Alpha";
            case "ascii" -> "ASCII";
            case "blank" -> "Blank";
            case "cntrl" -> "Cntrl";
            case "digit" -> "Digit";
            case "graph" -> "Graph";
            case "lower" -> "Lower";
            case "print" -> "Print";
            case "punct" -> "Punct";
            case "space" -> "Space";
            case "upper" -> "Upper";
            case "xdigit" -> "XDigit";
            default -> name;
        };
    }

    /**
     * Index of the ']' closing the character class that opens at {@code start} in an RE2 pattern (a ']' first in the
     * class is a member, escapes and {@code [:name:]} are skipped), or -1.
     */
    public static int classEnd(String re, int start) {
        int i = start + 1;
        if (i < re.length() && re.charAt(i) == '^') {
            i++;
        }
        if (i < re.length() && re.charAt(i) == ']') {
            i++;
        }
        while (i < re.length()) {
            char c = re.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[' && re.startsWith("[:", i)) {
                int close = re.indexOf(":]", i + 2);
                if (close >= 0) {
                    i = close + 2;
                    continue;
                }
            }
            if (c == ']') {
                return i;
            }
            i++;
        }
        return -1;
    }
}
