package io.tidemark.influxql.ast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperatorTest {
    @Test
    void orderingComparisonsMirrorAndTheOthersStay() {
        assertThat(Operator.LT.mirrored()).isEqualTo(Operator.GT);
        assertThat(Operator.LTE.mirrored()).isEqualTo(Operator.GTE);
        assertThat(Operator.GT.mirrored()).isEqualTo(Operator.LT);
        assertThat(Operator.GTE.mirrored()).isEqualTo(Operator.LTE);
        for (Operator op : new Operator[] {Operator.EQ, Operator.NEQ, Operator.EQREGEX, Operator.AND, Operator.ADD}) {
            assertThat(op.mirrored()).isEqualTo(op);
        }
    }
}
