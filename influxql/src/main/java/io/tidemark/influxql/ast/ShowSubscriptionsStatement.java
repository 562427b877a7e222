package io.tidemark.influxql.ast;


/** {@code SHOW SUBSCRIPTIONS}. */
public record ShowSubscriptionsStatement() implements Statement {

    @Override
    public String toString() {
        return "SHOW SUBSCRIPTIONS";
    }
}
