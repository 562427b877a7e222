package io.tidemark.meta;

/** A metadata command that cannot be applied; the message is InfluxDB's own text for the case. */
public final class MetaException extends Exception {
    public MetaException(String message) {
        super(message);
    }

    static MetaException databaseNotFound(String db) {
        return new MetaException("database not found: " + db);
    }

    static MetaException retentionPolicyNotFound(String rp) {
        return new MetaException("retention policy not found: " + rp);
    }
}
