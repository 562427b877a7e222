package io.tidemark.storage.api;

/** A shard operation failed. The message is meant for the client: the HTTP layer passes it through. */
public class ShardException extends Exception {
    public ShardException(String message) {
        super(message);
    }

    public ShardException(String message, Throwable cause) {
        super(message, cause);
    }
}
