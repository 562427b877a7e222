package io.tidemark.influxql.ast;

import java.util.List;
import java.util.Objects;

/**
 * {@code SHOW TAG VALUES [ON db] [FROM sources] WITH KEY (= k | != k | =~ /re/ | !~ /re/ | IN (k1, k2))
 * [WHERE cond] [ORDER BY ..] [LIMIT n] [OFFSET n]}.
 *
 * @param tagKey a {@link StringLiteral} (for = and !=), {@link RegexLiteral} (=~, !~) or {@link ListLiteral} (IN)
 */
public record ShowTagValuesStatement(String database, List<Source> sources, TagKeyMatch op, Expr tagKey,
        Expr condition, List<SortField> sortFields, long limit, long offset) implements Statement {
    public ShowTagValuesStatement {
        Objects.requireNonNull(database);
        sources = List.copyOf(sources);
        Objects.requireNonNull(op);
        Objects.requireNonNull(tagKey);
        sortFields = List.copyOf(sortFields);
    }

    @Override
    public String toString() {
        return new Clauses("SHOW TAG VALUES").on(database).from(sources)
                .text(" WITH KEY ").text(op.text()).text(" ").text(op.operand(tagKey))
                .where(condition).orderBy(sortFields).positive("LIMIT", limit).positive("OFFSET", offset)
                .toString();
    }
}
