package io.tidemark.influxql.ast;

/**
 * An InfluxQL expression. {@link Object#toString()} prints canonical InfluxQL.
 *
 * <p>All implementations are immutable records; thread-safe.
 */
public sealed interface Expr permits BinaryExpr, ParenExpr, Call, VarRef, Wildcard, Distinct, StringLiteral,
        NumberLiteral, IntegerLiteral, UnsignedLiteral, BooleanLiteral, DurationLiteral, RegexLiteral, TimeLiteral,
        ListLiteral {
}
