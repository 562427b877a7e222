package io.tidemark.http;

/** What {@code /write} needs from the node. Called on a request worker thread; may block until durable. */
public interface WriteService {
    WriteOutcome write(WriteRequest request);
}
