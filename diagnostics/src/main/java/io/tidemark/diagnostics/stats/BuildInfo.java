package io.tidemark.diagnostics.stats;

/**
 * What build of Tidemark runs, for the {@code build} sections of {@code /debug/vars} and
 * {@code SHOW DIAGNOSTICS} (InfluxDB's keys: {@code Version}, {@code Commit}, {@code Branch},
 * {@code Build Time}). Immutable; empty strings where unknown.
 */
public record BuildInfo(String version, String commit, String branch, String buildTime) {
    public BuildInfo {
        version = version == null ? "" : version;
        commit = commit == null ? "" : commit;
        branch = branch == null ? "" : branch;
        buildTime = buildTime == null ? "" : buildTime;
    }
}
