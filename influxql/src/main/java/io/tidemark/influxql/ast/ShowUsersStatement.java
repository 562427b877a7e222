package io.tidemark.influxql.ast;


/** {@code SHOW USERS}. */
public record ShowUsersStatement() implements Statement {

    @Override
    public String toString() {
        return "SHOW USERS";
    }
}
