package io.tidemark.query.select;

import io.tidemark.common.result.Series;
import io.tidemark.common.result.StatementResult;
import io.tidemark.query.QueryException;
import io.tidemark.query.memory.HeapEstimates;
import io.tidemark.query.memory.MemoryAccount;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns the rows of a statement into results, as InfluxDB's emitter and HTTP handler do. Unchunked, the rows become
 * one result with one series per group. Chunked, a series is cut every {@code chunkSize} rows and at each change of
 * group, and every piece is sent at once as its own result: {@code partial} on the series when the same series
 * continues in the next piece, {@code partial} on the result when any piece follows.
 *
 * <p>The rows it holds are charged to the statement's memory account: unchunked, every row of the statement until
 * {@link #finish} hands the result on; chunked, only the rows of the piece being filled, released as each piece is
 * sent. Rows already sent are the sink's.
 *
 * <p>Not thread-safe: one per statement execution.
 */
public final class ResultEmitter {
    /**
     * A series of the result: the {@link Series} record (7 fields), the list of its rows, and its slot in the
     * statement's list (name, tags and columns are shared with the statement).
     */
    private static final long SERIES = HeapEstimates.object(7 * HeapEstimates.REFERENCE + 8)
            + HeapEstimates.LIST + HeapEstimates.LIST_SLOT;

    private final int statementId;
    private final List<String> columns;
    private final boolean chunked;
    private final int chunkSize;
    private final Consumer<StatementResult> sink;
    private final ZoneId zone;
    private final MemoryAccount memory;
    private final List<Series> done = new ArrayList<>();
    /** What the rows and series held now were charged. */
    private long heldBytes;

    private String name;
    private Map<String, String> tags;
    private List<List<Object>> values;
    private boolean sentAny;

    /** @param zone the statement's tz() zone, in which the HTTP layer prints times; null for UTC */
    public ResultEmitter(int statementId, List<String> columns, boolean chunked, int chunkSize,
            Consumer<StatementResult> sink, ZoneId zone, MemoryAccount memory) {
        this.zone = zone;
        this.memory = memory;
        this.statementId = statementId;
        this.columns = List.copyOf(columns);
        this.chunked = chunked;
        this.chunkSize = chunkSize;
        this.sink = sink;
    }

    /**
     * Adds a row of a group; rows of one group must be consecutive.
     *
     * @throws QueryException when the rows held take the statement over max-query-memory
     */
    public void row(String seriesName, Map<String, String> seriesTags, List<Object> row) throws QueryException {
        boolean current = values != null && isCurrent(seriesName, seriesTags);
        if (!current || chunked && values.size() >= chunkSize) {
            next(seriesName, seriesTags, current);
        }
        values.add(row);
        hold(HeapEstimates.LIST_SLOT + HeapEstimates.values(row));
    }

    /** Whether a row of this group continues the series being filled; a group's rows share their tags' map. */
    private boolean isCurrent(String seriesName, Map<String, String> seriesTags) {
        return (seriesTags == tags || tags.equals(seriesTags)) && Objects.equals(name, seriesName);
    }

    /**
     * Ends the series being filled, if any, where a row of another series or a full chunk follows, and starts one;
     * {@code current}: the row continues the series being filled (only its chunk is full).
     */
    private void next(String seriesName, Map<String, String> seriesTags, boolean current) throws QueryException {
        if (values != null) {
            if (chunked) {
                send(current);   // marked partial when the same series goes on in the next piece
            } else {
                done.add(series(false));
            }
        }
        start(seriesName, seriesTags);
    }

    private void hold(long bytes) throws QueryException {
        heldBytes += bytes;
        memory.charge(bytes);
    }

    /** The rows held were handed to the sink. */
    private void released() {
        memory.release(heldBytes);
        heldBytes = 0;
    }

    /**
     * Ends the current piece where InfluxDB's emitter hands on the rows it holds because its cursor ran dry for a
     * moment: chunked, the piece goes out at once as a result that is not marked partial; unchunked, nothing
     * changes, since InfluxDB's HTTP handler joins the rows of one series that follow each other.
     */
    public void endPiece() {
        if (chunked && values != null) {
            sink.accept(new StatementResult(statementId, List.of(series(false)), List.of(), null, false));
            sentAny = true;
            values = null;
            released();
        }
    }

    /** Sends what remains: the last piece, or the whole unchunked result (with no series if there were no rows). */
    public void finish() {
        if (chunked) {
            if (values != null) {
                Series s = series(false);
                sink.accept(new StatementResult(statementId, List.of(s), List.of(), null, false));
            } else if (!sentAny) {
                sink.accept(StatementResult.ok(statementId));
            }
        } else {
            if (values != null) {
                done.add(series(false));
            }
            sink.accept(StatementResult.of(statementId, done));
        }
        values = null;
        released();
    }

    /** The time column is always the first: InfluxDB lets a query rename it ({@code SELECT time AS t}). */
    private Series series(boolean continues) {
        return new Series(name, tags, columns, values, continues, zone, 0);
    }

    /** Starts a series; charged as the series object with its list of rows. */
    private void start(String seriesName, Map<String, String> seriesTags) throws QueryException {
        name = seriesName;
        tags = seriesTags;
        values = new ArrayList<>();
        hold(SERIES);
    }

    private void send(boolean seriesContinues) {
        Series s = series(seriesContinues);
        sink.accept(new StatementResult(statementId, List.of(s), List.of(), null, true));
        sentAny = true;
        values = null;
        released();
    }
}
