# Sourced by the benchmark scripts that start throwaway Tidemark nodes (restart-time.sh, ingest-memory.sh,
# ingest-vs-influxd.sh, pair-lib.sh): the JDK, and the command line of a node. Sets JDK and JAVA_BIN.

JDK="$(ls -d /usr/lib/jvm/temurin-25-jdk-amd64 2>/dev/null || echo "${JAVA_HOME:?set JAVA_HOME to a JDK 25}")"
JAVA_BIN="$JDK/bin/java"

# node_cmd ROOT DATA BIND [INFLUXDB_NAME=VALUE...]: prints the command that starts a node of the build under ROOT
# (built already) with its data, WAL and meta directories under DATA, HTTP on BIND (host:port), no HTTP log and no
# _internal store, the given settings, the launcher's JVM options and ahead-of-time cache, and $EXTRA_OPTS. The
# caller word-splits it (paths without spaces): bench.sh takes it as its --start-cmd, and a script that times a start
# makes it before starting its clock, since the launcher takes ~0.3 s to print its options.
node_cmd() {
  local root="$1" data="$2" bind="$3"
  shift 3
  echo "env INFLUXDB_DATA_DIR=$data/data INFLUXDB_DATA_WAL_DIR=$data/wal INFLUXDB_META_DIR=$data/meta" \
    "INFLUXDB_HTTP_BIND_ADDRESS=$bind INFLUXDB_HTTP_LOG_ENABLED=false INFLUXDB_MONITOR_STORE_ENABLED=false $*" \
    "$JAVA_BIN --enable-native-access=ALL-UNNAMED $("$root/tidemark" java-opts) $("$root/tidemark" aot-opts)" \
    "${EXTRA_OPTS:-} -jar $root/cli/target/tidemark.jar server"
}
