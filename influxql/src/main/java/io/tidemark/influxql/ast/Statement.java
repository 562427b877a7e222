package io.tidemark.influxql.ast;

/**
 * One InfluxQL statement. {@link Object#toString()} prints the canonical text InfluxDB 1.8's {@code String()} methods
 * produce (passwords shown as {@code [REDACTED]}); parsing that text again yields an equal statement.
 *
 * <p>All implementations are immutable records; thread-safe.
 */
public sealed interface Statement permits AlterRetentionPolicyStatement, CreateContinuousQueryStatement,
        CreateDatabaseStatement, CreateRetentionPolicyStatement, CreateSubscriptionStatement, CreateUserStatement,
        DeleteSeriesStatement, DropContinuousQueryStatement, DropDatabaseStatement, DropMeasurementStatement,
        DropRetentionPolicyStatement, DropSeriesStatement, DropShardStatement, DropSubscriptionStatement,
        DropUserStatement, ExplainStatement, GrantAdminStatement, GrantStatement, KillQueryStatement,
        RevokeAdminStatement, RevokeStatement, SelectStatement, SetPasswordUserStatement,
        ShowContinuousQueriesStatement, ShowDatabasesStatement, ShowDiagnosticsStatement,
        ShowFieldKeyCardinalityStatement, ShowFieldKeysStatement, ShowGrantsForUserStatement,
        ShowMeasurementCardinalityStatement, ShowMeasurementsStatement, ShowQueriesStatement,
        ShowRetentionPoliciesStatement, ShowSeriesCardinalityStatement, ShowSeriesStatement,
        ShowShardGroupsStatement, ShowShardsStatement, ShowStatsStatement, ShowSubscriptionsStatement,
        ShowTagKeyCardinalityStatement, ShowTagKeysStatement,
        ShowTagValuesCardinalityStatement, ShowTagValuesStatement, ShowUsersStatement {
}
