package io.tidemark.http;

import java.util.concurrent.CompletionStage;

/**
 * What {@code /write} needs from the node. Called on a request worker thread, which it may hold while it parses and
 * routes the points, but not while they wait for their fsync: the answer completes later, on whatever thread made
 * them durable, which must not be kept: the caller answers the client from a request worker.
 */
public interface WriteService {
    CompletionStage<WriteOutcome> write(WriteRequest request);
}
