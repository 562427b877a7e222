package io.tidemark.influxql.parser;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.tidemark.influxql.ParseException;

/**
 * Rejects regular expressions that Go's RE2 parser rejects, with Go's message for the common mistakes (unbalanced
 * parentheses or brackets, trailing backslash, back-references, look-around, a repetition operator with nothing to
 * repeat). Anything else that Java's regex engine cannot compile is reported with Java's description.
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
            Pattern.compile(toJavaSyntax(NAMED_GROUP.matcher(re).replaceAll("(")));
        } catch (PatternSyntaxException e) {
            throw TerminalParser.at("error parsing regexp: " + e.getDescription() + ": `" + re + "`", pos);
        }
    }

    private static String firstGoError(String re) {
        int depth = 0;
        boolean atOperandStart = true;
        int i = 0;
        while (i < re.length()) {
            char c = re.charAt(i);
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
                    i += 2;
                    atOperandStart = false;
                    continue;
                }
                case '[' -> {
                    int end = classEnd(re, i);
                    if (end < 0) {
                        return "missing closing ]: `" + re.substring(i) + "`";
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
                case '*', '+', '?' -> {
                    if (atOperandStart) {
                        return "missing argument to repetition operator: `" + c + "`";
                    }
                }
                default -> atOperandStart = false;
            }
            i++;
        }
        if (depth > 0) {
            return "missing closing ): `" + re + "`";
        }
        return null;
    }

    /**
     * Rewrites the RE2 constructs Java reads differently so that only genuine syntax errors fail to compile: a
     * {@code {} that does not start a repeat count is a literal in RE2, and inside a class {@code [} and {@code &&}
     * are literals while {@code [:alpha:]} is a POSIX class.
     */
    private static String toJavaSyntax(String re) {
        StringBuilder sb = new StringBuilder(re.length() + 8);
        boolean inClass = false;
        int i = 0;
        while (i < re.length()) {
            char c = re.charAt(i);
            if (c == '\\' && i + 1 < re.length()) {
                sb.append(c).append(re.charAt(i + 1));
                i += 2;
                continue;
            }
            if (inClass) {
                if (re.startsWith("[:", i) && re.indexOf(":]", i + 2) > 0) {
                    int close = re.indexOf(":]", i + 2);
                    String name = re.substring(i + 2, close);
                    boolean negated = name.startsWith("^");
                    sb.append(negated ? "\\P{" : "\\p{").append(posixToJava(negated ? name.substring(1) : name))
                            .append('}');
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
            case "word" -> "Alnum";
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
