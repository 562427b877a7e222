package io.tidemark.http;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The node's diagnostics behind {@code /debug/*} and {@code /metrics}. Called on a request worker thread; slow
 * answers (a CPU profile, {@code /debug/requests}) complete the future later without holding a thread.
 */
public interface DebugService {
    CompletableFuture<Reply> handle(String path, Map<String, List<String>> params);

    /** Counts a served request for {@code /debug/requests}. Must not block: called on an event loop. */
    void recordRequest(String user, String remoteAddress, boolean write);

    record Reply(int status, String contentType, byte[] body) {
    }
}
