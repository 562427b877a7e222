package io.tidemark.server;

import java.io.IOException;

/** A node's directory is held by another node ({@link DirectoryLock}): the node does not start. */
public final class DirectoryInUseException extends IOException {
    DirectoryInUseException(String message) {
        super(message);
    }
}
