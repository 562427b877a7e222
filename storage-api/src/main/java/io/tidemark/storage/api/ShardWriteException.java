package io.tidemark.storage.api;

/**
 * A write was not performed: none of its points became visible or durable (see {@link ShardWriter#write}).
 * Subclasses name the causes a caller may handle differently.
 */
public class ShardWriteException extends ShardException {
    public ShardWriteException(String message) {
        super(message);
    }

    public ShardWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
