package io.tidemark.influxql.ast;

/**
 * A FROM source: a measurement (possibly qualified or a regex) or a subquery.
 *
 * <p>All implementations are immutable records; thread-safe.
 */
public sealed interface Source permits Measurement, SubQuery {
}
