package io.tidemark.meta;

/** The metadata store could not apply a command: it timed out, failed to persist, or is closed. */
public final class MetaUnavailableException extends Exception {
    public MetaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
