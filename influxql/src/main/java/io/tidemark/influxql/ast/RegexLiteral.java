package io.tidemark.influxql.ast;

import java.util.Objects;

/**
 * {@code /pattern/}: a Go RE2 pattern as written, with {@code \/} already unescaped to {@code /}. The parser checks
 * that it compiles; evaluating it with RE2 semantics is the query engine's concern.
 */
public record RegexLiteral(String pattern) implements Expr {
    public RegexLiteral {
        Objects.requireNonNull(pattern);
    }

    @Override
    public String toString() {
        return "/" + pattern.replace("/", "\\/") + "/";
    }
}
