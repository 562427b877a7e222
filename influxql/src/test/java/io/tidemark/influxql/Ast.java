package io.tidemark.influxql;

import java.time.Duration;
import java.util.List;

import io.tidemark.influxql.ast.BinaryExpr;
import io.tidemark.influxql.ast.Call;
import io.tidemark.influxql.ast.DataType;
import io.tidemark.influxql.ast.Dimension;
import io.tidemark.influxql.ast.DurationLiteral;
import io.tidemark.influxql.ast.Expr;
import io.tidemark.influxql.ast.Field;
import io.tidemark.influxql.ast.IntegerLiteral;
import io.tidemark.influxql.ast.Measurement;
import io.tidemark.influxql.ast.NumberLiteral;
import io.tidemark.influxql.ast.Operator;
import io.tidemark.influxql.ast.ParenExpr;
import io.tidemark.influxql.ast.RegexLiteral;
import io.tidemark.influxql.ast.SelectStatement;
import io.tidemark.influxql.ast.StringLiteral;
import io.tidemark.influxql.ast.VarRef;

/** Terse constructors for expected ASTs in tests. */
final class Ast {
    private Ast() {
    }

    static VarRef ref(String name) {
        return VarRef.of(name);
    }

    static VarRef ref(String name, DataType type) {
        return new VarRef(name, type);
    }

    static StringLiteral str(String s) {
        return new StringLiteral(s);
    }

    static IntegerLiteral num(long v) {
        return new IntegerLiteral(v);
    }

    static NumberLiteral flt(double v) {
        return new NumberLiteral(v);
    }

    static DurationLiteral dur(Duration d) {
        return new DurationLiteral(d);
    }

    static RegexLiteral re(String pattern) {
        return new RegexLiteral(pattern);
    }

    static Call call(String name, Expr... args) {
        return new Call(name, List.of(args));
    }

    static BinaryExpr bin(Operator op, Expr lhs, Expr rhs) {
        return new BinaryExpr(op, lhs, rhs);
    }

    static ParenExpr paren(Expr e) {
        return new ParenExpr(e);
    }

    static Field field(Expr e) {
        return Field.of(e);
    }

    static Field field(Expr e, String alias) {
        return new Field(e, alias);
    }

    static Dimension dim(Expr e) {
        return new Dimension(e);
    }

    static Measurement m(String name) {
        return Measurement.named(name);
    }

    static SelectStatement.Builder select(Field... fields) {
        return SelectStatement.builder().fields(fields);
    }
}
