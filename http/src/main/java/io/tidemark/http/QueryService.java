package io.tidemark.http;

import io.tidemark.common.result.StatementResult;
import java.util.function.Consumer;

/** What {@code /query} needs from the node. Called on a request worker thread. */
public interface QueryService {

    /**
     * Runs every statement of the request in order and hands their results to {@code sink} as they are ready
     * (a statement may produce several {@code partial} results when the request is chunked).
     *
     * @throws QueryRejectedException when the whole request fails before any statement runs (a parse error)
     */
    void execute(QueryRequest request, Consumer<StatementResult> sink) throws QueryRejectedException;
}
