#!/usr/bin/env bash
# Are full-precision floats stored losslessly? Loads the shared TSBS-like data with --floats (HOSTS x SPAN) into
# InfluxDB 1.6.7 and Tidemark, lets both compact, and compares every row of every host as JSON text (both print
# the shortest decimal that reads back as the same double, so equal text means equal bits).
#   benchmarks/scripts/floats-vs-influxd.sh [--hosts 10] [--span 1d]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="${BENCH_DIR:-$ROOT/../shared/bench}"
HOSTS=10; SPAN=1d
while [ $# -gt 0 ]; do
  case "$1" in --hosts) HOSTS="$2"; shift;; --span) SPAN="$2"; shift;; *) echo "unknown $1"; exit 2;; esac
  shift
done
"$ROOT/tidemark" build >/dev/null
JAVA_BIN="$(ls -d /usr/lib/jvm/temurin-25-jdk-amd64 2>/dev/null || echo "${JAVA_HOME:?set JAVA_HOME to a JDK 25}")/bin/java"
DATA="$(mktemp -d)"; PIDS=()
trap 'for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$DATA"' EXIT
IPORT=18486; TPORT=18496
mkdir -p "$DATA/i" "$DATA/t"
cat > "$DATA/i/influxdb.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:$((IPORT + 2))"
[meta]
  dir = "$DATA/i/meta"
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
CONF
influxd run -config "$DATA/i/influxdb.conf" > "$DATA/i/log" 2>&1 & PIDS+=($!)
env INFLUXDB_DATA_DIR="$DATA/t/data" INFLUXDB_DATA_WAL_DIR="$DATA/t/wal" INFLUXDB_META_DIR="$DATA/t/meta" \
  INFLUXDB_HTTP_BIND_ADDRESS="127.0.0.1:$TPORT" INFLUXDB_HTTP_LOG_ENABLED=false \
  INFLUXDB_DATA_CACHE_SNAPSHOT_WRITE_COLD_DURATION=2s INFLUXDB_DATA_COMPACT_FULL_WRITE_COLD_DURATION=5s \
  "$JAVA_BIN" --enable-native-access=ALL-UNNAMED -jar "$ROOT/cli/target/tidemark.jar" server > "$DATA/t/log" 2>&1 &
PIDS+=($!)
for port in $IPORT $TPORT; do
  until curl -sf -o /dev/null "http://127.0.0.1:$port/ping"; do sleep 0.2; done
  curl -sf -XPOST "http://127.0.0.1:$port/query" --data-urlencode 'q=CREATE DATABASE benchmark' >/dev/null
  (cd "$BENCH" && "$JAVA_BIN" Load.java --url "http://127.0.0.1:$port" --hosts "$HOSTS" --span "$SPAN" --floats \
    --workers 4 | grep -E "errors")
done
sleep 15   # cold snapshot and full compaction on both
rows=0; differ=0
for h in $(seq 0 $((HOSTS - 1))); do
  q="SELECT * FROM cpu WHERE hostname = 'host_$h'"
  a=$(curl -s -G "http://127.0.0.1:$IPORT/query" --data-urlencode db=benchmark --data-urlencode epoch=ns --data-urlencode "q=$q")
  b=$(curl -s -G "http://127.0.0.1:$TPORT/query" --data-urlencode db=benchmark --data-urlencode epoch=ns --data-urlencode "q=$q")
  n=$(echo "$a" | grep -o '\],\[' | wc -l); rows=$((rows + n + 1))
  [ "$a" = "$b" ] || { differ=$((differ + 1)); echo "host_$h differs"; }
done
echo "$rows rows of $HOSTS hosts compared as text: $differ hosts differ"
