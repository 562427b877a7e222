package io.tidemark.influxql;

import java.util.Map;

import io.tidemark.influxql.ast.Expr;
import io.tidemark.influxql.ast.Query;
import io.tidemark.influxql.ast.Statement;
import io.tidemark.influxql.parser.BoundParameters;
import io.tidemark.influxql.parser.StatementParser;

/**
 * Entry point: parses InfluxQL 1.8 text into an immutable {@link Query}. Accepts and rejects exactly what InfluxDB
 * 1.8 accepts and rejects, with the same error texts ({@link ParseException#getMessage()}).
 *
 * <p>Stateless; thread-safe.
 */
public final class InfluxQLParser {
    private InfluxQLParser() {
    }

    /** Parses one or more {@code ;}-separated statements (an empty text yields an empty query). */
    public static Query parse(String text) throws ParseException {
        return parse(text, Map.of());
    }

    /**
     * Parses with values for {@code $name} placeholders; see {@link BoundParameters} for how Java values bind.
     *
     * @param params placeholder name (without {@code $}) to value, as decoded from the HTTP {@code params} JSON
     */
    public static Query parse(String text, Map<String, ?> params) throws ParseException {
        return new StatementParser(text, BoundParameters.of(params)).parseQuery();
    }

    /**
     * Parses the first statement of {@code text}, ignoring anything after it, as InfluxDB's {@code ParseStatement}
     * does (used to re-read stored continuous query text).
     */
    public static Statement parseStatement(String text) throws ParseException {
        return new StatementParser(text, BoundParameters.NONE).parseStatement();
    }

    /**
     * Parses one expression (as in a WHERE clause), ignoring anything after it, as InfluxDB's {@code ParseExpr}
     * does.
     */
    public static Expr parseExpr(String text) throws ParseException {
        return new StatementParser(text, BoundParameters.NONE).parseExpr();
    }
}
