# Sourced by the scripts that compare Tidemark with InfluxDB 1.6.7 on the same data (stats-vs-influxd.sh,
# floats-vs-influxd.sh): starts a throwaway influxd and a Tidemark node side by side, each snapshotting after 2 s
# and fully compacting after 5 s without writes, and loads the shared TSBS-like data into both.
# Expects ROOT and BENCH set; sets JDK and JAVA_BIN (node-lib.sh), DATA, IPORT, TPORT and kills both servers on exit.

"$ROOT/tidemark" build >/dev/null
source "$ROOT/benchmarks/scripts/node-lib.sh"
DATA="$(mktemp -d)"; PIDS=()
trap 'for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$DATA"' EXIT

# start_pair INFLUXD_PORT TIDEMARK_PORT
start_pair() {
  IPORT=$1; TPORT=$2
  mkdir -p "$DATA/i" "$DATA/t"
  cat > "$DATA/i/influxdb.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:$((IPORT + 2))"
[meta]
  dir = "$DATA/i/meta"
  logging-enabled = false
[data]
  dir = "$DATA/i/data"
  wal-dir = "$DATA/i/wal"
  query-log-enabled = false
  cache-snapshot-write-cold-duration = "2s"
  compact-full-write-cold-duration = "5s"
[monitor]
  store-enabled = false
[http]
  bind-address = "127.0.0.1:$IPORT"
  log-enabled = false
[logging]
  level = "warn"
[continuous_queries]
  enabled = false
CONF
  influxd run -config "$DATA/i/influxdb.conf" > "$DATA/i/log" 2>&1 & PIDS+=($!)
  $(node_cmd "$ROOT" "$DATA/t" "127.0.0.1:$TPORT" INFLUXDB_DATA_CACHE_SNAPSHOT_WRITE_COLD_DURATION=2s \
    INFLUXDB_DATA_COMPACT_FULL_WRITE_COLD_DURATION=5s) > "$DATA/t/log" 2>&1 & PIDS+=($!)
  for port in $IPORT $TPORT; do
    until curl -sf -o /dev/null "http://127.0.0.1:$port/ping"; do sleep 0.2; done
    curl -sf -XPOST "http://127.0.0.1:$port/query" --data-urlencode 'q=CREATE DATABASE benchmark' >/dev/null
  done
}

# load_both LOAD_ARGS...: the same Load.java run against each server
load_both() {
  for port in $IPORT $TPORT; do
    (cd "$BENCH" && "$JAVA_BIN" Load.java --url "http://127.0.0.1:$port" --workers 4 "$@" | grep -E "errors")
  done
}
