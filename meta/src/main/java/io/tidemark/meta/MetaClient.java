package io.tidemark.meta;

import java.time.Duration;

/**
 * What the rest of a node needs from the metadata: a current snapshot to read without locking, and a way to
 * apply a change. The single-node implementation is {@link LocalMetaStore}; the cluster's will forward commands
 * to the Raft leader of the meta nodes.
 */
public interface MetaClient {

    /** The latest applied snapshot. Never blocks. */
    MetaData data();

    /**
     * Applies a command and waits until it is durable and visible in {@link #data()}, at most {@code timeout}.
     *
     * @throws MetaException when the command is invalid (InfluxDB's text)
     * @throws MetaUnavailableException when it could not be applied in time or could not be persisted
     */
    MetaData execute(MetaCommand command, Duration timeout) throws MetaException, MetaUnavailableException;
}
