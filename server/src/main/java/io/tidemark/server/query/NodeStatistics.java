package io.tidemark.server.query;

import io.tidemark.common.result.Series;
import java.util.List;

/** The answers of {@code SHOW STATS} and {@code SHOW DIAGNOSTICS}; {@code module} may be null (all). */
public interface NodeStatistics {
    List<Series> showStats(String module);

    List<Series> showDiagnostics(String module);
}
