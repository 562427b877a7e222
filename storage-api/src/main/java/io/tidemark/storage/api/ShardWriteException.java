package io.tidemark.storage.api;

import java.util.concurrent.CompletionException;

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

    /**
     * What failed an asynchronous write ({@link ShardWriter#writeAsync}), out of the future's wrapper: the
     * {@link ShardWriteException} itself, so that its type (a {@link ShardNotFoundException}, say) reaches the
     * caller; anything else (a bug) wrapped in one.
     */
    public static ShardWriteException unwrap(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ShardWriteException e) {
            return e;
        }
        return new ShardWriteException("write failed: " + cause, cause);
    }
}
