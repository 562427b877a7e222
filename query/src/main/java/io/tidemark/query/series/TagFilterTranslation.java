package io.tidemark.query.series;

import io.tidemark.influxql.ast.BinaryExpr;
import io.tidemark.influxql.ast.BooleanLiteral;
import io.tidemark.influxql.ast.Expr;
import io.tidemark.influxql.ast.Operator;
import io.tidemark.influxql.ast.ParenExpr;
import io.tidemark.influxql.ast.RegexLiteral;
import io.tidemark.influxql.ast.StringLiteral;
import io.tidemark.influxql.ast.VarRef;
import io.tidemark.query.expr.GoRegex;
import io.tidemark.query.expr.InvalidRegexException;
import io.tidemark.storage.api.TagFilter;
import java.util.regex.Pattern;

/**
 * The tag part of a {@link TagCondition} as a {@link TagFilter} for a series index: a filter that keeps every
 * series the condition does not rule out ({@link TagCondition#mayMatch}), and, when {@link #exact()}, only those.
 *
 * <p>Three-valued logic makes this simple: a series is ruled out by {@code a AND b} when it is ruled out by either
 * side, and by {@code a OR b} when it is ruled out by both, so AND becomes an intersection and OR a union of what
 * each side keeps. A comparison on fields keeps every series (UNKNOWN), exactly. {@code tag = 'v'},
 * {@code tag != 'v'}, {@code tag =~ /re/} and {@code tag !~ /re/} (string literal on either side of {@code =} and
 * {@code !=}) become filters with the same semantics (a missing tag reads as ""). Anything else between tags (the
 * {@code _name} pseudo tag, other operators or operands, an invalid regex) keeps every series, inexactly, and the
 * caller then evaluates the condition on each candidate, which reproduces the scanning behaviour, errors included.
 *
 * <p>Immutable.
 *
 * @param filter what the index selects, null for every series of the measurement
 * @param none true when the condition rules out every series (then {@code filter} is meaningless)
 * @param exact true when the filter keeps exactly the series the condition does not rule out
 */
record TagFilterTranslation(TagFilter filter, boolean none, boolean exact) {
    private static final TagFilterTranslation ALL_EXACT = new TagFilterTranslation(null, false, true);
    private static final TagFilterTranslation ALL_INEXACT = new TagFilterTranslation(null, false, false);
    private static final TagFilterTranslation NONE = new TagFilterTranslation(null, true, true);

    static TagFilterTranslation of(TagCondition condition) {
        Expr e = condition.expr();
        return e == null ? ALL_EXACT : translate(e, condition);
    }

    private static TagFilterTranslation translate(Expr e, TagCondition c) {
        switch (e) {
            case ParenExpr p -> {
                return translate(p.expr(), c);
            }
            case BooleanLiteral b -> {
                return b.value() ? ALL_EXACT : NONE;
            }
            case BinaryExpr b when b.op() == Operator.AND -> {
                return and(translate(b.lhs(), c), translate(b.rhs(), c));
            }
            case BinaryExpr b when b.op() == Operator.OR -> {
                return or(translate(b.lhs(), c), translate(b.rhs(), c));
            }
            case BinaryExpr b -> {
                if (c.dependsOnFields(b)) {
                    return ALL_EXACT;
                }
                TagFilter f = comparison(b);
                return f == null ? ALL_INEXACT : new TagFilterTranslation(f, false, true);
            }
            default -> {
                // TagCondition answers UNKNOWN: the series stays.
                return ALL_EXACT;
            }
        }
    }

    private static TagFilterTranslation and(TagFilterTranslation l, TagFilterTranslation r) {
        if (l.none || r.none) {
            return NONE;
        }
        boolean exact = l.exact && r.exact;
        if (l.filter == null) {
            return new TagFilterTranslation(r.filter, false, exact);
        }
        if (r.filter == null) {
            return new TagFilterTranslation(l.filter, false, exact);
        }
        return new TagFilterTranslation(new TagFilter.And(l.filter, r.filter), false, exact);
    }

    private static TagFilterTranslation or(TagFilterTranslation l, TagFilterTranslation r) {
        if (l.none) {
            return r;
        }
        if (r.none) {
            return l;
        }
        boolean exact = l.exact && r.exact;
        if (l.filter == null || r.filter == null) {
            return exact ? ALL_EXACT : ALL_INEXACT;
        }
        return new TagFilterTranslation(new TagFilter.Or(l.filter, r.filter), false, exact);
    }

    /** The filter of one comparison between tags and literals, or null when it has none. */
    private static TagFilter comparison(BinaryExpr b) {
        Operator op = b.op();
        if (op == Operator.EQ || op == Operator.NEQ) {
            String key = null;
            String value = null;
            if (b.lhs() instanceof VarRef r && b.rhs() instanceof StringLiteral s) {
                key = tagName(r);
                value = s.value();
            } else if (b.lhs() instanceof StringLiteral s && b.rhs() instanceof VarRef r) {
                key = tagName(r);
                value = s.value();
            }
            if (key == null) {
                return null;
            }
            return op == Operator.EQ ? new TagFilter.Eq(key, value) : new TagFilter.NotEq(key, value);
        }
        if ((op == Operator.EQREGEX || op == Operator.NEQREGEX) && b.lhs() instanceof VarRef r
                && b.rhs() instanceof RegexLiteral re) {
            String key = tagName(r);
            if (key == null) {
                return null;
            }
            Pattern p;
            try {
                p = GoRegex.compile(re.pattern());
            } catch (InvalidRegexException e) {
                // Per-series evaluation reports it, if a series is ever evaluated, as the scan does.
                return null;
            }
            return op == Operator.EQREGEX ? new TagFilter.Regex(key, p) : new TagFilter.NotRegex(key, p);
        }
        return null;
    }

    /** The tag a variable names, or null for the {@code _name} pseudo tag (the measurement). */
    private static String tagName(VarRef r) {
        return r.name().equals("_name") ? null : r.name();
    }
}
