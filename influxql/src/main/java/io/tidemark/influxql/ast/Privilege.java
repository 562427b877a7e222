package io.tidemark.influxql.ast;

/** A database privilege of GRANT/REVOKE. */
public enum Privilege {
    NO_PRIVILEGES("NO PRIVILEGES"),
    READ("READ"),
    WRITE("WRITE"),
    ALL_PRIVILEGES("ALL PRIVILEGES");

    private final String text;

    Privilege(String text) {
        this.text = text;
    }

    /** As printed by InfluxDB ({@code ALL PRIVILEGES}). */
    public String text() {
        return text;
    }
}
